import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { NdjsonRecord, jsonSchema } from "../../../src/schema/index.js";
import { cli, ROOT } from "../../helpers/cli.js";

const fixture = (name: string) => join(ROOT, "tests/fixtures/kakaotalk", name);
const tmp = () => mkdtempSync(join(tmpdir(), "chatferry-cli-"));

describe("chatferry parse", () => {
  it("writes NDJSON exactly as the contract says: header, messages, summary, each a valid record", async () => {
    const { code, stdout, stderr } = await cli(["parse", fixture("android-ko.txt"), "--timezone", "Asia/Seoul"]);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const records = stdout.trimEnd().split("\n").map((line) => JSON.parse(line) as { type: string; messages?: number });
    for (const r of records) expect(NdjsonRecord.safeParse(r).error).toBeUndefined();
    expect(records[0]!.type).toBe("conversation");
    expect(records.at(-1)!.type).toBe("summary");
    const messages = records.filter((r) => r.type === "message");
    expect(messages).toHaveLength(15);
    expect(records.at(-1)!.messages).toBe(15);
  });

  it("writes one JSON document with --json, atomically to -o", async () => {
    const dir = tmp();
    const out = join(dir, "chat.json");
    const { code } = await cli(["parse", fixture("pc-ko.txt"), "--json", "-o", out, "--timezone", "Asia/Seoul"]);
    expect(code).toBe(0);
    const doc = JSON.parse(readFileSync(out, "utf8")) as { schema: string; conversations: { messages: unknown[]; summary: { messages: number } }[] };
    expect(doc.schema).toBe("chatferry/1");
    expect(doc.conversations[0]!.messages).toHaveLength(doc.conversations[0]!.summary.messages);
    expect(readdirSync(dir)).toEqual(["chat.json"]);
  });

  it("leaves no file behind when the input is bad", async () => {
    const dir = tmp();
    const bad = join(dir, "notes.txt");
    writeFileSync(bad, "just some notes\nnothing like a chat\n");
    const { code, stderr } = await cli(["parse", bad, "-o", join(dir, "out.ndjson")]);
    expect(code).toBe(2);
    expect(stderr.trim().split("\n")).toHaveLength(1);
    expect(readdirSync(dir)).toEqual(["notes.txt"]);
  });

  it("gives the same messages from the CP949 file as from the same text in UTF-8", async () => {
    const dir = tmp();
    const utf8 = join(dir, "pc-ko-utf8.txt");
    const iconv = (await import("iconv-lite")).default;
    writeFileSync(utf8, iconv.decode(readFileSync(fixture("pc-ko-cp949.txt")), "cp949"));
    const texts = async (file: string) =>
      (await cli(["parse", file])).stdout.split("\n").filter((l) => l.includes('"type":"message"')).map((l) => {
        const { sender, text, time, kind } = JSON.parse(l) as Record<string, unknown>;
        return { sender, text, time, kind };
      });
    const fromCp949 = await texts(fixture("pc-ko-cp949.txt"));
    expect(fromCp949).toHaveLength(3);
    expect(fromCp949).toEqual(await texts(utf8));
  });
});

describe("chatferry detect and stats", () => {
  it("detect prints messenger, variant, encoding and confidence", async () => {
    const { code, stdout } = await cli(["detect", fixture("pc-ko-cp949.txt")]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/Messenger\s+KakaoTalk/);
    expect(stdout).toMatch(/Variant\s+kakaotalk\.pc\.ko/);
    expect(stdout).toMatch(/Encoding\s+cp949/);
    expect(stdout).toMatch(/Confidence\s+1\.00/);
  });

  it("stats counts messages, participants, media and times without printing messages", async () => {
    const { code, stdout } = await cli(["stats", fixture("android-ko.txt"), "--timezone", "Asia/Seoul", "--json"]);
    expect(code).toBe(0);
    const { summary } = JSON.parse(stdout) as { summary: { messages: number; participants: { name: string; messages: number }[]; media: object; first: string; last: string } };
    expect(summary.messages).toBe(15);
    expect(summary.participants).toEqual([
      { name: "김민지", messages: 4 },
      { name: "박서준", messages: 4 },
      { name: "이하은", messages: 3 },
      { name: "산타는 곰돌이", messages: 1 },
    ]);
    expect(summary.media).toEqual({ photo: 3, file: 1, emoticon: 1, video: 1 });
    expect([summary.first, summary.last]).toEqual(["2023-12-31T21:10:00+09:00", "2024-01-01T13:07:00+09:00"]);
    const text = await cli(["stats", fixture("android-ko.txt"), "--lang", "ko"]);
    expect(text.stdout).toMatch(/메시지\s+15/);
    expect(text.stdout).not.toContain("새해 복");
  });

  it("uses the system zone by default and honours --timezone across DST", async () => {
    const ny = await cli(["stats", fixture("ios-en-12h.txt"), "--json", "--timezone", "America/New_York"]);
    expect(JSON.parse(ny.stdout).summary.first).toBe("2024-01-01T00:05:00-05:00");
    const byTz = await cli(["stats", fixture("ios-en-12h.txt"), "--json"], { TZ: "Asia/Seoul" });
    expect(JSON.parse(byTz.stdout).header.timezone).toBe("Asia/Seoul");
  });
});

describe("chatferry help, version and errors", () => {
  it("prints help in English and Korean", async () => {
    const en = await cli(["--help"]);
    expect(en.code).toBe(0);
    expect(en.stdout).toContain("convert an export to NDJSON");
    const ko = await cli(["--help", "--lang", "ko"]);
    expect(ko.stdout).toContain("내보내기 파일을 NDJSON");
    expect(ko.stdout).toContain("명령:");
    const fromEnv = await cli(["parse", "--help"], { LANG: "ko_KR.UTF-8" });
    expect(fromEnv.stdout).toContain("시간대");
  });

  it("prints the version from package.json", async () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string };
    expect((await cli(["--version"])).stdout.trim()).toBe(version);
  });

  it.each([
    [["parse", "/nonexistent/chat.txt"], "File not found: chat.txt", "파일을 찾을 수 없습니다: chat.txt"],
    [["parse"], "missing argument", "인자가 빠졌습니다"],
    [["frobnicate"], "unknown command", "알 수 없는 명령"],
    [["parse", "x.txt", "--bogus"], "unknown option", "알 수 없는 옵션"],
    [["parse", "--lang", "fr", "x"], "--lang takes ko or en", "--lang에는 ko 또는 en"],
  ])("%j fails with one line in the user's language and exit 2", async (args, en, ko) => {
    const english = await cli(args);
    expect(english.code).toBe(2);
    expect(english.stderr).toContain(en);
    expect(english.stderr.trim().split("\n")).toHaveLength(1);
    const korean = await cli(args, { LANG: "ko_KR.UTF-8" });
    expect(korean.stderr).toContain(ko);
  });

  it("rejects an unknown time zone", async () => {
    const { code, stderr } = await cli(["parse", fixture("pc-en.txt"), "--timezone", "Mars/Olympus"]);
    expect(code).toBe(2);
    expect(stderr).toContain("Unknown time zone 'Mars/Olympus'");
  });

  it("lists the supported formats when it cannot tell what a file is", async () => {
    const dir = tmp();
    const file = join(dir, "recipe.txt");
    writeFileSync(file, "Kimchi stew\n\n1. Fry the kimchi\n2. Add water\n");
    const { code, stderr } = await cli(["detect", file]);
    expect(code).toBe(2);
    expect(stderr).toContain("is not a chat export ChatFerry recognises");
    expect(stderr).toContain("KakaoTalk Android/iOS (.txt)");
  });

  it("shows a stack trace only with --debug", async () => {
    const plain = await cli(["parse", "/nonexistent/chat.txt"]);
    expect(plain.stderr).not.toContain("    at ");
    const debug = await cli(["parse", "/nonexistent/chat.txt", "--debug"]);
    expect(debug.stderr).toContain("    at ");
  });

  it("writes the JSON Schema that is committed in assets/", async () => {
    const { stdout } = await cli(["schema"]);
    expect(JSON.parse(stdout)).toEqual(jsonSchema());
    expect(JSON.parse(readFileSync(join(ROOT, "assets/chatferry-1.schema.json"), "utf8"))).toEqual(jsonSchema());
  });
});
