import { lstat, opendir, stat } from "node:fs/promises";
import { basename, dirname, join, relative, sep } from "node:path";
import { ChatFerryError, fileError } from "../errors.js";
import type { Entry } from "./container.js";
import { readRange } from "./file-range.js";
import { INPUT_LIMITS, TEXT_CHUNK, type InputLimits } from "./limits.js";

/**
 * Sizes asked for at a time. One after another, a folder of 10,000 media waits 10,000
 * round trips; all at once, 100,000 files hold 100,000 pending requests (3.4 s and
 * 450 MB, against 1.6 s and 110 MB for 64 at a time).
 */
const STATS_AT_ONCE = 64;
/** Names a folder listing reads at a time (Node's default is 32): fewer round trips. */
const NAMES_AT_ONCE = 512;

export async function fileEntry(path: string, name: string): Promise<Entry> {
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch (err) {
    throw fileError(err, name);
  }
  return {
    path: name,
    size,
    async *read({ start = 0, chunkSize = TEXT_CHUNK, lent = false } = {}) {
      try {
        // To the file's end, however long it is now: the size listed is a hint for progress.
        yield* readRange(path, { start, end: Infinity, chunkSize, lent });
      } catch (err) {
        throw fileError(err, name);
      }
    },
  };
}

/**
 * The files in the named folders beside a lone chat file, with paths relative to the
 * chat file's folder (`photos/…`); a folder that is not there is skipped.
 */
export async function entriesBeside(chatFile: string, folders: readonly string[], limits: InputLimits = INPUT_LIMITS): Promise<Entry[]> {
  const entries: Entry[] = [];
  for (const folder of folders) {
    const root = join(dirname(chatFile), folder);
    const found = await lstat(root).catch(() => null);
    if (!found?.isDirectory()) continue;
    for (const entry of await folderEntries(root, limits)) entries.push({ ...entry, path: `${folder}/${entry.path}` });
  }
  return entries;
}

function folderTooBig(folder: string, limits: InputLimits): ChatFerryError {
  return new ChatFerryError("E_FOLDER_TOO_BIG", { file: basename(folder), entries: limits.entries.toLocaleString("en-US"), gb: limits.bytes / 1e9 });
}

/**
 * The companion files (Source.companions) beside a lone chat file that are there, each with its
 * path relative to the chat file's folder, as the source names it ("../index.json").
 */
export async function companionsBeside(chatFile: string, companions: readonly string[]): Promise<Entry[]> {
  const found: Entry[] = [];
  for (const companion of companions) {
    const full = join(dirname(chatFile), ...companion.split("/"));
    if ((await lstat(full).catch(() => null))?.isFile()) found.push(await fileEntry(full, companion));
  }
  return found;
}

/**
 * The files beside a lone chat file, not below it, whose names `wanted` takes (the other parts
 * of a conversation split over several files), named as they are; the chat file itself is not one.
 */
export async function filesBeside(chatFile: string, wanted: (name: string) => boolean, limits: InputLimits = INPUT_LIMITS): Promise<Entry[]> {
  const folder = dirname(chatFile);
  const entries: Entry[] = [];
  let walked = 0;
  try {
    // Only the parts count against the limit: a lone file may lie in a Downloads folder of any size.
    for await (const dirent of await opendir(folder, { bufferSize: NAMES_AT_ONCE })) {
      if (!dirent.isFile() || dirent.name === basename(chatFile) || !wanted(dirent.name)) continue;
      if (++walked > limits.entries) throw folderTooBig(folder, limits);
      entries.push(await fileEntry(join(folder, dirent.name), dirent.name));
    }
  } catch (err) {
    throw fileError(err, basename(folder));
  }
  return entries.sort((a, b) => a.path.localeCompare(b.path));
}

/**
 * Every regular file below a folder (an unzipped export). Links are not
 * followed: an export never needs one, and following them could read outside it.
 * The walk stops as soon as it passes the limit on entries, and the sizes as soon
 * as they pass the limit on bytes: a folder of millions of files is no export, and
 * listing it whole would take minutes and gigabytes.
 */
export async function folderEntries(root: string, limits: InputLimits = INPUT_LIMITS): Promise<Entry[]> {
  const tooBig = () => folderTooBig(root, limits);
  const files: string[] = [];
  let walked = 0;
  const folders = [root];
  for (let folder = folders.pop(); folder !== undefined; folder = folders.pop()) {
    // opendir streams a folder's names; readdir (and opendir's own `recursive`, which in Node 20
    // lists only the first 32 names of each subfolder) would list it whole before it could be counted.
    try {
      for await (const dirent of await opendir(folder, { bufferSize: NAMES_AT_ONCE })) {
        if (++walked > limits.entries) throw tooBig();
        const full = join(folder, dirent.name);
        if (dirent.isDirectory()) folders.push(full);
        else if (dirent.isFile()) files.push(full);
      }
    } catch (err) {
      throw fileError(err, folder);
    }
  }
  const entries: Entry[] = [];
  let bytes = 0;
  let next = 0;
  const measure = async () => {
    while (next < files.length && bytes <= limits.bytes) {
      const full = files[next++]!;
      const entry = await fileEntry(full, relative(root, full).split(sep).join("/"));
      bytes += entry.size;
      entries.push(entry);
    }
  };
  await Promise.all(Array.from({ length: STATS_AT_ONCE }, measure));
  if (bytes > limits.bytes) throw tooBig();
  return entries.sort((a, b) => a.path.localeCompare(b.path));
}
