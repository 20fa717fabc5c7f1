import type { ByteSink } from "../../src/targets/bytes.js";

/** A byte sink that keeps everything in memory; `bytes()` is what was written, `ended` whether end() came. */
export function memorySink(): ByteSink & { bytes(): Buffer; ended: boolean } {
  const parts: Buffer[] = [];
  const sink = {
    ended: false,
    async write(...data: Buffer[]) {
      if (sink.ended) throw new Error("write after end");
      // Copies: once a write resolves, the writer may refill its buffers (ByteSink).
      parts.push(...data.map((buffer) => Buffer.from(buffer)));
    },
    async end() {
      sink.ended = true;
    },
    bytes: () => Buffer.concat(parts),
  };
  return sink;
}
