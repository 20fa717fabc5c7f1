import { randomBytes } from "node:crypto";
import { Readable } from "node:stream";
import { crc32 } from "node:zlib";
import yauzl from "yauzl";
import { describe, expect, it } from "vitest";
import { deflate, isSafePath, ZipWriter } from "../../../../src/targets/archive/zip.js";
import { memorySink } from "../../../helpers/bytes.js";

async function write(zip64At: number | undefined, fill: (zip: ZipWriter) => Promise<void>, sha256 = true): Promise<Buffer> {
  const out = memorySink();
  const zip = new ZipWriter(new Date(2024, 0, 15, 9, 30, 12), out, { zip64At, sha256 });
  await fill(zip);
  await zip.end();
  expect(out.ended).toBe(true);
  return out.bytes();
}

async function read(zip: Buffer): Promise<Map<string, { data: Buffer; crc: number; time: Date }>> {
  const file = await yauzl.fromBufferPromise(zip, { lazyEntries: true, validateEntrySizes: true });
  const out = new Map<string, { data: Buffer; crc: number; time: Date }>();
  for await (const entry of file.eachEntry()) {
    const parts: Buffer[] = [];
    for await (const part of await file.openReadStreamPromise(entry)) parts.push(part as Buffer);
    out.set(entry.fileName, { data: Buffer.concat(parts), crc: entry.crc32, time: entry.getLastModDate() });
  }
  return out;
}

describe("zip writer", () => {
  for (const [label, zip64At] of [["plain", undefined], ["zip64 (every size and offset past the limit)", 100]] as const) {
    it(`writes streamed, stored and pre-deflated entries that yauzl reads back: ${label}`, async () => {
      const text = Buffer.from("안녕하세요 hello\n".repeat(5000));
      const media = randomBytes(300_000);
      const viewer = Buffer.from("cfChunk(...);\n".repeat(400));
      const zip = await write(zip64At, async (z) => {
        await z.add("conversations/abc/messages.ndjson", Readable.from([text.subarray(0, 1000), text.subarray(1000)]));
        expect(z.entries.at(-1)!.size).toBe(text.length);
        await z.addStored("media/abc/사진 1.jpg", Readable.from([media.subarray(0, 70_000), media.subarray(70_000)]));
        await z.addDeflated("viewer/abc/0.js", deflate(viewer));
        await z.add("empty.txt", "");
      });
      const entries = await read(zip);
      expect([...entries.keys()]).toEqual(["conversations/abc/messages.ndjson", "media/abc/사진 1.jpg", "viewer/abc/0.js", "empty.txt"]);
      expect(entries.get("conversations/abc/messages.ndjson")!.data.equals(text)).toBe(true);
      expect(entries.get("media/abc/사진 1.jpg")!.data.equals(media)).toBe(true);
      expect(entries.get("viewer/abc/0.js")!.data.equals(viewer)).toBe(true);
      expect(entries.get("empty.txt")!.data.length).toBe(0);
      for (const { data, crc } of entries.values()) expect(crc).toBe(crc32(data));
      expect(entries.get("empty.txt")!.time).toEqual(new Date(2024, 0, 15, 9, 30, 12));
      // Text is deflated, media stored as they are.
      expect(zip.length).toBeLessThan(media.length + text.length / 4);
      if (zip64At) expect(zip.includes(Buffer.from([0x50, 0x4b, 0x06, 0x06]))).toBe(true);
    });
  }

  it("writes the same zip without SHA-256s, listing no entries", async () => {
    const media = randomBytes(100_000);
    let listed = -1;
    const zip = await write(
      undefined,
      async (z) => {
        await z.addStored("a.jpg", Readable.from([media]));
        await z.addDeflated("b.js", deflate(Buffer.from("x")));
        listed = z.entries.length;
      },
      false,
    );
    expect(listed).toBe(0);
    const entries = await read(zip);
    expect(entries.get("a.jpg")!.data.equals(media)).toBe(true);
    expect(entries.get("a.jpg")!.crc).toBe(crc32(media));
  });

  it("refuses names that could escape a folder", async () => {
    for (const bad of ["../x", "/etc/x", "a//b", "a/./b", "C:/x", "a\\b", ""]) expect(isSafePath(bad), bad).toBe(false);
    for (const good of ["a", "a/b.c", "media/abc/사진 1.jpg", "..a/b"]) expect(isSafePath(good), good).toBe(true);
    await expect(write(undefined, async (z) => void (await z.add("../evil", "x")))).rejects.toThrow(/unsafe/);
  });
});
