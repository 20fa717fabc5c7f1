import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { inspect } from "../../../src/pipeline.js";
import type { Attachment, Message } from "../../../src/schema/index.js";
import { detectSource, SOURCES } from "../../../src/sources/index.js";
import { line } from "../../../src/sources/line/index.js";
import { QUOTE_LIMIT } from "../../../src/sources/line/quotes.js";
import type { RawMessage, TextHead } from "../../../src/sources/types.js";
import { readOne, runSource } from "../../helpers/read.js";
import { expectRows, type Row } from "../../helpers/rows.js";

const fixtures = join(import.meta.dirname, "../../fixtures");
const dir = join(fixtures, "line");

/** [line, local time "YYYY-MM-DD HH:MM" (or a full ISO time where the offset changes), sender, kind, text, attachments?] */

interface Case {
  file: string;
  variant: string;
  zone: string;
  /** The zone's offset on the fixture's dates. */
  offset: string;
  title: string;
  exportedAt: string;
  /** Day heading lines: with the two header lines, what is not a message line. */
  headings: number;
  rows: Row[];
}

const photo: Attachment = { type: "photo" };
const sticker: Attachment = { type: "sticker" };

const cases: Case[] = [
  {
    // 2018 English: "2018/03/24 Sat" headings, 24-hour times. London changes to summer time on 2018-03-25.
    file: "[LINE] Weekend Hikers.txt",
    variant: "line.en",
    zone: "Europe/London",
    offset: "+00:00",
    title: "Weekend Hikers",
    exportedAt: "2018-03-25T19:57:00+01:00",
    headings: 2,
    rows: [
      [5, "2018-03-24 21:05", "Alice Chen", "text", "Sunrise hike tomorrow? 🌄"],
      [6, "2018-03-24 21:06", "Bob Kim", "text", "Count me in!\nMeet at 5:30 at the trailhead?\nBring a headlamp"],
      [9, "2018-03-24 21:10", null, "system", "Alice Chen added Mina Park to the group."],
      [10, "2018-03-24 21:12", "Mina Park", "media", "", [sticker]],
      [11, "2018-03-24 21:15", "Bob Kim", "media", "", [photo]],
      [12, "2018-03-24 21:16", "Bob Kim", "deleted", "Bob Kim unsent a message."],
      [13, "2018-03-24 21:20", "Alice Chen", "media", "", [{ type: "file", name: "trail-map.pdf" }]],
      [14, "2018-03-24 23:59", "Mina Park", "text", "See you all 😴"],
      // Call records are events; the caller is in the call (see line-desktop.test.ts).
      [17, "2018-03-25T04:58:00+01:00", null, "system", "☎ Missed call"],
      [18, "2018-03-25T04:59:00+01:00", null, "system", "☎ Call time 0:42"],
      [19, "2018-03-25T05:31:00+01:00", "Mina Park", "media", "Bukhansan National Park", [{ type: "location" }]],
      // Inside quotes, an empty line and a heading-like line are text.
      [20, "2018-03-25T05:32:00+01:00", "Alice Chen", "text", "Plan for next month:\n\n2018/04/21 Sat\nSame trailhead, same time"],
      [24, "2018-03-25T07:40:00+01:00", "Bob Kim", "media", "", [{ type: "voice" }]],
      [25, "2018-03-25T09:15:00+01:00", null, "system", "Mina Park left the group."],
      [26, "2018-03-25T09:20:00+01:00", null, "deleted", "You unsent a message."],
    ],
  },
  {
    // 2024+ English: "2023.12.31 Sunday", lower-case zero-padded 12-hour times, a BOM.
    file: "[LINE] Alice Chen.txt",
    variant: "line.en",
    zone: "Asia/Seoul",
    offset: "+09:00",
    title: "Alice Chen",
    exportedAt: "2024-01-02T23:10:00+09:00",
    headings: 2,
    rows: [
      [5, "2023-12-31 21:05", "Alice Chen", "text", "Sunrise hike tomorrow?"],
      [6, "2023-12-31 21:06", "Seojun Park", "text", "Yes!\nMeet at 6:00 at the trailhead"],
      [8, "2023-12-31 23:59", "Alice Chen", "text", "🎉🎉🎉"],
      [11, "2024-01-01 00:05", "Seojun Park", "text", "Happy New Year 🎍"],
      [12, "2024-01-01 12:30", "Alice Chen", "media", "", [photo]],
      [13, "2024-01-01 12:31", "Alice Chen", "media", "", [{ type: "video" }]],
      [14, "2024-01-01 12:32", "Seojun Park", "media", "", [{ type: "gif" }]],
      [15, "2024-01-01 12:40", "Alice Chen", "media", "New Year hike", [photo]],
      [16, "2024-01-01 12:41", "Alice Chen", "media", "Gear list for next time", [{ type: "other" }]],
      [17, "2024-01-01 13:00", "Seojun Park", "media", "Mina Park", [{ type: "contact" }]],
      [18, "2024-01-01 13:02", "Seojun Park", "deleted", "Seojun Park unsent a message."],
      // One line, quotes of its own: nothing follows to close it, so it is literal.
      [19, "2024-01-01 15:04", "Alice Chen", "text", '"Quote of the day: "the mountains are calling""'],
    ],
  },
  {
    // US locale: "Sun, 12/31/2023" headings, "9:05PM" times, a US "saved on" line.
    file: "[LINE] Trail Crew.txt",
    variant: "line.en",
    zone: "America/New_York",
    offset: "-05:00",
    title: "Trail Crew",
    exportedAt: "2024-01-02T23:10:00-05:00",
    headings: 3,
    rows: [
      [5, "2023-12-31 21:05", "Alice Chen", "text", "Who's driving tomorrow?"],
      [6, "2023-12-31 21:07", "Bob Kim", "text", "I can take 4 people 🚗"],
      [7, "2023-12-31 23:58", null, "system", "Bob Kim changed the group name to Trail Crew."],
      [10, "2024-01-01 00:05", "Alice Chen", "text", "Happy New Year!"],
      [11, "2024-01-01 12:00", "Bob Kim", "media", "", [sticker]],
      [12, "2024-01-01 12:15", "Dana Lee", "text", "Running late\nbe there by 12:30"],
      [16, "2024-01-02 08:00", "Dana Lee", "media", "", [{ type: "file", name: "photos.zip" }]],
    ],
  },
  {
    // Japanese classic: "2023/12/31(日)", 24-hour times, CRLF.
    file: "[LINE] 週末ハイキング.txt",
    variant: "line.ja",
    zone: "Asia/Tokyo",
    offset: "+09:00",
    title: "週末ハイキング",
    exportedAt: "2024-01-02T23:10:00+09:00",
    headings: 2,
    rows: [
      [5, "2023-12-31 21:05", "佐藤美咲", "text", "明日の初日の出ハイク、みんな来る？"],
      [6, "2023-12-31 21:10", null, "system", "佐藤美咲が鈴木健太をグループに追加しました。"],
      [7, "2023-12-31 21:12", "鈴木健太", "media", "", [sticker]],
      [8, "2023-12-31 21:15", "田中🐻", "text", "行きます！\nヘッドライトは必要？\n\n集合は6時でいいかな"],
      [12, "2023-12-31 23:59", "佐藤美咲", "media", "", [photo]],
      [15, "2024-01-01 00:00", "田中🐻", "text", "あけおめ🎍"],
      [16, "2024-01-01 00:05", "鈴木健太", "media", "", [{ type: "file", name: "行程表.pdf" }]],
      [17, "2024-01-01 06:12", "佐藤美咲", "media", "高尾山口駅", [{ type: "location" }]],
      [18, "2024-01-01 06:13", "鈴木健太", "media", "", [{ type: "voice" }]],
      [19, "2024-01-01 06:20", null, "system", "☎ 通話時間 0:42"],
      [20, "2024-01-01 06:21", null, "system", "☎ 不在着信"],
      [21, "2024-01-01 07:03", "鈴木健太", "deleted", "鈴木健太がメッセージの送信を取り消しました"],
      [22, "2024-01-01 07:04", "佐藤美咲", "media", "", [{ type: "video" }]],
      [23, "2024-01-01 12:00", "田中🐻", "media", "初日の出", [photo]],
      [24, "2024-01-01 12:45", null, "system", "田中🐻がグループを退会しました。"],
    ],
  },
  {
    // Japanese 12-hour: 午後3:04; both 午前12:05 and 午前0:30 are after midnight, 午後0:45 after noon.
    file: "[LINE] 佐藤美咲.txt",
    variant: "line.ja",
    zone: "Asia/Tokyo",
    offset: "+09:00",
    title: "佐藤美咲",
    exportedAt: "2024-01-02T23:10:00+09:00",
    headings: 2,
    rows: [
      [5, "2023-12-31 21:05", "佐藤美咲", "text", "明日何時に出る？"],
      [6, "2023-12-31 21:06", "高橋翔", "text", "午前5時かな"],
      [7, "2023-12-31 23:59", "佐藤美咲", "media", "", [sticker]],
      [10, "2024-01-01 00:05", "高橋翔", "text", "あけましておめでとう！"],
      [11, "2024-01-01 00:30", "佐藤美咲", "text", "まだ起きてる？"],
      [12, "2024-01-01 12:30", "高橋翔", "text", "お昼どうする？"],
      [13, "2024-01-01 12:45", "佐藤美咲", "text", "蕎麦がいい"],
      [14, "2024-01-01 15:04", "佐藤美咲", "deleted", "メッセージの送信を取り消しました"],
    ],
  },
  {
    // Korean (wording unconfirmed, see header.ts): "[LINE] 김민지님과의 대화", "2023/12/31(일)", "오후 9:05".
    file: "[LINE] 김민지.txt",
    variant: "line.ko",
    zone: "Asia/Seoul",
    offset: "+09:00",
    title: "김민지",
    exportedAt: "2024-01-02T23:10:00+09:00",
    headings: 2,
    rows: [
      [5, "2023-12-31 21:05", "김민지", "text", "내일 해돋이 산행 갈 거지?"],
      [6, "2023-12-31 21:06", "박서준", "text", "당연하지!\n랜턴 챙길게"],
      [8, "2023-12-31 23:59", "김민지", "media", "", [sticker]],
      [11, "2024-01-01 00:05", "박서준", "text", "새해 복 많이 받아 🎍"],
      [12, "2024-01-01 06:12", "김민지", "media", "", [photo]],
      [13, "2024-01-01 06:20", "박서준", "media", "", [{ type: "file", name: "등산로.pdf" }]],
      [14, "2024-01-01 12:00", "김민지", "deleted", "김민지님이 메시지 전송을 취소했습니다."],
      [15, "2024-01-01 12:30", "김민지", "media", "", [{ type: "video" }]],
    ],
  },
  {
    // Android 2017: no "[LINE] " mark, "2017/03/12(Sun)", the hour after midnight written as 24.
    file: "android-2017-en.txt",
    variant: "line.en",
    zone: "Asia/Bangkok",
    offset: "+07:00",
    title: "Bob Kim",
    exportedAt: "2017-09-05T12:12:00+07:00",
    headings: 2,
    rows: [
      [5, "2017-03-11 23:50", "Bob Kim", "text", "Are you up?"],
      [6, "2017-03-11 23:58", "Alice Chen", "text", "yes"],
      [9, "2017-03-12 00:05", "Bob Kim", "text", "It's past midnight already 😅"],
      [10, "2017-03-12 00:30", "Alice Chen", "text", "Good night!"],
      [11, "2017-03-12 09:12", "Bob Kim", "media", "", [sticker]],
      [12, "2017-03-12 09:13", "Alice Chen", "media", "", [photo]],
    ],
  },
  {
    // 2025+ Japanese Android: "2025.12.30 火曜日", lines separated by single spaces, bare placeholder words.
    file: "[LINE] ハイキング部.txt",
    variant: "line.ja",
    zone: "Asia/Tokyo",
    offset: "+09:00",
    title: "ハイキング部",
    exportedAt: "2025-12-31T09:00:00+09:00",
    headings: 2,
    rows: [
      [5, "2025-12-30 21:05", "佐藤美咲", "text", "明日の初日の出ハイク、みんな来る？"],
      [6, "2025-12-30 21:07", "natsumi_", "media", "", [sticker]],
      // A group event is read whole, so a name with a space stays in it.
      [7, "2025-12-30 21:10", null, "system", "鈴木 健太がグループに参加しました。"],
      [8, "2025-12-30 21:12", "natsumi_", "media", "", [photo]],
      [9, "2025-12-30 23:43", "佐藤美咲", "text", "集合は 5:30 で！"],
      [12, "2025-12-31 00:10", "natsumi_", "text", "了解！\nヘッドライト持っていく"],
      [14, "2025-12-31 00:12", "佐藤美咲", "media", "", [{ type: "file", name: "地図.pdf" }]],
    ],
  },
  {
    // Traditional Chinese: "2024/01/02（二）", 上午/下午 before the time.
    file: "[LINE] 王小明.txt",
    variant: "line.zh",
    zone: "Asia/Taipei",
    offset: "+08:00",
    title: "王小明",
    exportedAt: "2024-01-03T09:00:00+08:00",
    headings: 1,
    rows: [
      [5, "2024-01-02 08:36", "王小明", "text", "早安"],
      [6, "2024-01-02 15:04", "陳美玲", "media", "", [photo]],
      [7, "2024-01-02 15:05", "王小明", "media", "", [sticker]],
      [8, "2024-01-02 19:05", "王小明", "deleted", "王小明已收回訊息"],
    ],
  },
];

function iso(time: string, offset: string): string {
  return time.includes("T") ? time : `${time.replace(" ", "T")}:00${offset}`;
}

/** The head detection sees, as the pipeline makes it: BOM gone, lines split. */
function headOf(path: string): TextHead {
  const text = readFileSync(path, "utf8").replace(/^\ufeff/, "");
  return { name: path.slice(path.lastIndexOf("/") + 1), lines: text.split(/\r\n|\r|\n/).slice(0, 200) };
}

/** Non-empty input lines a message stands for: a placeholder line when it has no text, else its text's. */
function linesOf(m: Message): number {
  return m.text === "" ? 1 : m.text.split("\n").filter((l) => l !== "").length;
}

describe.each(cases)("LINE $file", (c) => {
  it("is detected by content, and no other source claims it", async () => {
    const { container, chats } = await inspect(join(dir, c.file));
    await container.close();
    const [{ encoding, detected }] = chats as [(typeof chats)[0]];
    expect(detected.source.id).toBe("line");
    expect(detected.variant).toBe(c.variant);
    expect(encoding.encoding).toBe("utf-8");
    expect(detected.confidence).toBeGreaterThanOrEqual(0.8);
    const head = headOf(join(dir, c.file));
    for (const source of SOURCES.filter((s) => s !== line)) {
      expect(source.detect(head)?.confidence ?? 0, source.id).toBeLessThan(0.3);
    }
  });

  it("yields every message, field by field", async () => {
    const { header, messages, summary } = await readOne(join(dir, c.file), c.zone);
    expect(header.title).toBe(c.title);
    expect(header.source.platform).toBe("line");
    expect(header.source.exportedAt).toBe(c.exportedAt);
    expectRows(messages, summary, c.rows, (time) => iso(time, c.offset));
    expect(summary.warnings).toEqual([]);
    // Count in = count out: every non-empty line is the header, a heading, or in a message.
    const nonEmpty = readFileSync(join(dir, c.file), "utf8").split(/\r\n|\n/).filter((l) => l !== "").length;
    expect(messages.reduce((n, m) => n + linesOf(m), 0)).toBe(nonEmpty - 2 - c.headings);
  });
});

/** Every file under a fixtures folder. */
function filesUnder(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe("LINE detection among the other sources", () => {
  it.each(["kakaotalk", "whatsapp"])("does not claim the %s fixtures", (platform) => {
    const files = filesUnder(join(fixtures, platform)).filter((f) => /\.(txt|csv)$/.test(f));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const head = headOf(file);
      expect(line.detect(head)?.confidence ?? 0, file).toBeLessThan(0.3);
      expect(detectSource(head)?.source.id, file).not.toBe("line");
    }
  });

  it("takes the file name as a hint, not as proof", () => {
    const lines = ["2024/01/02(火)", "21:05\t佐藤\tこんにちは"];
    const plain = line.detect({ name: "chat.txt", lines })!;
    const named = line.detect({ name: "[LINE] 佐藤.txt", lines })!;
    expect(plain.variant).toBe("line.ja");
    expect(named.confidence).toBeGreaterThan(plain.confidence);
    expect(line.detect({ name: "[LINE] 佐藤.txt", lines: ["hello", "world"] })).toBeNull();
  });

  it("names the language from the title, the saved-on line, headings or AM/PM words", () => {
    const variant = (lines: string[]) => line.detect({ name: "x.txt", lines })?.variant;
    expect(variant(["[LINE] Chat history in Hikers", "Saved on: 2024/01/02 23:10"])).toBe("line.en");
    expect(variant(["[LINE] 등산 모임 대화", "저장한 날짜: 2024/01/02 오후 11:10"])).toBe("line.ko");
    expect(variant(["[LINE] 與王小明的聊天記錄"])).toBe("line.zh");
    expect(variant(["2024/01/02(화)", "오후 3:04\t민지\t안녕"])).toBe("line.ko");
    expect(variant(["2024/01/02(日)", "午後3:04\t佐藤\tこんにちは"])).toBe("line.ja");
  });
});

/** Messages of inline text, with local times as "YYYY-MM-DD HH:MM". */
async function read(text: string) {
  const { conversations, warnings } = await runSource(line, text);
  const messages = conversations[0]!.messages;
  return { messages, warnings };
}

function wall(m: RawMessage): string {
  return new Date(m.time).toISOString().slice(0, 16).replace("T", " ");
}

describe("LINE times and headings", () => {
  it("reads every clock form", async () => {
    const { messages, warnings } = await read(
      [
        "2024/01/02(火)",
        "21:05\tA\t24h",
        "9:05\tA\tone digit",
        "9:05PM\tA\tsuffix",
        "9:05 pm\tA\tspaced suffix",
        "9:05 p.m.\tA\tdotted suffix",
        "12:05AM\tA\tmidnight",
        "12:05PM\tA\tnoon",
        "午後3:04\tA\tJapanese",
        "午前0:30\tA\tJapanese from zero",
        "下午07:04\tA\tChinese",
        "오후 3:04\tA\tKorean",
        "오전12:05\tA\tKorean, no space",
        "24:05\tA\tAndroid 2017 midnight",
      ].join("\n"),
    );
    expect(messages.map((m) => [wall(m), m.text])).toEqual([
      ["2024-01-02 21:05", "24h"],
      ["2024-01-02 09:05", "one digit"],
      ["2024-01-02 21:05", "suffix"],
      ["2024-01-02 21:05", "spaced suffix"],
      ["2024-01-02 21:05", "dotted suffix"],
      ["2024-01-02 00:05", "midnight"],
      ["2024-01-02 12:05", "noon"],
      ["2024-01-02 15:04", "Japanese"],
      ["2024-01-02 00:30", "Japanese from zero"],
      ["2024-01-02 19:04", "Chinese"],
      ["2024-01-02 15:04", "Korean"],
      ["2024-01-02 00:05", "Korean, no space"],
      ["2024-01-02 00:05", "Android 2017 midnight"],
    ]);
    expect(warnings).toEqual([]);
  });

  it("reads day headings of every generation", async () => {
    const headings = [
      ["2017/03/12(Sun)", "2017-03-12"],
      ["2015/12/25 Fri", "2015-12-25"],
      ["2023/12/31(日)", "2023-12-31"],
      ["2024/01/02(화)", "2024-01-02"],
      ["2024/01/02（二）", "2024-01-02"],
      ["2024/1/2週二", "2024-01-02"],
      ["2026/1/30周五", "2026-01-30"],
      ["2023.12.31 Sunday", "2023-12-31"],
      ["2025.12.30 火曜日", "2025-12-30"],
      ["2024.01.02 화요일", "2024-01-02"],
      ["Sun, 12/31/2023", "2023-12-31"],
      ["Thu, 8/14/2014", "2014-08-14"],
      // Day first where the weekday says so (3 January 2024 is a Wednesday, 1 March a Friday).
      ["Wed, 3/1/2024", "2024-01-03"],
      ["Sat, 13/1/2024", "2024-01-13"],
    ];
    const text = headings.map(([h]) => `${h}\n10:00\tA\t${h}`).join("\n");
    const { messages, warnings } = await read(text);
    expect(messages.map((m) => [m.text, wall(m).slice(0, 10)])).toEqual(headings);
    expect(warnings).toEqual([]);
  });

  it("keeps lines that only resemble headings as text", async () => {
    const { messages } = await read("2024/01/02(火)\n10:00\tA\tplan\n2024/01/03 is free\n2024.01.04 maybe\nSun, 12/31\n");
    expect(messages.map((m) => m.text)).toEqual(["plan\n2024/01/03 is free\n2024.01.04 maybe\nSun, 12/31"]);
  });

  it("treats an impossible time or date as text of the previous message and says so", async () => {
    const { messages, warnings } = await read("2024/01/02(火)\n10:00\tA\tok\n25:10\tA\tx\n13:05PM\tA\ty\n2024/02/30(金)\n");
    expect(messages.map((m) => m.text)).toEqual(["ok\n25:10\tA\tx\n13:05PM\tA\ty\n2024/02/30(金)"]);
    expect(warnings.map((w) => [w.code, w.line])).toEqual([
      ["invalid-date", 3],
      ["invalid-date", 4],
      ["invalid-date", 5],
    ]);
  });

  it("keeps lines before the first heading as warnings with their line numbers", async () => {
    const { messages, warnings } = await read("\ufeff[LINE] Chat history with A\nstray\n10:00\tA\tno day yet\n2024/01/02(火)\n10:01\tA\thi\n");
    expect(messages.map((m) => m.text)).toEqual(["hi"]);
    expect(warnings).toEqual([
      { code: "orphan-line", file: "inline.txt", line: 2, text: "stray" },
      { code: "orphan-line", file: "inline.txt", line: 3, text: "10:00\tA\tno day yet" },
    ]);
  });
});

describe("LINE bodies", () => {
  it("reads system lines with an empty or absent sender column", async () => {
    const { messages } = await read("2024/01/02(火)\n21:05\t\tAlice joined the group.\n21:06\t佐藤がグループに参加しました。\n");
    expect(messages.map((m) => [m.kind, m.sender, m.text])).toEqual([
      ["system", null, "Alice joined the group."],
      ["system", null, "佐藤がグループに参加しました。"],
    ]);
  });

  it("reads unsend notices with the sender they name", async () => {
    const notices = [
      ["Bob Kim unsent a message.", "Bob Kim"],
      ["You unsent a message.", null],
      ["Message unsent.", null],
      ["佐藤がメッセージの送信を取り消しました。", "佐藤"],
      ["メッセージの送信を取り消しました", null],
      ["민지님이 메시지 전송을 취소했습니다.", "민지"],
      ["王小明已收回訊息", "王小明"],
      ["小明撤回了一条消息", "小明"],
    ];
    const { messages } = await read(`2024/01/02(火)\n${notices.map(([n]) => `10:00\t\t${n}`).join("\n")}\n`);
    expect(messages.map((m) => [m.kind, m.text, m.sender])).toEqual(notices.map(([n, s]) => ["deleted", n, s]));
  });

  it("reads placeholders and keeps look-alikes as text", async () => {
    const bodies: [string, Message["kind"], Attachment[]?, string?][] = [
      ["[Voice message]", "media", [{ type: "voice" }]],
      ["[Location]", "media", [{ type: "location" }]],
      ["[File]", "media", [{ type: "file" }]],
      ["[File] notes 2024.docx", "media", [{ type: "file", name: "notes 2024.docx" }]],
      ["[ノート] 持ち物リスト", "media", [{ type: "other" }], "持ち物リスト"],
      ["[음성 메시지]", "media", [{ type: "voice" }]],
      ["[貼圖]", "media", [sticker]],
      ["[Photo] look at this", "text"],
      ["[Photos]", "text"],
      ["[Photo", "text"],
      ["スタンプ", "text"],
    ];
    const { messages } = await read(`2024/01/02(火)\n${bodies.map(([b]) => `10:00\tA\t${b}`).join("\n")}\n`);
    expect(messages.map((m) => [m.kind, m.attachments ?? undefined, m.text])).toEqual(
      bodies.map(([b, kind, attachments, text]) => [kind, attachments, text ?? (kind === "media" ? "" : b)]),
    );
  });
});

describe("LINE quoted bodies", () => {
  it("strips the outer quotes and keeps the inner ones", async () => {
    const { messages } = await read('2024/01/02(火)\n10:00\tA\t"He said "hi"\nand left"\n10:01\tB\t"a\n"\n');
    expect(messages.map((m) => m.text)).toEqual(['He said "hi"\nand left', "a\n"]);
  });

  it("keeps a quote that never closes as literal text and reads the lines after it", async () => {
    const { messages, warnings } = await read('2024/01/02(火)\n10:00\tA\t"Yes\n\n2024/01/03(水)\n09:00\tB\tmorning "all"\n');
    expect(messages.map((m) => [m.text, wall(m)])).toEqual([
      ['"Yes', "2024-01-02 10:00"],
      ['morning "all"', "2024-01-03 09:00"],
    ]);
    expect(warnings).toEqual([]);
  });

  it("gives up a quote after QUOTE_LIMIT characters without losing a line", async () => {
    const filler = Array.from({ length: QUOTE_LIMIT / 10 }, (_, i) => `line ${String(i).padStart(4, "0")}`);
    const text = ['2024/01/02(火)', '10:00\tA\t"never closed', ...filler, "2024/01/03(水)", 'tail"', "09:00\tB\tnext"].join("\n");
    const { messages } = await read(text);
    expect(messages).toHaveLength(2);
    // The heading past the limit counts again: B's message is on the 3rd, and the text kept every line.
    expect(messages[0]!.text).toBe(['"never closed', ...filler, 'tail"'].join("\n"));
    expect(wall(messages[1]!)).toBe("2024-01-03 09:00");
  });

  it("holds a quote open across any number of batches", async () => {
    const { conversations } = await runSource(line, '2024/01/02(火)\n10:00\tA\t"one\ntwo\nthree"\n10:01\tB\tfour', 1);
    expect(conversations[0]!.messages.map((m) => m.text)).toEqual(["one\ntwo\nthree", "four"]);
  });

  it("ends a quote still open at the end of the input as literal text", async () => {
    const { messages } = await read('2024/01/02(火)\n10:00\tA\t"open\n2024/01/03(水)');
    expect(messages.map((m) => m.text)).toEqual(['"open']);
  });
});

describe("LINE space-separated lines (2025 Japanese Android, Windows desktop)", () => {
  it("reads them only under that generation's headings", async () => {
    const { messages } = await read("2023.12.31 Sunday\n10:00\tA\tplan\n12:30 meet at the station\n");
    expect(messages.map((m) => m.text)).toEqual(["plan\n12:30 meet at the station"]);
  });

  it("stops reading them once the file shows TAB lines", async () => {
    const { messages } = await read("2025.12.30 火曜日\n10:00\tA\tplan\n12:30 駅で集合\n2025.12.31 水曜日\n12:31 駅で\n");
    expect(messages.map((m) => m.text)).toEqual(["plan\n12:30 駅で集合\n12:31 駅で"]);
  });

  it("takes senders the file shows, and a notice of one word as an event", async () => {
    // Names with spaces: line-desktop.test.ts.
    const { messages } = await read("2025.12.30 火曜日\n21:05 natsumi_ こんにちは\n21:06 山田がアルバムを作成しました\n21:07 natsumi_ [写真]\n");
    expect(messages.map((m) => [m.kind, m.sender, m.text])).toEqual([
      ["text", "natsumi_", "こんにちは"],
      ["system", null, "山田がアルバムを作成しました"],
      ["media", "natsumi_", ""],
    ]);
  });
});

describe("LINE pathological input", () => {
  it("reads megabyte lines in linear time", async () => {
    const long = 1_000_000;
    const text = [
      "[LINE] " + "x".repeat(long),
      "2024/01/02(火)",
      `21:05\tA\t${"x".repeat(long)}`,
      `21:06\tA\t"${"y".repeat(long)}`,
      "9".repeat(long),
      `2024/01/02${"(".repeat(long)}`,
      `午後${"1".repeat(long)}`,
      `21:07\t${"\t".repeat(long)}`,
      `21:08 ${"a ".repeat(long / 2)}`,
      `[${"[".repeat(long)}`,
      `21:09\tB\t[File${"]".repeat(long)}`,
      `21:10\t\t${"x".repeat(long)} unsent a message.`,
    ].join("\n");
    const started = performance.now();
    const { conversations, warnings } = await runSource(line, text, 1 << 16);
    expect(performance.now() - started).toBeLessThan(5000);
    const messages = conversations[0]!.messages;
    expect(messages.map((m) => [m.line, m.kind])).toEqual([
      [3, "text"],
      [4, "text"],
      [8, "system"],
      [11, "text"],
      [12, "system"],
    ]);
    // The quote at line 4 is given up at the next line, past the limit: lines 5 to 7 are its text.
    expect(messages[1]!.text.split("\n")).toHaveLength(4);
    // A title longer than any chat name is no title.
    expect(warnings.map((w) => [w.code, w.line])).toEqual([["orphan-line", 1]]);
  });

  it("reads 10,000 headings and nothing else quickly", async () => {
    const days = Array.from({ length: 10_000 }, (_, i) => {
      const d = new Date(Date.UTC(2000, 0, 1) + i * 86_400_000);
      return `${d.getUTCFullYear()}/${String(d.getUTCMonth() + 1).padStart(2, "0")}/${String(d.getUTCDate()).padStart(2, "0")}(Sun)`;
    });
    const started = performance.now();
    const { conversations, warnings } = await runSource(line, `[LINE] Chat history with A\nSaved on: 2030/01/01 00:00\n\n${days.join("\n")}\n`, 1 << 12);
    expect(performance.now() - started).toBeLessThan(5000);
    expect(conversations[0]!.messages).toEqual([]);
    expect(warnings).toEqual([]);
  });
});

describe("LINE titles: who the chat is between", () => {
  const detect = (first: string) => line.detect({ name: "chat.txt", lines: [first, "Saved on: 2024/01/02 23:10", "", "2024/01/01(Mon)", "09:00\tAlice\tHi"] });

  it("reads one-to-one from 'with', a group from 'in'", () => {
    expect(detect("[LINE] Chat history with Alice")?.kind).toBe("direct");
    expect(detect("[LINE] Chat history in Hikers")?.kind).toBe("group");
  });

  it("reads one-to-one and group titles in Japanese and Chinese", () => {
    expect(detect("[LINE] 佐藤美咲とのトーク履歴")?.kind).toBe("direct");
    expect(detect("[LINE] ハイキング部のトーク履歴")?.kind).toBe("group");
    expect(detect("[LINE] 與王小明的聊天記錄")?.kind).toBe("direct");
    expect(detect("[LINE] 登山社的聊天記錄")?.kind).toBe("group");
  });

  it("lets the unconfirmed Korean wordings decide nothing alone: 'X님과의' only pairs", () => {
    expect(detect("[LINE] 김민지님과의 대화")).toMatchObject({ title: "김민지", kind: "pair" });
    const group = detect("[LINE] 등산 동호회 대화");
    expect(group?.title).toBe("등산 동호회");
    expect(group?.kind).toBeUndefined();
  });

  it("says nothing for a title in no wording it knows", () => {
    const d = detect("[LINE] Hikers");
    expect(d?.title).toBe("Hikers");
    expect(d?.kind).toBeUndefined();
  });

  it("names no exporter in an unsend notice: LINE writes the exporter's as 'You'", async () => {
    const text = "[LINE] Chat history with Alice\nSaved on: 2024/01/02 23:10\n\n2024/01/01(Mon)\n09:00\tAlice\tHi\n09:01\t\tYou unsent a message.\n";
    const { conversations } = await runSource(line, text);
    expect(conversations[0]!.messages.map((m) => [m.kind, m.sender, m.shows])).toEqual([
      ["text", "Alice", undefined],
      ["deleted", null, undefined],
    ]);
  });
});
