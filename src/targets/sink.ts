import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { stat } from "node:fs/promises";
import type { Writable } from "node:stream";
import { finished } from "node:stream/promises";
import { ChatFerryError } from "../errors.js";
import { atomicFile, writeError } from "./atomic.js";

/** Where a target writes text; nothing is visible under the final name until `commit`. */
export interface Sink {
  /** Several texts at once cost one call: a batch of messages is written as its records. */
  write(text: string | readonly string[]): Promise<void>;
  commit(): Promise<void>;
  /** Drops what was written (a file sink leaves no partial file). */
  abort(): Promise<void>;
}

/** Text, written as UTF-8, or bytes already in the encoding they are meant for (a redacted sample's). */
type Written = string | Buffer;

/** What the sinks below are: they take bytes too (writeBytesTo), which a Sink's writers never give. */
interface Output extends Sink {
  write(data: Written | readonly Written[]): Promise<void>;
}

/** Writes are gathered to this size: one syscall per 256 KiB, not per message. */
const FLUSH_AT = 256 * 1024;
/** UTF-8 needs at most 3 bytes per UTF-16 unit. */
const MAX_BYTES_PER_UNIT = 3;

/**
 * Where `-o` points: a regular file is written atomically (replacing one that is there only
 * with `force`); a device or pipe (`-o /dev/stdout`) is written as a stream; no `-o` means `fallback`.
 */
async function outputSink(path: string | undefined, fallback: Writable, force: boolean): Promise<Output> {
  if (path === undefined) return streamSink(fallback);
  const existing = await stat(path).catch(() => null);
  // Refused before any work: the file beside it would be written in full, then fail to take its place.
  if (existing?.isDirectory()) throw new ChatFerryError("E_WRITE", { file: path, reason: "EISDIR" });
  if (existing && !existing.isFile()) return deviceSink(path);
  if (existing && !force) throw new ChatFerryError("E_EXISTS", { file: path });
  return fileSink(path, force);
}

/** A device or pipe: its failures (`-o /dev/full`) fail the write as E_WRITE, up to the last byte. */
function deviceSink(path: string): Output {
  const stream = createWriteStream(path, { flags: "a" });
  // Failures reach the writer through the sink; unheard, the stream's "error" would end the process.
  stream.on("error", () => undefined);
  const sink = streamSink(stream);
  const failing = async (work: () => Promise<void>) => {
    try {
      await work();
    } catch (err) {
      throw writeError(err, path);
    }
  };
  return {
    write: (text) => failing(() => sink.write(text)),
    commit: () =>
      failing(async () => {
        await sink.commit();
        stream.end();
        await finished(stream);
      }),
    abort: async () => {
      await sink.abort();
      stream.destroy();
    },
  };
}

/**
 * Runs `write` into the sink for `-o` (or `fallback`), committing on success and leaving nothing
 * on failure. A file that is there is replaced (what `-o FILE` asks for) unless `force` is false.
 */
export async function writeTo<T>(path: string | undefined, fallback: Writable, write: (sink: Sink) => Promise<T>, force = true): Promise<T> {
  return into(await outputSink(path, fallback, force), write);
}

/** A whole text written to `path` like every other file: beside its name, then moved into place. */
export async function writeFileText(path: string, text: string, force: boolean): Promise<void> {
  await into(await fileSink(path, force), (sink) => sink.write(text));
}

/**
 * Writes bytes as they come to `-o` (or `fallback`), as writeTo writes text; a file that is
 * there is replaced only with `force` (else E_EXISTS, and nothing is written).
 */
export async function writeBytesTo(path: string | undefined, fallback: Writable, bytes: AsyncIterable<Buffer>, force: boolean): Promise<void> {
  await into(await outputSink(path, fallback, force), async (out) => {
    for await (const chunk of bytes) await out.write(chunk);
  });
}

async function into<S extends Sink, T>(sink: S, write: (sink: S) => Promise<T>): Promise<T> {
  try {
    const result = await write(sink);
    await sink.commit();
    return result;
  } catch (err) {
    await sink.abort();
    throw err;
  }
}

/**
 * A file written beside its target, fsync'd and renamed into place on commit (see atomic.ts).
 * By default -o names a file the user wants written: replacing an older one is the point.
 */
export async function fileSink(path: string, force = true): Promise<Output> {
  const file = await atomicFile(path, force);
  const buffer = buffered(async (chunk) => {
    if (!file.stream.write(chunk)) await once(file.stream, "drain");
  });
  return {
    write: buffer.add,
    async commit() {
      await buffer.flush();
      file.stream.end();
      await once(file.stream, "finish");
      await file.sync();
      await file.commit();
    },
    abort: () => file.abort(),
  };
}

/** A stream such as standard output, honouring backpressure; a stream that fails fails the write. */
export function streamSink(stream: Writable): Output {
  const buffer = buffered(async (chunk) => {
    // A failed stream emits neither "drain" nor "error" again: waiting on it would never end.
    if (stream.errored) throw stream.errored;
    if (stream.destroyed) throw new Error("the output was closed");
    if (!stream.write(chunk)) await once(stream, "drain");
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
    async add(texts: Written | readonly Written[]) {
      for (const text of typeof texts === "string" || Buffer.isBuffer(texts) ? [texts] : texts) {
        const worst = typeof text === "string" ? text.length * MAX_BYTES_PER_UNIT : text.length;
        if (worst > FLUSH_AT - used) await flush();
        if (worst > FLUSH_AT) await write(typeof text === "string" ? Buffer.from(text, "utf8") : text);
        else if (typeof text === "string") used += encoder.encodeInto(text, buffer.subarray(used)).written;
        else used += text.copy(buffer, used);
      }
    },
  };
}
