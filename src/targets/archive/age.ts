/**
 * The age format (age-encryption.org/v1) for archives.
 *
 * The header (recipient stanzas, header MAC) is written and checked by the
 * `age-encryption` library. The payload is the age STREAM construction
 * (ChaCha20-Poly1305 over 64 KiB chunks, nonce = 11-byte big-endian counter +
 * last-chunk flag, key = HKDF-SHA256(file key, header nonce, "payload")), done
 * here with Node's native cipher: the library's pure-JS cipher runs at a tenth
 * of the speed, and archives with media are gigabytes.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes, scrypt } from "node:crypto";
import type { FileHandle } from "node:fs/promises";
import { Decrypter, Encrypter, Stanza, type Identity, type Recipient } from "age-encryption";
import { ChatFerryError } from "../../errors.js";
import { SlabWriter, type ByteSink } from "../bytes.js";
import { primeAllocator } from "./allocator.js";

const VERSION_LINE = Buffer.from("age-encryption.org/v1\n");
export const CHUNK = 64 * 1024;
const TAG = 16;
export const SEALED_CHUNK = CHUNK + TAG;
const NONCE = 16;
/** A chunk's nonce: 96 bits, as ChaCha20-Poly1305 takes. */
const CHUNK_NONCE = 12;
/** age's own default scrypt work factor (log2 N): about 2 s and 256 MiB. */
const DEFAULT_WORK_FACTOR = 18;
/** Decryption refuses more, as the library does: 2^20 already needs 1 GiB. */
const MAX_WORK_FACTOR = 20;
/** Chunks fetched by one read when decrypting: 1 MiB. */
const READ_AHEAD = 16;
/** age headers are a few hundred bytes per recipient; a larger one is not an archive we wrote or can trust. */
const MAX_HEADER = 64 * 1024;
const SCRYPT_LABEL = Buffer.from("age-encryption.org/v1/scrypt");

export type Keying = { passphrase: string; workFactor?: number } | { recipients: string[] };
export type Unlock = { passphrase: string } | { identities: string[] } | { fileKey: Uint8Array };

interface SealedHeader {
  /** The header and payload nonce: the file's first bytes. */
  bytes: Buffer;
  payloadKey: Buffer;
  /** Kept only in memory, to verify a file encrypted to recipients without their identities. */
  fileKey: Uint8Array;
}

/**
 * Makes the header with the library. Its encrypter never hands out the file key,
 * so a recipient of ours receives it: for recipients, a silent extra one that
 * adds no stanza; for a passphrase, the scrypt recipient below.
 */
export async function sealHeader(keying: Keying): Promise<SealedHeader> {
  const encrypter = new Encrypter();
  let fileKey: Uint8Array | undefined;
  const keep = (key: Uint8Array) => void (fileKey = Uint8Array.from(key));
  if ("passphrase" in keying) {
    encrypter.addRecipient(new ScryptRecipient(keying.passphrase, keying.workFactor ?? DEFAULT_WORK_FACTOR, keep));
  } else {
    encrypter.addRecipient({ wrapFileKey: (key) => (keep(key), []) });
    for (const recipient of keying.recipients) encrypter.addRecipient(recipient);
  }
  // An empty file is header, nonce and one empty final chunk; the chunk is dropped
  // unpublished, so reusing its key and nonce for our payload exposes nothing.
  const empty = Buffer.from(await encrypter.encrypt(new Uint8Array(0)));
  const bytes = empty.subarray(0, empty.length - TAG);
  if (!fileKey) throw new Error("age header written without a file key");
  return { bytes, payloadKey: payloadKey(fileKey, bytes.subarray(bytes.length - NONCE)), fileKey };
}

/** Whether the library can encrypt to this recipient (age1…). */
export function isRecipient(recipient: string): boolean {
  try {
    new Encrypter().addRecipient(recipient);
    return true;
  } catch {
    return false;
  }
}

/** Whether the library can decrypt with this identity (AGE-SECRET-KEY-1…). */
export function isIdentity(identity: string): boolean {
  try {
    new Decrypter().addIdentity(identity);
    return true;
  } catch {
    return false;
  }
}

function payloadKey(fileKey: Uint8Array, nonce: Uint8Array): Buffer {
  return Buffer.from(hkdfSync("sha256", fileKey, nonce, "payload", 32));
}

function scryptKey(passphrase: string, salt: Buffer, logN: number): Promise<Buffer> {
  const N = 2 ** logN;
  return new Promise((resolve, reject) =>
    // Node's scrypt runs on the thread pool, so Ctrl-C and progress stay live while it works.
    scrypt(passphrase, Buffer.concat([SCRYPT_LABEL, salt]), 32, { N, r: 8, p: 1, maxmem: 2 * 128 * 8 * N }, (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  );
}

const ZERO_NONCE = Buffer.alloc(CHUNK_NONCE);

function sealKey(key: Buffer, fileKey: Uint8Array): Buffer {
  const cipher = createCipheriv("chacha20-poly1305", key, ZERO_NONCE, { authTagLength: TAG });
  return Buffer.concat([cipher.update(fileKey), cipher.final(), cipher.getAuthTag()]);
}

/** The scrypt stanza of the age spec: one stanza, alone in its header. */
class ScryptRecipient implements Recipient {
  constructor(
    private readonly passphrase: string,
    private readonly logN: number,
    private readonly keep: (fileKey: Uint8Array) => void,
  ) {}

  async wrapFileKey(fileKey: Uint8Array): Promise<Stanza[]> {
    this.keep(fileKey);
    const salt = randomBytes(16);
    const key = await scryptKey(this.passphrase, salt, this.logN);
    return [new Stanza(["scrypt", salt.toString("base64").replace(/=+$/, ""), String(this.logN)], sealKey(key, fileKey))];
  }
}

class ScryptIdentity implements Identity {
  constructor(private readonly passphrase: string) {}

  async unwrapFileKey(stanzas: Stanza[]): Promise<Uint8Array | null> {
    const stanza = stanzas.find((s) => s.args[0] === "scrypt");
    if (!stanza) return null;
    const [, salt, logN] = stanza.args;
    // Throwing (not returning null) marks the header as malformed rather than the passphrase as wrong.
    if (stanzas.length !== 1 || stanza.args.length !== 3) throw new Error("invalid scrypt stanza");
    if (!/^[A-Za-z0-9+/]{21}[AQgw]$/.test(salt!) || !/^[1-9][0-9]?$/.test(logN!)) throw new Error("invalid scrypt stanza");
    if (Number(logN) > MAX_WORK_FACTOR || stanza.body.length !== 32) throw new Error("invalid scrypt stanza");
    const key = await scryptKey(this.passphrase, Buffer.from(salt!, "base64"), Number(logN));
    const decipher = createDecipheriv("chacha20-poly1305", key, ZERO_NONCE, { authTagLength: TAG });
    decipher.setAuthTag(stanza.body.subarray(16));
    const fileKey = decipher.update(stanza.body.subarray(0, 16));
    try {
      decipher.final();
      return fileKey;
    } catch {
      return null;
    }
  }
}

/** Writes chunk `index`'s nonce at `offset`: an 11-byte big-endian counter, then 1 for the last chunk. */
function writeNonce(target: Buffer, offset: number, index: number, last: boolean): void {
  // 2^53 chunks of 64 KiB is more than any disk holds, so the counter's top three bytes stay 0.
  target.fill(0, offset, offset + 3);
  target.writeUInt32BE(Math.floor(index / 2 ** 32), offset + 3);
  target.writeUInt32BE(index >>> 0, offset + 7);
  target[offset + 11] = last ? 1 : 0;
}

function chunkNonce(index: number, last: boolean): Buffer {
  const nonce = Buffer.alloc(CHUNK_NONCE);
  writeNonce(nonce, 0, index, last);
  return nonce;
}

/**
 * Plaintext in, age payload out through `writev` (the caller writes the header first).
 * One cipher call per 64 KiB chunk, in this thread; the sealed chunks go out through a
 * SlabWriter, a megabyte a write while the cipher goes on. Beyond the cipher itself, most
 * of the cost is Node allocating every output afresh (README, "Speed and memory"). A
 * sealing thread was tried twice; on two cores, handing blocks over and sealed bytes back
 * cost more than it saved; so did a hashing thread, which needs nothing back (the VM's
 * two cores share the memory every pass over the bytes waits on).
 */
export class PayloadSealer implements ByteSink {
  /** The input's tail that does not fill a chunk yet, or a full chunk not yet known not to be the last. */
  private readonly pending = Buffer.allocUnsafe(CHUNK);
  private used = 0;
  private index = 0;
  private readonly nonce = Buffer.alloc(CHUNK_NONCE);
  private readonly out: SlabWriter;

  constructor(
    private readonly key: Buffer,
    writev: (buffers: Buffer[]) => Promise<void>,
  ) {
    primeAllocator();
    this.out = new SlabWriter(writev);
  }

  async write(...data: Buffer[]): Promise<void> {
    for (const buffer of data) {
      let offset = 0;
      if (this.used > 0 || buffer.length <= CHUNK) {
        offset = Math.min(CHUNK - this.used, buffer.length);
        buffer.copy(this.pending, this.used, 0, offset);
        this.used += offset;
        if (this.used < CHUNK || offset === buffer.length) continue;
        // A full chunk is sealed only once more data proves it is not the last.
        await this.seal(this.pending, false);
        this.used = 0;
      }
      for (; buffer.length - offset > CHUNK; offset += CHUNK) await this.seal(buffer.subarray(offset, offset + CHUNK), false);
      buffer.copy(this.pending, 0, offset);
      this.used = buffer.length - offset;
    }
  }

  async end(): Promise<void> {
    await this.seal(this.pending.subarray(0, this.used), true);
    await this.out.end();
  }

  private async seal(plain: Buffer, last: boolean): Promise<void> {
    // The cipher copies the nonce when it is made, so one buffer serves every chunk.
    writeNonce(this.nonce, 0, this.index++, last);
    const cipher = createCipheriv("chacha20-poly1305", this.key, this.nonce, { authTagLength: TAG });
    const sealed = cipher.update(plain);
    cipher.final();
    await this.out.write(sealed, cipher.getAuthTag());
  }
}

/** A read of sealed chunks from `index` into one of an AgeFile's two scratch buffers (`slot`). */
interface Block {
  index: number;
  slot: 0 | 1;
  sealed: Buffer;
  bytesRead: Promise<number>;
}

/** An age file opened for reading: header parsed, then unlocked, then read chunk by chunk in any order. */
export class AgeFile {
  /** Stanza types in the header, such as "scrypt" or "X25519": they say what unlocks the file. */
  readonly stanzaTypes: string[];
  plainSize = 0;
  private key: Buffer | undefined;
  private chunkCount = 0;
  private lastLength = 0;
  private readonly payloadOffset: number;
  private readonly payloadSize: number;
  private checked = new Uint8Array(0);
  private readonly cache = new Map<number, Buffer>();
  /** Two read buffers: one being decrypted while the disk fills the other (see `read`). */
  private readonly scratch: readonly [Buffer, Buffer] = [Buffer.allocUnsafe(READ_AHEAD * SEALED_CHUNK), Buffer.allocUnsafe(READ_AHEAD * SEALED_CHUNK)];
  /** The read started for the block after the last one asked for, into the scratch buffer not being decrypted. */
  private ahead: Block | undefined;
  /** The read in progress: reads take turns, since they share `scratch` (a viewer asks for several files at once). */
  private reading: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly handle: FileHandle,
    readonly file: string,
    private readonly header: Buffer,
    fileSize: number,
  ) {
    this.stanzaTypes = header
      .toString("latin1")
      .split("\n")
      .filter((line) => line.startsWith("-> "))
      .map((line) => line.split(" ")[1] ?? "");
    this.payloadOffset = header.length + NONCE;
    this.payloadSize = fileSize - this.payloadOffset;
  }

  /** Reads the header; E_NOT_ARCHIVE when the file is no age file, E_TRUNCATED when it ends inside the header. */
  static async open(handle: FileHandle, file: string): Promise<AgeFile> {
    const { size } = await handle.stat();
    const head = Buffer.alloc(Math.min(size, MAX_HEADER + VERSION_LINE.length));
    await handle.read(head, 0, head.length, 0);
    const prefix = head.subarray(0, VERSION_LINE.length);
    if (size === 0 || !VERSION_LINE.subarray(0, prefix.length).equals(prefix)) {
      throw new ChatFerryError("E_NOT_ARCHIVE", { file });
    }
    const macLine = head.indexOf("\n--- ");
    const end = macLine < 0 ? -1 : head.indexOf("\n", macLine + 1);
    if (end < 0) {
      throw new ChatFerryError(size <= head.length ? "E_TRUNCATED" : "E_CORRUPT", { file, where: "header" });
    }
    const age = new AgeFile(handle, file, head.subarray(0, end + 1), size);
    if (age.payloadSize < TAG) throw new ChatFerryError("E_TRUNCATED", { file });
    return age;
  }

  /** Recovers the file key; E_PASSPHRASE or E_IDENTITY when what was given does not match. */
  async unlock(how: Unlock): Promise<void> {
    const decrypter = new Decrypter();
    if ("passphrase" in how) decrypter.addIdentity(new ScryptIdentity(how.passphrase));
    else if ("identities" in how) for (const identity of how.identities) decrypter.addIdentity(identity);
    else decrypter.addIdentity({ unwrapFileKey: () => how.fileKey });
    // Tried last, only when nothing else matched: tells "wrong key" from "damaged header".
    let unmatched = false;
    decrypter.addIdentity({ unwrapFileKey: () => ((unmatched = true), null) });
    let fileKey: Uint8Array;
    try {
      fileKey = await decrypter.decryptHeader(this.header);
    } catch (err) {
      if (!unmatched) throw new ChatFerryError("E_CORRUPT", { file: this.file, where: "header" }, { cause: err });
      throw new ChatFerryError("passphrase" in how ? "E_PASSPHRASE" : "E_IDENTITY", { file: this.file }, { cause: err });
    }
    const nonce = Buffer.alloc(NONCE);
    await this.handle.read(nonce, 0, NONCE, this.header.length);
    primeAllocator();
    this.key = payloadKey(fileKey, nonce);
    this.chunkCount = Math.ceil(this.payloadSize / SEALED_CHUNK);
    this.lastLength = this.payloadSize - (this.chunkCount - 1) * SEALED_CHUNK;
    // Only a file's sole chunk may be empty: a last chunk of tag only means the rest was cut off.
    if (this.chunkCount > 1 && this.lastLength <= TAG) throw new ChatFerryError("E_TRUNCATED", { file: this.file });
    this.plainSize = this.payloadSize - this.chunkCount * TAG;
    this.checked = new Uint8Array(this.chunkCount);
  }

  /** The plaintext bytes [start, end), each chunk authenticated before any of it is handed out. */
  async *range(start: number, end: number): AsyncGenerator<Buffer> {
    for (let i = Math.floor(start / CHUNK); i * CHUNK < end; i++) {
      const plain = await this.chunk(i);
      const from = Math.max(0, start - i * CHUNK);
      const to = Math.min(plain.length, end - i * CHUNK);
      yield plain.subarray(from, to);
    }
  }

  /** Authenticates every chunk no read has touched yet, so that no byte of the file goes unchecked. */
  async checkRest(): Promise<void> {
    for (let i = 0; i < this.chunkCount; i++) if (!this.checked[i]) await this.chunk(i);
  }

  async close(): Promise<void> {
    await this.ahead?.bytesRead.catch(() => undefined);
    await this.handle.close();
  }

  private chunk(index: number): Promise<Buffer> {
    const cached = this.cache.get(index);
    if (cached) return Promise.resolve(cached);
    const read = this.reading.then(() => this.cache.get(index) ?? this.read(index));
    this.reading = read.catch(() => undefined);
    return read;
  }

  private async read(index: number): Promise<Buffer> {
    if (!this.key) throw new Error("age file read before unlock");
    // Reads come in order with small overlaps (zip headers, then data): one read fetches the next
    // READ_AHEAD chunks, each authenticated before it is cached.
    const count = Math.min(READ_AHEAD, this.chunkCount - index);
    const ahead = this.ahead;
    this.ahead = undefined;
    // A read ahead that is not the one wanted still lands in a scratch buffer: it must finish first.
    if (ahead && ahead.index !== index) await ahead.bytesRead.catch(() => undefined);
    const { sealed, bytesRead, slot } = ahead?.index === index ? ahead : this.readBlock(index, 0);
    if ((await bytesRead) !== sealed.length) throw new ChatFerryError("E_TRUNCATED", { file: this.file });
    // Reads mostly come in order (verification, unpacking): the next block is fetched while this one is decrypted.
    if (index + count < this.chunkCount) this.ahead = this.readBlock(index + count, slot === 0 ? 1 : 0);
    for (let k = 0; k < count; k++) {
      const at = index + k;
      const piece = sealed.subarray(k * SEALED_CHUNK, Math.min(sealed.length, (k + 1) * SEALED_CHUNK));
      const plain = open(this.key, at, at === this.chunkCount - 1, piece);
      if (!plain) {
        // A bad chunk read ahead is reported when it is asked for, with the chunks before it in hand.
        if (k === 0) throw await this.failure(index, Buffer.from(piece));
        break;
      }
      this.checked[at] = 1;
      this.cache.delete(at);
      this.cache.set(at, plain);
    }
    while (this.cache.size > 2 * READ_AHEAD) this.cache.delete(this.cache.keys().next().value!);
    return this.cache.get(index)!;
  }

  /**
   * Starts reading the READ_AHEAD chunks from `index` into scratch buffer `slot`, reused: only the
   * plaintext is handed out, and a fresh megabyte per read would be garbage piling up faster than
   * the collector looks at it.
   */
  private readBlock(index: number, slot: 0 | 1): Block {
    const count = Math.min(READ_AHEAD, this.chunkCount - index);
    const length = (count - 1) * SEALED_CHUNK + (index + count === this.chunkCount ? this.lastLength : SEALED_CHUNK);
    const sealed = this.scratch[slot].subarray(0, length);
    const bytesRead = this.handle.read(sealed, 0, length, this.payloadOffset + index * SEALED_CHUNK).then((r) => r.bytesRead);
    // A read ahead nobody asks for again (the file closes, or the next read is elsewhere) must not fail unhandled.
    bytesRead.catch(() => undefined);
    return { index, slot, sealed, bytesRead };
  }

  /**
   * Authentication failed. Cryptography cannot say why; the shape of the file can.
   * A last chunk that opens as a middle chunk, or whose (unauthenticated) plaintext
   * is zip data without the zip's closing record, means the file was cut short.
   * A closing record in place means a byte was changed; so does a first chunk that
   * fails too (the nonce or key is wrong, not the end).
   */
  private async failure(index: number, sealed: Buffer): Promise<ChatFerryError> {
    const corrupt = new ChatFerryError("E_CORRUPT", { file: this.file, where: `byte ${this.payloadOffset + index * SEALED_CHUNK}` });
    const truncated = new ChatFerryError("E_TRUNCATED", { file: this.file });
    if (index < this.chunkCount - 1) return corrupt;
    if (index > 0 && !this.checked[0]) {
      const first = Buffer.alloc(SEALED_CHUNK);
      await this.handle.read(first, 0, SEALED_CHUNK, this.payloadOffset);
      if (!open(this.key!, 0, false, first)) return corrupt;
    }
    if (sealed.length === SEALED_CHUNK) return open(this.key!, index, false, sealed) ? truncated : corrupt;
    const before = this.cache.get(index - 1) ?? Buffer.alloc(0);
    const tail = Buffer.concat([before, keystreamOpen(this.key!, index, sealed)]);
    if (endsWithZipEnd(tail)) return corrupt;
    // A lone chunk has no authenticated neighbour to vouch for the key: it must at least look like a zip.
    if (index === 0 && !tail.includes("PK")) return corrupt;
    return truncated;
  }
}

function open(key: Buffer, index: number, last: boolean, sealed: Buffer): Buffer | null {
  const decipher = createDecipheriv("chacha20-poly1305", key, chunkNonce(index, last), { authTagLength: TAG });
  decipher.setAuthTag(sealed.subarray(sealed.length - TAG));
  const plain = decipher.update(sealed.subarray(0, sealed.length - TAG));
  try {
    decipher.final();
    return plain;
  } catch {
    return null;
  }
}

/** ChaCha20 alone (counter 1, as ChaCha20-Poly1305 starts): the plaintext without checking it; used only to choose an error. */
function keystreamOpen(key: Buffer, index: number, sealed: Buffer): Buffer {
  const iv = Buffer.concat([Buffer.from([1, 0, 0, 0]), chunkNonce(index, true)]);
  return createDecipheriv("chacha20", key, iv).update(sealed.subarray(0, sealed.length - TAG));
}

/** A zip ends with its end-of-central-directory record, whose comment runs to the last byte. */
function endsWithZipEnd(tail: Buffer): boolean {
  for (let at = tail.length - 22; at >= 0 && at >= tail.length - 22 - 0xffff; at--) {
    if (tail.readUInt32LE(at) === 0x06054b50 && tail.readUInt16LE(at + 20) === tail.length - at - 22) return true;
  }
  return false;
}
