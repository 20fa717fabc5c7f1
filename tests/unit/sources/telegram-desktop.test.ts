import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { Readable } from "node:stream";
import { afterAll, describe, expect, it } from "vitest";
import { ChatFerryError } from "../../../src/errors.js";
import { INPUT_LIMITS } from "../../../src/input/limits.js";
import { splitLines } from "../../../src/input/lines.js";
import { inspect, readConversations } from "../../../src/pipeline.js";
import type { Call, Warning } from "../../../src/schema/index.js";
import { Message as MessageSchema } from "../../../src/schema/index.js";
import { detectSource } from "../../../src/sources/index.js";
import { telegramDesktop } from "../../../src/sources/telegram-desktop/index.js";
import type { RawMessage, TextInput } from "../../../src/sources/types.js";
import { writeTelegramExport } from "../../bench/telegram-json.js";
import { readAll, readOne, runSource } from "../../helpers/read.js";
import { expectRows, rowOf, type Row } from "../../helpers/rows.js";

const dir = join(import.meta.dirname, "../../fixtures/telegram");
const chatFolder = join(dir, "chat");
const chatFile = join(chatFolder, "result.json");
const accountFile = join(dir, "account/result.json");
const chatText = readFileSync(chatFile, "utf8");
const accountText = readFileSync(accountFile, "utf8");
const tmp = mkdtempSync(join(tmpdir(), "chatferry-tg-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const NOT_INCLUDED = "(File not included. Change data exporting settings to download.)";

function head(text: string, name = "result.json") {
  return { name, lines: text.split("\n").slice(0, 200) };
}

/** Parses text given as exactly these chunks. */
async function parseParts(parts: string[]) {
  const chunks = () => Readable.from(parts) as AsyncIterable<string>;
  const input: TextInput = { chunks, lines: () => splitLines(chunks(), "inline.json") };
  const warnings: Warning[] = [];
  const conversations: { title: string | null | undefined; messages: RawMessage[] }[] = [];
  for await (const c of telegramDesktop.parse(input, { file: "inline.json", warn: (w) => warnings.push(w), maxMessageChars: INPUT_LIMITS.messageChars, decided: () => undefined, companion: async () => null })) {
    const messages: RawMessage[] = [];
    for await (const batch of c.messages) messages.push(...batch);
    conversations.push({ title: c.title, messages });
  }
  return { conversations, warnings };
}

async function readError(text: string, chunkSize = 1 << 20): Promise<ChatFerryError> {
  try {
    await runSource(telegramDesktop, text, chunkSize);
  } catch (err) {
    expect(err).toBeInstanceOf(ChatFerryError);
    return err as ChatFerryError;
  }
  throw new Error("expected the parse to fail");
}

/** A single-chat export around the given message objects (JSON text). */
function chatOf(...messages: string[]): string {
  return `{"name": "T", "type": "personal_chat", "id": 1, "messages": [${messages.join(",")}]}`;
}

const at = (seconds: number) => `"date": "2024-01-01T00:00:00", "date_unixtime": "${seconds}"`;

describe("Telegram Desktop detection", () => {
  it("recognises a single-chat export and reads its title from the head", () => {
    const found = telegramDesktop.detect(head(chatText));
    expect(found).toEqual({ variant: "telegram.json", confidence: 1, title: "Weekend Hikers", exportedAt: null });
  });

  it("recognises a full export, which has no one title", () => {
    const found = telegramDesktop.detect(head(accountText));
    expect(found?.variant).toBe("telegram.json");
    expect(found?.confidence).toBeGreaterThanOrEqual(0.9);
    expect(found?.title).toBeNull();
  });

  it("reads a minified head, and without the file-name hint", () => {
    const minified = JSON.stringify(JSON.parse(chatText)).slice(0, 3000);
    const found = telegramDesktop.detect({ name: "export.json", lines: [minified] });
    expect(found?.title).toBe("Weekend Hikers");
    expect(found?.confidence).toBeGreaterThanOrEqual(0.85);
  });

  it("is what the registry picks for result.json", async () => {
    const { chats } = await inspect(chatFile);
    expect(chats.map((c) => c.detected.source.id)).toEqual(["telegram.desktop"]);
    expect(detectSource(head(accountText))?.source.id).toBe("telegram.desktop");
  });

  it("does not claim other exports or other JSON", () => {
    for (const name of readdirSync(join(dir, "../kakaotalk"))) {
      const text = readFileSync(join(dir, "../kakaotalk", name), "latin1");
      expect(telegramDesktop.detect(head(text, name)), name).toBeNull();
    }
    const others = [
      "[15/01/2024, 15:04:12] Mina Kim: hello\n[15/01/2024, 15:05:00] Bob: {\"messages\": []}",
      "[LINE] Chat history with Mina\nSaved on: 2024/01/15 15:04\n\n2024/01/15(Mon)\n15:04\tMina\thello",
      "2024. 1. 15. 오후 3:04, 민지 : {\"type\": \"personal_chat\", \"messages\": [",
      '{"name": "package", "version": "1.0.0", "dependencies": {}}',
      '[{"id": 1, "type": "message", "date_unixtime": "1704034800"}]',
    ];
    for (const text of others) expect(telegramDesktop.detect(head(text, "result.json")), text).toBeNull();
  });
});

/** Times as Seoul ISO instants already. */
const chatRows: Row[] = [
  [6, "2024-01-01T00:00:00+09:00", null, "system", 'Mina Kim created group "Weekend Hikers"'],
  [22, "2024-01-01T00:01:00+09:00", null, "system", "Mina Kim invited Jisoo Choi"],
  [36, "2024-01-01T00:01:30+09:00", "Bob Kim", "text", "Hola! Thanks for adding me 😊"],
  [99, "2024-01-01T00:03:20+09:00", "Haeun Lee", "text", 'Welcome!\nBring "good" boots \u2028 and a path like C:\\trail\\'],
  [115, "2024-01-01T00:05:00+09:00", "Mina Kim", "media", "Summit at dawn",
    [{ type: "photo", name: "photo_1@01-01-2024_00-05-00.jpg", media: "photos/photo_1@01-01-2024_00-05-00.jpg", size: 84213 }]],
  [134, "2024-01-01T00:06:00+09:00", "Mina Kim", "media", "",
    [{ type: "file", name: "trail-map.pdf", media: "files/trail-map.pdf", mime: "application/pdf", size: 523110 }]],
  [148, "2024-01-01T00:07:00+09:00", "Bob Kim", "media", "", [{ type: "sticker", name: "sticker.webp", media: "stickers/sticker.webp", size: 24512 }]],
  [166, "2024-01-01T00:08:00+09:00", "Haeun Lee", "media", "",
    [{ type: "voice", name: "audio_1@01-01-2024_00-08-00.ogg", media: "voice_messages/audio_1@01-01-2024_00-08-00.ogg", mime: "audio/ogg", size: 9120 }]],
  [182, "2024-01-01T00:09:00+09:00", "Bob Kim", "media", "Ridge walk", [{ type: "video", name: "ridge.mp4", mime: "video/mp4" }]],
  [205, "2024-01-01T00:10:00+09:00", "Bob Kim", "media", "", [{ type: "gif", mime: "video/mp4" }]],
  [220, "2024-01-01T00:11:00+09:00", "Deleted Account", "text", "I am leaving Telegram, bye"],
  [235, "2024-01-01T00:12:00+09:00", "Mina Kim", "media", "Next trail?", [{ type: "poll" }]],
  [262, "2024-01-01T00:13:00+09:00", null, "system", "Mina Kim pinned a message"],
  [274, "2024-01-01T00:14:00+09:00", "Jisoo Choi", "media", "Location: 37.658, 126.978", [{ type: "location" }]],
  [288, "2024-01-01T00:15:00+09:00", "Jisoo Choi", "media", "Contact: Park Guide, +82 10 1234 5678", [{ type: "contact" }]],
  [303, "2024-01-01T00:16:00+09:00", "Jisoo Choi", "text", "Trails reopen Monday, see the notice (https://example.org/notice) @hikingnews"],
  [344, "2024-01-01T00:17:00+09:00", "Jisoo Choi", "media", "",
    [{ type: "video", name: "IMG_0420.MOV", media: "video_files/IMG_0420.MOV", mime: "video/quicktime", size: 1048576 }]],
  [363, "2024-01-01T00:18:00+09:00", null, "system", "Jisoo Choi left the group"],
];

describe("Telegram Desktop single-chat export", () => {
  it("yields every message, field by field, its media linked in the export folder", async () => {
    const { header, messages, summary } = await readOne(chatFolder);
    expect(header.title).toBe("Weekend Hikers");
    expect(header.source).toMatchObject({ platform: "telegram", variant: "telegram.json", files: ["result.json"], exportedAt: null });
    expectRows(messages, summary, chatRows, (time) => time);
    // The media linker may add its own notice for the named one; the source's say why the file is missing.
    expect(summary.warnings).toEqual(
      expect.arrayContaining([
        { code: "missing-media", file: "result.json", line: 182, text: `ridge.mp4 ${NOT_INCLUDED}` },
        { code: "missing-media", file: "result.json", line: 205, text: NOT_INCLUDED },
      ]),
    );
  });

  it("given result.json alone, finds the media in the export's own folders beside it, as from the folder", async () => {
    const alone = await readOne(chatFile);
    const folder = await readOne(chatFolder);
    expect(alone.messages.map((m) => m.attachments)).toEqual(folder.messages.map((m) => m.attachments));
    expect(alone.summary.warnings).toEqual(folder.summary.warnings);
    const linked = alone.messages.flatMap((m) => m.attachments ?? []).filter((a) => a.media);
    expect(linked.length).toBe(5);
    for await (const c of readConversations(chatFile)) {
      for (const { media } of linked) {
        const parts: Buffer[] = [];
        for await (const part of c.media.open(media!)) parts.push(part);
        expect(Buffer.concat(parts).equals(readFileSync(join(chatFolder, media!))), media).toBe(true);
      }
    }

    // Beside a lone result.json, only Telegram's folders are looked in: a file lying next to it is not media.
    const downloads = mkdtempSync(join(tmpdir(), "chatferry-downloads-"));
    writeFileSync(join(downloads, "result.json"), readFileSync(chatFile));
    writeFileSync(join(downloads, "photo_1@01-01-2024_00-05-00.jpg"), "not this one");
    const stray = await readOne(join(downloads, "result.json"));
    expect(stray.messages.flatMap((m) => m.attachments ?? []).filter((a) => a.media)).toEqual([]);
    rmSync(downloads, { recursive: true });
  });

  it("keeps Telegram's ids, replies, edits and named reactions", async () => {
    const { header, messages } = await readOne(chatFile);
    const byRef = (ref: number) => messages.find((m) => m.id === `${header.id}-n${ref}`)!;
    expect(messages.map((m) => m.id)).toEqual(chatRows.map((_, i) => `${header.id}-n${i + 1}`));
    expect(byRef(4).replyTo).toBe(byRef(3).id);
    expect(byRef(3).edited).toBe("2024-01-01T00:02:10+09:00");
    expect(byRef(3).reactions).toEqual([
      { emoji: "👍", by: "Mina Kim" },
      { emoji: "👍", by: "Haeun Lee" },
      { emoji: "[custom_emoji]", by: "Deleted Account" },
    ]);
    expect(messages.filter((m) => m.replyTo || m.edited || m.reactions)).toHaveLength(2);
    expect(messages.filter((m) => m.forwardedFrom !== undefined).map((m) => [m.source.line, m.forwardedFrom])).toEqual([[303, "Hiking News"]]);
  });

  it("names media by their path relative to result.json", async () => {
    const { conversations } = await runSource(telegramDesktop, chatText, 1 << 20);
    const media = conversations[0]!.messages.flatMap((m) => m.attachments ?? []).map((a) => a.media);
    expect(media.filter((m) => m !== undefined)).toEqual([
      "photos/photo_1@01-01-2024_00-05-00.jpg",
      "files/trail-map.pdf",
      "stickers/sticker.webp",
      "voice_messages/audio_1@01-01-2024_00-08-00.ogg",
      "video_files/IMG_0420.MOV",
    ]);
  });

  it("reads the instant from date_unixtime, whatever the zone", async () => {
    const { messages } = await readOne(chatFile, "UTC");
    expect(messages[0]!.time).toBe("2023-12-31T15:00:00+00:00");
  });
});

describe("Telegram Desktop full export", () => {
  it("reports bytes it could not decode once, in the conversation that holds them, not again in every later one", async () => {
    const bytes = readFileSync(accountFile);
    const at = bytes.indexOf('"text": "packing list') + '"text": "'.length;
    const damaged = Buffer.concat([bytes.subarray(0, at), Buffer.from([0xff, 0xfe]), bytes.subarray(at)]);
    const path = join(mkdtempSync(join(tmpdir(), "chatferry-damaged-")), "result.json");
    writeFileSync(path, damaged);
    const all = await readAll(path);
    expect(all.length).toBeGreaterThan(1);
    const reported = all.flatMap((c) => c.summary.warnings.filter((w) => w.code === "decode-replaced").map((w) => (w as { count: number }).count));
    expect(reported).toEqual([2]);
    rmSync(dirname(path), { recursive: true });
  });

  it("yields one conversation per chat and left chat, skipping the account sections", async () => {
    const all = await readAll(accountFile);
    expect(all.map((c) => c.header.title)).toEqual([null, "Bob Kim", "Hiking News"]);
    expect(all.map((c) => c.messages.map((m) => rowOf(m)))).toEqual([
      [
        [75, "2024-01-01T00:00:00+09:00", "Mina Kim", "text", "packing list: water, headlamp"],
        [90, "2024-01-01T00:00:30+09:00", "Mina Kim", "text", "Meet at 5:30"],
      ],
      [
        [113, "2024-01-01T00:01:40+09:00", null, "system", "Bob Kim called (2:05)"],
        [126, "2024-01-01T00:05:00+09:00", null, "system", "Missed call from Mina Kim"],
        [138, "2024-01-01T00:06:40+09:00", "Bob Kim", "text", "Sorry, missed it"],
      ],
      [
        [166, "2024-01-01T00:00:50+09:00", null, "system", 'Hiking News created channel "Hiking News"'],
        [178, "2024-01-01T00:08:20+09:00", "Hiking News", "text", "Trails reopen Monday"],
      ],
    ]);
    const bob = all[1]!;
    expect(bob.messages[2]!.replyTo).toBe(bob.messages[1]!.id);
    expect(all[0]!.messages.map((m) => m.forwardedFrom)).toEqual([undefined, "Bob Kim"]);
    expect(bob.messages.map((m) => m.call)).toEqual([
      { media: "voice", outcome: "answered", seconds: 125, by: "Bob Kim" },
      { media: "voice", outcome: "missed", by: "Mina Kim" },
      undefined,
    ]);
    expect(new Set(all.map((c) => c.header.id)).size).toBe(3);
    for (const c of all) expect(c.summary.warnings).toEqual([]);
  });

  it("gives each conversation the warnings of its own messages", async () => {
    const path = join(tmp, "warned.json");
    const chat = (name: string, message: string) => `{"name": "${name}", "type": "personal_chat", "id": 1, "messages": [${message}]}`;
    writeFileSync(
      path,
      `{"about": "", "chats": {"list": [${chat("A", `{"id": 1, "type": "message", ${at(1)}, "from": "A", "text": "fine"}`)}, ${chat(
        "B",
        `{"id": 2, "type": "message", "from": "B", "text": "no date"}`,
      )}]}}`,
    );
    const all = await readAll(path, "UTC");
    expect(all.map((c) => c.summary.warnings.map((w) => w.code))).toEqual([[], ["invalid-date"]]);
  });

  it("lets a consumer leave a conversation unread and still get the next one right", async () => {
    const titles: (string | null)[] = [];
    const firsts: string[] = [];
    for await (const c of readConversations(accountFile, { timezone: "UTC" })) {
      titles.push(c.header.title);
      if (c.header.title !== "Bob Kim") continue;
      const first = await c.messages.next();
      if (!first.done) firsts.push(first.value[0]!.text);
    }
    expect(titles).toEqual([null, "Bob Kim", "Hiking News"]);
    expect(firsts).toEqual(["Bob Kim called (2:05)"]);
  });
});

describe("Telegram Desktop forwards and calls", () => {
  const call = (outcome: Call["outcome"], by?: string, seconds?: number): Call => {
    const c: Call = { media: "voice", outcome };
    if (seconds !== undefined) c.seconds = seconds;
    if (by !== undefined) c.by = by;
    return c;
  };
  const T = (minute: number) => `2024-01-01T00:${String(minute).padStart(2, "0")}:00+09:00`;
  // Each message's row, then who a forward came from, then its call.
  const rows: [Row, string | undefined, Call | undefined][] = [
    [[6, T(1), null, "system", "Bob Kim called (2:05)"], undefined, call("answered", "Bob Kim", 125)],
    [[19, T(2), null, "system", "Missed call from Mina Kim"], undefined, call("missed", "Mina Kim")],
    [[31, T(3), null, "system", "Bob Kim called (busy)"], undefined, call("declined", "Bob Kim")],
    [[43, T(4), null, "system", "Mina Kim called (0:42)"], undefined, call("answered", "Mina Kim", 42)],
    [[56, T(5), null, "system", "Bob Kim called (disconnect)"], undefined, call("unknown", "Bob Kim")],
    [[68, T(6), null, "system", "Mina Kim called (hangup)"], undefined, call("unknown", "Mina Kim")],
    // A deleted account placed the call: the text says so, the call names nobody.
    [[80, T(7), null, "system", "Missed call from Deleted Account"], undefined, call("missed")],
    // tdesktop writes no discard_reason when the API gave none.
    [[92, T(8), null, "system", "Bob Kim called"], undefined, call("unknown", "Bob Kim")],
    [[103, T(9), null, "system", "Bob Kim called (5:00)"], undefined, call("answered", "Bob Kim", 300)],
    [[116, T(10), null, "system", "Missed group call from Mina Kim"], undefined, call("missed", "Mina Kim")],
    [[129, T(11), null, "system", "Bob Kim started a group call (1:02:05)"], undefined, call("answered", "Bob Kim", 3725)],
    // Still going when the export was made.
    [[143, T(12), null, "system", "Bob Kim started a group call"], undefined, call("unknown", "Bob Kim")],
    [[156, T(13), "Mina Kim", "text", "Trails reopen Monday"], "Hiking News", undefined],
    // forwarded_from null: tdesktop had no name for the author.
    [[172, T(14), "Bob Kim", "text", "who wrote this first?"], "Deleted Account", undefined],
    [[188, T(15), "Bob Kim", "media", "Summit at dawn", [{ type: "photo" }]], "Haeun Lee", undefined],
    [[207, T(16), "Mina Kim", "text", "ok, see you there"], undefined, undefined],
  ];

  it("reads phone and conference calls as call events, and forwards as who wrote them first, the text untouched", async () => {
    const { header, messages, summary } = await readOne(join(dir, "forwards-calls"));
    expect(header.title).toBe("Bob Kim");
    expectRows(messages, summary, rows.map(([row]) => row), (time) => time);
    expect(messages.map((m) => [m.forwardedFrom, m.call])).toEqual(rows.map(([, from, c]) => [from, c]));
    // Only people who wrote messages take part: not callers a notice names, not forwarded authors.
    expect(summary.participants.map((p) => p.name).sort()).toEqual(["Bob Kim", "Mina Kim"]);
    expect(summary.warnings).toEqual([{ code: "missing-media", file: "result.json", line: 188, text: NOT_INCLUDED }]);
  });

  it("names the chat a saved message came from only when the export names no author", async () => {
    const { header, messages, summary } = await readOne(join(dir, "saved-messages"));
    expect(header.title).toBeNull();
    expectRows(
      messages,
      summary,
      [
        [5, T(20), "Mina Kim", "text", "Meet at 5:30"],
        [22, T(21), "Mina Kim", "text", "Trail closed after rain"],
        [38, T(22), "Mina Kim", "text", "note to self: boots"],
      ],
      (time) => time,
    );
    expect(messages.map((m) => m.forwardedFrom)).toEqual(["Bob Kim", "Hiking News", undefined]);
    expect(summary.warnings).toEqual([]);
  });
});

describe("Telegram Desktop chunk boundaries", () => {
  it.each([
    ["single chat", chatText],
    ["full export", accountText],
  ])("reads the %s the same when split at any one position", async (_, text) => {
    const whole = await parseParts([text]);
    expect(whole.conversations.reduce((n, c) => n + c.messages.length, 0)).toBeGreaterThan(5);
    for (let i = 1; i < text.length; i++) {
      const split = await parseParts([text.slice(0, i), text.slice(i)]);
      if (JSON.stringify(split) !== JSON.stringify(whole)) expect(split, `split at ${i}`).toEqual(whole);
    }
  });

  it("reads the same in chunks of one character and at random split points", async () => {
    const whole = await parseParts([chatText]);
    expect(await parseParts([...chatText])).toEqual(whole);
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let run = 0; run < 100; run++) {
      const parts: string[] = [];
      for (let i = 0; i < chatText.length; ) {
        const n = 1 + Math.floor(next() * 40);
        parts.push(chatText.slice(i, i + n));
        i += n;
      }
      expect(await parseParts(parts)).toEqual(whole);
    }
  });

  it("finds the end of strings whose escapes straddle chunks", async () => {
    const text = chatOf(`{"id": 1, "type": "message", ${at(1)}, "from": "A", "text": "a\\\\\\"b\\\\\\\\", "x": ["]", "}"]}`);
    const whole = await parseParts([text]);
    expect(whole.conversations[0]!.messages[0]!.text).toBe('a\\"b\\\\');
    for (let size = 1; size < 12; size++) expect(await runSource(telegramDesktop, text, size)).toEqual({ ...whole, warnings: [], decision: null });
  });
});

describe("Telegram Desktop structure", () => {
  it("does not rely on key order: a name after the messages leaves the title to detection", async () => {
    const single = `{"type": "personal_chat", "id": 5, "messages": [{"id": 1, "type": "message", ${at(1)}, "from": "A", "text": "hi"}], "name": "Late"}`;
    const { conversations } = await runSource(telegramDesktop, single);
    expect(conversations).toMatchObject([{ title: undefined, messages: [{ text: "hi", sender: "A" }] }]);

    const listed = `{"about": "", "chats": {"list": [{"messages": [], "id": 2, "name": "Late", "type": "personal_chat"}, {"id": 3, "name": "Early", "messages": []}], "about": "x"}}`;
    const full = await runSource(telegramDesktop, listed);
    expect(full.conversations).toEqual([
      { title: null, messages: [] },
      { title: "Early", messages: [] },
    ]);
  });

  it("links replies within the chat only", async () => {
    const text = chatOf(
      `{"id": 7, "type": "message", ${at(1)}, "from": "A", "reply_to_message_id": 6, "text": "here"}`,
      `{"id": 8, "type": "message", ${at(2)}, "from": "A", "reply_to_message_id": 3, "reply_to_peer_id": "channel9", "text": "elsewhere"}`,
    );
    const { conversations } = await runSource(telegramDesktop, text);
    expect(conversations[0]!.messages.map((m) => [m.ref, m.replyTo])).toEqual([
      ["7", "6"],
      ["8", undefined],
    ]);
  });

  it("gives saved messages (no name) a null title, also as a single-chat export", async () => {
    const text = `{"type": "saved_messages", "id": 9, "messages": [{"id": 1, "type": "message", ${at(1)}, "from": "Me", "text": "note"}]}`;
    const { conversations } = await runSource(telegramDesktop, text);
    expect(conversations.map((c) => c.title)).toEqual([null]);
  });

  it("marks the exporting account's messages: personal_information's user in a full export, the owner in Saved Messages", async () => {
    const message = (id: number, from: string) => `{"id": ${id}, "type": "message", ${at(id)}, "from": "${from}", "from_id": "user${id < 10 ? 1 : 2}", "text": "t"}`;
    const account = `{"about": "", "personal_information": {"user_id": 1, "first_name": "Mina", "last_name": "Kim"}, "chats": {"list": [
      {"name": "Bob", "type": "personal_chat", "id": 2, "messages": [${message(1, "Mina Kim")}, ${message(11, "Bob")}]},
      {"name": "Club", "type": "private_supergroup", "id": 3, "messages": [${message(12, "Bob")}, ${message(2, "Mina Kim")}]}]}}`;
    for (const size of [3, 1 << 20]) {
      const { conversations } = await runSource(telegramDesktop, account, size);
      expect(conversations.map((c) => c.messages.map((m) => [m.sender, m.shows]))).toEqual([
        [
          ["Mina Kim", "exporter"],
          ["Bob", undefined],
        ],
        [
          ["Bob", undefined],
          ["Mina Kim", "exporter"],
        ],
      ]);
    }
    // Saved Messages is the account's chat with itself: its id is the account's, also exported alone.
    const saved = `{"type": "saved_messages", "id": 1, "messages": [${message(1, "Mina Kim")}]}`;
    expect((await runSource(telegramDesktop, saved)).conversations[0]!.messages[0]!.shows).toBe("exporter");
  });

  it("marks no one where the export does not name the account: a single chat, or service messages", async () => {
    const text = chatOf(
      `{"id": 1, "type": "message", ${at(1)}, "from": "A", "from_id": "user1", "text": "hi"}`,
      `{"id": 2, "type": "service", ${at(2)}, "actor": "A", "actor_id": "user1", "action": "pin_message", "message_id": 1, "text": ""}`,
    );
    const { conversations } = await runSource(telegramDesktop, text);
    expect(conversations[0]!.messages.map((m) => m.shows)).toEqual([undefined, undefined]);
  });

  it("yields a chat that has no messages key as an empty conversation", async () => {
    const text = `{"chats": {"list": [{"name": "Empty", "type": "private_group", "id": 4}]}}`;
    expect((await runSource(telegramDesktop, text)).conversations).toEqual([{ title: "Empty", messages: [] }]);
  });

  it("skips non-chat values with brackets, quotes and escapes in their strings", async () => {
    const text = `{"contacts": {"list": [{"n": "}]\\"{["}, "]", 12.5e3, true, null, [[[]]]]}, "chats": {"about": "{", "list": [${chatOf(
      `{"id": 1, "type": "message", ${at(2)}, "from": "A", "text": "ok"}`,
    )}]}, "sessions": {"list": ["\\\\"]}}`;
    const { conversations } = await runSource(telegramDesktop, text, 3);
    expect(conversations).toMatchObject([{ title: "T", messages: [{ text: "ok", ref: "1" }] }]);
  });

  it("reads the \\xNN escapes tdesktop writes for control characters", async () => {
    const text = chatOf(`{"id": 1, "type": "message", ${at(1)}, "from": "A", "text": "bell\\x07 not\\\\x41"}`);
    const { conversations } = await runSource(telegramDesktop, text);
    expect(conversations[0]!.messages[0]!.text).toBe("bell\u0007 not\\x41");
  });

  it("falls back to date read as UTC, and takes the previous time when there is none", async () => {
    const text = chatOf(
      `{"id": 1, "type": "message", "date": "2024-01-15T15:04:12", "from": "A", "text": "old export"}`,
      `{"id": 2, "type": "message", "from": "A", "text": "no date"}`,
      `{"id": 3, "type": "unsupported"}`,
    );
    const { conversations, warnings } = await runSource(telegramDesktop, text);
    const t = Date.UTC(2024, 0, 15, 15, 4, 12);
    expect(conversations[0]!.messages).toMatchObject([
      { time: t, timeInferred: false, text: "old export" },
      { time: t, timeInferred: true, text: "no date" },
      { time: t, timeInferred: true, kind: "system", sender: null, ref: "3" },
    ]);
    expect(warnings).toEqual([{ code: "invalid-date", file: "inline.txt", line: 1, text: "" }]);
  });
});

describe("Telegram Desktop malformed input", () => {
  it.each([0.1, 0.5, 0.9, 0.999])("reports a file cut at %s of its length", async (share) => {
    const err = await readError(chatText.slice(0, Math.floor(chatText.length * share)), 64);
    expect(err.code).toBe("E_READ");
    expect(err.params.file).toBe("inline.txt");
    expect(String(err.params.reason)).toMatch(/truncated/);
  });

  it.each([
    ["a broken message", chatOf(`{"id": 1, "type": }`), /invalid JSON in the message at line 1/],
    ["a missing comma", `{"name": "T", "messages": [{"id": 1}\n{"id": 2}]}`, /line 2: expected "," or "]"/],
    ["a missing colon", `{"name" "T"}`, /expected ":"/],
    ["an array root", `[{"id": 1}]`, /not a JSON object/],
    ["text after the root", `${chatOf()} {}`, /expected the end of the file/],
    ["an empty file", "  \n", /no JSON object/],
    ["a message that is no object", chatOf(`"hello"`), /expected a message object/],
  ])("reports %s", async (_, text, reason) => {
    const err = await readError(text);
    expect(err.code).toBe("E_READ");
    expect(String(err.params.reason)).toMatch(reason);
    expect(err.message.split("\n")).toHaveLength(1);
  });
});

describe("Telegram Desktop at size", () => {
  it("reads 20,000 generated messages, one chat or spread over a full export", async () => {
    const single = join(tmp, "result.json");
    await writeTelegramExport(single, 20_000);
    const [one] = await readAll(single, "UTC");
    expect(one!.summary.messages).toBe(20_000);
    expect(one!.header.title).toBe("Chat 1 산악회");
    for (const m of one!.messages.slice(0, 2000)) expect(MessageSchema.safeParse(m).success).toBe(true);

    const full = join(tmp, "full", "result.json");
    mkdirSync(join(tmp, "full"));
    await writeTelegramExport(full, 20_000, 7, 3);
    const all = await readAll(full, "UTC");
    expect(all.map((c) => c.header.title)).toEqual(["Chat 1 산악회", "Chat 2 산악회", "Chat 3 산악회"]);
    expect(all.reduce((n, c) => n + c.summary.messages, 0)).toBe(20_000);
  });
});
