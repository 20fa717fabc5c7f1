import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { open, rm, type FileHandle } from "node:fs/promises";
import { join } from "node:path";
import { writeError } from "../atomic.js";
import type { Deflated } from "./zip.js";

/**
 * A scratch file for entries that must wait their turn in the zip (the viewer's
 * copy of the messages, made while the NDJSON entry is still open), already
 * deflated, so that they wait at a fraction of their size. Encrypted with
 * a key that lives only in memory, so no plaintext reaches the disk; unlinked as
 * soon as it is opened where the system allows it, so even a killed run leaves nothing.
 */
export class Spill {
  private readonly key = randomBytes(32);
  private records: { at: number; length: number; entry: Omit<Deflated, "data"> }[] = [];
  private end = 0;
  private counter = 0;

  private constructor(
    private readonly handle: FileHandle,
    private readonly path: string,
    private unlinked: boolean,
    /** The archive it serves, named in errors: the disk there is the one that failed. */
    private readonly shownAs: string,
  ) {}

  static async open(dir: string, shownAs: string): Promise<Spill> {
    const path = join(dir, `.chatferry-${randomBytes(6).toString("hex")}.spill`);
    const handle = await open(path, "wx+", 0o600).catch((err: unknown) => {
      throw writeError(err, shownAs);
    });
    // Windows refuses to delete an open file; there it goes in close().
    const unlinked = await rm(path).then(
      () => true,
      () => false,
    );
    return new Spill(handle, path, unlinked, shownAs);
  }

  async put({ data, ...entry }: Deflated): Promise<void> {
    const nonce = Buffer.alloc(12);
    nonce.writeUInt32BE(this.counter++, 8);
    const cipher = createCipheriv("aes-256-gcm", this.key, nonce);
    const encrypted = cipher.update(data);
    cipher.final();
    const { bytesWritten } = await this.handle.writev([nonce, encrypted, cipher.getAuthTag()], this.end).catch((err: unknown) => {
      throw writeError(err, this.shownAs);
    });
    this.records.push({ at: this.end, length: bytesWritten, entry });
    this.end += bytesWritten;
  }

  /** The entries put since the last drain, in order; the space is reused afterwards. */
  async *drain(): AsyncGenerator<Deflated> {
    // One buffer to read every record into: the drain runs in a burst, and fresh buffers
    // would pile up as garbage faster than the collector looks at them.
    const scratch = Buffer.allocUnsafe(this.records.reduce((n, r) => Math.max(n, r.length), 0));
    for (const { at, length, entry } of this.records) {
      const sealed = scratch.subarray(0, length);
      await this.handle.read(sealed, 0, length, at).catch((err: unknown) => {
        throw writeError(err, this.shownAs);
      });
      const decipher = createDecipheriv("aes-256-gcm", this.key, sealed.subarray(0, 12));
      decipher.setAuthTag(sealed.subarray(length - 16));
      const data = decipher.update(sealed.subarray(12, length - 16));
      decipher.final();
      yield { ...entry, data };
    }
    this.records = [];
    this.end = 0;
  }

  async close(): Promise<void> {
    await this.handle.close().catch(() => undefined);
    if (!this.unlinked) await rm(this.path, { force: true });
  }
}
