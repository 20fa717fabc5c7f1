import { createReadStream } from "node:fs";
import { lstat, readdir, stat } from "node:fs/promises";
import { dirname, join, relative, sep } from "node:path";
import { fileError } from "../errors.js";
import type { Entry } from "./container.js";

const TEXT_CHUNK = 64 * 1024;

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
    async *read(start = 0, chunkSize = TEXT_CHUNK) {
      try {
        for await (const chunk of createReadStream(path, { start, highWaterMark: chunkSize })) yield chunk as Buffer;
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
export async function entriesBeside(chatFile: string, folders: readonly string[]): Promise<Entry[]> {
  const entries: Entry[] = [];
  for (const folder of folders) {
    const root = join(dirname(chatFile), folder);
    const found = await lstat(root).catch(() => null);
    if (!found?.isDirectory()) continue;
    for (const entry of await folderEntries(root)) entries.push({ ...entry, path: `${folder}/${entry.path}` });
  }
  return entries;
}

/**
 * Every regular file below a folder (an unzipped export). Links are not
 * followed: an export never needs one, and following them could read outside it.
 */
export async function folderEntries(root: string): Promise<Entry[]> {
  let listing;
  try {
    listing = await readdir(root, { recursive: true, withFileTypes: true });
  } catch (err) {
    throw fileError(err, root);
  }
  // The sizes are asked for all at once: one after another, a folder of 10,000 media waits 10,000 round trips.
  const entries = await Promise.all(
    listing
      .filter((dirent) => dirent.isFile())
      .map((dirent) => {
        const full = join(dirent.parentPath, dirent.name);
        return fileEntry(full, relative(root, full).split(sep).join("/"));
      }),
  );
  return entries.sort((a, b) => a.path.localeCompare(b.path));
}
