import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { streamSink } from "../../../src/targets/sink.js";

describe("stream sink", () => {
  it("a stream that fails while the sink waits for it to drain fails the write, and so does every later one", async () => {
    const stream = new PassThrough({ highWaterMark: 16 });
    // As the CLI does on standard output: an error is listened to, never thrown at the process.
    stream.on("error", () => undefined);
    const sink = streamSink(stream);
    const waiting = sink.write("x".repeat(300 * 1024));
    stream.destroy(new Error("EPIPE"));
    await expect(waiting).rejects.toThrow("EPIPE");
    await expect(sink.write("y".repeat(300 * 1024))).rejects.toThrow("EPIPE");
  });
});
