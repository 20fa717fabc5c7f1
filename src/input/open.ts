import { createReadStream } from "node:fs";
import { open, stat } from "node:fs/promises";
import { basename } from "node:path";
import { ChatFerryError, fileError } from "../errors.js";

/** How much of a file detection looks at: enough for ~50 lines of any export. */
export const HEAD_BYTES = 64 * 1024;

export interface InputFile {
  /** Name shown to the user and recorded in the schema (never an absolute path). */
  readonly name: string;
  readonly path: string;
  readonly size: number;
  /** The first HEAD_BYTES bytes (the whole file when it is smaller). */
  readonly head: Buffer;
  /** Reads the bytes from `start`, counting them into `progress`. */
  bytes(start: number, progress?: (bytesRead: number) => void): AsyncIterable<Buffer>;
}

export async function openFile(path: string): Promise<InputFile> {
  const name = basename(path);
  let size: number;
  let head: Buffer;
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw new ChatFerryError("E_NOT_A_FILE", { file: name });
    size = info.size;
    const handle = await open(path, "r");
    try {
      const buffer = Buffer.alloc(Math.min(HEAD_BYTES, size));
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
      head = buffer.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  } catch (err) {
    throw fileError(err, name);
  }
  if (size === 0) throw new ChatFerryError("E_EMPTY", { file: name });
  return {
    name,
    path,
    size,
    head,
    async *bytes(start, progress) {
      let read = start;
      try {
        for await (const chunk of createReadStream(path, { start, highWaterMark: 64 * 1024 })) {
          read += (chunk as Buffer).length;
          progress?.(read);
          yield chunk as Buffer;
        }
      } catch (err) {
        throw fileError(err, name);
      }
    },
  };
}
