/** The zip inside an archive: written here, read with yauzl over the decrypting reader. */
import { createHash, type Hash } from "node:crypto";
import { Readable, Transform, Writable, type TransformCallback } from "node:stream";
import { pipeline } from "node:stream/promises";
import zlib from "node:zlib";
import yauzl from "yauzl";
import { ChatFerryError } from "../../errors.js";
import type { ByteSink } from "../bytes.js";
import type { AgeFile } from "./age.js";

export interface EntryRecord {
  path: string;
  size: number;
  sha256: string;
}

/**
 * Counts and hashes what passes through, so every entry's digest comes from the bytes written.
 * Each hash is asked for only where it is used: on media, each costs a fifth of sealing them.
 */
export class Digest extends Transform {
  /** SHA-256, for the manifest and its checks. */
  readonly hash: Hash | undefined;
  size = 0;
  /** CRC-32, for the zip's own records. */
  crc = 0;

  constructor(private readonly what: { sha256: boolean; crc: boolean }) {
    super();
    this.hash = what.sha256 ? createHash("sha256") : undefined;
  }

  /** Takes bytes in; for a stream, pipe through the Digest instead. */
  update(data: Buffer): void {
    this.hash?.update(data);
    if (this.what.crc) this.crc = zlib.crc32(data, this.crc);
    this.size += data.length;
  }

  override _transform(data: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.update(data);
    done(null, data);
  }
}

/**
 * Deflate level for text. On NDJSON, level 3 compresses about 7.7:1 at twice the
 * speed of zlib's default 6 (8.7:1); the time matters more than the last tenth of size,
 * since media make most of an archive.
 */
const LEVEL = 3;
const MAX32 = 0xffffffff;
const UTF8_NAME = 0x0800;
const DATA_DESCRIPTOR = 0x0008;
/** Entries streamed in: sizes and CRC follow the data. */
const FLAGS = UTF8_NAME | DATA_DESCRIPTOR;
const STORE = 0;
const DEFLATE = 8;

/** A deflated entry made ahead of time (see addDeflated). */
export interface Deflated {
  data: Buffer;
  size: number;
  crc: number;
  sha256: string;
}

/** Compresses a small entry now, so that it can wait (in a spill) as a fraction of its size. */
export function deflate(data: Buffer): Deflated {
  return { data: zlib.deflateRawSync(data, { level: LEVEL }), size: data.length, crc: zlib.crc32(data), sha256: createHash("sha256").update(data).digest("hex") };
}

interface Central {
  name: Buffer;
  method: number;
  flags: number;
  crc: number;
  compressed: number;
  size: number;
  offset: number;
}

/**
 * A streaming zip writer (APPNOTE 6.3: deflate or store, UTF-8 names, data
 * descriptors, zip64 where sizes or offsets need it). Entries are written one at
 * a time: each `add` resolves once its data is in the output, so memory holds one
 * entry's buffers, not the archive's. Written for the archive rather than taken
 * from yazl: it computes CRC-32 natively (yazl's pure-JS CRC halves the speed of
 * media), and it takes entries deflated ahead of time.
 */
export class ZipWriter {
  /** Each entry with its SHA-256; empty for a writer made with `sha256: false`. */
  readonly entries: EntryRecord[] = [];
  private readonly central: Central[] = [];
  private offset = 0;
  private readonly time: number;
  private readonly date: number;
  private readonly zip64At: number;
  private readonly sha256: boolean;

  constructor(
    mtime: Date,
    private readonly out: ByteSink,
    {
      zip64At = MAX32,
      sha256 = true,
    }: {
      /** Sizes and offsets from this on are written as zip64; lowered only by tests, to reach that path without 4 GiB of data. */
      zip64At?: number;
      /** Hash each entry for `entries` (an archive's manifest); a zip that lists no hashes skips the cost. */
      sha256?: boolean;
    } = {},
  ) {
    this.zip64At = zip64At;
    this.sha256 = sha256;
    // MS-DOS time, local, 2-second steps: what every unzip tool shows.
    this.time = (mtime.getHours() << 11) | (mtime.getMinutes() << 5) | (mtime.getSeconds() >> 1);
    this.date = ((Math.max(1980, mtime.getFullYear()) - 1980) << 9) | ((mtime.getMonth() + 1) << 5) | mtime.getDate();
  }

  /** Adds an entry from a stream or bytes, deflated: text, hashed here as it passes. */
  async add(path: string, source: Readable | Buffer | string): Promise<void> {
    const name = this.name(path);
    const offset = this.offset;
    await this.write(this.localHeader(name, DEFLATE, FLAGS, 0, 0, 0));
    const input = source instanceof Readable ? source : Readable.from([typeof source === "string" ? Buffer.from(source) : source]);
    const digest = new Digest({ sha256: this.sha256, crc: true });
    let compressed = 0;
    const sink = new Writable({
      highWaterMark: 1024 * 1024,
      write: (data: Buffer, _encoding, done) => {
        compressed += data.length;
        this.write(data).then(() => done(), done);
      },
    });
    await pipeline([input, digest, zlib.createDeflateRaw({ level: LEVEL }), sink]);
    await this.close(path, { name, method: DEFLATE, flags: FLAGS, crc: digest.crc, compressed, size: digest.size, offset }, digest.hash?.digest("hex"));
  }

  /**
   * Adds an entry stored as it comes: media, which are compressed already. Each piece is
   * done with before the next is asked for (ByteSink), so the source may lend them.
   */
  async addStored(path: string, source: AsyncIterable<Buffer>): Promise<void> {
    const name = this.name(path);
    const offset = this.offset;
    await this.write(this.localHeader(name, STORE, FLAGS, 0, 0, 0));
    const digest = new Digest({ sha256: this.sha256, crc: true });
    for await (const data of source) {
      digest.update(data);
      await this.write(data);
    }
    const { size, crc } = digest;
    await this.close(path, { name, method: STORE, flags: FLAGS, crc, compressed: size, size, offset }, digest.hash?.digest("hex"));
  }

  /** Ends an entry written with a data descriptor: the descriptor, then the records of it. */
  private async close(path: string, entry: Central, sha256: string | undefined): Promise<void> {
    const { crc, compressed, size } = entry;
    const big = size >= this.zip64At || compressed >= this.zip64At;
    const descriptor = Buffer.alloc(big ? 24 : 16);
    descriptor.writeUInt32LE(0x08074b50, 0);
    descriptor.writeUInt32LE(crc, 4);
    if (big) {
      descriptor.writeBigUInt64LE(BigInt(compressed), 8);
      descriptor.writeBigUInt64LE(BigInt(size), 16);
    } else {
      descriptor.writeUInt32LE(compressed, 8);
      descriptor.writeUInt32LE(size, 12);
    }
    await this.write(descriptor);
    this.central.push(entry);
    if (sha256 !== undefined) this.record(path, size, sha256);
  }

  /** Adds an entry deflated ahead of time; its sizes and CRC go in the local header. */
  async addDeflated(path: string, entry: Deflated): Promise<void> {
    const name = this.name(path);
    const offset = this.offset;
    await this.write(this.localHeader(name, DEFLATE, UTF8_NAME, entry.crc, entry.data.length, entry.size));
    await this.write(entry.data);
    this.central.push({ name, method: DEFLATE, flags: UTF8_NAME, crc: entry.crc, compressed: entry.data.length, size: entry.size, offset });
    if (this.sha256) this.record(path, entry.size, entry.sha256);
  }

  /** Writes the central directory and ends the output (`out.end()`). */
  async end(): Promise<void> {
    const start = this.offset;
    for (const entry of this.central) await this.write(this.centralRecord(entry));
    const size = this.offset - start;
    const count = this.central.length;
    if (count >= 0xffff || size >= this.zip64At || start >= this.zip64At) {
      const record = Buffer.alloc(56);
      record.writeUInt32LE(0x06064b50, 0);
      record.writeBigUInt64LE(44n, 4);
      record.writeUInt16LE((3 << 8) | 45, 12);
      record.writeUInt16LE(45, 14);
      record.writeBigUInt64LE(BigInt(count), 24);
      record.writeBigUInt64LE(BigInt(count), 32);
      record.writeBigUInt64LE(BigInt(size), 40);
      record.writeBigUInt64LE(BigInt(start), 48);
      const locator = Buffer.alloc(20);
      locator.writeUInt32LE(0x07064b50, 0);
      locator.writeBigUInt64LE(BigInt(this.offset), 8);
      locator.writeUInt32LE(1, 16);
      await this.write(Buffer.concat([record, locator]));
    }
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(Math.min(count, 0xffff), 8);
    end.writeUInt16LE(Math.min(count, 0xffff), 10);
    end.writeUInt32LE(Math.min(size, MAX32), 12);
    end.writeUInt32LE(start >= this.zip64At ? MAX32 : start, 16);
    await this.write(end);
    await this.out.end();
  }

  private name(path: string): Buffer {
    if (!isSafePath(path)) throw new Error(`unsafe zip entry name ${JSON.stringify(path)}`);
    return Buffer.from(path);
  }

  private record(path: string, size: number, sha256: string): void {
    this.entries.push({ path, size, sha256 });
  }

  private localHeader(name: Buffer, method: number, flags: number, crc: number, compressed: number, size: number): Buffer {
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(45, 4);
    header.writeUInt16LE(flags, 6);
    header.writeUInt16LE(method, 8);
    header.writeUInt16LE(this.time, 10);
    header.writeUInt16LE(this.date, 12);
    header.writeUInt32LE(crc, 14);
    header.writeUInt32LE(compressed, 18);
    header.writeUInt32LE(size, 22);
    header.writeUInt16LE(name.length, 26);
    return Buffer.concat([header, name]);
  }

  private centralRecord(entry: Central): Buffer {
    // Only the fields that do not fit in 32 bits go to the zip64 extra field, in this order.
    const wide = [entry.size, entry.compressed, entry.offset].filter((n) => n >= this.zip64At);
    const extra = Buffer.alloc(wide.length > 0 ? 4 + 8 * wide.length : 0);
    if (wide.length > 0) {
      extra.writeUInt16LE(0x0001, 0);
      extra.writeUInt16LE(8 * wide.length, 2);
      wide.forEach((n, i) => extra.writeBigUInt64LE(BigInt(n), 4 + 8 * i));
    }
    const narrow = (n: number) => (n >= this.zip64At ? MAX32 : n);
    const record = Buffer.alloc(46);
    record.writeUInt32LE(0x02014b50, 0);
    record.writeUInt16LE((3 << 8) | 45, 4);
    record.writeUInt16LE(45, 6);
    record.writeUInt16LE(entry.flags, 8);
    record.writeUInt16LE(entry.method, 10);
    record.writeUInt16LE(this.time, 12);
    record.writeUInt16LE(this.date, 14);
    record.writeUInt32LE(entry.crc, 16);
    record.writeUInt32LE(narrow(entry.compressed), 20);
    record.writeUInt32LE(narrow(entry.size), 24);
    record.writeUInt16LE(entry.name.length, 28);
    record.writeUInt16LE(extra.length, 30);
    // Unix permissions rw-r--r-- for a regular file.
    record.writeUInt32LE((0o100644 << 16) >>> 0, 38);
    record.writeUInt32LE(narrow(entry.offset), 42);
    return Buffer.concat([record, entry.name, extra]);
  }

  private async write(data: Buffer): Promise<void> {
    this.offset += data.length;
    await this.out.write(data);
  }
}

/** yauzl's random access over the plaintext of an age file. */
class DecryptingReader extends yauzl.RandomAccessReader {
  constructor(private readonly age: AgeFile) {
    super();
  }

  override _readStreamForRange(start: number, end: number): Readable {
    return Readable.from(this.age.range(start, end), { objectMode: false });
  }
}

export interface ZipReader {
  entries: Map<string, yauzl.Entry>;
  open(entry: yauzl.Entry): Promise<Readable>;
  close(): void;
}

/** A relative path of plain segments: nothing that could land outside the folder it is unpacked into. */
export function isSafePath(path: string): boolean {
  if (path.length === 0 || path.length > 4096 || /[\\\0-\x1f]/.test(path) || /^[a-zA-Z]:/.test(path)) return false;
  return path.split("/").every((segment) => segment !== "" && segment !== "." && segment !== "..");
}

/**
 * Lists the zip's entries: E_NOT_ARCHIVE when the plaintext is no zip, E_UNSAFE_PATH
 * for a name that could escape the folder, E_CORRUPT for a name given twice.
 */
export async function readZip(age: AgeFile): Promise<ZipReader> {
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.fromRandomAccessReaderPromise(new DecryptingReader(age), age.plainSize, {
      lazyEntries: true,
      autoClose: false,
      // Names are checked here, with our own error, rather than by yauzl.
      decodeStrings: false,
      validateEntrySizes: true,
    });
  } catch (err) {
    if (err instanceof ChatFerryError) throw err;
    throw new ChatFerryError("E_NOT_ARCHIVE", { file: age.file }, { cause: err });
  }
  const entries = new Map<string, yauzl.Entry>();
  try {
    for await (const entry of zip.eachEntry()) {
      // With decodeStrings off, yauzl hands the raw bytes; ChatFerry writes UTF-8 names.
      const name = (entry.fileName as unknown as Buffer).toString("utf8");
      if (!isSafePath(name.endsWith("/") ? name.slice(0, -1) : name)) {
        throw new ChatFerryError("E_UNSAFE_PATH", { file: age.file, path: JSON.stringify(name) });
      }
      if (entries.has(name)) throw new ChatFerryError("E_CORRUPT", { file: age.file, where: name });
      entries.set(name, entry);
    }
  } catch (err) {
    zip.close();
    if (err instanceof ChatFerryError) throw err;
    throw new ChatFerryError("E_NOT_ARCHIVE", { file: age.file }, { cause: err });
  }
  return { entries, open: (entry) => zip.openReadStreamPromise(entry), close: () => zip.close() };
}
