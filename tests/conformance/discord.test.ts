import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Message } from "../../src/schema/index.js";
import { PACKAGE_SELF } from "../../src/sources/discord/package.js";
import { readAll, readOne } from "../helpers/read.js";

/**
 * Conformance with other readers of Discord exports: every DiscordChatExporter file and data
 * package in ../shared/peer-fixtures/discord (read in place, never copied here) goes through
 * ChatFerry's pipeline and is held to its `.truth.json` (counts and samples of the file) and,
 * where there is one, the peer's own `.expected.json` (chat-analytics' parse).
 *
 * Where ChatFerry differs ON PURPOSE:
 * - chat-analytics names an author "nickname#discriminator"; ChatFerry names them as the chat
 *   showed them (the nickname, else the name) and adds the discriminator or the end of the id
 *   only when two accounts show the same name.
 * - chat-analytics drops calls and notices from its messages; ChatFerry keeps them as system
 *   messages (a call with its length), so the peer's messages pair with ChatFerry's non-system ones.
 * - A message's text gains the links and titles of what it carries (files not downloaded,
 *   embeds) after its content: the content is compared as the text's start.
 * - An export that repeats a message (same id, one after the other) keeps both; the copy is
 *   numbered by its place instead of the id, so no two messages share an id.
 */

const dir = join(import.meta.dirname, "../../../shared/peer-fixtures/discord");
const present = existsSync(dir);
if (!present) console.warn(`conformance: ${dir} is absent, so the Discord peer conformance tests are skipped`);

interface Sample {
  index: number;
  id: string;
  type: string;
  author_name: string;
  author_nickname: string | null;
  time: string;
  text: string;
  edited?: string;
  reactions?: [string, number][];
}

interface Truth {
  messages_total: number;
  by_kind: Record<string, number>;
  attachments: { total: number };
  stickers: { total: number };
  reactions: { sum_of_counts: number };
  edited: number;
  calls: { id: string; start: string; end: string }[];
  samples: Sample[];
}

const read = <T>(name: string) => JSON.parse(readFileSync(join(dir, name), "utf8")) as T;
/** A truth time ("…T16:11:26.414Z") as ChatFerry writes it in UTC: to the second. */
const utc = (iso: string) => `${iso.slice(0, 19)}+00:00`;
const SYSTEM = new Set(["RecipientAdd", "RecipientRemove", "Call", "ChannelNameChange", "ChannelIconChange", "ChannelPinnedMessage", "GuildMemberJoin", "ThreadCreated"]);
const reactionsIn = (m: Message) => (m.reactions?.length ?? 0) + (m.reactionCounts ?? []).reduce((n, r) => n + r.count, 0);

const files = present ? readdirSync(dir).filter((f) => f.endsWith(".json") && !f.endsWith(".truth.json") && !f.endsWith(".expected.json")) : [];

describe.runIf(present)("Discord peer fixtures: DiscordChatExporter files", () => {
  it("finds the files", () => expect(files.length).toBeGreaterThan(5));

  for (const file of files) {
    it(`${file}: every message, its kind, time, author, text, edits, reactions, files and calls`, async () => {
      const truth = read<Truth>(file.replace(/\.json$/, ".truth.json"));
      const { messages, header } = await readOne(join(dir, file), "UTC");
      expect(header.source.variant).toBe("discord.dce");
      expect(messages).toHaveLength(truth.messages_total);
      expect(new Set(messages.map((m) => m.id)).size).toBe(messages.length);
      expect(messages.filter((m) => m.kind === "system")).toHaveLength(truth.by_kind.system ?? 0);
      expect(messages.filter((m) => m.edited !== undefined)).toHaveLength(truth.edited);
      expect(messages.reduce((n, m) => n + reactionsIn(m), 0)).toBe(truth.reactions.sum_of_counts);
      const attachments = messages.flatMap((m) => m.attachments ?? []);
      expect(attachments.filter((a) => a.type !== "sticker")).toHaveLength(truth.attachments.total);
      expect(attachments.filter((a) => a.type === "sticker")).toHaveLength(truth.stickers.total);
      expect(messages.filter((m) => m.call).map((m) => [m.id.split("-n")[1], m.time, m.call!.seconds])).toEqual(
        truth.calls.map((c) => [c.id, utc(c.start), Math.round((Date.parse(c.end) - Date.parse(c.start)) / 1000)]),
      );
      for (const s of truth.samples) {
        const m = messages[s.index]!;
        expect(m.time, `${file} #${s.index}`).toBe(utc(s.time));
        if (SYSTEM.has(s.type)) {
          expect(m.kind).toBe("system");
          continue;
        }
        expect(m.sender).toBe(s.author_nickname || s.author_name);
        expect(m.text.startsWith(s.text), `${file} #${s.index}: ${m.text}`).toBe(true);
        if (s.edited) expect(m.edited).toBe(utc(new Date(Date.parse(s.edited)).toISOString()));
        if (s.reactions) expect(s.reactions.reduce((n, [, count]) => n + count, 0)).toBe(reactionsIn(m));
      }
    });
  }
});

interface Expected {
  messages: { id: string; textContent?: string; timestamp: string; reactions?: [{ text: string }, number][] }[];
  calls?: { id: string; timestampStart: string; timestampEnd: string }[];
}

describe.runIf(present)("Discord peer fixtures: chat-analytics' expectations", () => {
  for (const file of files.filter((f) => existsSync(join(dir, f.replace(/\.json$/, ".expected.json"))))) {
    it(`${file}: the peer's messages are ChatFerry's non-system ones, with their reactions; its calls are ChatFerry's calls`, async () => {
      const expected = read<Expected>(file.replace(/\.json$/, ".expected.json"));
      const { messages } = await readOne(join(dir, file), "UTC");
      const written = messages.filter((m) => m.kind !== "system");
      const ours = expected.messages.map((e) => written.find((m) => m.id.endsWith(`-n${e.id}`) && m.time === utc(new Date(Date.parse(e.timestamp)).toISOString())));
      expect(ours.every(Boolean)).toBe(true);
      expected.messages.forEach((e, i) => {
        const m = ours[i]!;
        if (e.textContent !== undefined) expect(m.text.startsWith(e.textContent)).toBe(true);
        for (const [emoji, count] of e.reactions ?? []) {
          const named = (m.reactions ?? []).filter((r) => r.emoji === emoji.text).length;
          const counted = (m.reactionCounts ?? []).find((r) => r.emoji === emoji.text)?.count ?? 0;
          expect(named + counted).toBe(count);
        }
      });
      const calls = messages.filter((m) => m.call);
      expect(calls.map((m) => m.id.split("-n")[1])).toEqual((expected.calls ?? []).map((c) => c.id));
    });
  }
});

interface PackageTruth {
  messages_total: number;
  channels: { folder: string; messages: number; channel_json: { name?: string; guild?: { name: string } }; index_name: string }[];
  samples: { channel: string; index: number; id: string; time: string; text: string }[];
}

describe.runIf(present)("Discord peer fixtures: a data package in German (Nachrichten/)", () => {
  it("finds each channel by content, its messages the account's own, and says the other side is missing", async () => {
    const truth = read<PackageTruth>("peer_bengtbuecker-pkg-de-fixture.truth.json");
    const all = await readAll(join(dir, "peer_bengtbuecker-pkg-de-fixture"), "UTC");
    // index.json and channel.json are no chats: one conversation per channel folder, named from them
    // (a server channel as "Server / #channel", a direct chat after the other person, as index.json lists it).
    const titled = ({ channel_json: { name, guild }, index_name }: PackageTruth["channels"][number]) =>
      guild && name ? `${guild.name} / #${name}` : index_name.replace(/^Direct Message with /, "").replace(/#\d+$/, "");
    expect(all.map((c) => [c.header.title, c.summary.messages])).toEqual(truth.channels.map((c) => [titled(c), c.messages]));
    expect(all.reduce((n, c) => n + c.summary.messages, 0)).toBe(truth.messages_total);
    for (const s of truth.samples) {
      const m = all.find((c) => c.header.source.files[0]!.split("/").at(-2) === s.channel)!.messages[s.index]!;
      expect([m.id.split("-n")[1], m.time, m.text, m.sender]).toEqual([s.id, utc(s.time), s.text, PACKAGE_SELF]);
    }
    for (const c of all) expect(c.summary.findings).toContainEqual({ code: "one-sided" });
  });
});
