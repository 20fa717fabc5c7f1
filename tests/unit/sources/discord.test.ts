import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ChatFerryError } from "../../../src/errors.js";
import { detectSource } from "../../../src/sources/index.js";
import { chatOf } from "../../../src/sources/discord/chat.js";
import { discordDce } from "../../../src/sources/discord/dce.js";
import { Senders } from "../../../src/sources/discord/senders.js";
import { readOne, runSource } from "../../helpers/read.js";

const dir = join(import.meta.dirname, "../../fixtures/discord");
const DM = join(dir, "dm.json");
const GUILD = join(dir, "guild.json");
const GROUP = join(dir, "group-dm.json");
const text = (path: string) => readFileSync(path, "utf8");
const head = (path: string) => ({ name: path.slice(path.lastIndexOf("/") + 1), lines: text(path).split("\n").slice(0, 200) });
/** The `"id"` of every element of `messages`, as the file writes them: what must come out, one for one. */
const idsIn = (path: string) => (JSON.parse(text(path)) as { messages: { id: string }[] }).messages.map((m) => m.id);

describe("DiscordChatExporter JSON: detection", () => {
  it("knows an export by its guild, channel and dateRange, whatever the file is called", () => {
    for (const path of [DM, GUILD, GROUP]) {
      const found = detectSource({ ...head(path), name: "anything.json" });
      expect(found?.source.id).toBe("discord.dce");
      expect(found?.variant).toBe("discord.dce");
    }
  });

  it("takes neither a Telegram result.json nor a data package's messages.json for one", () => {
    const telegram = join(import.meta.dirname, "../../fixtures/telegram/chat/result.json");
    expect(discordDce.detect(head(telegram))).toBeNull();
    expect(discordDce.detect({ name: "messages.json", lines: ['[{"ID": 1, "Timestamp": "2024-01-15 10:30:00", "Contents": "hi", "Attachments": ""}]'] })).toBeNull();
  });
});

describe("DiscordChatExporter JSON: a DM with its _Files folder", () => {
  it("reads every message, in file order, under the ids the export gives", async () => {
    const { header, messages, summary } = await readOne(DM, "Asia/Seoul");
    expect(messages.map((m) => m.id.split("-n")[1])).toEqual(idsIn(DM));
    expect(summary.messages).toBe(idsIn(DM).length);
    expect(header).toMatchObject({ title: "준호", kind: "direct", source: { platform: "discord", variant: "discord.dce" } });
    expect(summary.participants).toEqual([
      { name: "민지", messages: 3 },
      { name: "준호", messages: 3 },
    ]);
    expect(summary.warnings).toEqual([]);
  });

  it("takes timestamps as instants, whatever offset the exporting PC wrote, and edits as edits", async () => {
    const { messages } = await readOne(DM, "Asia/Seoul");
    expect(messages[0]).toMatchObject({ time: "2023-12-21T20:14:03+09:00", text: "준호야 내일 몇 시에 만나? 😊", kind: "text", sender: "민지" });
    const utc = await readOne(DM, "UTC");
    expect(utc.messages[0]!.time).toBe("2023-12-21T11:14:03+00:00");
    expect(messages[1]!.edited).toBe("2023-12-21T20:16:02+09:00");
  });

  it("links a reply to the message it answers, and reactions to the people in `users`", async () => {
    const { messages } = await readOne(DM, "Asia/Seoul");
    expect(messages[1]!.replyTo).toBe(messages[0]!.id);
    expect(messages[1]!.reactions).toEqual([{ emoji: "👍", by: "민지" }]);
    // A server's own emoji reads as the text writes it: `:name:`.
    expect(messages[7]!.reactions).toEqual([
      { emoji: "❤️", by: "민지" },
      { emoji: "❤️", by: "준호" },
      { emoji: ":blobheart:", by: "민지" },
    ]);
    expect(messages[7]!.text).toBe("어제 통화 고마워 <3 :blobheart:");
  });

  it("finds downloaded files in the _Files folder by their relative (Windows) path, and keeps a file DCE could not download as its link", async () => {
    const { messages, summary } = await readOne(DM, "Asia/Seoul");
    expect(messages[2]).toMatchObject({ kind: "media", text: "좋아! 이거 봐봐", attachments: [{ type: "photo", name: "IMG_2041.png", media: "dm.json_Files/IMG_2041-04fd821cbf22aa9a.png", size: 73 }] });
    expect(messages[3]!.attachments).toEqual([{ type: "voice", name: "voice-message.ogg", size: 23417 }]);
    expect(messages[3]!.text).toMatch(/^https:\/\/cdn\.discordapp\.com\/attachments\/.*\/voice-message\.ogg\?ex=/);
    expect(messages[4]).toMatchObject({ kind: "media", text: "", attachments: [{ type: "sticker", name: "Wave", media: "dm.json_Files/749054660769218631-728337d98413a623.png" }] });
    expect(summary.media).toEqual({ photo: 1, voice: 1, sticker: 1 });
  });

  it("tells a pin and a call as notices, the call with its length from callEndedTimestamp", async () => {
    const { messages } = await readOne(DM, "Asia/Seoul");
    expect(messages[5]).toMatchObject({ kind: "system", sender: null, text: "준호 pinned a message.", replyTo: messages[1]!.id });
    expect(messages[6]).toMatchObject({
      kind: "system",
      sender: null,
      text: "민지 started a call that lasted 13 minutes.",
      call: { media: "voice", outcome: "unknown", seconds: 810, by: "민지" },
    });
  });

  it("reads the same in chunks of any size (the scanner streams across boundaries)", async () => {
    const whole = await runSource(discordDce, text(DM), 1 << 20);
    for (const size of [1, 7, 64]) {
      const cut = await runSource(discordDce, text(DM), size);
      expect(cut.conversations).toEqual(whole.conversations);
    }
    expect(whole.conversations[0]!.messages.map((m) => m.line)).toEqual([21, 46, 99, 131, 164, 196, 227, 252]);
  });
});

describe("DiscordChatExporter JSON: a server channel", () => {
  it("titles it Server / #channel, a group, and keeps every message", async () => {
    const { header, messages, summary } = await readOne(GUILD, "UTC");
    expect(header).toMatchObject({ title: "코딩 모임 / #general", kind: "group" });
    expect(messages.map((m) => m.id.split("-n")[1])).toEqual(idsIn(GUILD));
    expect(summary.messages).toBe(idsIn(GUILD).length);
  });

  it("names each account once: two people called Alex stay two, a nickname change stays one person, bots write", async () => {
    const { messages, summary } = await readOne(GUILD, "UTC");
    expect(summary.participants).toEqual([
      { name: "소라", messages: 3 },
      { name: "Alex", messages: 2 },
      { name: "MEE6", messages: 2 },
      { name: "Alex (…5399)", messages: 1 },
      { name: "미카", messages: 1 },
    ]);
    // 소라 wrote later as "소라 (휴가중)": the same account, the same sender.
    expect(messages[5]!.sender).toBe("소라");
    expect(messages[10]!.reactions).toEqual([
      { emoji: "🙏", by: "Alex" },
      { emoji: "🙏", by: "Alex (…5399)" },
    ]);
  });

  it("counts reactions whose people the export does not name, and makes nobody up", async () => {
    const { messages } = await readOne(GUILD, "UTC");
    expect(messages[1]).toMatchObject({ text: "welcome @미카! check #rules first :thisisfine:", reactionCounts: [{ emoji: ":thisisfine:", count: 3 }, { emoji: "👋", count: 1 }] });
    expect(messages[1]!.reactions).toBeUndefined();
  });

  it("keeps an embed's title and link as text, and a card's description when it has neither", async () => {
    const { messages } = await readOne(GUILD, "UTC");
    expect(messages[4]!.text).toBe("https://github.com/Tyrrrz/DiscordChatExporter\nGitHub - Tyrrrz/DiscordChatExporter: Exports Discord chat logs to a file");
    expect(messages[8]).toMatchObject({ sender: "MEE6", kind: "text", text: "**미카** 님, 서버에 오신 것을 환영합니다!" });
  });

  it("keeps a file that was not downloaded as its name, size and link, and a sticker as a sticker", async () => {
    const { messages } = await readOne(GUILD, "UTC");
    expect(messages[5]!.attachments).toEqual([{ type: "photo", name: "screenshot_2024-03-02.jpg", size: 184320 }]);
    expect(messages[5]!.text.split("\n")[1]).toMatch(/^https:\/\/cdn\.discordapp\.com\/attachments\/.*screenshot_2024-03-02\.jpg\?ex=/);
    expect(messages[10]!.attachments).toEqual([{ type: "sticker", name: "Wumpus Wave" }]);
  });

  it("tells joins and threads as notices, reads a command's answer as text, and keeps an unknown type as text with a warning", async () => {
    const { messages, summary } = await readOne(GUILD, "UTC");
    expect(messages[0]).toMatchObject({ kind: "system", text: "미카 joined the server." });
    expect(messages[6]).toMatchObject({ kind: "system", text: "소라 started a thread." });
    expect(messages[7]).toMatchObject({ kind: "text", sender: "MEE6", text: "🎉 @미카 reached level 2!" });
    expect(messages[9]).toMatchObject({ kind: "text", sender: "소라", text: "[8]" });
    expect(summary.warnings).toEqual([{ code: "unknown-type", file: "guild.json", line: messages[9]!.source.line, text: "8" }]);
  });
});

describe("DiscordChatExporter JSON: a group DM", () => {
  it("tells its notices from their author, and is a group by them", async () => {
    const { header, messages, summary } = await readOne(GROUP, "UTC");
    expect(header).toMatchObject({ title: "trip planning", kind: "group" });
    expect(messages.map((m) => m.text)).toEqual([
      "Hana added Theo to the group.",
      "Hana changed the channel name: trip planning",
      "hey all",
      "Theo left the group.",
      // An empty content (exports before DCE wrote its sentences) gets the sentence from the type.
      "Hana changed the channel icon.",
    ]);
    expect(summary.participants).toEqual([{ name: "Theo", messages: 1 }]);
  });
});

describe("DiscordChatExporter JSON: names and titles", () => {
  it("disambiguates by discriminator, else the end of the id, and never reuses a name", () => {
    const senders = new Senders();
    expect(senders.of({ id: "1", name: "alex", discriminator: "0000", nickname: "Alex" })).toBe("Alex");
    expect(senders.of({ id: "22224821", name: "alex2", discriminator: "4821", nickname: "Alex" })).toBe("Alex#4821");
    expect(senders.of({ id: "99990001", name: "Alex#4821", discriminator: "0000", nickname: null })).toBe("Alex#4821 (…0001)");
    expect(senders.of({ id: "55550001", name: "x", discriminator: "0000", nickname: "Alex#4821 (…0001)" })).toBe("Alex#4821 (…0001) (…0001)");
    expect(senders.of({ id: "1", nickname: "Renamed" })).toBe("Alex");
    expect(senders.of({ id: "33334821", name: "alex3", discriminator: "4821", nickname: "Alex" })).toBe("Alex (…4821)");
  });

  it("titles a thread under its channel, a DM by the other person", () => {
    expect(chatOf({ name: "코딩 모임" }, { type: "GuildPublicThread", category: "general", name: "릴리스 준비" })).toEqual({ title: "코딩 모임 / #general / 릴리스 준비", kind: "group" });
    expect(chatOf({ name: "Direct Messages" }, { type: "DirectTextChat", name: "준호" })).toEqual({ title: "준호", kind: "direct" });
    expect(chatOf({ name: "News" }, { type: "GuildNews", name: "announcements" })).toEqual({ title: "News / #announcements", kind: "channel" });
  });

  it("looks for media in `<file>_Files` beside the file", () => {
    const folders = discordDce.mediaFolders as (file: string) => readonly string[];
    expect(folders("Server - general [123].json")).toEqual(["Server - general [123].json_Files"]);
  });
});

describe("DiscordChatExporter JSON: bad input", () => {
  const read = (json: string, max?: number) => runSource(discordDce, json, 5, undefined, max);
  const code = async (json: string, max?: number) => {
    const err = await read(json, max).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ChatFerryError);
    return (err as ChatFerryError).code;
  };

  it("refuses a cut file, broken JSON and an oversized message with a clear error", async () => {
    const whole = text(DM);
    expect(await code(whole.slice(0, 3000))).toBe("E_READ");
    expect(await code(whole.replace('"type": "Reply"', '"type" "Reply"'))).toBe("E_READ");
    expect(await code('{"guild": {}, "channel": {}, "messages": [{"id": "1", "content": "' + "x".repeat(500) + '"}]}', 200)).toBe("E_MESSAGE_TOO_LONG");
  });

  it("keeps a message with a broken time, at the time before it, with a warning", async () => {
    const json = '{"guild":{},"channel":{},"messages":[{"id":"1","timestamp":"2024-01-01T00:00:00+00:00","content":"a","author":{"id":"1","name":"a"}},{"id":"2","timestamp":"yesterday","content":"b","author":{"id":"1","name":"a"}}]}';
    const { conversations, warnings } = await read(json);
    expect(conversations[0]!.messages.map((m) => [m.text, m.time, m.timeInferred])).toEqual([
      ["a", Date.UTC(2024, 0, 1), false],
      ["b", Date.UTC(2024, 0, 1), true],
    ]);
    expect(warnings).toEqual([{ code: "time-missing", file: "inline.txt", line: 1, text: "yesterday" }]);
  });
});

describe("DiscordChatExporter JSON: what review found", () => {
  /** A DCE export of one channel holding `messages` (each an object of DCE's message fields). */
  const exportOf = (messages: object[]) =>
    JSON.stringify({ guild: { id: "1", name: "G" }, channel: { id: "2", type: "GuildTextChat", name: "c" }, dateRange: { after: null, before: null }, messages }, null, 2);
  const message = (id: string, extra: object = {}) => ({ id, type: "Default", timestamp: "2024-01-15T10:30:00+00:00", content: `m${id}`, author: { id: "9", name: "a" }, ...extra });

  it("gives a repeated message an id of its own and says so, wherever the repeat stands", async () => {
    const { conversations, warnings } = await runSource(discordDce, exportOf([message("100"), message("101"), message("100"), message("100")]), 64);
    expect(conversations[0]!.messages.map((m) => m.ref)).toEqual(["100", "101", undefined, undefined]);
    expect(warnings.map((w) => [w.code, w.text])).toEqual([
      ["repeated-id", "100"],
      ["repeated-id", "100"],
    ]);
  });

  it("keeps what a bot's card says (description and fields), and only the title of a preview of a link the message holds", async () => {
    const card = { title: "Poll results", description: "A: 3 votes", fields: [{ name: "Winner", value: "A" }] };
    const preview = { title: "A page", url: "https://example.com/p", description: "the page's own summary" };
    const { conversations } = await runSource(discordDce, exportOf([message("1", { embeds: [card] }), message("2", { content: "see https://example.com/p", embeds: [preview] })]), 64);
    expect(conversations[0]!.messages.map((m) => m.text)).toEqual(["m1\nPoll results\nA: 3 votes\nWinner: A", "see https://example.com/p\nA page"]);
  });

  it("reports the files a DCE export downloaded when its _Files folder is not given", async () => {
    const dir = mkdtempSync(join(tmpdir(), "chatferry-dce-"));
    const file = join(dir, "chan.json");
    const attachment = { id: "5", url: "chan.json_Files/photo-1a2b.png", fileName: "photo.png", fileSizeBytes: 10 };
    writeFileSync(file, exportOf([message("1", { attachments: [attachment] })]));
    const { summary } = await readOne(file, "UTC");
    expect(summary.warnings.map((w) => [w.code, w.text])).toEqual([["missing-media", "chan.json_Files/photo-1a2b.png"]]);
    expect(summary.findings).toContainEqual({ code: "media-missing", files: 1 });
  });
});
