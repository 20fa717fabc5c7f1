import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { BatchWriter } from "../../../src/targets/bytes.js";

/** A writev that finishes when the test says so, recording what it was given. */
function slowDisk() {
  const calls: Buffer[][] = [];
  const pending: (() => void)[] = [];
  let inFlight = 0;
  let most = 0;
  const writev = (buffers: Buffer[]) =>
    new Promise<void>((resolve) => {
      calls.push(buffers);
      most = Math.max(most, ++inFlight);
      pending.push(() => {
        inFlight--;
        resolve();
      });
    });
  return { writev, calls, finishOne: () => pending.shift()?.(), most: () => most };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe("batch writer", () => {
  it("writes everything in order, a megabyte a call, one call at a time, the next batch filling meanwhile", async () => {
    const disk = slowDisk();
    const writer = new BatchWriter(disk.writev);
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

  it("a writer waits while one batch is on its way and the next is full", async () => {
    const disk = slowDisk();
    const writer = new BatchWriter(disk.writev);
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

  it("a failed write surfaces at the next write or at the end, never unhandled", async () => {
    const failing = new BatchWriter(() => Promise.reject(new Error("EIO")));
    await failing.write(Buffer.alloc(1024 * 1024));
    await tick();
    await expect(failing.write(Buffer.alloc(1024 * 1024))).rejects.toThrow("EIO");

    const atEnd = new BatchWriter(() => Promise.reject(new Error("ENOSPC")));
    await atEnd.write(Buffer.alloc(10));
    await expect(atEnd.end()).rejects.toThrow("ENOSPC");
  });
});
