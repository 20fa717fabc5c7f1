import { randomBytes } from "node:crypto";
import { open, rename, rm, type FileHandle } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import type { Writable } from "node:stream";
import { ChatFerryError } from "../errors.js";

/** Where a target writes text; nothing is visible under the final name until `commit`. */
export interface Sink {
  write(text: string): Promise<void>;
  commit(): Promise<void>;
  /** Drops what was written (a file sink leaves no partial file). */
  abort(): Promise<void>;
}

/** Writes are gathered to this size: one syscall per 256 KiB, not per message. */
const FLUSH_AT = 256 * 1024;

/** A file written beside its target, fsync'd and renamed into place on commit. */
export async function fileSink(path: string): Promise<Sink> {
  const name = basename(path);
  const temp = join(dirname(path), `.${name}.${randomBytes(4).toString("hex")}.tmp`);
  const fail = (err: unknown) =>
    new ChatFerryError("E_WRITE", { file: name, reason: (err as NodeJS.ErrnoException).code ?? String(err) }, { cause: err });
  let handle: FileHandle;
  try {
    handle = await open(temp, "wx", 0o644);
  } catch (err) {
    throw fail(err);
  }
  const buffer = buffered(async (text) => {
    try {
      await handle.write(text);
    } catch (err) {
      throw fail(err);
    }
  });
  return {
    write: buffer.add,
    async commit() {
      await buffer.flush();
      try {
        await handle.sync();
        await handle.close();
        await rename(temp, path);
      } catch (err) {
        await rm(temp, { force: true });
        throw fail(err);
      }
    },
    async abort() {
      await handle.close().catch(() => undefined);
      await rm(temp, { force: true });
    },
  };
}

/** A stream such as standard output, honouring backpressure. */
export function streamSink(stream: Writable): Sink {
  const buffer = buffered(async (text) => {
    if (!stream.write(text)) await new Promise<void>((resolve) => {
      const done = () => {
        stream.off("drain", done);
        stream.off("error", done);
        resolve();
      };
      stream.on("drain", done);
      stream.on("error", done);
    });
  });
  return {
    write: buffer.add,
    commit: buffer.flush,
    async abort() {
      buffer.clear();
    },
  };
}

/** Gathers small writes into FLUSH_AT-sized ones. */
function buffered(write: (text: string) => Promise<void>) {
  let pending: string[] = [];
  let size = 0;
  const clear = () => {
    pending = [];
    size = 0;
  };
  const flush = async () => {
    if (pending.length === 0) return;
    const text = pending.join("");
    clear();
    await write(text);
  };
  return {
    clear,
    flush,
    async add(text: string) {
      pending.push(text);
      size += text.length;
      if (size >= FLUSH_AT) await flush();
    },
  };
}
