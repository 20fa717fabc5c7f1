import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { rng, sentence } from "./kakao-export.js";

const NAMES = ["Alice Chen", "Bob Kim", "김민지", "+82 10-5555-0192", "Dana 🌸"];
const WORDS = ["hey", "see", "you", "tomorrow", "ok", "great", "😂", "👍", "trail", "lunch", "안녕", "내일", "봐요", "at", "6pm"];


/** en-US Android stamp, as exports since 2023 write it (U+202F before AM/PM). */
function stamp(d: Date): string {
  const h = d.getUTCHours();
  const h12 = h % 12 === 0 ? 12 : h % 12;
  const mm = String(d.getUTCMinutes()).padStart(2, "0");
  return `${d.getUTCMonth() + 1}/${d.getUTCDate()}/${String(d.getUTCFullYear()).slice(2)}, ${h12}:${mm}\u202f${h < 12 ? "AM" : "PM"}`;
}

/** A WhatsApp Android (en-US) export: ~10% multi-line, some media and notices. */
export async function writeWhatsAppAndroid(path: string, messages: number, seed = 7): Promise<void> {
  const next = rng(seed);
  const out = createWriteStream(path);
  let time = Date.UTC(2021, 0, 1, 9, 0);
  let buffer = `${stamp(new Date(time))} - Messages and calls are end-to-end encrypted. No one outside of this chat, not even WhatsApp, can read or listen to them. Tap to learn more.\n`;
  for (let i = 1; i < messages; i++) {
    time += Math.floor(next() * 8) * 60_000;
    const d = stamp(new Date(time));
    const name = NAMES[Math.floor(next() * NAMES.length)]!;
    const roll = next();
    if (roll < 0.02) buffer += `${d} - ${name} left\n`;
    else if (roll < 0.05) buffer += `${d} - ${name}: <Media omitted>\n`;
    else if (roll < 0.15) buffer += `${d} - ${name}: ${sentence(next, WORDS)}\n${sentence(next, WORDS)}\n${sentence(next, WORDS)}\n`;
    else buffer += `${d} - ${name}: ${sentence(next, WORDS)}\n`;
    if (buffer.length > 1 << 16) {
      if (!out.write(buffer)) await once(out, "drain");
      buffer = "";
    }
  }
  out.end(buffer);
  await once(out, "finish");
}
