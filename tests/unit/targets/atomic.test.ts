import { once } from "node:events";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { atomicFile } from "../../../src/targets/atomic.js";

const tmp = mkdtempSync(join(tmpdir(), "chatferry-atomic-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("atomicFile overwrite", () => {
  it("writes over bytes already written, in place, and not past them", async () => {
    const path = join(tmp, "out.json");
    const file = await atomicFile(path, false);
    file.stream.end('{"type": "private_group"}');
    await once(file.stream, "finish");
    await file.overwrite(10, Buffer.from("personal_chat"));
    await expect(file.overwrite(20, Buffer.from("personal_chat"))).rejects.toThrow(RangeError);
    await file.commit();
    expect(readFileSync(path, "utf8")).toBe('{"type": "personal_chat"}');
  });
});
