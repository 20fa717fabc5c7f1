import { createWriteStream } from "node:fs";
import { mkdir, open, readdir, rename, rm, rmdir } from "node:fs/promises";
import { dirname, join, resolve, sep } from "node:path";
import { Readable, Transform, Writable, type TransformCallback } from "node:stream";
import { pipeline } from "node:stream/promises";
import { isDeepStrictEqual } from "node:util";
import { ChatFerryError, fileError } from "../../errors.js";
import { tempBeside, writeError } from "../atomic.js";
import { NameAllocator } from "../safe-name.js";
import { AgeFile, type Unlock } from "./age.js";
import { ARCHIVE_FORMAT, MANIFEST, type Manifest } from "./manifest.js";
import type { Entry } from "yauzl";
import { Digest, readZip, type ZipReader } from "./zip.js";

/** Larger than any manifest of a real archive (a few hundred bytes per media file); bounds what a bad file can make us read. */
const MAX_MANIFEST = 256 * 1024 * 1024;

/** Opens an archive file far enough to say what unlocks it. */
export async function openAge(path: string): Promise<AgeFile> {
  let handle;
  try {
    handle = await open(path, "r");
  } catch (err) {
    throw fileError(err, path);
  }
  try {
    return await AgeFile.open(handle, path);
  } catch (err) {
    await handle.close();
    throw err instanceof ChatFerryError ? err : fileError(err, path);
  }
}

export interface VerifyResult {
  manifest: Manifest;
  /** Messages counted in the NDJSON entries, per conversation id. */
  messages: Map<string, number>;
}

/**
 * Reads every entry, checks it against the manifest (hash, size, message count),
 * and authenticates every byte of the file. `into` receives each entry's bytes;
 * `expected` is the manifest the writer built, when verifying a fresh archive.
 *
 * A fresh archive's entries are checked against the zip's CRC-32s rather than the SHA-256s:
 * the writer makes both in one Digest.update of each buffer it then seals (keep it so), every
 * chunk's tag proves the file holds what was sealed, and the CRC-32 then proves each entry is
 * what was hashed, at a quarter of the cost. An archive read from disk later gets the SHA-256s
 * and its manifest the schema; the tests open every fixture's fresh archive that way.
 */
export async function walkArchive(
  age: AgeFile,
  into?: (path: string) => Promise<Writable>,
  expected?: Manifest,
): Promise<VerifyResult> {
  const zip = await readZip(age);
  try {
    const manifestEntry = zip.entries.get(MANIFEST);
    if (!manifestEntry) throw new ChatFerryError("E_NOT_ARCHIVE", { file: age.file });
    const manifest = await readManifest(zip, manifestEntry, age.file, expected);
    const corrupt = (where: string) => new ChatFerryError("E_CORRUPT", { file: age.file, where });
    const listed = new Set(manifest.entries.map((e) => e.path));
    for (const name of zip.entries.keys()) if (name !== MANIFEST && !listed.has(name)) throw corrupt(name);
    const counted = new Map(manifest.conversations.map((c) => [c.path, c]));
    const messages = new Map<string, number>();
    if (into) await pipeline(Readable.from([Buffer.from(JSON.stringify(manifest, null, 2) + "\n")]), await into(MANIFEST));
    for (const record of manifest.entries) {
      const entry = zip.entries.get(record.path);
      if (!entry) throw corrupt(record.path);
      // yauzl does not check CRC-32s; this does, or the SHA-256 (see above).
      const digest = new Digest({ sha256: !expected, crc: !!expected });
      const counter = counted.has(record.path) ? new MessageCounter() : undefined;
      const stages: (Readable | Transform | Writable)[] = [await zip.open(entry), digest];
      if (counter) stages.push(counter);
      stages.push(into ? await into(record.path) : discard());
      try {
        await pipeline(stages);
      } catch (err) {
        if (err instanceof ChatFerryError) throw err;
        // yauzl's own checks (sizes, inflate) fail only when the bytes are not what the writer wrote.
        throw new ChatFerryError("E_CORRUPT", { file: age.file, where: record.path }, { cause: err });
      }
      if (digest.size !== record.size) throw corrupt(record.path);
      if (expected ? digest.crc !== entry.crc32 : digest.hash!.digest("hex") !== record.sha256) throw corrupt(record.path);
      const conversation = counted.get(record.path);
      if (conversation && counter) {
        if (counter.count !== conversation.messages) throw corrupt(record.path);
        messages.set(conversation.id, counter.count);
      }
    }
    if (messages.size !== manifest.conversations.length) throw corrupt(MANIFEST);
    await age.checkRest();
    return { manifest, messages };
  } finally {
    zip.close();
  }
}

/** The manifest, checked against its schema, or against `expected` whole when the writer gave it. */
async function readManifest(zip: ZipReader, entry: Entry, file: string, expected: Manifest | undefined): Promise<Manifest> {
  if (entry.uncompressedSize > MAX_MANIFEST) throw new ChatFerryError("E_NOT_ARCHIVE", { file });
  const parts: Buffer[] = [];
  for await (const part of await zip.open(entry)) parts.push(part as Buffer);
  let json: unknown;
  try {
    json = JSON.parse(Buffer.concat(parts).toString("utf8"));
  } catch (err) {
    throw new ChatFerryError("E_CORRUPT", { file, where: MANIFEST }, { cause: err });
  }
  const format = (json as { format?: unknown } | null)?.format;
  if (format !== ARCHIVE_FORMAT) throw new ChatFerryError("E_NOT_ARCHIVE", { file });
  if (expected) {
    if (!isDeepStrictEqual(json, expected)) throw new ChatFerryError("E_CORRUPT", { file, where: MANIFEST });
    return expected;
  }
  // Loaded here, not above: writing an archive verifies against its own manifest and need not load zod.
  const { Manifest } = await import("./manifest-schema.js");
  const parsed = Manifest.safeParse(json);
  if (!parsed.success) throw new ChatFerryError("E_CORRUPT", { file, where: MANIFEST });
  return parsed.data;
}

/** Checks an archive as `chatferry verify` does; throws the first problem found. */
export async function verifyArchive(path: string, unlock: Unlock, expected?: Manifest): Promise<VerifyResult> {
  const age = await openAge(path);
  try {
    await age.unlock(unlock);
    return await walkArchive(age, undefined, expected);
  } finally {
    await age.close();
  }
}

export interface UnpackResult extends VerifyResult {
  /** Entries written under another name than the archive gives them (see EntryPlaces). */
  renamed: { from: string; to: string }[];
}

/**
 * Where each entry of an archive goes under the folder it is unpacked into. readZip has
 * refused names that climb out of it; here every part of a path becomes a portable name
 * (safeName), unique in its folder however the file system compares names, so that an
 * archive made on one system unpacks the same on Windows, macOS and Linux: `CON` or
 * `a:b` do not name a device or a stream, `A.jpg` does not overwrite `a.jpg`.
 */
class EntryPlaces {
  /** Per folder (by its place), the names taken there and what each part of an entry path became. */
  private readonly folders = new Map<string, { names: NameAllocator; places: Map<string, string> }>();
  readonly renamed: { from: string; to: string }[] = [];

  /** The parts of the relative path `path` is written to. */
  place(path: string): string[] {
    const parts = path.split("/");
    const placed: string[] = [];
    parts.forEach((part, i) => {
      const parent = placed.join("/");
      let folder = this.folders.get(parent);
      if (!folder) this.folders.set(parent, (folder = { names: new NameAllocator(), places: new Map() }));
      // A file and a folder of the same name are two things to place, not one.
      const key = `${i === parts.length - 1 ? "file" : "folder"}:${part}`;
      let name = folder.places.get(key);
      if (name === undefined) folder.places.set(key, (name = folder.names.take(part)));
      placed.push(name);
    });
    const to = placed.join("/");
    if (to !== path) this.renamed.push({ from: path, to });
    return placed;
  }
}

/**
 * Unpacks into `dir`, which must not exist or be empty. Everything goes into a
 * private folder beside it first and takes the name only once every entry has
 * been checked: a damaged archive leaves nothing behind.
 */
export async function unpackArchive(age: AgeFile, dir: string): Promise<UnpackResult> {
  const target = resolve(dir);
  const present = await readdir(target).then(
    (names) => names.length,
    (err: NodeJS.ErrnoException) => {
      if (err.code === "ENOENT") return -1;
      throw new ChatFerryError("E_EXISTS", { file: dir }, { cause: err });
    },
  );
  if (present > 0) throw new ChatFerryError("E_EXISTS", { file: dir });
  const temp = tempBeside(target);
  const places = new EntryPlaces();
  try {
    await mkdir(temp, { mode: 0o700 });
    const result = await walkArchive(age, async (path) => {
      const file = join(temp, ...places.place(path));
      // readZip refused unsafe names already; this is the last line of defence.
      if (!file.startsWith(temp + sep)) throw new ChatFerryError("E_UNSAFE_PATH", { file: age.file, path: JSON.stringify(path) });
      await mkdir(dirname(file), { recursive: true, mode: 0o700 });
      // A megabyte buffered while a write is under way, then written with one call: the entries come in 64 KiB pieces.
      return createWriteStream(file, { flags: "wx", mode: 0o600, highWaterMark: 1024 * 1024 });
    });
    if (present === 0) await rmdir(target);
    await rename(temp, target);
    return { ...result, renamed: places.renamed };
  } catch (err) {
    await rm(temp, { recursive: true, force: true });
    throw writeError(err, dir);
  }
}

const MESSAGE_PREFIX = Buffer.from('{"type":"message"');

/** Counts NDJSON lines that are message records, without parsing them. */
class MessageCounter extends Transform {
  count = 0;
  /** The first bytes of the current line, while they may still be the prefix. */
  private head: Buffer | null = Buffer.alloc(0);

  override _transform(data: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    let at = 0;
    while (at < data.length) {
      if (this.head) {
        const take = Math.min(MESSAGE_PREFIX.length - this.head.length, data.length - at);
        this.head = Buffer.concat([this.head, data.subarray(at, at + take)]);
        if (!MESSAGE_PREFIX.subarray(0, this.head.length).equals(this.head)) this.head = null;
        else if (this.head.length === MESSAGE_PREFIX.length) {
          this.count++;
          this.head = null;
        }
      }
      const newline = data.indexOf(10, at);
      if (newline < 0) break;
      at = newline + 1;
      this.head = Buffer.alloc(0);
    }
    done(null, data);
  }
}

function discard(): Writable {
  return new Writable({ write: (_data, _encoding, done) => done() });
}
