import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { rng } from "./kakao-export.js";
import { megabyteWrites, pick, sentence } from "./telegram-json.js";

const NAMES = ["김민지", "Alex Park", "이서준", "최유나 🌸", "Jisoo \"JS\" Choi"];
const WORDS = [
  "안녕", "내일", "산행", "국밥", "사진", "좋아요", "ㅋㅋㅋ", "진짜", "hello", "see", "you", "tomorrow", "café",
  "trail", "coffee", "🎉", "😂", "👍", "⛰️", "C:\\maps\\", "\"quoted\"", "{braces}", "tab\there",
];
const REACTIONS = ["❤", "😆", "👍", "😮", "😢"];
const FOLDER = "your_facebook_activity/messages/inbox/sanakhoe_7311524683941276";

/** A string as Meta writes it: each UTF-8 byte above ASCII its own `\u00XX` escape, ASCII only. */
function metaString(text: string): string {
  let out = '"';
  for (const byte of Buffer.from(text, "utf8")) {
    if (byte === 0x22) out += '\\"';
    else if (byte === 0x5c) out += "\\\\";
    else if (byte === 0x0a) out += "\\n";
    else if (byte === 0x09) out += "\\t";
    else if (byte < 0x20 || byte >= 0x7f) out += `\\u00${byte.toString(16).padStart(2, "0")}`;
    else out += String.fromCharCode(byte);
  }
  return out + '"';
}

/** One message, in Meta's layout (two-space indent, one key a line), at the depth of `messages`. */
function message(next: () => number, time: number, id: number): string {
  const lines = [`      "sender_name": ${metaString(pick(next, NAMES))}`, `      "timestamp_ms": ${time}`];
  const roll = next();
  if (roll < 0.05) {
    const uri = `${FOLDER}/photos/${400000000000000 + id}_${1000000000000000 + id}_n.jpg`;
    lines.push(`      "photos": [\n        {\n          "uri": ${metaString(uri)},\n          "creation_timestamp": ${Math.floor(time / 1000)}\n        }\n      ]`);
  } else if (roll < 0.06) {
    lines.push(`      "content": ${metaString("Call")}`, `      "call_duration": ${Math.floor(next() * 600)}`);
  } else if (roll < 0.065) {
    lines.push(`      "is_unsent": true`);
  } else {
    lines.push(`      "content": ${metaString(sentence(next, WORDS))}`);
  }
  if (next() < 0.05) lines.push(`      "reactions": [\n        {\n          "reaction": ${metaString(pick(next, REACTIONS))},\n          "actor": ${metaString(pick(next, NAMES))}\n        }\n      ]`);
  lines.push(`      "type": ${metaString(roll >= 0.05 && roll < 0.06 ? "Call" : "Generic")}`, `      "is_geoblocked_for_viewer": false`);
  return `    {\n${lines.join(",\n")}\n    }`;
}

/**
 * A seeded Messenger download of one group thread: `messages` messages over `files` files
 * `message_1.json` (the newest) … `message_N.json`, each newest first and mis-encoded as Meta
 * writes them, under `your_facebook_activity/messages/inbox/<thread>/` in `dir`. Written as
 * generated (never held whole); returns the thread's folder.
 */
export async function writeMessengerExport(dir: string, messages = 1_000_000, files = 100, seed = 42): Promise<string> {
  const next = rng(seed);
  const folder = join(dir, FOLDER);
  await mkdir(folder, { recursive: true });
  const participants = NAMES.map((n) => `    {\n      "name": ${metaString(n)}\n    }`).join(",\n");
  // Newest first: times count down from the end.
  let time = Date.UTC(2024, 5, 1);
  let id = 0;
  for (let part = 1; part <= files; part++) {
    const count = part === files ? messages - Math.floor(messages / files) * (files - 1) : Math.floor(messages / files);
    const out = createWriteStream(join(folder, `message_${part}.json`));
    const write = megabyteWrites(out);
    await write(`{\n  "participants": [\n${participants}\n  ],\n  "messages": [\n`);
    for (let i = 0; i < count; i++) {
      time -= 1 + Math.floor(next() * 300_000);
      await write((i > 0 ? ",\n" : "") + message(next, time, id++));
    }
    await write(`\n  ],\n  "title": ${metaString("산악회 ⛰️")},\n  "is_still_participant": true,\n  "thread_path": "inbox/sanakhoe_7311524683941276",\n  "magic_words": [],\n  "joinable_mode": {\n    "mode": 1,\n    "link": ""\n  }\n}`, true);
    out.end();
    await once(out, "finish");
  }
  return folder;
}
