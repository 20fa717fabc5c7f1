import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { previewRedacted, redactInput } from "../../../src/redact/sample.js";
import { readAll, readOne } from "../../helpers/read.js";
import { FIXTURES, reading, redactedPair, sampleBytes } from "../../helpers/redact.js";
import { writeZip } from "../../helpers/zip.js";

const fixture = (path: string) => join(FIXTURES, path);
const tmp = () => mkdtempSync(join(tmpdir(), "chatferry-sample-"));
const utf8 = (bytes: Buffer) => bytes.toString("utf8");

/** The lines of a text, each with its break. */
function linesOf(text: string): string[] {
  return text.match(/[^\r\n]*(?:\r\n|\r|\n|$)/g)!.filter((l) => l !== "");
}

describe("what a sample keeps", () => {
  it("KakaoTalk: title and saved line wordings, day separators, times, placeholders, notices, emoji", async () => {
    const { bytes } = await redactedPair(fixture("kakaotalk/pc-ko.txt"));
    const lines = utf8(bytes).split("\r\n");
    // The group's name is a name too: every word of it a pseudonym.
    expect(lines[0]).toMatch(/^[갑-힣]{2} [갑-힣]{2} [갑-힣]{2} 님과 카카오톡 대화$/);
    expect(lines[0]).not.toMatch(/주말|등산|모임/);
    expect(lines[1]).toBe("저장한 날짜 : 2024-01-02 23:10:41");
    expect(lines[3]).toBe("--------------- 2023년 12월 31일 일요일 ---------------");
    expect(lines).toContain("메시지가 삭제되었습니다.");
    for (const kept of ["] [오후 12:01] 사진", "] [오후 12:03] 이모티콘", "] [오후 12:04] 삭제된 메시지입니다.", "] [오후 11:59] 🎉🎉🎉", "님이 들어왔습니다.", "] [20:36] "]) {
      expect(lines.some((l) => l.includes(kept))).toBe(true);
    }
  });

  it("WhatsApp: stamps to the second, <Media omitted>, image omitted, tombstones, the file names the app made", async () => {
    const android = utf8((await redactedPair(fixture("whatsapp/WhatsApp Chat with Mina Park.txt"))).bytes);
    expect(android).toMatch(/\n1\/15\/24, 6:58\u202fPM - [A-W][a-w]+ [A-W][a-w]+: <Media omitted>\n/);
    expect(android).toContain(": This message was deleted\n");
    expect(android).toContain(": You deleted this message\n");
    expect(android).toContain(" pinned a message\n");
    const ios = utf8((await redactedPair(fixture("whatsapp/ios-en-us/_chat.txt"))).bytes);
    expect(ios).toMatch(/\n\u200e\[1\/15\/24, 3:07:00\u202fPM\] [A-W][a-w]+ [A-W][a-w]+: \u200eimage omitted\n/);
    // The names the app gives media carry the phone's dates (which decide the date order): kept.
    expect(ios).toContain("\u200e<attached: 00000012-PHOTO-2024-01-15-15-05-01.jpg>");
    // A document keeps the name someone gave it: replaced.
    expect(ios).toContain(" \u200e<attached: 00000000-xxxxx-xxx.xxx>");
    expect(ios).not.toContain("trail");
  });

  it("LINE: the header's wording, headings, times with AM/PM, placeholders", async () => {
    const lines = utf8((await redactedPair(fixture("line/[LINE] Alice Chen.txt"))).bytes).split("\n");
    expect(lines[0]).toBe("\ufeff[LINE] Chat history with Abcde Abcd");
    expect(lines[1]).toBe("Saved on: 2024/01/02, 23:10");
    expect(lines[3]).toBe("2023.12.31 Sunday");
    expect(lines[4]).toBe("09:05pm\tAbcde Abcd\tXxxxxxx xxxx xxxxxxxx?");
    expect(lines).toContain("12:30pm\tAbcde Abcd\t[Photo]");
  });

  it("digits: the stamps' are kept, any other (a phone number) is replaced", async () => {
    const sample = utf8((await redactedPair(fixture("whatsapp/ios-pt-br-2019-phone-numbers/_chat.txt"))).bytes);
    expect(sample).toContain("[10/09/2019 20:16:30] ");
    expect(sample).not.toMatch(/9812|3456|99876|5432/);
  });
});

describe("names", () => {
  it("each name is one pseudonym wherever it stands: as a sender and inside notices", async () => {
    const lines = utf8((await redactedPair(fixture("kakaotalk/pc-ko.txt"))).bytes).split("\r\n");
    const [, minji] = /^\[(.+?)\] \[오후 9:10\]/.exec(lines[4]!)!;
    const [, santa] = /^\[(.+?)\] \[오후 9:21\]/.exec(lines[6]!)!;
    expect(lines[5]).toBe(`${minji}님이 ${santa}님을 초대하였습니다.`);
    expect(new Set([minji, santa]).size).toBe(2);
  });

  it("a one-to-one chat's title names the other person with their pseudonym, so the sample is one-to-one too", async () => {
    const chat = [
      "민지 님과 카카오톡 대화",
      "저장한 날짜 : 2024년 1월 2일 오후 11:10",
      "",
      "2024년 1월 1일 오후 3:04, 민지 : 안녕",
      "2024년 1월 1일 오후 3:05, 서준 : 민지야 반가워",
      "",
    ].join("\n");
    const pair = await redactedPair({ name: "KakaoTalkChats.txt", bytes: Buffer.from(chat) });
    const [original, redacted] = await Promise.all([readOne(pair.original), readOne(pair.redacted)]);
    expect(original.summary.kind).toBe("direct");
    expect(redacted.summary.kind).toBe("direct");
    const pseudonym = redacted.messages[0]!.sender!;
    expect(redacted.header.title).toBe(pseudonym);
    expect(redacted.messages[1]!.text.startsWith(pseudonym)).toBe(true);
  });

  it("distinct names stay distinct: hundreds of one-syllable names, phone numbers, and ~ Ann beside Ann", async () => {
    const syllables = Array.from({ length: 300 }, (_, i) => String.fromCharCode(0xac00 + i * 37));
    const phones = Array.from({ length: 200 }, (_, i) => `+82 10 ${String(1000 + i)} 5678`);
    const names = [...syllables, ...phones, "Ann", "\u007e\u202fAnn", "Bob", "Bob Smith"];
    const chat = names.map((name, i) => `[1/${1 + (i % 28)}/24, 10:${String(i % 60).padStart(2, "0")}:00] ${name}: hi`).join("\n");
    const pair = await redactedPair({ name: "_chat.txt", bytes: Buffer.from(chat) });
    const [original, redacted] = await Promise.all([readAll(pair.original), readAll(pair.redacted)]);
    expect(original[0]!.summary.participants).toHaveLength(names.length - 1);
    expect(reading(redacted)).toEqual(reading(original));
  });
});

describe("lines, preview and inputs", () => {
  const file = fixture("kakaotalk/ios-ko.txt");

  it("--lines keeps those lines of the full sample, byte for byte, and the BOM", async () => {
    const full = await sampleBytes(await redactInput(file));
    const cut = await redactInput(file, { lines: { first: 4, last: 9 } });
    const bytes = await sampleBytes(cut);
    const bom = Buffer.from([0xef, 0xbb, 0xbf]);
    expect(bytes.subarray(0, 3)).toEqual(bom);
    expect(utf8(bytes.subarray(3))).toBe(linesOf(utf8(full.subarray(3))).slice(3, 9).join(""));
    expect(cut.tally.lines).toBe(6);
    expect(cut.tally.replaced).toBeGreaterThan(0);
  });

  it("a range that starts after the last line is refused", async () => {
    const sample = await redactInput(file, { lines: { first: 500, last: 600 } });
    await expect(sampleBytes(sample)).rejects.toMatchObject({ code: "E_LINES_PAST_END", params: { count: 17, first: 500, last: 600 } });
  });

  it("a preview is the first lines of the sample", async () => {
    const full = linesOf(utf8(await sampleBytes(await redactInput(file))));
    const preview = await previewRedacted(file, 5);
    expect(preview.file).toBe("ios-ko.txt");
    expect(preview.lines).toEqual(full.slice(0, 5).map((l, i) => (i === 0 ? l.slice(1) : l).replace(/\r?\n$/, "")));
  });

  it("a zip's sample is of the chat file in it, the same as that file's alone", async () => {
    const chat = readFileSync(fixture("whatsapp/ios-en-us/_chat.txt"));
    const zip = join(tmp(), "WhatsApp Chat - Weekend Hikers.zip");
    await writeZip(zip, [
      { name: "_chat.txt", data: chat },
      { name: "00000012-PHOTO-2024-01-15-15-05-01.jpg", data: Buffer.from("jpeg") },
    ]);
    const sample = await redactInput(zip);
    expect([sample.container, sample.input, sample.file]).toEqual(["zip", "WhatsApp Chat - Weekend Hikers.zip", "_chat.txt"]);
    expect(await sampleBytes(sample)).toEqual((await redactedPair(fixture("whatsapp/ios-en-us/_chat.txt"))).bytes);
  });

  it("a folder's sample is of its result.json", async () => {
    const sample = await redactInput(fixture("telegram/chat"));
    expect([sample.container, sample.file]).toEqual(["folder", "result.json"]);
    const json = JSON.parse(utf8(await sampleBytes(sample))) as { name: string; type: string; messages: unknown[] };
    expect(json.type).toBe("private_group");
    expect(json.messages).toHaveLength(18);
  });

  it("bad input is a ChatFerryError, and nothing is left open", async () => {
    const dir = tmp();
    writeFileSync(join(dir, "photo.png"), Buffer.from("89504e470d0a1a0a0000000d4948445200000001000000010806000000", "hex"));
    await expect(redactInput(join(dir, "photo.png"))).rejects.toMatchObject({ code: "E_BINARY" });
    await expect(redactInput(join(dir, "missing.txt"))).rejects.toMatchObject({ code: "E_NOT_FOUND" });
  });
});

describe("Telegram's result.json", () => {
  const message = (fields: Record<string, unknown>) => ({ id: 1, type: "message", date: "2024-01-01T00:00:00", date_unixtime: "1704067200", ...fields });
  const escaped = String.raw`"Jos\u00e9 \"J\" \ud83d\ude00 \u2028 C:\\x\/y"`;
  const source = [
    "{",
    ' "name": "Trip",',
    ' "type": "personal_chat",',
    ' "id": 42,',
    ' "messages": [',
    `  ${JSON.stringify(message({ from: "José", from_id: "user7", text: "hola" }))},`,
    `  {"id": 2, "type": "message", "date": "2024-01-01T00:01:00", "date_unixtime": "1704067260", "from": "Ana", "from_id": "user8", "text": ${escaped}},`,
    `  ${JSON.stringify(message({ id: 3, from: "Ana", from_id: "user8", location_information: { latitude: 37.658, longitude: -126.9 }, text: "" }))}`,
    " ]",
    "}",
    "",
  ].join("\n");

  it("keeps structure, keys, numbers, dates, ids and types; names and texts are replaced, escapes written as they were", async () => {
    const pair = await redactedPair({ name: "result.json", bytes: Buffer.from(source) });
    const text = utf8(pair.bytes);
    const before = JSON.parse(source) as { messages: Record<string, unknown>[] };
    const after = JSON.parse(text) as typeof before;
    expect(Object.keys(after)).toEqual(Object.keys(before));
    after.messages.forEach((m, i) => {
      const o = before.messages[i]!;
      expect(Object.keys(m)).toEqual(Object.keys(o));
      for (const key of ["id", "type", "date", "date_unixtime", "from_id"]) expect(m[key]).toEqual(o[key]);
    });
    // The escaped é is replaced inside an escape of the same length; the other escapes stay as written.
    const line = text.split("\n")[6]!;
    expect(line.length).toBe(source.split("\n")[6]!.length);
    expect(line).toContain(String.raw`\"X\" \ud83d\ude00 \u2028 X:\\x\/x"`);
    const jose = after.messages[0]!.from as string;
    expect(line).toContain(`"text": "${jose.slice(0, 3)}\\u${jose.charCodeAt(3).toString(16).padStart(4, "0")} `);
    const place = after.messages[2]!.location_information as { latitude: number; longitude: number };
    expect(place).toEqual({ latitude: 10, longitude: -100 });
    const [original, redacted] = await Promise.all([readAll(pair.original), readAll(pair.redacted)]);
    expect(reading(redacted)).toEqual(reading(original));
    expect(iconv.decode(pair.bytes, "utf-8")).not.toMatch(/José|Ana|hola|Trip/);
  });
});
