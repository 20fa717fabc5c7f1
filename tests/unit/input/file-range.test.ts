import { randomBytes } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readRange } from "../../../src/input/file-range.js";

const dir = mkdtempSync(join(tmpdir(), "chatferry-range-"));
const CHUNK = 64 * 1024;

function file(name: string, size: number): { path: string; data: Buffer } {
  const data = randomBytes(size);
  const path = join(dir, name);
  writeFileSync(path, data);
  return { path, data };
}

describe("reading a range of a file", () => {
  it("lends two buffers by turns, never one to two reads at once, and keeps them across reads stopped early", async () => {
    const a = file("a.bin", 10 * CHUNK + 123);
    const b = file("b.bin", 7 * CHUNK + 5);
    // Stopped after one piece: its buffers go back for the next reads.
    for await (const piece of readRange(a.path, { start: 0, end: Infinity, chunkSize: CHUNK, lent: true })) {
      expect(piece.equals(a.data.subarray(0, CHUNK))).toBe(true);
      break;
    }
    const first = readRange(a.path, { start: 100, end: a.data.length, chunkSize: CHUNK, lent: true });
    const second = readRange(b.path, { start: 0, end: Infinity, chunkSize: CHUNK, lent: true });
    const copies: [Buffer[], Buffer[]] = [[], []];
    const held: [Set<ArrayBufferLike>, Set<ArrayBufferLike>] = [new Set(), new Set()];
    for (let done = [false, false]; !done[0] || !done[1]; ) {
      for (const [k, reader] of [first, second].entries()) {
        if (done[k]) continue;
        const next = await reader.next();
        if (next.done) done[k] = true;
        else {
          copies[k]!.push(Buffer.from(next.value));
          held[k as 0 | 1].add(next.value.buffer);
        }
      }
    }
    expect(Buffer.concat(copies[0]).equals(a.data.subarray(100))).toBe(true);
    expect(Buffer.concat(copies[1]).equals(b.data)).toBe(true);
    expect([held[0].size, held[1].size]).toEqual([2, 2]);
    expect([...held[0]].some((buffer) => held[1].has(buffer))).toBe(false);
  });

  it("gives fresh pieces when not lent, and ends where the file does", async () => {
    const c = file("c.bin", 3 * CHUNK);
    const pieces: Buffer[] = [];
    for await (const piece of readRange(c.path, { start: CHUNK, end: 10 * CHUNK, chunkSize: CHUNK, lent: false })) pieces.push(piece);
    expect(Buffer.concat(pieces).equals(c.data.subarray(CHUNK))).toBe(true);
    expect(new Set(pieces.map((p) => p.buffer)).size).toBe(pieces.length);
  });
});
