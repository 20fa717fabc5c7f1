import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseString } from "whatsapp-chat-parser";
import { inspect } from "../../../src/pipeline.js";
import type { Attachment, Warning } from "../../../src/schema/index.js";
import { whatsapp } from "../../../src/sources/whatsapp/source.js";
import type { RawMessage } from "../../../src/sources/types.js";
import { readOne, runSource } from "../../helpers/read.js";
import { expectRows, type Row } from "../../helpers/rows.js";

const dir = join(import.meta.dirname, "../../fixtures/whatsapp");
const N = "\u202f";
const L = "\u200e";

/** [line, local time "YYYY-MM-DD HH:MM(:SS)", sender, kind, text, attachments?, edited?] */

interface Case {
  file: string;
  variant: string;
  zone: string;
  /** The zone's offset on the fixture's dates. */
  offset: string;
  title: string | null;
  warnings: Warning[];
  rows: Row[];
}

const other: Attachment = { type: "other" };
const photo: Attachment = { type: "photo" };

const cases: Case[] = [
  {
    file: "WhatsApp Chat with Weekend Hikers.txt",
    variant: "whatsapp.android",
    zone: "America/New_York",
    offset: "-05:00",
    title: "Weekend Hikers",
    warnings: [],
    rows: [
      [1, "2023-12-31 21:00", null, "system", "Messages and calls are end-to-end encrypted. No one outside of this chat, not even WhatsApp, can read or listen to them. Tap to learn more."],
      [2, "2023-12-31 21:00", null, "system", 'Alice Chen created group "Weekend Hikers"'],
      [3, "2023-12-31 21:01", null, "system", "Alice Chen added Bob Kim and 홍길동"],
      [4, "2023-12-31 21:05", "Alice Chen", "text", "Sunrise hike tomorrow! Who's in? 🌄"],
      [5, "2023-12-31 21:06", "Bob Kim", "text", "Count me in\nDo I need a headlamp?\n\nAlso: snacks?"],
      [9, "2023-12-31 23:59", "홍길동", "text", "🎉🎉🎉 Happy New Year"],
      // 12 AM is midnight; the author keeps its non-breaking hyphen.
      [10, "2024-01-01 00:00", "+1 (555) 010\u20112345", "text", "Happy new year everyone"],
      [11, "2024-01-01 05:30", "Alice Chen", "media", "Trailhead at dawn", [{ type: "photo", name: "IMG-20240101-WA0001.jpg" }]],
      [13, "2024-01-01 05:31", "Bob Kim", "media", "", [other]],
      [14, "2024-01-01 05:32", "Bob Kim", "media", "", [{ type: "voice", name: "PTT-20240101-WA0002.opus" }]],
      [15, "2024-01-01 05:40", "Alice Chen", "media", "trail-map", [{ type: "file", name: "trail-map.pdf" }]],
      [17, "2024-01-01 06:02", "Bob Kim", "deleted", "This message was deleted"],
      [18, "2024-01-01 06:03", "Alice Chen", "deleted", "You deleted this message"],
      // The new subject holds ": ", which must not make "Alice Chen changed … to "Hikers" an author.
      [19, "2024-01-01 07:15", null, "system", 'Alice Chen changed the subject from "Weekend Hikers" to "Hikers: Season 2"'],
      [20, "2024-01-01 07:16", null, "system", "Alice Chen changed this group's icon"],
      [21, "2024-01-01 08:00", "Bob Kim", "text", "Meet at the north gate", undefined, true],
      [22, "2024-01-01 08:05", "홍길동", "media", "North Gate Parking\nBukhansan, Seoul\nlocation: https://maps.google.com/?q=37.6586,126.9780", [{ type: "location" }]],
      [25, "2024-01-01 12:30", null, "system", "Dana Lee joined using this group's invite link"],
      [26, "2024-01-01 13:20", null, "system", "+82 10-5555-0192 left"],
      [27, "2024-01-01 13:21", null, "system", "You're now an admin"],
      [28, "2024-01-01 13:22", "Dana Lee", "media", "", [{ type: "sticker", name: "STK-20240101-WA0003.webp" }]],
      [29, "2024-01-01 13:23", "Dana Lee", "media", "", [{ type: "contact", name: "Chris Park.vcf" }]],
      [30, "2024-01-01 13:24", "Dana Lee", "media", "live location shared", [{ type: "location" }]],
    ],
  },
  {
    file: "WhatsApp Chat with Alice Chen.txt",
    variant: "whatsapp.android",
    zone: "Europe/London",
    offset: "+00:00",
    title: "Alice Chen",
    warnings: [],
    rows: [
      [1, "2024-01-15 09:12", null, "system", "Messages and calls are end-to-end encrypted. No one outside of this chat, not even WhatsApp, can read or listen to them. Tap to learn more."],
      [2, "2024-01-15 09:12", "Alice Chen", "text", "Morning! Are we still on for lunch?"],
      [3, "2024-01-15 09:15", "Tom Wright", "text", "Yes, 12:30 at the usual place"],
      [4, "2024-01-15 09:15", "Tom Wright", "text", "Can you bring the book?\nIt's the one with the red cover"],
      [6, "2024-01-15 12:41", "Alice Chen", "media", "", [other]],
      [7, "2024-01-15 12:42", "Alice Chen", "deleted", "This message was deleted"],
      [8, "2024-01-16 00:05", "Tom Wright", "text", "Thanks for today 😊"],
      [9, "2024-01-16 23:59", "Alice Chen", "text", "Night!"],
    ],
  },
  {
    file: "WhatsApp-Chat mit Anna Becker.txt",
    variant: "whatsapp.android",
    zone: "Europe/Berlin",
    offset: "+01:00",
    title: "Anna Becker",
    warnings: [],
    rows: [
      [1, "2023-12-31 20:00", null, "system", "Nachrichten und Anrufe sind Ende-zu-Ende-verschlüsselt. Niemand außerhalb dieses Chats kann sie lesen oder anhören, nicht einmal WhatsApp. Tippe, um mehr zu erfahren."],
      [2, "2023-12-31 23:59", "Anna Becker", "text", "Noch eine Minute!!"],
      [3, "2024-01-01 00:00", "Jonas Weber", "text", "Frohes neues Jahr 🎆\nAlles Gute euch!"],
      [5, "2024-01-01 00:02", "Anna Becker", "media", "", [other]],
      [6, "2024-01-01 00:03", "Jonas Weber", "media", "Feuerwerk über der Elbe", [{ type: "photo", name: "IMG-20240101-WA0004.jpg" }]],
      [8, "2024-01-01 00:04", "Jonas Weber", "media", "", [{ type: "video", name: "VID-20240101-WA0005.mp4" }]],
      [9, "2024-01-01 09:30", "Anna Becker", "deleted", "Diese Nachricht wurde gelöscht"],
      [10, "2024-01-01 09:31", "Jonas Weber", "deleted", "Du hast diese Nachricht gelöscht"],
      [11, "2024-01-01 10:00", "Anna Becker", "text", "Treffen um 12:00 am Bahnhof?", undefined, true],
    ],
  },
  {
    file: "WhatsApp Chat with 등산 모임.txt",
    variant: "whatsapp.android",
    zone: "Asia/Seoul",
    offset: "+09:00",
    title: "등산 모임",
    warnings: [],
    rows: [
      [1, "2024-01-15 15:00", null, "system", "메시지와 통화는 종단간 암호화되어 안전하게 보호됩니다. 이 대화에 참여한 사람만 이러한 메시지와 통화를 읽거나 듣거나 공유할 수 있습니다. 더 알아보기."],
      [2, "2024-01-15 15:01", null, "system", '김민지님이 "등산 모임" 그룹을 만들었습니다'],
      [3, "2024-01-15 15:04", "홍길동", "text", "안녕"],
      [4, "2024-01-15 15:05", "김민지", "text", "이번 주말 북한산 어때요?\n집결은 오전 7시"],
      [6, "2024-01-15 23:58", "박서준", "media", "", [other]],
      [7, "2024-01-16 00:03", "홍길동", "deleted", "삭제된 메시지입니다"],
      [8, "2024-01-16 12:00", "김민지", "text", "점심 먹고 출발해요 🍱"],
      [9, "2024-01-16 12:01", null, "system", "박서준님이 나갔습니다"],
    ],
  },
  {
    file: "ios-en-us/_chat.txt",
    variant: "whatsapp.ios",
    zone: "America/Los_Angeles",
    offset: "-08:00",
    // iOS files name no chat; the group "writes" the encryption notice.
    title: "Weekend Hikers",
    warnings: [],
    rows: [
      [1, "2024-01-15 15:00:05", null, "system", "Messages and calls are end-to-end encrypted. No one outside of this chat, not even WhatsApp, can read or listen to them."],
      [2, "2024-01-15 15:00:05", null, "system", "Alice Chen created group “Weekend Hikers”"],
      [3, "2024-01-15 15:00:06", null, "system", "Alice Chen added Bob Kim"],
      [4, "2024-01-15 15:04:12", "Alice Chen", "text", "Sunrise hike on Saturday?"],
      [5, "2024-01-15 15:04:40", "Bob Kim", "text", "Sounds good.\nI'll bring the thermos ☕"],
      [7, "2024-01-15 15:05:01", "Alice Chen", "media", "", [{ type: "photo", name: "00000012-PHOTO-2024-01-15-15-05-01.jpg" }]],
      [8, "2024-01-15 15:05:30", "Bob Kim", "media", "", [{ type: "voice", name: "00000013-AUDIO-2024-01-15-15-05-30.opus" }]],
      [9, "2024-01-15 15:06:00", "Alice Chen", "media", "", [{ type: "file", name: "00000014-trail-map.pdf" }]],
      [10, "2024-01-15 15:07:00", "Bob Kim", "media", "", [photo]],
      [11, "2024-01-15 15:07:10", "Bob Kim", "media", "", [{ type: "gif" }]],
      [12, "2024-01-15 15:07:20", "Bob Kim", "media", "", [{ type: "sticker" }]],
      [13, "2024-01-15 15:07:30", "Alice Chen", "media", "", [{ type: "contact" }]],
      [14, "2024-01-15 15:08:00", "Alice Chen", "deleted", "This message was deleted."],
      [15, "2024-01-15 15:08:05", "Bob Kim", "deleted", "You deleted this message."],
      [16, "2024-01-15 15:09:00", "Bob Kim", "text", "See you at 6", undefined, true],
      // "~ " marks a member not in the exporter's contacts: not part of the name (issue 10).
      [17, "2024-01-15 15:10:00", "Dana", "media", "Location: https://maps.google.com/?q=37.658600,126.978000", [{ type: "location" }]],
      [18, "2024-01-15 15:11:00", null, "system", "Dana joined using this group's invite link"],
      [19, "2024-01-15 15:12:00", null, "system", "Bob Kim left"],
      [20, "2024-01-16 00:00:00", "Alice Chen", "text", "Happy Tuesday 🎉"],
      [21, "2024-01-16 09:00:00", "Alice Chen", "media", "", [{ type: "video", name: "00000015-VIDEO-2024-01-16-09-00-00.mp4" }]],
      [22, "2024-01-16 09:01:00", "Alice Chen", "text", "Hope you enjoy"],
    ],
  },
  {
    // CRLF and a BOM.
    file: "ios-en-gb/_chat.txt",
    variant: "whatsapp.ios",
    zone: "Europe/London",
    offset: "+00:00",
    title: "Tom Wright",
    warnings: [],
    rows: [
      [1, "2024-01-15 15:04:12", null, "system", "Messages and calls are end-to-end encrypted. No one outside of this chat, not even WhatsApp, can read or listen to them."],
      [2, "2024-01-15 15:04:12", "Alice Chen", "text", "Fancy a pint later?"],
      [3, "2024-01-15 15:10:45", "Tom Wright", "text", "Go on then 🍺"],
      [4, "2024-01-15 15:11:02", "Tom Wright", "media", "", [{ type: "photo", name: "00000003-PHOTO-2024-01-15-15-11-02.jpg" }]],
      [5, "2024-01-15 18:30:00", "Alice Chen", "text", "Running late,\n\n10 minutes"],
      [8, "2024-01-15 18:31:00", "Alice Chen", "media", "", [{ type: "audio" }]],
      [9, "2024-01-16 00:01:30", "Tom Wright", "text", "Home safe"],
    ],
  },
  {
    file: "ios-de/_chat.txt",
    variant: "whatsapp.ios",
    zone: "Europe/Berlin",
    offset: "+01:00",
    title: "Silvester 2023",
    warnings: [],
    rows: [
      [1, "2023-12-31 20:00:00", null, "system", "Nachrichten und Anrufe sind Ende-zu-Ende-verschlüsselt. Niemand außerhalb dieses Chats kann sie lesen oder anhören, nicht einmal WhatsApp."],
      [2, "2023-12-31 20:00:00", null, "system", "Anna Becker hat die Gruppe „Silvester 2023“ erstellt"],
      [3, "2023-12-31 20:00:01", null, "system", "Anna Becker hat Jonas Weber hinzugefügt"],
      [4, "2023-12-31 23:59:30", "Anna Becker", "text", "Noch 30 Sekunden!!"],
      [5, "2024-01-01 00:00:02", "Jonas Weber", "text", "Frohes Neues! 🎆"],
      [6, "2024-01-01 00:01:15", "Jonas Weber", "media", "", [{ type: "photo", name: "00000021-PHOTO-2024-01-01-00-01-15.jpg" }]],
      [7, "2024-01-01 00:02:00", "Anna Becker", "media", "", [photo]],
      [8, "2024-01-01 00:02:30", "Anna Becker", "media", "", [{ type: "sticker" }]],
      [9, "2024-01-01 09:00:00", "Jonas Weber", "deleted", "Diese Nachricht wurde gelöscht."],
      [10, "2024-01-01 09:05:00", "Anna Becker", "text", "Guten Morgen ☀️\nKaffee?"],
    ],
  },
  {
    // 03/04/24 could be either; 13/04/24 on the last line settles day/month.
    file: "WhatsApp Chat with Book Club.txt",
    variant: "whatsapp.android",
    zone: "Europe/London",
    offset: "+01:00",
    title: "Book Club",
    warnings: [],
    rows: [
      [1, "2024-04-03 19:00", "Mia", "text", "Next book?"],
      [2, "2024-04-03 19:02", "Leo", "text", "The Hobbit"],
      [3, "2024-04-05 20:15", "Mia", "text", "Chapter 1 done"],
      [4, "2024-04-13 10:00", "Leo", "text", "Meeting today at 4"],
    ],
  },
  {
    // Nothing settles 2/1/24; the 12-hour clock says en-US, month first.
    file: "WhatsApp Chat with Tennis.txt",
    variant: "whatsapp.android",
    zone: "America/Chicago",
    offset: "-06:00",
    title: "Tennis",
    warnings: [{ code: "date-order-assumed", file: "WhatsApp Chat with Tennis.txt", text: "month/day" }],
    rows: [
      [1, "2024-02-01 18:30", "Sam", "text", "Court booked for Saturday"],
      [2, "2024-02-01 18:31", "Kim", "text", "👍"],
      [3, "2024-02-03 09:00", "Sam", "text", "On my way"],
    ],
  },
];

function iso(local: string, offset: string): string {
  const withSeconds = local.length === 16 ? `${local}:00` : local;
  return `${withSeconds.replace(" ", "T")}${offset}`;
}

/** Wall time of a raw message as "YYYY-MM-DD HH:MM:SS". */
function wall(m: RawMessage): string {
  return new Date(m.time).toISOString().slice(0, 19).replace("T", " ");
}

async function read(text: string) {
  const { conversations, warnings } = await runSource(whatsapp, text);
  expect(conversations).toHaveLength(1);
  return { messages: conversations[0]!.messages, warnings };
}

/** Lines of a fixture that start a message: the count the parser must give back. */
function stampedLines(text: string): number {
  return text.split(/\r?\n/).filter((l) => /^\uFEFF?\u200E?\[?\d{1,4}[/.-]/.test(l) && /(?: - |\] )/.test(l)).length;
}

describe.each(cases)("WhatsApp $file", (c) => {
  it("is detected by content", async () => {
    const { container, chats } = await inspect(join(dir, c.file));
    await container.close();
    expect(chats).toHaveLength(1);
    const { detected } = chats[0]!;
    expect(detected.source.id).toBe("whatsapp");
    expect(detected.variant).toBe(c.variant);
    expect(detected.confidence).toBeGreaterThanOrEqual(0.8);
  });

  it("yields every message, field by field", async () => {
    const { header, messages, summary } = await readOne(join(dir, c.file), c.zone);
    expect(header.title).toBe(c.title);
    expect(header.source).toMatchObject({ platform: "whatsapp", variant: c.variant, encoding: "utf-8", exportedAt: null });
    expectRows(messages, summary, c.rows, (time) => iso(time, c.offset), (m) => m.edited !== undefined);
    for (const m of messages) if (m.edited) expect(m.edited).toBe(m.time);
    // Count in = count out: one message per stamped line of the file.
    expect(summary.messages).toBe(stampedLines(readFileSync(join(dir, c.file), "utf8")));
    expect(summary.warnings).toEqual(c.warnings);
  });
});

describe("WhatsApp detection", () => {
  const kakao = join(import.meta.dirname, "../../fixtures/kakaotalk");

  it.each(readdirSync(kakao))("does not claim the KakaoTalk file %s", (name) => {
    const lines = readFileSync(join(kakao, name), "utf8").replace(/^\uFEFF/, "").split(/\r\n|\r|\n/).slice(0, 200);
    const found = whatsapp.detect({ name, lines });
    expect(found === null || found.confidence < 0.3).toBe(true);
  });

  it("takes the chat's name from the file names Android gives, in several languages", () => {
    const lines = ["1/15/24, 3:04 PM - A: hi"];
    const title = (name: string) => whatsapp.detect({ name, lines })?.title;
    expect(title("WhatsApp Chat with Weekend Hikers.txt")).toBe("Weekend Hikers");
    expect(title("WhatsApp_Chat_with_Bob.txt")).toBe("Bob");
    expect(title("WhatsApp-Chat mit Anna Becker.txt")).toBe("Anna Becker");
    expect(title("Chat de WhatsApp con Ana.txt")).toBe("Ana");
    expect(title("chat.txt")).toBeNull();
  });

  it("counts the file name as a hint, not as proof", () => {
    const lines = ["1/15/24, 3:04 PM - A: hi", "a line of a long message", "more of it", "and more", "and the end"];
    const plain = whatsapp.detect({ name: "export.txt", lines })!;
    const named = whatsapp.detect({ name: "_chat.txt", lines })!;
    expect(named.confidence).toBeGreaterThan(plain.confidence);
    expect(whatsapp.detect({ name: "_chat.txt", lines: ["just some notes", "12/31 is a date"] })).toBeNull();
  });
});

describe("WhatsApp: what its own words say of who is who", () => {
  const shown = async (text: string) => (await runSource(whatsapp, text)).conversations[0]!.messages.map((m) => [m.kind, m.sender, m.shows]);

  it("names the exporter by their own deletions, in every language it knows, and no one by others'", async () => {
    const android = [
      "15/01/2024, 09:00 - Ana: This message was deleted",
      "15/01/2024, 09:01 - Ben: You deleted this message",
      "15/01/2024, 09:02 - Ana: Du hast diese Nachricht gelöscht",
      "15/01/2024, 09:03 - Ana: Eliminaste este mensaje",
      "15/01/2024, 09:04 - Ana: Você apagou esta mensagem",
      "15/01/2024, 09:05 - Ana: Vous avez supprimé ce message",
      "15/01/2024, 09:06 - Ana: 메시지를 삭제했습니다",
      // An admin's deletion stands under the author's name.
      "15/01/2024, 09:07 - Ana: You deleted this message as admin",
      "15/01/2024, 09:08 - Ana: This message was deleted by admin Ben",
    ];
    expect(await shown(android.join("\n"))).toEqual([
      ["deleted", "Ana", undefined],
      ["deleted", "Ben", "exporter"],
      ["deleted", "Ana", "exporter"],
      ["deleted", "Ana", "exporter"],
      ["deleted", "Ana", "exporter"],
      ["deleted", "Ana", "exporter"],
      ["deleted", "Ana", "exporter"],
      ["deleted", "Ana", undefined],
      ["deleted", "Ana", undefined],
    ]);
    const ios = `${L}[15/01/2024, 09:00:00] Ben: ${L}You deleted this message.\r\n${L}[15/01/2024, 09:00:05] Ana: ${L}This message was deleted.\r\n`;
    expect(await shown(ios)).toEqual([
      ["deleted", "Ben", "exporter"],
      ["deleted", "Ana", undefined],
    ]);
  });

  it("marks the events only groups have, Android's without an author and iOS's under the group's name or the actor's", async () => {
    const android = [
      "1/15/24, 9:00${N}AM - Messages and calls are end-to-end encrypted. No one outside of this chat, not even WhatsApp, can read or listen to them. Tap to learn more.",
      "1/15/24, 9:01${N}AM - Ana pinned a message",
      "1/15/24, 9:02${N}AM - Ana turned on disappearing messages. New messages will disappear from this chat 7 days after they're sent.",
      "1/15/24, 9:03${N}AM - Ana changed their phone number to a new number. Tap to message or add the new number.",
      "1/15/24, 9:04${N}AM - Ana added Ben",
      "1/15/24, 9:05${N}AM - You were added",
      "1/15/24, 9:06${N}AM - Ben left",
      "1/15/24, 9:07${N}AM - Messages to this group are now secured with end-to-end encryption. Tap for more info.",
    ];
    expect((await shown(android.join("\n").replaceAll("${N}", N))).map(([, , shows]) => shows)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      "group",
      "group",
      "group",
      "group",
    ]);
    const ios = [
      `[15.03.24, 19:02:11] Wanderfreunde: ${L}Nachrichten und Anrufe sind Ende-zu-Ende-verschlüsselt. Niemand außerhalb dieses Chats kann sie lesen oder anhören, nicht einmal WhatsApp.`,
      `[15.03.24, 19:02:12] Anna Becker: ${L}Anna Becker hat dich hinzugefügt.`,
      `[15.03.24, 19:06:02] Wanderfreunde: ${L}Anna Becker hat die Gruppenbeschreibung geändert.`,
      `[15.03.24, 19:06:30] Anna Becker: ${L}Anna Becker hat eine Nachricht fixiert.`,
      "[15.03.24, 19:07:00] Anna Becker: Max added the photos to the album",
    ];
    expect(await shown(ios.join("\r\n"))).toEqual([
      ["system", null, undefined],
      ["system", null, "group"],
      ["system", null, "group"],
      ["system", null, undefined],
      // Someone's own words, unmarked and not opening with their name: no notice.
      ["text", "Anna Becker", undefined],
    ]);
  });
});

describe("WhatsApp against an independent parser", () => {
  it("agrees with whatsapp-chat-parser on count, authors, times and texts", async () => {
    const text = readFileSync(join(dir, "WhatsApp Chat with Alice Chen.txt"), "utf8");
    const peer = parseString(text);
    const { messages } = await read(text);
    expect(messages).toHaveLength(peer.length);
    messages.forEach((m, i) => {
      const p = peer[i]!;
      expect(m.sender).toBe(p.author);
      const d = p.date;
      const local = new Date(Date.UTC(d.getFullYear(), d.getMonth(), d.getDate(), d.getHours(), d.getMinutes(), d.getSeconds()));
      expect(m.time).toBe(local.getTime());
      // The peer keeps media placeholders as text, and the file's last line break.
      expect(m.kind === "media" ? p.message : m.text).toBe(p.message.trimEnd());
    });
  });
});

describe("WhatsApp locales and shapes", () => {
  it.each([
    ["es, 12 h with p. m. and NBSP", "23/06/2018, 01:55 p.\u00a0m. - Loris: hola", "2018-06-23 13:55:00", "Loris", "hola"],
    ["es iOS", "[23/06/2018, 1:55:07 a. m.] Loris: hola", "2018-06-23 01:55:07", "Loris", "hola"],
    ["fi with klo and dotted time", "13.6.2018 klo 21.25.15 - a: m", "2018-06-13 21:25:15", "a", "m"],
    ["zh iOS, no comma", "[2026/7/9 02:28:09] Alice: Hey", "2026-07-09 02:28:09", "Alice", "Hey"],
    ["zh, 下午 before the time", "2024/1/15 下午3:04 - 小明: 你好", "2024-01-15 15:04:00", "小明", "你好"],
    ["ja, 午後 before the time", "2024/01/15 午後3:04 - 太郎: こんにちは", "2024-01-15 15:04:00", "太郎", "こんにちは"],
    ["ko iOS with seconds", "[2024. 1. 15. 오후 3:04:12] 홍길동: 안녕", "2024-01-15 15:04:12", "홍길동", "안녕"],
    ["ko, 오전 12 is midnight", "2024. 1. 15. 오전 12:04 - 홍길동: 자정", "2024-01-15 00:04:00", "홍길동", "자정"],
    ["ISO dates without a comma", "2019-01-01 12:00 - John Doe: Hello 😄", "2019-01-01 12:00:00", "John Doe", "Hello 😄"],
    ["en-GB 12 h, lower case with U+202F", `19/10/2023, 11:11${N}am - +44 7123 456789: hi`, "2023-10-19 11:11:00", "+44 7123 456789", "hi"],
    ["marks and a BOM before the line", `\ufeff${L}[12/31/23, 11:59:30${N}PM] Alice Chen: 30 seconds!!`, "2023-12-31 23:59:30", "Alice Chen", "30 seconds!!"],
  ])("reads %s", async (_name, line, time, sender, text) => {
    const { messages, warnings } = await read(`${line}\n`);
    expect(messages).toHaveLength(1);
    expect([wall(messages[0]!), messages[0]!.sender, messages[0]!.text]).toEqual([time, sender, text]);
    expect(warnings.filter((w) => w.code !== "date-order-assumed")).toEqual([]);
  });

  it("reads the Korean-region shape with AM/PM before the time and the year first", async () => {
    const { messages, warnings } = await read(
      [
        "24/8/31 PM 1:28 - 메시지와 통화는 종단간 암호화되어 안전하게 보호됩니다. 더 알아보기.",
        '24/8/31 PM 1:29 - +82 10-5555-0192님이 "[현장]물류팀"그룹을 만들었습니다',
        "24/8/31 PM 2:38 - 김 반장: 내일 09:00 하역",
        "24/9/1 AM 9:30 - Haru: ETA 15:00 <This message was edited>",
      ].join("\n"),
    );
    expect(messages.map((m) => [wall(m), m.sender, m.kind, m.text, m.edited !== undefined])).toEqual([
      ["2024-08-31 13:28:00", null, "system", "메시지와 통화는 종단간 암호화되어 안전하게 보호됩니다. 더 알아보기.", false],
      ["2024-08-31 13:29:00", null, "system", '+82 10-5555-0192님이 "[현장]물류팀"그룹을 만들었습니다', false],
      ["2024-08-31 14:38:00", "김 반장", "text", "내일 09:00 하역", false],
      ["2024-09-01 09:30:00", "Haru", "text", "ETA 15:00", true],
    ]);
    // Read day-first, 24/8/31 → 24/9/1 would jump back thirty years: the order of the dates settles it.
    expect(warnings).toEqual([]);
  });

  it("reads media in their other shapes", async () => {
    const { messages } = await read(
      [
        "[8/4/15, 10:00:00 AM] Ann: 2015-08-04-PHOTO-00004762.jpg <\u200eattached>",
        "[8/4/15, 10:00:01 AM] Ann: < attached: 00000042-PHOTO-2020-06-07-15-13-20.jpg >",
        "[8/4/15, 10:00:02 AM] Ann: \u200ereport.pdf • 1 page document omitted",
        "[8/4/15, 10:00:03 AM] Ann: \u200e<attached: 00000005-GIF-2019-01-01-12-00-00.mp4>",
        "[8/4/15, 10:00:04 AM] Ann: \u200e<attached: 00000001-John Doe.vcf>",
        "[8/4/15, 10:00:05 AM] Ann: \u200eLocation: https://maps.google.com/?q=60.167850,24.952965",
        "[8/4/15, 10:00:06 AM] Ann: <image omitted>",
        "[8/15/15, 10:00:07 AM] Ann: 4f2680f1d8e5b3a9.jpg (file attached)",
      ].join("\n"),
    );
    expect(messages.map((m) => [m.kind, m.attachments])).toEqual([
      ["media", [{ type: "photo", name: "2015-08-04-PHOTO-00004762.jpg" }]],
      ["media", [{ type: "photo", name: "00000042-PHOTO-2020-06-07-15-13-20.jpg" }]],
      ["media", [{ type: "file", name: "report.pdf" }]],
      ["media", [{ type: "gif", name: "00000005-GIF-2019-01-01-12-00-00.mp4" }]],
      ["media", [{ type: "contact", name: "00000001-John Doe.vcf" }]],
      ["media", [{ type: "location" }]],
      ["media", [photo]],
      ["media", [{ type: "photo", name: "4f2680f1d8e5b3a9.jpg" }]],
    ]);
  });

  it("keeps words that only look like notices as the sender's text", async () => {
    const { messages } = await read(
      [
        "[1/15/24, 3:04:12 PM] Bob Kim: I added salt",
        "[1/15/24, 3:04:13 PM] Bob Kim: Everyone left",
        "1/15/24, 3:05 PM - Ann: Bob left",
        '1/15/24, 3:06 PM - Ann: He said "hi: there"',
        "1/15/24, 3:07 PM - Ann:",
      ].join("\n"),
    );
    expect(messages.map((m) => [m.sender, m.kind, m.text])).toEqual([
      ["Bob Kim", "text", "I added salt"],
      ["Bob Kim", "text", "Everyone left"],
      ["Ann", "text", "Bob left"],
      ["Ann", "text", 'He said "hi: there"'],
      ["Ann", "text", ""],
    ]);
  });

  it("finds the edit marker on the last line of a long message", async () => {
    const { messages } = await read("1/15/24, 3:04 PM - Ann: first line\nsecond line <This message was edited>\n");
    expect(messages[0]).toMatchObject({ text: "first line\nsecond line", edited: messages[0]!.time });
  });
});

describe("WhatsApp date order", () => {
  it("lets a later line settle 3/4/24 as month/day", async () => {
    const { messages, warnings } = await read("3/4/24, 10:00 AM - A: x\n3/4/24, 10:01 AM - B: y\n4/13/24, 9:00 AM - A: z\n");
    expect(messages.map(wall)).toEqual(["2024-03-04 10:00:00", "2024-03-04 10:01:00", "2024-04-13 09:00:00"]);
    expect(warnings).toEqual([]);
  });

  it("lets the order of the dates settle it when no number is over 12", async () => {
    // Month-first, 5/1 → 4/2 would run backwards; day-first it runs on, whatever the clock suggests.
    const { messages, warnings } = await read("5/1/24, 10:00 AM - A: x\n4/2/24, 10:00 AM - B: y\n");
    expect(messages.map(wall)).toEqual(["2024-01-05 10:00:00", "2024-02-04 10:00:00"]);
    expect(warnings).toEqual([]);
  });

  it("assumes day/month for a 24-hour file nothing settles, and says so", async () => {
    const { messages, warnings } = await read("1/2/24, 10:00 - A: x\n1/2/24, 10:01 - B: y\n");
    expect(messages.map(wall)).toEqual(["2024-02-01 10:00:00", "2024-02-01 10:01:00"]);
    expect(warnings).toEqual([{ code: "date-order-assumed", file: "inline.txt", text: "day/month" }]);
  });

  it("assumes the year first where AM/PM comes before the time, and says so", async () => {
    const { messages, warnings } = await read("24/8/21 PM 1:28 - A: x\n24/8/22 AM 9:30 - B: y\n");
    expect(messages.map(wall)).toEqual(["2024-08-21 13:28:00", "2024-08-22 09:30:00"]);
    expect(warnings).toEqual([{ code: "date-order-assumed", file: "inline.txt", text: "year/month/day" }]);
  });

  it("reads two-digit years as 20YY", async () => {
    const { messages, warnings } = await read("31/12/23, 23:59 - A: x\n1/1/99, 00:00 - A: y\n");
    expect(messages.map(wall)).toEqual(["2023-12-31 23:59:00", "2099-01-01 00:00:00"]);
    expect(warnings).toEqual([]);
  });
});

describe("WhatsApp tolerance", () => {
  it("keeps a line before the first message as a warning with its line number", async () => {
    const { messages, warnings } = await read("exported by hand\n1/15/24, 3:04 PM - Ann: hi\n");
    expect(messages).toHaveLength(1);
    expect(warnings).toEqual([{ code: "orphan-line", file: "inline.txt", line: 1, text: "exported by hand" }]);
  });

  it("treats an impossible time as text of the previous message and says so", async () => {
    const { messages, warnings } = await read("15/01/2024, 10:00 - A: x\n15/01/2024, 25:00 - A: y\n30/02/2024, 10:00 - A: z\n");
    expect(messages).toHaveLength(1);
    expect(messages[0]!.text).toBe("x\n15/01/2024, 25:00 - A: y\n30/02/2024, 10:00 - A: z");
    expect(warnings.map((w) => [w.code, w.line])).toEqual([["invalid-date", 2], ["invalid-date", 3]]);
  });

  it("reads pathological lines in linear time", async () => {
    const long = 4_000_000;
    const text = [
      `1/15/24, 3:04 PM - A: ${"x".repeat(long)}`,
      `1/15/24, 3:04 PM - ${"a: ".repeat(long / 3)}`,
      `1/15/24,${" ".repeat(long)}`,
      `[${"1/".repeat(long / 2)}`,
      `${"9".repeat(long)}`,
      `1/15/24, 3:04 PM - ${"\u200e".repeat(long)}`,
      `1/15/24, 3:04 PM - A: ${"<".repeat(long)}>`,
      `1/15/24, 3:04 PM - A: x${" (".repeat(long / 2)})`,
    ].join("\n");
    const started = performance.now();
    const { conversations } = await runSource(whatsapp, text, 1 << 16);
    expect(performance.now() - started).toBeLessThan(5000);
    expect(conversations[0]!.messages).toHaveLength(5);
  });

  it("never crashes on garbage", async () => {
    // Fragments of real lines, shuffled by a fixed seed: half-stamps, marks, brackets, placeholders.
    const parts = ["1", "12", "/", ".", "-", ", ", " ", "[", "]", ":", ": ", "PM", "a.m.", N, L, "\ufeff", "오후", "下午", "<", ">", "(", ")", "attached", "file attached", "Media omitted", "deleted", " - ", "\t", "🎉", "2024", "99"];
    let seed = 42;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % parts.length;
    const lines: string[] = [];
    for (let i = 0; i < 5000; i++) {
      let line = "";
      for (let n = next() % 12; n >= 0; n--) line += parts[next()];
      lines.push(line);
    }
    const { messages } = await read(lines.join("\n"));
    for (const m of messages) expect(Number.isFinite(m.time)).toBe(true);
  });
});
