import { once } from "node:events";
import { createWriteStream, type WriteStream } from "node:fs";
import { rng } from "./kakao-export.js";

const NAMES = ["Mina Kim", "Bob Kim", "이하은", "박서준", "Jisoo \"JS\" Choi", "정우 🐻", null];
const WORDS = [
  "안녕", "내일", "산행", "국밥", "사진", "좋아요", "ㅋㅋㅋ", "진짜", "hello", "see", "you", "tomorrow", "great",
  "trail", "coffee", "🎉", "😂", "👍", "⛰️", "C:\\maps\\", "\"quoted\"", "{braces}", "[brackets]", "tab\there",
];
const ENTITY_TYPES = ["bold", "italic", "code", "mention", "hashtag", "spoiler"];
const SKIPPED = "(File not included. Change data exporting settings to download.)";

type Value = string | number | boolean | null | Value[] | { [key: string]: Value };

/** tdesktop's layout: one key or element a line, indented by nesting depth, `"key": value`. */
function serialize(value: Value, depth: number): string {
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    const pad = "\n" + " ".repeat(depth + 1);
    return "[" + value.map((v) => pad + serialize(v, depth + 1)).join(",") + "\n" + " ".repeat(depth) + "]";
  }
  if (value !== null && typeof value === "object") {
    const pad = "\n" + " ".repeat(depth + 1);
    const parts = Object.entries(value).map(([k, v]) => `${pad}${JSON.stringify(k)}: ${serialize(v, depth + 1)}`);
    return "{" + parts.join(",") + "\n" + " ".repeat(depth) + "}";
  }
  return JSON.stringify(value);
}

function localIso(ms: number): string {
  return new Date(ms + 9 * 3_600_000).toISOString().slice(0, 19);
}

export function pick<T>(next: () => number, items: readonly T[]): T {
  return items[Math.floor(next() * items.length)]!;
}

/** 2 to 13 seeded words, joined by spaces or (one time in ten) newlines. */
export function sentence(next: () => number, from: readonly string[] = WORDS): string {
  const n = 2 + Math.floor(next() * 12);
  const words: string[] = [];
  for (let i = 0; i < n; i++) words.push(pick(next, from));
  return words.join(next() < 0.1 ? "\n" : " ");
}

function message(next: () => number, id: number, time: number): { [key: string]: Value } {
  const seconds = Math.floor(time / 1000);
  const m: { [key: string]: Value } = { id, type: "message", date: localIso(time), date_unixtime: String(seconds) };
  const roll = next();
  if (roll < 0.02) {
    m.type = "service";
    m.actor = pick(next, NAMES);
    m.actor_id = "user1000000001";
    m.action = "invite_members";
    m.members = [pick(next, NAMES)];
    m.text = "";
    m.text_entities = [];
    return m;
  }
  if (next() < 0.05) {
    m.edited = localIso(time + 60_000);
    m.edited_unixtime = String(seconds + 60);
  }
  m.from = pick(next, NAMES);
  m.from_id = `user${1000000000 + Math.floor(next() * 7)}`;
  if (next() < 0.1 && id > 1) m.reply_to_message_id = id - 1 - Math.floor(next() * Math.min(id - 1, 50));
  if (roll < 0.07) {
    m.photo = next() < 0.5 ? `photos/photo_${id}@${localIso(time).replace(/:/g, "-")}.jpg` : SKIPPED;
    m.width = 1280;
    m.height = 960;
  } else if (roll < 0.1) {
    const kind = pick(next, ["sticker", "voice_message", "video_file", "file"]);
    m.file = kind === "sticker" ? `stickers/sticker_${id}.webp` : kind === "voice_message" ? `voice_messages/audio_${id}.ogg` : SKIPPED;
    m.file_name = kind === "file" ? `report-${id}.pdf` : `media_${id}`;
    if (kind !== "file") m.media_type = kind;
    if (kind !== "sticker") m.mime_type = kind === "voice_message" ? "audio/ogg" : kind === "video_file" ? "video/mp4" : "application/pdf";
  }
  if (roll >= 0.1 && roll < 0.2) {
    const parts: Value[] = [sentence(next) + " ", { type: pick(next, ENTITY_TYPES), text: sentence(next) }, " " + sentence(next)];
    m.text = parts;
    m.text_entities = parts.map((p) => (typeof p === "string" ? { type: "plain", text: p } : p));
  } else {
    const text = roll < 0.1 && next() < 0.7 ? "" : sentence(next);
    m.text = text;
    m.text_entities = text ? [{ type: "plain", text }] : [];
  }
  if (next() < 0.05) {
    m.reactions = [{ type: "emoji", count: 2, emoji: "👍", recent: [{ from: pick(next, NAMES), from_id: "user1000000002", date: localIso(time + 5000) }] }];
  }
  return m;
}

/** Writes text to `out` a megabyte at a time (`force`: now), waiting when the stream asks to. */
export function megabyteWrites(out: WriteStream): (s: string, force?: boolean) => Promise<void> {
  let buffer = "";
  return async (s, force = false) => {
    buffer += s;
    if (buffer.length < 1 << 20 && !force) return;
    const chunk = buffer;
    buffer = "";
    if (!out.write(chunk)) await once(out, "drain");
  };
}

/**
 * A seeded Telegram Desktop result.json with `messages` messages, written as
 * it is generated (never held whole). One chat: a single-chat export; more:
 * a full export whose messages are spread over `chats` chats in `chats.list`.
 */
export async function writeTelegramExport(path: string, messages: number, seed = 42, chats = 1): Promise<void> {
  const next = rng(seed);
  const out = createWriteStream(path);
  const write = megabyteWrites(out);
  const full = chats > 1;
  // Indentation of a chat's keys and of its messages, as tdesktop nests them.
  const depth = full ? 3 : 0;
  const pad = (n: number) => " ".repeat(n);
  if (full) {
    await write(`{\n "about": "Here is the data you requested.",\n "personal_information": ${serialize({ user_id: 1000000001, first_name: "Mina", last_name: "Kim", phone_number: "+82 10 0000 0001" }, 1)},\n`);
    await write(` "contacts": ${serialize({ about: "Contacts.", list: [{ first_name: "Bob", last_name: "Kim", phone_number: "+82 10 0000 0002", date: "2019-01-01T00:00:00", date_unixtime: "1546268400" }] }, 1)},\n`);
    await write(` "chats": {\n  "about": "This page lists all chats from this export.",\n  "list": [`);
  }
  let time = Date.UTC(2019, 0, 1, 0, 0);
  let written = 0;
  for (let chat = 0; chat < chats; chat++) {
    const count = chat === chats - 1 ? messages - written : Math.floor(messages / chats);
    const open = full ? `${chat > 0 ? "," : ""}\n${pad(depth)}{\n` : "{\n";
    await write(`${open}${pad(depth + 1)}"name": ${JSON.stringify(`Chat ${chat + 1} 산악회`)},\n${pad(depth + 1)}"type": "private_supergroup",\n${pad(depth + 1)}"id": ${1000 + chat},\n${pad(depth + 1)}"messages": [`);
    for (let i = 0; i < count; i++) {
      time += Math.floor(next() * 300_000);
      await write(`${i > 0 ? "," : ""}\n${pad(depth + 2)}${serialize(message(next, i + 1, time), depth + 2)}`);
    }
    written += count;
    await write(`\n${pad(depth + 1)}]\n${pad(depth)}}`);
  }
  if (full) await write(`\n  ]\n },\n "left_chats": {\n  "about": "Left chats.",\n  "list": []\n }\n}`);
  await write("\n", true);
  out.end();
  await once(out, "finish");
}
