import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { inspect } from "../../../src/pipeline.js";
import type { Attachment, Call, Message } from "../../../src/schema/index.js";
import { SOURCES } from "../../../src/sources/index.js";
import { line } from "../../../src/sources/line/index.js";
import type { RawMessage } from "../../../src/sources/types.js";
import { readOne, runSource } from "../../helpers/read.js";
import { expectRows, type Row } from "../../helpers/rows.js";

const dir = join(import.meta.dirname, "../../fixtures/line");

function iso(time: string): string {
  return `${time.replace(" ", "T")}:00+09:00`;
}

const sticker: Attachment = { type: "sticker" };
const location: Attachment = { type: "location" };

/** Messages of inline text. */
async function read(text: string) {
  const { conversations, warnings } = await runSource(line, text);
  return { messages: conversations[0]!.messages, warnings };
}

function wall(m: RawMessage): string {
  return new Date(m.time).toISOString().slice(0, 16).replace("T", " ");
}

interface Case {
  file: string;
  variant: string;
  title: string;
  exportedAt: string;
  rows: Row[];
  /** Calls by source line. */
  calls: Record<number, Call>;
  /** The line whose sender the file cannot tell: kept whole, and reported. */
  unread: { line: number; text: string }[];
}

const cases: Case[] = [
  {
    // Windows desktop "Save chat", English, group: single spaces, "2017.09.03 Sunday", CRLF.
    file: "windows-desktop-en-group.txt",
    variant: "line.en",
    title: "Trail Crew",
    exportedAt: "2017-09-05T12:12:00+09:00",
    rows: [
      [5, "2017-09-03 16:20", null, "system", "Alice Chen joined the group."],
      [6, "2017-09-03 16:23", "Bob Smith", "text", "Today I found something:\nApparently there is a Node package for parsing chats now!"],
      [8, "2017-09-03 16:25", "Alice Chen", "text", "Whaaat"],
      [9, "2017-09-03 16:25", "Bob Smith", "text", "Yeah, it's called line-chat-parser."],
      [10, "2017-09-03 16:26", "Bob Smith", "text", "Here's a screenshot:"],
      [11, "2017-09-03 16:27", "Bob Smith", "media", "", [{ type: "photo" }]],
      [12, "2017-09-03 16:30", "Alice Chen", "text", "Looks awesome!"],
      [13, "2017-09-03 16:31", "Dana", "media", "", [sticker]],
      // "7:00 sharp" starts like a message, but "sharp" starts no other line: it stays Dana's text.
      [14, "2017-09-03 16:32", "Dana", "text", "Meet at the trailhead tomorrow?\n7:00 sharp"],
      [16, "2017-09-03 16:40", null, "system", "☎ Call time 12:05"],
      [17, "2017-09-03 16:41", null, "system", "☎ Missed call"],
      [20, "2017-09-04 08:02", "Mina Park Lee", "media", "https://maps.google.com/?q=35.3606,138.7274", [location]],
      [21, "2017-09-04 08:03", "Mina Park Lee", "media", "", [sticker]],
      [22, "2017-09-04 08:05", "Bob Smith", "deleted", "Bob Smith unsent a message."],
      [23, "2017-09-04 08:10", null, "system", "☎ Canceled call"],
      [24, "2017-09-04 08:11", "Alice Chen", "media", "", [{ type: "video" }]],
      [25, "2017-09-04 09:00", "박 서준", "text", "안녕하세요 여러분"],
      [26, "2017-09-04 09:01", "박 서준", "media", "", [sticker]],
      [27, "2017-09-04 09:15", null, "system", "Alice Chen left the group."],
    ],
    calls: {
      16: { media: "voice", outcome: "answered", seconds: 725, by: "Bob Smith" },
      17: { media: "voice", outcome: "missed", by: "Alice Chen" },
      23: { media: "voice", outcome: "cancelled", by: "Dana" },
    },
    unread: [{ line: 15, text: "7:00 sharp" }],
  },
  {
    // Windows desktop, Japanese, one-to-one: the title names the other person, names with spaces, a BOM.
    file: "windows-desktop-ja-one-to-one.txt",
    variant: "line.ja",
    title: "佐藤 美咲",
    exportedAt: "2018-04-21T10:00:00+09:00",
    rows: [
      [5, "2018-04-20 21:05", "佐藤 美咲", "text", "明日の山登り、何時集合にする？"],
      [6, "2018-04-20 21:06", "高橋 翔", "text", "6時 でどう？"],
      [7, "2018-04-20 21:07", "高橋 翔", "media", "", [sticker]],
      [8, "2018-04-20 21:10", null, "system", "☎ 通話時間 1:02:03"],
      [9, "2018-04-20 21:20", null, "system", "☎ 不在着信"],
      [10, "2018-04-20 21:21", null, "system", "☎ 通話をキャンセルしました"],
      [13, "2018-04-21 06:00", "佐藤 美咲", "media", "", [{ type: "photo" }]],
      [14, "2018-04-21 06:01", "佐藤 美咲", "text", "おはよう\n寝坊しないでね"],
      [16, "2018-04-21 06:30", "高橋 翔", "deleted", "高橋 翔がメッセージの送信を取り消しました"],
      [17, "2018-04-21 07:00", "佐藤 美咲", "media", "https://www.google.com/maps/place/Mount+Takao", [location]],
    ],
    calls: {
      8: { media: "voice", outcome: "answered", seconds: 3723, by: "佐藤 美咲" },
      9: { media: "voice", outcome: "missed", by: "高橋 翔" },
      10: { media: "voice", outcome: "cancelled", by: "高橋 翔" },
    },
    unread: [],
  },
];

/** Non-empty input lines a message stands for. */
function linesOf(m: Message): number {
  return m.text === "" ? 1 : m.text.split("\n").filter((l) => l !== "").length;
}

describe.each(cases)("LINE Windows desktop $file", (c) => {
  it("is detected as LINE", async () => {
    const { container, chats } = await inspect(join(dir, c.file));
    await container.close();
    const [{ detected }] = chats as [(typeof chats)[0]];
    expect(detected.source.id).toBe("line");
    expect(detected.variant).toBe(c.variant);
    expect(detected.confidence).toBeGreaterThanOrEqual(0.8);
    const text = readFileSync(join(dir, c.file), "utf8").replace(/^\ufeff/, "");
    const head = { name: c.file, lines: text.split(/\r\n|\n/) };
    for (const source of SOURCES.filter((s) => s !== line)) expect(source.detect(head)?.confidence ?? 0, source.id).toBeLessThan(0.3);
  });

  it("yields every message, field by field, with its calls and warnings", async () => {
    const { header, messages, summary } = await readOne(join(dir, c.file), "Asia/Tokyo");
    expect(header.title).toBe(c.title);
    expect(header.source.exportedAt).toBe(c.exportedAt);
    expectRows(messages, summary, c.rows, iso);
    expect(Object.fromEntries(messages.filter((m) => m.call).map((m) => [m.source.line, m.call]))).toEqual(c.calls);
    expect(summary.warnings).toEqual(c.unread.map((u) => ({ code: "unread-line", file: c.file, ...u })));
    // Count in = count out: every non-empty line is the header (2), a heading (2), or in a message.
    const nonEmpty = readFileSync(join(dir, c.file), "utf8").split(/\r\n|\n/).filter((l) => l !== "").length;
    expect(messages.reduce((n, m) => n + linesOf(m), 0)).toBe(nonEmpty - 4);
  });
});

describe("LINE space-separated senders", () => {
  it("reads the layout without a header, as meyfa/line-chat-parser shows it", async () => {
    const { messages, warnings } = await read(
      [
        "2017.09.03 Sunday",
        "16:23 Bob Today I found something:",
        "Apparently there is a Node package for parsing chats now!",
        "16:25 Alice Whaaat",
        "16:27 Bob Photos",
        "16:30 Alice Looks awesome!",
      ].join("\n"),
    );
    expect(messages.map((m) => [wall(m), m.sender, m.kind, m.text])).toEqual([
      ["2017-09-03 16:23", "Bob", "text", "Today I found something:\nApparently there is a Node package for parsing chats now!"],
      ["2017-09-03 16:25", "Alice", "text", "Whaaat"],
      ["2017-09-03 16:27", "Bob", "media", ""],
      ["2017-09-03 16:30", "Alice", "text", "Looks awesome!"],
    ]);
    expect(warnings).toEqual([]);
  });

  it("takes the longest name the file shows", async () => {
    const { messages, warnings } = await read(
      [
        "2017.09.03 Sunday",
        "10:00 Bob ok",
        "10:01 Bob Smith Stickers",
        "10:02 Bob Smith is here",
        "10:03 Bob where are you",
        "10:04 Bob Smith ☎ No answer",
      ].join("\n"),
    );
    expect(messages.map((m) => [m.sender, m.kind, m.text])).toEqual([
      ["Bob", "text", "ok"],
      ["Bob Smith", "media", ""],
      ["Bob Smith", "text", "is here"],
      ["Bob", "text", "where are you"],
      [null, "system", "☎ No answer"],
    ]);
    expect(messages[4]!.call).toEqual({ media: "voice", outcome: "missed", by: "Bob Smith" });
    expect(warnings).toEqual([]);
  });

  it("does not split a line no other line vouches for, and says so", async () => {
    const { messages, warnings } = await read(
      ["2025.12.30 火曜日", "21:04 山田 太郎 スタンプ", "21:05 山田 太郎 こんにちは 皆さん", "21:06 鈴木 花子 明日 行く", "21:07 中村 はい"].join("\n"),
    );
    expect(messages.map((m) => [m.line, m.sender, m.kind, m.text])).toEqual([
      [2, "山田 太郎", "media", ""],
      [3, "山田 太郎", "text", "こんにちは 皆さん\n21:06 鈴木 花子 明日 行く\n21:07 中村 はい"],
    ]);
    expect(warnings.map((w) => [w.code, w.line, w.text])).toEqual([
      ["unread-line", 4, "21:06 鈴木 花子 明日 行く"],
      ["unread-line", 5, "21:07 中村 はい"],
    ]);
  });

  it("keeps a line before any message whose sender cannot be told as an orphan, reported once", async () => {
    const { messages, warnings } = await read("2025.12.30 火曜日\n21:05 山田 太郎 こんにちは\n21:06 山田がアルバムを作成しました\n");
    expect(messages.map((m) => [m.kind, m.sender, m.text])).toEqual([["system", null, "山田がアルバムを作成しました"]]);
    expect(warnings.map((w) => [w.code, w.line])).toEqual([["orphan-line", 2]]);
  });

  it("needs no other line for the other person of a one-to-one chat", async () => {
    const { messages, warnings } = await read("[LINE] Chat history with Mary Ann Lee\nSaved on: 2017/09/05 12:12\n\n2017.09.03 Sunday\n16:23 Mary Ann Lee see you at 7\n");
    expect(messages.map((m) => [m.sender, m.text])).toEqual([["Mary Ann Lee", "see you at 7"]]);
    expect(warnings).toEqual([]);
  });

  it("keeps a time-led line inside a quoted body as its text", async () => {
    const { messages, warnings } = await read('2017.09.03 Sunday\n10:00 Bob ok\n10:01 Bob "Plan:\n7:00 sharp\nbring water"\n10:02 Bob bye\n');
    expect(messages.map((m) => [m.sender, m.text])).toEqual([
      ["Bob", "ok"],
      ["Bob", "Plan:\n7:00 sharp\nbring water"],
      ["Bob", "bye"],
    ]);
    expect(warnings).toEqual([]);
  });

  it("reads an empty sender column as a system line", async () => {
    const { messages } = await read("2017.09.03 Sunday\n16:20  Alice Chen joined the group.\n");
    expect(messages.map((m) => [m.kind, m.sender, m.text])).toEqual([["system", null, "Alice Chen joined the group."]]);
  });

  it("still reads TAB lines under dotted headings as before", async () => {
    const { messages, warnings } = await read("2017.09.02 Saturday\n12:00\tfoo\thello world\ntest\n12:01\tfoo bar\tsecond message\n");
    expect(messages.map((m) => [m.sender, m.text])).toEqual([
      ["foo", "hello world\ntest"],
      ["foo bar", "second message"],
    ]);
    expect(warnings).toEqual([]);
  });
});

describe("LINE calls", () => {
  it("reads every call wording as an event with the caller", async () => {
    const calls: [string, Call | null][] = [
      ["☎ Call time 0:42", { media: "voice", outcome: "answered", seconds: 42, by: "A" }],
      ["☎ Call time 1:02:03", { media: "voice", outcome: "answered", seconds: 3723, by: "A" }],
      ["☎ Missed call", { media: "voice", outcome: "missed", by: "A" }],
      ["☎ Canceled call", { media: "voice", outcome: "cancelled", by: "A" }],
      ["☎ No answer", { media: "voice", outcome: "missed", by: "A" }],
      ["☎ 通話時間 0:42", { media: "voice", outcome: "answered", seconds: 42, by: "A" }],
      ["☎ 不在着信", { media: "voice", outcome: "missed", by: "A" }],
      ["☎ キャンセル", { media: "voice", outcome: "cancelled", by: "A" }],
      ["☎ 通話をキャンセルしました", { media: "voice", outcome: "cancelled", by: "A" }],
      ["☎ 通話時間20:25", { media: "voice", outcome: "answered", seconds: 1225, by: "A" }],
      ["☎ 未接來電", { media: "voice", outcome: "missed", by: "A" }],
      ["☎ 無人接聽", { media: "voice", outcome: "missed", by: "A" }],
      ["☎ 您已取消通話", { media: "voice", outcome: "cancelled", by: "A" }],
      ["☎ Video call time 3:00", { media: "video", outcome: "answered", seconds: 180, by: "A" }],
      // Look-alikes stay the sender's text.
      ["☎ Call time soon", null],
      ["☎ Call time 0:75", null],
      ["Missed call", null],
      ["☎ call me", null],
    ];
    const { messages, warnings } = await read(`2024/01/02(火)\n${calls.map(([b]) => `10:00\tA\t${b}`).join("\n")}\n`);
    expect(messages.map((m) => [m.kind, m.sender, m.text, m.call ?? null])).toEqual(
      calls.map(([body, call]) => (call ? ["system", null, body, call] : ["text", "A", body, null])),
    );
    expect(warnings).toEqual([]);
  });

  it("reads a call in the system column without a caller", async () => {
    const { messages } = await read("2024/01/02(火)\n10:00\t\t☎ Missed call\n");
    expect(messages.map((m) => [m.kind, m.sender, m.call])).toEqual([["system", null, { media: "voice", outcome: "missed" }]]);
  });
});

describe("LINE locations without a name", () => {
  it("reads [null] and a map link as a location, and keeps other [null] bodies as text", async () => {
    const bodies: [string, Attachment[] | null, string][] = [
      ["[null] https://maps.google.com/example", [location], "https://maps.google.com/example"],
      ["[null] https://www.google.com/maps/search/?api=1&query=35.6,139.7", [location], "https://www.google.com/maps/search/?api=1&query=35.6,139.7"],
      ["[null] https://maps.app.goo.gl/AbCdEf", [location], "https://maps.app.goo.gl/AbCdEf"],
      ["[null] https://example.com/page", null, "[null] https://example.com/page"],
      ["[null]", null, "[null]"],
    ];
    const { messages } = await read(`2024.01.02 Tuesday\n${bodies.map(([b]) => `03:06\tAlice\t${b}`).join("\n")}\n`);
    expect(messages.map((m) => [m.attachments, m.text])).toEqual(bodies.map(([, a, text]) => [a, text]));
    expect(messages.map((m) => m.kind)).toEqual(["media", "media", "media", "text", "text"]);
  });
});

describe("LINE space-separated pathological input", () => {
  it("reads megabyte lines in linear time", async () => {
    const long = 1_000_000;
    const text = [
      "2017.09.03 Sunday",
      "10:00 Bob ok",
      "10:01 Bob hi",
      `10:02 ${"a ".repeat(long / 2)}`,
      `10:03 Bob ${"b".repeat(long)}`,
      `10:04 ${"c".repeat(long)} ☎ Missed call`,
      `10:05 Bob ${"d ".repeat(long / 2)}Photos`,
      `10:06 ${" ".repeat(long)}`,
    ].join("\n");
    const started = performance.now();
    const { conversations, warnings } = await runSource(line, text, 1 << 16);
    expect(performance.now() - started).toBeLessThan(5000);
    expect(conversations[0]!.messages.map((m) => [m.line, m.kind, m.sender])).toEqual([
      [2, "text", "Bob"],
      [3, "text", "Bob"],
      [5, "text", "Bob"],
      [7, "text", "Bob"],
      [8, "system", null],
    ]);
    expect(warnings.map((w) => [w.code, w.line])).toEqual([
      ["unread-line", 4],
      ["unread-line", 6],
    ]);
  });
});
