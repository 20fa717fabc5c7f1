import { copyFileSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cli, ROOT } from "../../helpers/cli.js";
import { writeZip } from "../../helpers/zip.js";

const KO = { LANG: "ko_KR.UTF-8" };
const tmp = () => mkdtempSync(join(tmpdir(), "chatferry-redact-cli-"));

/** A fixture copied alone into a fresh folder, as a user's export would be. */
function input(fixture: string, name = fixture.split("/").pop()!): string {
  const path = join(tmp(), name);
  copyFileSync(join(ROOT, "tests/fixtures", fixture), path);
  return path;
}

/** The lines of a file, each with its break. */
function linesOf(bytes: Buffer): string[] {
  return bytes.toString("utf8").match(/[^\r\n]*(?:\r\n|\r|\n|$)/g)!.filter((l) => l !== "");
}

describe("chatferry redact", () => {
  it("writes the sample to -o and says, on stderr, what it kept and to read it before sending", async () => {
    const chat = input("kakaotalk/pc-ko.txt");
    const out = join(tmp(), "sample.txt");
    const r = await cli(["redact", chat, "-o", out]);
    expect([r.code, r.stdout]).toEqual([0, ""]);
    expect(r.stderr.trimEnd().split("\n")).toEqual([
      `Wrote a redacted sample of pc-ko.txt to ${out}: 22 lines, 129 letters and digits replaced.`,
      "Kept as they were: dates and times, line breaks, spacing, invisible marks and the encoding, and the export's own words (headers, placeholders such as <Media omitted>, notices). Each name became a pseudonym, the same one wherever it stands.",
      "Read the sample before you send it: it is yours to decide what leaves your computer.",
    ]);
    const sample = readFileSync(out, "utf8");
    expect(sample).toContain("[오후 12:01] 사진\r\n");
    expect(sample).not.toContain("김민지");
    const [before, after] = await Promise.all([cli(["stats", chat, "--json"]), cli(["stats", out, "--json"])]);
    const summary = (s: string) => (JSON.parse(s) as { summary: { messages: number; participants: unknown[] } }).summary;
    expect(summary(after.stdout).messages).toBe(summary(before.stdout).messages);
    expect(summary(after.stdout).participants).toHaveLength(summary(before.stdout).participants.length);
  });

  it("in Korean too", async () => {
    const out = join(tmp(), "샘플.txt");
    const r = await cli(["redact", input("kakaotalk/android-ko.txt", "KakaoTalkChats.txt"), "-o", out], KO);
    expect(r.code).toBe(0);
    const lines = r.stderr.trimEnd().split("\n");
    expect(lines[0]).toMatch(new RegExp(`^KakaoTalkChats\\.txt의 가린 샘플을 ${out}에 썼습니다: 26줄, 글자와 숫자 \\d+개를 바꿨습니다\\.$`));
    expect(lines[2]).toBe("보내기 전에 샘플을 직접 읽어 보세요. 무엇을 컴퓨터 밖으로 보낼지는 본인이 정합니다.");
  });

  it("without -o, or with -o -, the sample goes to standard output, byte for byte the same", async () => {
    const chat = input("whatsapp/ios-en-us/_chat.txt");
    const out = join(tmp(), "sample.txt");
    await cli(["redact", chat, "-o", out]);
    const written = readFileSync(out, "utf8");
    for (const args of [[], ["-o", "-"]]) {
      const r = await cli(["redact", chat, ...args]);
      expect([r.code, r.stdout]).toEqual([0, written]);
      expect(r.stderr).toContain("to standard output:");
    }
  });

  it("--lines A-B cuts the sample to those lines, byte for byte", async () => {
    const chat = input("kakaotalk/pc-ko.txt");
    const dir = tmp();
    await cli(["redact", chat, "-o", join(dir, "all.txt")]);
    const r = await cli(["redact", chat, "-o", join(dir, "cut.txt"), "--lines", "4-8"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(": 5 lines,");
    expect(readFileSync(join(dir, "cut.txt"), "utf8")).toBe(linesOf(readFileSync(join(dir, "all.txt"))).slice(3, 8).join(""));
  });

  it("a zip's sample says which chat file in it it is of", async () => {
    const zip = join(tmp(), "WhatsApp Chat - Hikers.zip");
    await writeZip(zip, [
      { name: "_chat.txt", data: readFileSync(join(ROOT, "tests/fixtures/whatsapp/ios-en-us/_chat.txt")) },
      { name: "00000012-PHOTO-2024-01-15-15-05-01.jpg", data: "jpeg" },
    ]);
    const r = await cli(["redact", zip, "-o", join(tmp(), "sample.txt")]);
    expect(r.code).toBe(0);
    expect(r.stderr.split("\n")[1]).toBe("It is of _chat.txt, the chat file found in WhatsApp Chat - Hikers.zip.");
  });
});

describe("chatferry redact refuses, in one line and without writing", () => {
  it("a sample file that is there, unless --force", async () => {
    const chat = input("kakaotalk/pc-ko.txt");
    const out = join(tmp(), "sample.txt");
    writeFileSync(out, "mine");
    for (const [env, line] of [
      [{}, `chatferry: ${out} already exists; nothing was written. Choose another name, or add --force to replace it.`],
      [KO, `chatferry: ${out}이(가) 이미 있어 아무것도 쓰지 않았습니다. 다른 이름을 쓰거나, 바꾸려면 --force를 붙이세요.`],
    ] as const) {
      const r = await cli(["redact", chat, "-o", out], env);
      expect([r.code, r.stderr]).toEqual([2, `${line}\n`]);
      expect(readFileSync(out, "utf8")).toBe("mine");
    }
    const forced = await cli(["redact", chat, "-o", out, "--force"]);
    expect(forced.code).toBe(0);
    expect(readFileSync(out, "utf8")).toContain("저장한 날짜 : 2024-01-02 23:10:41");
  });

  it("the input itself as -o, even with --force", async () => {
    const chat = input("kakaotalk/pc-ko.txt");
    const before = readFileSync(chat);
    const r = await cli(["redact", chat, "-o", chat, "--force"]);
    expect([r.code, r.stderr]).toEqual([2, `chatferry: ${chat} is the input itself; a sample is never written over it. Choose another name with -o.\n`]);
    expect(readFileSync(chat)).toEqual(before);
  });

  it("--lines that are not a range, in both languages", async () => {
    const chat = input("kakaotalk/pc-ko.txt");
    for (const bad of ["9-3", "0-5", "x", "1-"]) {
      const r = await cli(["redact", chat, "--lines", bad]);
      expect([r.code, r.stdout, r.stderr]).toEqual([
        2,
        "",
        `chatferry: --lines takes two line numbers from 1 such as 1-200, the first not after the second, not '${bad}'. Run 'chatferry --help' for usage.\n`,
      ]);
    }
    const ko = await cli(["redact", chat, "--lines", "9-3"], KO);
    expect([ko.code, ko.stderr.split("\n").length]).toEqual([2, 2]);
    expect(ko.stderr).toMatch(/^chatferry: --lines에는 1-200처럼/);
  });

  it("--lines past the file's end, and no file is left behind", async () => {
    const chat = input("kakaotalk/pc-ko.txt");
    const dir = tmp();
    const r = await cli(["redact", chat, "-o", join(dir, "sample.txt"), "--lines", "100-200"]);
    expect([r.code, r.stderr]).toEqual([2, "chatferry: pc-ko.txt has 22 lines; --lines 100-200 starts after its end. Nothing was written.\n"]);
    expect(readdirSync(dir)).toEqual([]);
    const ko = await cli(["redact", chat, "-o", join(dir, "sample.txt"), "--lines", "100-200"], KO);
    expect(ko.stderr).toBe("chatferry: pc-ko.txt은(는) 22줄입니다. --lines 100-200는 파일 끝 뒤에서 시작합니다. 아무것도 쓰지 않았습니다.\n");
  });

  it("a line crafted against a name's word still takes linear time", async () => {
    const dir = tmp();
    // Each place of the line nearly matches the name's word: the most work a place can take.
    const word = `${"a".repeat(39)}b`;
    writeFileSync(join(dir, "_chat.txt"), `[1/15/24, 3:00:05 PM] ${word}: hi\n[1/15/24, 3:00:06 PM] Bob: ${"a".repeat(2_000_000)}\n`);
    const r = await cli(["redact", join(dir, "_chat.txt"), "-o", join(dir, "sample.txt")]);
    expect(r.code).toBe(0);
    expect(r.ms).toBeLessThan(20_000);
    expect(readFileSync(join(dir, "sample.txt"), "utf8")).toContain(`Bob: ${"x".repeat(2_000_000)}\n`.replace("Bob", "Abc"));
  });

  it("a file in no known format is sampled by its stamps alone, and says so; a missing one is the usual error", async () => {
    const dir = tmp();
    writeFileSync(join(dir, "notes.txt"), "\ufeffshopping list for Kim Mina\r\n2024-03-01 10:15 call 010-1234-5678 전화\r\n");
    const r = await cli(["redact", join(dir, "notes.txt"), "-o", join(dir, "sample.txt")]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("does not know this file's format");
    expect(readFileSync(join(dir, "sample.txt"), "utf8")).toBe("\ufeffxxxxxxxx xxxx xxx Xxx Xxxx\r\n2024-03-01 10:15 xxxx 000-0000-0000 아아\r\n");
    const missing = await cli(["redact", join(dir, "missing.txt")], KO);
    expect([missing.code, missing.stderr]).toEqual([2, "chatferry: 파일을 찾을 수 없습니다: missing.txt\n"]);
  });
});
