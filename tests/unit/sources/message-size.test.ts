// One message without end, in every source: refused with its file and starting line as soon
// as it passes the limit, in bounded memory, never "Invalid string length" or an exhausted heap.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { INPUT_LIMITS } from "../../../src/input/limits.js";
import type { LineBatch } from "../../../src/input/lines.js";
import { wholeRecords } from "../../../src/sources/kakaotalk/csv-records.js";
import { kakaoMobile } from "../../../src/sources/kakaotalk/mobile.js";
import type { ParseContext } from "../../../src/sources/types.js";
import { cli, ROOT } from "../../helpers/cli.js";
import { readOne } from "../../helpers/read.js";

const dir = mkdtempSync(join(tmpdir(), "chatferry-message-size-"));
/** A small limit, so that each attack here takes kilobytes; the default is checked through the CLI below. */
const LIMIT = 4096;
const limits = { ...INPUT_LIMITS, messageChars: LIMIT };
const ctx: ParseContext = { file: "x", warn: () => undefined, maxMessageChars: LIMIT, decided: () => undefined, companion: async () => null };

const KAKAO_HEAD = readFileSync(join(ROOT, "tests/fixtures/kakaotalk/android-ko.txt"), "utf8").split("\n").slice(0, 6).join("\n");
/** `count` lines of 49 characters, none of them shaped like a message. */
const body = (count: number) => Array.from({ length: count }, (_, i) => `이어지는 줄 ${String(i).padStart(5, "0")} `.padEnd(49, "z")).join("\n");

async function refusal(name: string, text: string): Promise<unknown> {
  const path = join(dir, name);
  writeFileSync(path, text);
  return readOne(path, "UTC", { limits }).then(
    () => null,
    (e: unknown) => e,
  );
}

const tooLong = (file: string, line: number) => ({ code: "E_MESSAGE_TOO_LONG", params: { file, line, limit: "4,096" } });

describe("a message longer than the limit is refused at its first line", () => {
  it("KakaoTalk Android: continuation lines", async () => {
    const text = `${KAKAO_HEAD}\n2023년 12월 31일 오후 9:21, 김민지 : 시작\n${body(100)}\n2023년 12월 31일 오후 9:22, 김민지 : 끝\n`;
    expect(await refusal("KakaoTalkChats.txt", text)).toMatchObject(tooLong("KakaoTalkChats.txt", 7));
  });

  it("KakaoTalk Android: empty lines count, before a single line of text builds them", async () => {
    const text = `${KAKAO_HEAD}\n2023년 12월 31일 오후 9:21, 김민지 : 시작\n${"\n".repeat(5000)}마지막 줄\n`;
    expect(await refusal("KakaoTalkChats.txt", text)).toMatchObject(tooLong("KakaoTalkChats.txt", 7));
  });

  it("KakaoTalk Android: the file lines of several photos sent at once", async () => {
    const text = `${KAKAO_HEAD}\n2024년 3월 1일 오후 9:10, 김민지 : <사진 읽지 않음>\n${"<사진 읽지 않음>\n".repeat(500)}`;
    expect(await refusal("KakaoTalkChats.txt", text)).toMatchObject(tooLong("KakaoTalkChats.txt", 7));
  });

  it("KakaoTalk Windows", async () => {
    const head = readFileSync(join(ROOT, "tests/fixtures/kakaotalk/pc-ko.txt"), "utf8").split("\n").slice(0, 5).join("\n");
    const text = `${head}\n[김민지] [오후 9:11] 시작\n${body(100)}\n`;
    expect(await refusal("KakaoTalk_pc.txt", text)).toMatchObject(tooLong("KakaoTalk_pc.txt", 6));
  });

  it("KakaoTalk CSV: one quoted field", async () => {
    const text = `Date,User,Message\n2024-01-01 10:00:00,"김민지","안녕"\n2024-01-01 10:01:00,"김민지","${body(100)}"\n2024-01-01 10:02:00,"이하은","끝"\n`;
    expect(await refusal("KakaoTalk_Chat_x_2024-01-02-23-10-00.csv", text)).toMatchObject(tooLong("KakaoTalk_Chat_x_2024-01-02-23-10-00.csv", 3));
  });

  it("KakaoTalk CSV: rows that continue the message before them", async () => {
    const text = `Date,User,Message\n2024-01-01 10:00:00,"김민지","안녕"\n2024-01-01 10:01:00,"김민지","시작"\n${body(100)}\n`;
    expect(await refusal("KakaoTalk_Chat_y_2024-01-02-23-10-00.csv", text)).toMatchObject(tooLong("KakaoTalk_Chat_y_2024-01-02-23-10-00.csv", 3));
  });

  it("WhatsApp", async () => {
    // Detection looks at the first 200 lines: enough of them must be messages.
    const head = Array.from({ length: 200 }, (_, i) => `[1/15/24, 3:04:${String(i % 60).padStart(2, "0")} PM] Alice Chen: hello ${i}`).join("\n");
    const text = `${head}\n[1/15/24, 3:05:40 PM] Bob Kim: start\n${body(100)}\n[1/15/24, 3:06:40 PM] Bob Kim: end\n`;
    expect(await refusal("_chat.txt", text)).toMatchObject(tooLong("_chat.txt", 201));
  });

  it("LINE", async () => {
    const text = `[LINE] Chat history in Trail Crew\nSaved on: 1/2/2024, 11:10 PM\n\nSun, 12/31/2023\n9:05PM\tAlice Chen\tstart\n${body(100)}\n9:07PM\tBob Kim\tend\n`;
    expect(await refusal("[LINE] Trail Crew.txt", text)).toMatchObject(tooLong("[LINE] Trail Crew.txt", 5));
  });

  it("Telegram Desktop", async () => {
    // Longer than a chunk of reading (64 KiB): the scanner holds a value only across chunks.
    const long = "x".repeat(100_000);
    const message = (id: number, text: string) => `{"id": ${id}, "type": "message", "date": "2024-01-01T00:00:00", "date_unixtime": "1704067200", "from": "Mina Kim", "from_id": "user1", "text": "${text}", "text_entities": []}`;
    const text = `{\n "name": "Hikers",\n "type": "private_group",\n "id": 1,\n "messages": [\n  ${message(1, "hi")},\n  ${message(2, long)}\n ]\n}\n`;
    expect(await refusal("result.json", text)).toMatchObject(tooLong("result.json", 7));
  });

  it("a message just under the limit is read whole", async () => {
    const lines = body(80);
    const path = join(dir, "KakaoTalkChats.txt");
    writeFileSync(path, `${KAKAO_HEAD}\n2023년 12월 31일 오후 9:21, 김민지 : 시작\n${lines}\n`);
    const { messages } = await readOne(path, "UTC", { limits });
    expect(messages.at(-1)!.text).toBe(`시작\n${lines}`);
  });
});

describe("a message without end stops at the limit, in bounded memory", () => {
  it("lines that never end one message", async () => {
    const head = KAKAO_HEAD.split("\n");
    async function* endless(): AsyncGenerator<LineBatch> {
      yield { first: 1, lines: [...head, "2023년 12월 31일 오후 9:21, 김민지 : 시작"] };
      for (let first = head.length + 2; ; first += 100) yield { first, lines: Array.from({ length: 100 }, () => "끝이 없는 줄") };
    }
    const input = { lines: endless, chunks: () => (async function* () {})() };
    const read = async () => {
      for await (const conversation of kakaoMobile.parse(input, { ...ctx, file: "endless.txt" })) for await (const _ of conversation.messages);
    };
    await expect(read()).rejects.toMatchObject({ code: "E_MESSAGE_TOO_LONG", params: { file: "endless.txt", line: head.length + 1 } });
  });

  it("a CSV quoted field that never closes", async () => {
    async function* endless(): AsyncGenerator<string> {
      yield 'Date,User,Message\r\n2024-01-01 10:00:00,"김민지","';
      for (;;) yield "line, with a comma\r\n";
    }
    const read = async () => {
      for await (const _ of wholeRecords(endless(), { ...ctx, file: "endless.csv" }));
    };
    await expect(read()).rejects.toMatchObject({ code: "E_MESSAGE_TOO_LONG", params: { file: "endless.csv", line: 2 } });
  });

  it("a CSV is passed on whole records at a time, unchanged", async () => {
    // A quote inside a field that does not start with one is a plain character, as Papa reads it.
    const text = 'Date,User,Message\r\n2024-01-01 10:00:00,"a","one ""two""\r\nthree"\r\n2024-01-01 10:01:00,b,4" tall\r\n2024-01-01 10:02:00,"c","five"\r\n';
    const pieces: string[] = [];
    const chunks = async function* () {
      for (let i = 0; i < text.length; i += 5) yield text.slice(i, i + 5);
    };
    for await (const piece of wholeRecords(chunks(), ctx)) pieces.push(piece);
    expect(pieces.join("")).toBe(text);
    // Each piece ends where a record does, however the text came in.
    for (const piece of pieces) expect(piece).toMatch(/[\r\n]$/);
    expect(pieces.some((p) => p.includes('"one ""two""\r\nthree"'))).toBe(true);
    expect(pieces.some((p) => p.startsWith('2024-01-01 10:02:00,"c"'))).toBe(true);
  });
});

describe("the default limit, through the CLI", () => {
  const head = `${KAKAO_HEAD}\n2023년 12월 31일 오후 9:21, 김민지 : 시작\n`;
  const line = `${"x".repeat(1023)}\n`;
  const path = join(dir, "KakaoTalkChats-big.txt");
  // Just past the default: 16 MiB of continuation lines.
  writeFileSync(path, head + line.repeat(INPUT_LIMITS.messageChars / line.length + 2));

  it("stats: one line naming the file and the line, exit 2", async () => {
    const r = await cli(["stats", path]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      "chatferry: KakaoTalkChats-big.txt, line 7: the message that starts here runs past 16,777,216 characters; no chat message is that long, so the file was not read.\n",
    );
  });

  it("export to CSV, in Korean: the same refusal, and no file written", async () => {
    const out = join(dir, "big.csv");
    const r = await cli(["export", path, "--to", "csv", "-o", out], { LANG: "ko_KR.UTF-8" });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      "chatferry: KakaoTalkChats-big.txt 7번째 줄에서 시작하는 메시지가 16,777,216자를 넘습니다. 이렇게 긴 대화 메시지는 없으므로 파일을 읽지 않았습니다.\n",
    );
    expect(existsSync(out)).toBe(false);
  });
});
