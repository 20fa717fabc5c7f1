import { basename } from "node:path";
import iconv from "iconv-lite";
import yauzl from "yauzl";
import { ChatFerryError } from "../errors.js";
import type { Container, Entry } from "./container.js";
import { readRange } from "./file-range.js";
import { overExpanded, TEXT_CHUNK, type InputLimits } from "./limits.js";

const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;

/**
 * Reads the central directory whole and refuses a hostile zip before any
 * entry is read: unsafe paths, links, too many entries, too many bytes, or a
 * compression ratio no chat export has, of one entry or of the whole zip (many
 * small bombs). Entries are then streamed on demand, each stopped by yauzl as
 * soon as it gives more bytes than the directory declared, so the declared sizes
 * checked here bound what is inflated.
 */
export async function openZip(path: string, limits: InputLimits): Promise<Container> {
  const name = basename(path);
  const refuse = (reason: string) => new ChatFerryError("E_UNSAFE_ZIP", { file: name, reason });
  let zip: yauzl.ZipFile;
  try {
    // validateEntrySizes is yauzl's default; it is what makes a lying header harmless, so it is not left implicit.
    zip = await yauzl.openPromise(path, { autoClose: false, decodeStrings: false, validateEntrySizes: true });
  } catch (err) {
    throw new ChatFerryError("E_BAD_ZIP", { file: name, reason: (err as Error).message }, { cause: err });
  }
  const entries: Entry[] = [];
  let total = 0;
  try {
    if (zip.entryCount > limits.entries) throw refuse(`${zip.entryCount} entries`);
    for await (const raw of zip.eachEntry()) {
      const fileName = entryName(raw);
      const problem = yauzl.validateFileName(fileName);
      if (problem !== null) throw refuse(`${fileName}: ${problem}`);
      if (((raw.externalFileAttributes >>> 16) & S_IFMT) === S_IFLNK) throw refuse(`${fileName}: a link`);
      if (fileName.endsWith("/")) continue;
      total += raw.uncompressedSize;
      if (total > limits.bytes) throw refuse(`more than ${limits.bytes / 1e9} GB`);
      if (overExpanded(raw.uncompressedSize, raw.compressedSize, limits)) throw bomb(`${name}/${fileName}`, limits);
      if (overExpanded(total, zip.fileSize, limits)) throw bomb(name, limits);
      if (raw.isEncrypted()) throw refuse(`${fileName}: encrypted`);
      entries.push(zipEntry(path, zip, raw, fileName, name));
    }
  } catch (err) {
    zip.close();
    if (err instanceof ChatFerryError) throw err;
    throw new ChatFerryError("E_BAD_ZIP", { file: name, reason: (err as Error).message }, { cause: err });
  }
  return { name, kind: "zip", entries, close: async () => zip.close() };
}

function bomb(file: string, limits: InputLimits): ChatFerryError {
  return new ChatFerryError("E_ZIP_BOMB", { file, ratio: limits.ratio });
}

/**
 * Zips from Korean Windows store names in CP949 without the UTF-8 flag; the
 * spec's CP437 would turn them into mojibake. UTF-8 first, then CP949.
 */
function entryName(raw: yauzl.Entry): string {
  const bytes = raw.fileNameRaw;
  let decoded: string;
  if (raw.generalPurposeBitFlag & 0x800) decoded = bytes.toString("utf8");
  else {
    try {
      decoded = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    } catch {
      decoded = iconv.decode(bytes, "cp949");
    }
  }
  return decoded.replace(/\\/g, "/");
}

function zipEntry(zipPath: string, zip: yauzl.ZipFile, raw: yauzl.Entry, path: string, zipName: string): Entry {
  const failed = (err: unknown) => new ChatFerryError("E_BAD_ZIP", { file: zipName, reason: `${path}: ${(err as Error).message}` }, { cause: err });
  return {
    path,
    size: raw.uncompressedSize,
    async *read({ start = 0, chunkSize = TEXT_CHUNK, lent = false } = {}) {
      // Stored entries (an export's media) are read straight from the zip file, in pieces of
      // `chunkSize`, one read ahead of the consumer: yauzl's streams read 16 KiB at a time,
      // which made copying media wait on 20,000 round trips per 300 MB.
      if (raw.compressionMethod === 0) {
        let dataStart: number;
        try {
          // Also checks that the data lies inside the file; yauzl checked at listing that a stored entry's two sizes agree.
          ({ fileDataStart: dataStart } = await localHeader(zip, raw));
        } catch (err) {
          throw failed(err);
        }
        if (start >= raw.uncompressedSize) return;
        // Counted as yauzl's streams count: a zip cut short (or changed) since it was listed fails, never reads short.
        let read = start;
        try {
          for await (const piece of readRange(zipPath, { start: dataStart + start, end: dataStart + raw.uncompressedSize, chunkSize, lent })) {
            read += piece.length;
            yield piece;
          }
        } catch (err) {
          throw failed(err);
        }
        if (read !== raw.uncompressedSize) throw failed(new Error(`${read} of ${raw.uncompressedSize} bytes`));
        return;
      }
      let skip = start;
      try {
        // yauzl checks the real size against the header while streaming (validateEntrySizes).
        for await (const chunk of await zip.openReadStreamPromise(raw)) {
          const buffer = chunk as Buffer;
          if (skip >= buffer.length) {
            skip -= buffer.length;
            continue;
          }
          yield skip > 0 ? buffer.subarray(skip) : buffer;
          skip = 0;
        }
      } catch (err) {
        throw failed(err);
      }
    },
  };
}

function localHeader(zip: yauzl.ZipFile, raw: yauzl.Entry): Promise<{ fileDataStart: number }> {
  return new Promise((resolve, reject) => zip.readLocalFileHeader(raw, { minimal: true }, (err, header) => (err ? reject(err) : resolve(header))));
}
