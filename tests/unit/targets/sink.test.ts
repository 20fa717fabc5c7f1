import { mkdirSync, mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { streamSink } from "../../../src/targets/sink.js";
import { cli, ROOT } from "../../helpers/cli.js";

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

describe("-o that names no regular file", () => {
  const input = join(ROOT, "tests/fixtures/kakaotalk/pc-ko.txt");

  it("a folder is refused in one line before any work, and nothing is left beside it", async () => {
    const parent = mkdtempSync(join(tmpdir(), "chatferry-sink-"));
    const folder = join(parent, "chats");
    mkdirSync(folder);
    for (const [lang, words] of [["en", "it is a folder"], ["ko", "폴더임"]] as const) {
      const r = await cli(["export", input, "--to", "csv", "-o", folder, "--lang", lang, "--timezone", "UTC"]);
      expect(r.code).toBe(3);
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
      expect(r.stderr).toContain(words);
    }
    expect(readdirSync(parent)).toEqual(["chats"]);
    expect(readdirSync(folder)).toEqual([]);
  });

  it("a device that fails its writes (/dev/full) fails the export in one line, not with a stack trace", async () => {
    const r = await cli(["export", input, "--to", "csv", "-o", "/dev/full", "--timezone", "UTC"]);
    expect(r.code).toBe(3);
    expect(r.stderr.trim()).toBe("chatferry: Cannot write /dev/full: the disk is full (ENOSPC)");
  });
});
