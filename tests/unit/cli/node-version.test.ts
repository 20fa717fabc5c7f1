import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cli, ROOT } from "../../helpers/cli.js";

describe("the Node.js it runs on", () => {
  it("refuses a Node.js without zlib.crc32 (before 20.15) in one line, in the user's language, before any work", async () => {
    // What Node 20.10–20.14 lack: taken away before the CLI loads, as npm installs it there with only a warning.
    const dir = mkdtempSync(join(tmpdir(), "chatferry-node-"));
    const preload = join(dir, "old-node.mjs");
    writeFileSync(preload, 'import zlib from "node:zlib";\ndelete zlib.crc32;\n');
    const input = join(ROOT, "assets/samples/KakaoTalkChats.txt");
    const version = process.versions.node;
    const en = await cli(["telegram", "package", input, "-o", dir], { NODE_OPTIONS: `--import=${preload}` });
    expect([en.code, en.stderr]).toEqual([1, `chatferry: ChatFerry needs Node.js 20.15 or newer; this is ${version}. Install a newer Node.js (nodejs.org) and run it again.\n`]);
    const ko = await cli(["stats", input], { NODE_OPTIONS: `--import=${preload}`, LANG: "ko_KR.UTF-8" });
    expect([ko.code, ko.stderr]).toEqual([1, `chatferry: ChatFerry에는 Node.js 20.15 이상이 필요합니다(지금은 ${version}). 새 Node.js(nodejs.org)를 설치한 뒤 다시 실행하세요.\n`]);
    expect(en.stdout + ko.stdout).toBe("");
  });
});
