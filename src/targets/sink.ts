import { randomBytes } from "node:crypto";
import { createWriteStream } from "node:fs";
import { open, rename, rm, stat, type FileHandle } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import type { Writable } from "node:stream";
import { ChatFerryError } from "../errors.js";

/** Where a target writes text; nothing is visible under the final name until `commit`. */
export interface Sink {
  /** Several texts at once cost one call: a batch of messages is written as its records. */
  write(text: string | readonly string[]): Promise<void>;
  commit(): Promise<void>;
  /** Drops what was written (a file sink leaves no partial file). */
  abort(): Promise<void>;
}

/** Writes are gathered to this size: one syscall per 256 KiB, not per message. */
const FLUSH_AT = 256 * 1024;
/** UTF-8 needs at most 3 bytes per UTF-16 unit. */
const MAX_BYTES_PER_UNIT = 3;

/**
 * Where `-o` points: a regular file is written atomically; a device or pipe
 * (`-o /dev/stdout`) is written as a stream; no `-o` means `fallback`.
 */
export async function outputSink(path: string | undefined, fallback: Writable): Promise<Sink> {
  if (path === undefined) return streamSink(fallback);
  const existing = await stat(path).catch(() => null);
  if (existing && !existing.isFile()) return streamSink(createWriteStream(path, { flags: "a" }));
  return fileSink(path);
}

/** Runs `write` into the sink for `-o` (or `fallback`), committing on success and leaving nothing on failure. */
export async function writeTo<T>(path: string | undefined, fallback: Writable, write: (sink: Sink) => Promise<T>): Promise<T> {
  const sink = await outputSink(path, fallback);
  try {
    const result = await write(sink);
    await sink.commit();
    return result;
  } catch (err) {
    await sink.abort();
    throw err;
  }
}

/** A file written beside its target, fsync'd and renamed into place on commit. */
export async function fileSink(path: string): Promise<Sink> {
  const name = basename(path);
  const temp = join(dirname(path), `.${name}.${randomBytes(4).toString("hex")}.tmp`);
  const fail = (err: unknown) =>
    new ChatFerryError("E_WRITE", { file: name, reason: (err as NodeJS.ErrnoException).code ?? String(err) }, { cause: err });
  let handle: FileHandle;
  try {
    handle = await open(temp, "wx", 0o644);
  } catch (err) {
    throw fail(err);
  }
  const buffer = buffered(async (chunk) => {
    try {
      await handle.write(chunk);
    } catch (err) {
      throw fail(err);
    }
  });
  return {
    write: buffer.add,
    async commit() {
      await buffer.flush();
      try {
        await handle.sync();
        await handle.close();
        await rename(temp, path);
      } catch (err) {
        await rm(temp, { force: true });
        throw fail(err);
      }
    },
    async abort() {
      await handle.close().catch(() => undefined);
      await rm(temp, { force: true });
    },
  };
}

/** A stream such as standard output, honouring backpressure. */
export function streamSink(stream: Writable): Sink {
  const buffer = buffered(async (chunk) => {
    if (!stream.write(chunk)) await new Promise<void>((resolve) => {
      const done = () => {
        stream.off("drain", done);
        stream.off("error", done);
        resolve();
      };
      stream.on("drain", done);
      stream.on("error", done);
    });
  });
  return {
    write: buffer.add,
    commit: buffer.flush,
    async abort() {
      buffer.clear();
    },
  };
}

/**
 * Gathers small writes into FLUSH_AT-sized buffers, encoding each text
 * straight into the buffer: joining many strings first costs more than the
 * encoding itself.
 */
function buffered(write: (chunk: Buffer) => Promise<void>) {
  const encoder = new TextEncoder();
  let buffer = Buffer.allocUnsafe(FLUSH_AT);
  let used = 0;
  const clear = () => {
    used = 0;
  };
  const flush = async () => {
    if (used === 0) return;
    const chunk = buffer.subarray(0, used);
    // A new buffer each time: the stream may still hold the old one.
    buffer = Buffer.allocUnsafe(FLUSH_AT);
    used = 0;
    await write(chunk);
  };
  return {
    clear,
    flush,
    async add(texts: string | readonly string[]) {
      for (const text of typeof texts === "string" ? [texts] : texts) {
        const worst = text.length * MAX_BYTES_PER_UNIT;
        if (worst > FLUSH_AT - used) await flush();
        if (worst > FLUSH_AT) await write(Buffer.from(text, "utf8"));
        else used += encoder.encodeInto(text, buffer.subarray(used)).written;
      }
    },
  };
}
