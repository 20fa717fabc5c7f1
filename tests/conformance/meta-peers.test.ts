import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Message } from "../../src/schema/index.js";
import { readOne } from "../helpers/read.js";

/**
 * Conformance with other parsers' Messenger and Instagram test inputs, read in place from
 * ../shared/peer-fixtures (never copied here): what each peer asserts (`*.expected.json`) and an
 * independent reading of each file (`*.truth.json`), compared with what ChatFerry reads.
 *
 * Where ChatFerry differs on purpose:
 * - Order: the peers list messages in file order (newest first); ChatFerry emits oldest first,
 *   each file read back from its end. The peers' lists are reversed before comparing.
 * - Platform: these files are lone, renamed, and written before 2023 (`messages/inbox/…` uris).
 *   The testlog's group join link (`ig.me/j/…`) says Instagram; in the other two nothing tells
 *   Instagram from Messenger, so ChatFerry reads them as variant "meta.json" under Messenger
 *   rather than guess.
 * - Precision: ChatFerry's times are to the second (the schema's); the peers keep milliseconds.
 *   Their instants are compared floored to the second.
 * - A share's link is kept in the text, on a line after the message's words.
 * - chat-miner drops the two poll notices and writes media as words ("sentphoto"); ChatFerry keeps
 *   the polls as system notices and media as attachments with empty text, and keeps the
 *   reactions-only record as a message with empty text.
 */

const peers = join(import.meta.dirname, "../../../shared/peer-fixtures");
const present = existsSync(peers);
if (!present) console.warn(`conformance: ${peers} is absent, so the Messenger and Instagram peer suite is skipped`);

interface Truth {
  messages_total: number;
  senders: { name: string; messages: number }[];
  first_time: string;
  last_time: string;
  by_kind: Record<string, number>;
  samples: { sender: string; timestamp_ms: number; text: string | null; kind: string }[];
}

const json = <T>(path: string) => JSON.parse(readFileSync(join(peers, path), "utf8")) as T;
const instant = (m: Message) => Date.parse(m.time);
const second = (ms: number) => Math.floor(ms / 1000) * 1000;

/** The truth's one kind per message, as ChatFerry's kinds and attachment types say it. */
function kindOf(m: Message): string {
  if (m.kind === "system") return "system";
  const type = m.attachments?.[0]?.type;
  if (type) return type;
  if (m.text === "") return "empty";
  return /https?:\/\//.test(m.text) && m.text.includes("\n") ? "share" : "text";
}

const CASES: [name: string, platform: string, variant: string][] = [
  ["messenger/peer_chat-analytics_2A_7M", "messenger", "meta.json"],
  ["instagram/peer_chat-miner_testlog", "instagram", "instagram.json"],
  ["instagram/peer_chat-miner_test_export", "messenger", "meta.json"],
];

describe.skipIf(!present)("Meta peers: the independent reading (truth)", () => {
  it.each(CASES)("%s: every message, its sender, kind, instant and repaired text", async (name, platform, variant) => {
    const truth = json<Truth>(`${name}.truth.json`);
    const { header, messages, summary } = await readOne(join(peers, `${name}.json`), "UTC");
    expect(header.source).toMatchObject({ platform, variant });
    expect(summary.messages).toBe(truth.messages_total);
    expect(messages).toHaveLength(truth.messages_total);
    const senders = new Map<string, number>();
    for (const m of messages) if (m.sender !== null) senders.set(m.sender, (senders.get(m.sender) ?? 0) + 1);
    // Notices stay system messages without a sender: the truth counts them under who wrote them.
    const notices = messages.filter((m) => m.kind === "system").length;
    expect([...senders.values()].reduce((a, b) => a + b, 0) + notices).toBe(truth.senders.reduce((n, s) => n + s.messages, 0));
    for (const [sender, count] of senders) expect(truth.senders.find((s) => s.name === sender)!.messages).toBeGreaterThanOrEqual(count);
    const times = messages.map(instant);
    expect(Math.min(...times)).toBe(second(Date.parse(truth.first_time)));
    expect(Math.max(...times)).toBe(second(Date.parse(truth.last_time)));
    const kinds: Record<string, number> = {};
    for (const m of messages) kinds[kindOf(m)] = (kinds[kindOf(m)] ?? 0) + 1;
    expect(kinds).toEqual(truth.by_kind);
    for (const sample of truth.samples) {
      const found = messages.filter((m) => instant(m) === second(sample.timestamp_ms) && (m.sender === sample.sender || m.kind === "system"));
      // A share's link follows its words on a line of its own; the truth gives the words alone.
      expect(found.map((m) => m.text.split("\nhttp")[0])).toContain(sample.text ?? "");
    }
  });
});

describe.skipIf(!present)("Meta peers: what the peers assert", () => {
  it("chat-analytics 2A_7M: seven messages oldest first, their authors, attachments and text", async () => {
    const expected = json<{ messages: { authorId: string; timestamp_ms: number; attachments?: string[]; textContent: string | null }[] }>(
      "messenger/peer_chat-analytics_2A_7M.expected.json",
    );
    const { messages } = await readOne(join(peers, "messenger/peer_chat-analytics_2A_7M.json"), "UTC");
    const TYPES: Record<string, string> = { Image: "photo", Sticker: "sticker", Audio: "audio", Other: "file" };
    expect(messages.map((m) => [m.sender, instant(m), (m.attachments ?? []).map((a) => a.type), m.text])).toEqual(
      expected.messages.map((e) => [e.authorId, second(e.timestamp_ms), (e.attachments ?? []).map((a) => TYPES[a]), e.textContent ?? ""]),
    );
  });

  it("chat-miner testlog: the authors and words of its messages, in file order", async () => {
    const expected = json<{ messages: { author: string; message: string }[] }>("instagram/peer_chat-miner_testlog.expected.json");
    const { messages } = await readOne(join(peers, "instagram/peer_chat-miner_testlog.json"), "UTC");
    const WORDS: Record<string, string> = { photo: "sentphoto", video: "sentvideo", audio: "sentaudio" };
    // File order, the peer's: ChatFerry read this newest-first file back from its end.
    const ours = messages
      .toReversed()
      .filter((m) => !m.text.includes("poll"))
      .map((m) => {
        if (m.attachments) return [m.sender, WORDS[m.attachments[0]!.type]];
        if (m.text.includes("instagram.com/p/")) return [m.sender, "sentshare"];
        if (m.text === "") return [m.sender, "disappearingmessage"];
        // A notice has no sender in ChatFerry; the peer names the one the export files it under.
        return [m.sender ?? m.text.split(" joined")[0], m.text];
      });
    expect(ours).toEqual(expected.messages.map((e) => [e.author, e.message]));
  });

  it("chat-miner test_export: two messages, in UTC, to the minute", async () => {
    const expected = json<{ messages: { timestamp: string; author: string; message: string }[] }>("instagram/peer_chat-miner_test_export.expected.json");
    const { messages } = await readOne(join(peers, "instagram/peer_chat-miner_test_export.json"), "UTC");
    expect(messages.toReversed().map((m) => [m.time.slice(0, 16), m.sender, m.text])).toEqual(expected.messages.map((e) => [e.timestamp.slice(0, 16), e.author, e.message]));
  });
});
