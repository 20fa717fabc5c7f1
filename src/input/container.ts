import { open as openFd } from "node:fs/promises";
import { basename } from "node:path";
import { ChatFerryError, fileError } from "../errors.js";
import { fileEntry, folderEntries } from "./folder.js";
import { INPUT_LIMITS, type InputLimits } from "./limits.js";
import { openZip } from "./zip.js";

/** One file inside an input: the input itself, a zip entry, or a file in a folder. */
export interface Entry {
  /** Path inside the input, "/"-separated; for a plain file, its name. Never absolute. */
  readonly path: string;
  readonly size: number;
  /** The bytes, streamed. */
  read(options?: EntryReadOptions): AsyncIterable<Buffer>;
}

export interface EntryReadOptions {
  /** The first byte wanted (default 0). */
  start?: number;
  /**
   * How much one read fetches where the input lets us choose (files, folders, stored zip
   * entries): text parses fastest in 64 KiB pieces, media copy fastest in a megabyte.
   */
  chunkSize?: number;
  /** Each piece is the caller's only until it asks for the next or stops reading (see RangeOptions.lent): for copying. */
  lent?: boolean;
}

/** What the user gave: a file, a zip or a folder, seen as a list of entries. */
export interface Container {
  readonly name: string;
  readonly kind: "file" | "zip" | "folder";
  readonly entries: readonly Entry[];
  close(): Promise<void>;
}

const ZIP_MAGIC = [Buffer.from("PK\x03\x04"), Buffer.from("PK\x05\x06")];

/** Opens an input by what it is, not by its name: a zip is recognised by its first bytes. */
export async function openContainer(path: string, limits: InputLimits = INPUT_LIMITS): Promise<Container> {
  const name = basename(path);
  let magic: Buffer;
  let isFolder = false;
  try {
    const handle = await openFd(path, "r");
    try {
      isFolder = (await handle.stat()).isDirectory();
      magic = isFolder ? Buffer.alloc(0) : Buffer.alloc(4);
      if (!isFolder) await handle.read(magic, 0, 4, 0);
    } finally {
      await handle.close();
    }
  } catch (err) {
    throw fileError(err, name);
  }
  if (isFolder) return { name, kind: "folder", entries: await folderEntries(path, limits), close: async () => undefined };
  if (ZIP_MAGIC.some((m) => magic.equals(m))) return openZip(path, limits);
  const entry = await fileEntry(path, name);
  if (entry.size === 0) throw new ChatFerryError("E_EMPTY", { file: name });
  return { name, kind: "file", entries: [entry], close: async () => undefined };
}
