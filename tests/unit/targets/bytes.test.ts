import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { SlabWriter } from "../../../src/targets/bytes.js";

/** A writev that finishes when the test says so, recording what it was given (copied, as a disk takes it at once). */
function slowDisk() {
  const calls: Buffer[][] = [];
  const pending: (() => void)[] = [];
  let inFlight = 0;
  let most = 0;
  const writev = (buffers: Buffer[]) =>
    new Promise<void>((resolve) => {
      calls.push(buffers.map((b) => Buffer.from(b)));
      most = Math.max(most, ++inFlight);
      pending.push(() => {
        inFlight--;
        resolve();
      });
    });
  return { writev, calls, finishOne: () => pending.shift()?.(), most: () => most };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe("slab writer", () => {
  it("writes everything in order, a megabyte a call, one call at a time, the next slab filling meanwhile", async () => {
    const disk = slowDisk();
    const writer = new SlabWriter(disk.writev);
    const pieces = Array.from({ length: 100 }, (_, i) => randomBytes(i % 2 ? 65_536 : 7_000));
    let done = false;
    const writing = (async () => {
      for (const piece of pieces) await writer.write(piece);
      await writer.end();
      done = true;
    })();
    for (let i = 0; !done && i < 1000; i++) {
      await tick();
      disk.finishOne();
    }
    await writing;
    expect(disk.most()).toBe(1);
    expect(Buffer.concat(disk.calls.flat()).equals(Buffer.concat(pieces))).toBe(true);
    // Every call but the last carries at least a megabyte.
    for (const call of disk.calls.slice(0, -1)) expect(Buffer.concat(call).length).toBeGreaterThanOrEqual(1024 * 1024);
    expect(disk.calls.length).toBeGreaterThan(2);
  });

  it("a writer waits while one slab is on its way and the next is full", async () => {
    const disk = slowDisk();
    const writer = new SlabWriter(disk.writev);
    await writer.write(Buffer.alloc(1024 * 1024));
    expect(disk.calls).toHaveLength(1);
    let second = false;
    const next = writer.write(Buffer.alloc(1024 * 1024)).then(() => (second = true));
    await tick();
    expect(second).toBe(false);
    disk.finishOne();
    await next;
    expect(disk.calls).toHaveLength(2);
  });

  it("is done with a buffer once its write resolves: one buffer refilled for every piece, as lent reads do, writes each piece", async () => {
    const disk = slowDisk();
    const writer = new SlabWriter(disk.writev);
    const pieces = Array.from({ length: 40 }, () => randomBytes(100_000));
    const lent = Buffer.alloc(100_000);
    const writing = (async () => {
      for (const piece of pieces) {
        piece.copy(lent);
        await writer.write(lent);
      }
      await writer.end();
    })();
    for (let i = 0; i < 1000 && disk.calls.length < 4; i++) {
      await tick();
      disk.finishOne();
    }
    disk.finishOne();
    await writing;
    expect(Buffer.concat(disk.calls.flat()).equals(Buffer.concat(pieces))).toBe(true);
  });

  it("a failed write surfaces at the next write or at the end, never unhandled", async () => {
    const failing = new SlabWriter(() => Promise.reject(new Error("EIO")));
    await failing.write(Buffer.alloc(1024 * 1024));
    await tick();
    await expect(failing.write(Buffer.alloc(1024 * 1024))).rejects.toThrow("EIO");

    const atEnd = new SlabWriter(() => Promise.reject(new Error("ENOSPC")));
    await atEnd.write(Buffer.alloc(10));
    await expect(atEnd.end()).rejects.toThrow("ENOSPC");
  });
});
