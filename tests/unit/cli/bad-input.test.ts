import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cli, ROOT } from "../../helpers/cli.js";

const dir = mkdtempSync(join(tmpdir(), "chatferry-bad-"));
const write = (name: string, data: string | Buffer) => {
  const path = join(dir, name);
  writeFileSync(path, data);
  return path;
};
/** Far above what linear work takes; only a hang or a quadratic blow-up trips it. */
const GUARD_MS = 20_000;

describe("bad input never crashes or hangs", () => {
  it("an empty file is a clear error", async () => {
    const r = await cli(["stats", write("KakaoTalkChats.txt", "")]);
    expect([r.code, r.stderr.trim()]).toEqual([2, "chatferry: KakaoTalkChats.txt is empty: there is no chat in it."]);
  });

  it("binary garbage is a clear error", async () => {
    const r = await cli(["stats", write("garbage.txt", randomBytes(200_000))]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^chatferry: garbage\.txt is not a (text chat export|chat export ChatFerry recognises)/);
  });

  it("a PNG renamed .txt is called a binary file", async () => {
    const png = Buffer.concat([Buffer.from("89504e470d0a1a0a0000000d49484452", "hex"), randomBytes(5000)]);
    const r = await cli(["parse", write("photo.txt", png)], { LANG: "ko_KR.UTF-8" });
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe("chatferry: photo.txt은(는) 텍스트 대화 파일이 아닙니다(이미지 같은 바이너리 파일로 보입니다).");
  });

  it("a file truncated mid-line keeps everything up to the cut", async () => {
    const full = readFileSync(join(ROOT, "tests/fixtures/kakaotalk/android-ko.txt"), "utf8");
    const cut = full.slice(0, full.indexOf("하산하고 국밥") + 3);
    const r = await cli(["parse", write("KakaoTalkChats.txt", cut)]);
    expect(r.code).toBe(0);
    const messages = r.stdout.split("\n").filter((l) => l.includes('"type":"message"'));
    expect(messages).toHaveLength(12);
    expect(JSON.parse(messages.at(-1)!).text).toBe("하산하");
  });

  it("a 50 MB line with no newline is refused quickly", async () => {
    const r = await cli(["stats", write("long.txt", "가".repeat(17_000_000))]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.ms).toBeLessThan(GUARD_MS);
  });

  it("a 50 MB line inside a real export is refused with its line number", async () => {
    const head = "민지 님과 카카오톡 대화\n저장한 날짜 : 2024년 1월 2일 오후 11:10\n\n\n2024년 1월 1일 오후 3:04, 민지 : 안녕\n";
    const r = await cli(["stats", write("KakaoTalkChats.txt", head + "x".repeat(50 * 1024 * 1024))]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("line 6");
    expect(r.ms).toBeLessThan(GUARD_MS);
  });

  it("100k lines of only date headings give zero messages and say so", async () => {
    const lines = Array.from({ length: 100_000 }, (_, i) => `2024년 1월 ${(i % 28) + 1}일 오후 3:04`).join("\n");
    const r = await cli(["stats", write("KakaoTalkChats.txt", lines), "--json"]);
    expect(r.code).toBe(0);
    const { summary } = JSON.parse(r.stdout) as { summary: { messages: number; warnings: { code: string }[] } };
    expect(summary.messages).toBe(0);
    // No title or "saved on" line either: the header is reported missing too.
    expect(summary.warnings.map((w) => w.code)).toEqual(["header-missing", "no-messages"]);
    expect(r.ms).toBeLessThan(GUARD_MS);
  });

  it("lines built to make regexes backtrack complete in linear time", async () => {
    const n = 200_000;
    const pc = [
      "민지 님과 카카오톡 대화",
      "저장한 날짜 : 2024-01-02 23:10:41",
      "",
      "--------------- 2024년 1월 1일 월요일 ---------------",
      "[민지] [오후 3:04] 시작",
      "[" + "a] [".repeat(n),
      "[" + "] [오후 1:0".repeat(n),
      "-".repeat(n) + " 2024년",
      " invited ".repeat(n) + ".",
      "2024년 1월 1일 " + "오후 ".repeat(n),
      "Jan 1, 2024 at " + "1".repeat(n),
    ].join("\n");
    const r = await cli(["parse", write("KakaoTalk_20240102_2310_41_555_group.txt", pc)]);
    expect(r.code).toBe(0);
    const messages = r.stdout.split("\n").filter((l) => l.includes('"type":"message"'));
    // Every hostile line is kept, as text of the one message.
    expect(messages).toHaveLength(1);
    expect(JSON.parse(messages[0]!).text.split("\n")).toHaveLength(7);
    expect(r.ms).toBeLessThan(GUARD_MS);
  });
});
