import { randomBytes } from "node:crypto";
import { link, open, rename, rm, stat, type FileHandle } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { Writable } from "node:stream";
import { ChatFerryError } from "../errors.js";
import { cutToBytes, MAX_NAME_BYTES } from "./safe-name.js";

/**
 * A file written beside its target and moved into place only when complete (every
 * target writes through it: text sinks, archives, packages). Nothing appears under the
 * target's name before `commit`, and without `force` an existing file is never replaced,
 * even one that appeared while this file was being written. Nothing is written through a
 * link: the temporary file is created exclusively (a link in its place fails), and the rename
 * replaces a link at the target's name instead of following it.
 */
export interface AtomicFile {
  readonly tempPath: string;
  readonly stream: Writable;
  /** Writes the buffers at the end of the file; resolves once written, so they may be reused after. */
  writev(buffers: Buffer[]): Promise<void>;
  /** Bytes written so far. */
  readonly size: number;
  /**
   * Writes over bytes already written, once the stream has finished: for a value known only
   * at the end, written first as a placeholder of the same length.
   */
  overwrite(position: number, bytes: Buffer): Promise<void>;
  /** fsync, so that what a verification reads back is what the disk holds. */
  sync(): Promise<void>;
  /**
   * Moves the file into place and makes the move durable. `syncFolder: false` leaves that to
   * the caller, who places many files in one folder and syncs it once (syncDir) at the end.
   */
  commit(options?: { syncFolder: boolean }): Promise<void>;
  abort(): Promise<void>;
}

export function writeError(err: unknown, file: string): ChatFerryError {
  if (err instanceof ChatFerryError) return err;
  return new ChatFerryError("E_WRITE", { file, reason: (err as NodeJS.ErrnoException).code ?? String(err) }, { cause: err });
}

export async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

/**
 * A hidden, unique name beside `path` to write it under until it is complete (a file, or a
 * folder being unpacked). It adds 14 bytes to the target's name: a target of the longest
 * allowed name must still have one.
 */
export function tempBeside(path: string): string {
  return join(dirname(path), `.${cutToBytes(basename(path), MAX_NAME_BYTES - 14)}.${randomBytes(4).toString("hex")}.tmp`);
}

/** Bytes written between two write-backs started in the background (see `writev`). */
const WRITE_BACK = 32 * 1024 * 1024;

/**
 * `writeBack` (default): a file past 32 MB has its pages sent to the disk as it is written
 * (see `writev`), for the sync that makes it durable; off for files that are not synced one by
 * one. On Linux only, where it was measured: elsewhere Node's fdatasync is a flush of the whole
 * drive cache (macOS) or of the file's every buffer (Windows), too dear to do every 32 MB.
 */
export async function atomicFile(path: string, force: boolean, { writeBack = true }: { writeBack?: boolean } = {}): Promise<AtomicFile> {
  const name = basename(path);
  if (!force && (await exists(path))) throw new ChatFerryError("E_EXISTS", { file: path });
  const tempPath = tempBeside(path);
  let handle: FileHandle;
  try {
    handle = await open(tempPath, "wx", 0o600);
  } catch (err) {
    throw writeError(err, name);
  }
  const startWriteBack = writeBack && process.platform === "linux";
  let size = 0;
  let flushed = 0;
  let flushing: Promise<void> | undefined;
  let failed: unknown;
  const writev = async (buffers: Buffer[]) => {
    try {
      size += (await handle.writev(buffers)).bytesWritten;
    } catch (err) {
      throw writeError(err, path);
    }
    // Linux holds written pages until they fill a share of memory (gigabytes): a 300 MB archive
    // met the disk only at the final fsync, after all the sealing. Sent on as it is written, in
    // the background, the disk works while the processor does, and the fsync waits for the tail.
    if (startWriteBack && !flushing && size - flushed >= WRITE_BACK) {
      flushed = size;
      // A failure is kept for `sync` and `commit` to report: Linux reports a write-back error
      // once, then counts the pages clean, so the final fsync alone could miss it.
      flushing = handle.datasync().then(
        () => void (flushing = undefined),
        (err: unknown) => void ((failed ??= err), (flushing = undefined)),
      );
    }
  };
  // A plain Writable over the handle: the handle stays open after the stream ends, for fsync.
  const stream = new Writable({
    highWaterMark: 1024 * 1024,
    writev(chunks, done) {
      writev(chunks.map((c) => c.chunk as Buffer)).then(() => done(), done);
    },
  });
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await flushing;
    await handle.close();
  };
  return {
    tempPath,
    stream,
    writev,
    get size() {
      return size;
    },
    async overwrite(position, bytes) {
      if (position + bytes.length > size) throw new RangeError("overwrite past what was written");
      try {
        await handle.write(bytes, 0, bytes.length, position);
      } catch (err) {
        throw writeError(err, path);
      }
    },
    async sync() {
      try {
        await flushing;
        if (failed !== undefined) throw failed;
        await handle.sync();
      } catch (err) {
        throw writeError(err, name);
      }
    },
    async commit({ syncFolder } = { syncFolder: true }) {
      try {
        await close();
        // A write-back that failed means pages that never reached the disk, synced or not.
        if (failed !== undefined) throw failed;
        await place(tempPath, path, force);
        if (syncFolder) await syncDir(dirname(path));
      } catch (err) {
        await rm(tempPath, { force: true });
        throw err instanceof ChatFerryError ? err : writeError(err, name);
      }
    },
    async abort() {
      stream.destroy();
      await close().catch(() => undefined);
      await rm(tempPath, { force: true });
    },
  };
}

/**
 * Moves a finished file into place: over an existing one only with `force`. rename() replaces
 * silently; link() fails if the target exists, which is what "never overwrite" needs.
 */
export async function place(temp: string, target: string, force: boolean): Promise<void> {
  if (force) return rename(temp, target);
  try {
    await link(temp, target);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "EEXIST") throw new ChatFerryError("E_EXISTS", { file: target });
    // FAT and exFAT (USB drives) have no hard links: check, then rename.
    if (code !== "EPERM" && code !== "ENOTSUP" && code !== "EXDEV" && code !== "ENOSYS") throw err;
    if (await exists(target)) throw new ChatFerryError("E_EXISTS", { file: target });
    return rename(temp, target);
  }
  await rm(temp);
}

/** Makes a rename or a new file's name durable; Windows cannot open a folder for this and does not need to. */
export async function syncDir(dir: string): Promise<void> {
  if (process.platform === "win32") return;
  const handle = await open(dir, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
