import { lstat, mkdir, readdir } from "node:fs/promises";
import { join } from "node:path";
import { ChatFerryError } from "../errors.js";
import { writeError } from "./atomic.js";
import { NameAllocator } from "./safe-name.js";

const errno = (err: unknown) => (err as NodeJS.ErrnoException).code;

/**
 * Fails unless `path` is missing or a real folder. A link in its place (`photos -> /elsewhere`)
 * or a file is refused, never followed: what is written must stay in the folder the user chose.
 */
export async function refuseNonFolder(path: string): Promise<void> {
  // lstat, not stat: a link to a folder is a link, whatever it points to.
  const found = await lstat(path).catch((err: unknown) => {
    if (errno(err) === "ENOENT") return null;
    throw writeError(err, path);
  });
  if (found !== null && !found.isDirectory()) throw new ChatFerryError("E_NOT_A_FOLDER", { file: path });
}

/** Makes `path` a folder ChatFerry may write into: created when missing, kept when a real folder, refused otherwise. */
export async function ownFolder(path: string): Promise<void> {
  await mkdir(path).catch((err: unknown) => {
    if (errno(err) !== "EEXIST") throw writeError(err, path);
  });
  await refuseNonFolder(path);
}

/**
 * The folder a user named to write into (`-o DIR`), made with every missing parent. Unlike
 * the folders ChatFerry makes inside it, this one is taken as given, even as a link: the user
 * chose it. A file where it or a parent should be is refused. Resolves to the first folder it
 * made, so that the user can be told, or undefined when the folder was there.
 */
export async function makeFolder(path: string): Promise<string | undefined> {
  return mkdir(path, { recursive: true }).catch((err: unknown) => {
    const code = errno(err);
    if (code === "EEXIST" || code === "ENOTDIR") throw new ChatFerryError("E_OUTPUT_NOT_FOLDER", { file: path }, { cause: err });
    throw writeError(err, path);
  });
}

/**
 * A new, empty folder in `parent` named after `name` (a chat's title, say), made safe and
 * given a suffix when taken: ChatFerry never writes into an older folder, or a link, that
 * happens to bear the name.
 */
export async function newFolder(parent: string, name: string): Promise<string> {
  const names = new NameAllocator(
    await readdir(parent).catch((err: unknown) => {
      throw writeError(err, parent);
    }),
  );
  for (;;) {
    const path = join(parent, names.take(name));
    try {
      await mkdir(path);
      return path;
    } catch (err) {
      // Made by someone else since the listing: the allocator already counts the name as taken.
      if (errno(err) !== "EEXIST") throw writeError(err, path);
    }
  }
}
