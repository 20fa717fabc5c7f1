// `npm run bench`: seeded synthetic exports, each measured side by side with its floor in one run.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { writeDiscordExport } from "./discord-export.js";
import { writeKakaoAndroid } from "./kakao-export.js";
import { writeMessengerExport } from "./messenger-export.js";
import { writeTelegramExport } from "./telegram-json.js";
import { writeWhatsAppAndroid } from "./whatsapp-export.js";

const ROOT = join(import.meta.dirname, "../..");
const DATA = join(ROOT, "bench-data");
const WORKER = join(import.meta.dirname, "worker.mjs");
const sizes = (process.env.BENCH_SIZES ?? "10000,100000,1000000").split(",").map(Number);

interface Run {
  ms: number;
  rssMB: number;
  messages: number;
}

function measure(mode: string, file: string): Run {
  // Best of three keeps one-off noise (the other core busy) out of the ratios.
  const runs = [0, 1, 2].map(() => JSON.parse(execFileSync(process.execPath, [WORKER, mode, file], { encoding: "utf8" })) as Run);
  return runs.reduce((best, r) => (r.ms < best.ms ? r : best));
}

/** Bytes of a file, or of every file below a folder. */
function sizeOf(path: string): number {
  if (!statSync(path).isDirectory()) return statSync(path).size;
  return readdirSync(path, { recursive: true, withFileTypes: true }).reduce((n, e) => n + (e.isFile() ? statSync(join(e.parentPath, e.name)).size : 0), 0);
}

function row(cells: (string | number)[]): string {
  return cells.map((c, i) => String(c).padStart(i === 0 ? 22 : 12)).join(" ");
}

mkdirSync(DATA, { recursive: true });
console.log(`node ${process.version}, ${process.platform}/${process.arch}; best of 3 runs, each in a fresh process`);
console.log(row(["KakaoTalk Android", "mode", "messages", "MB", "seconds", "msg/s", "MB/s", "peak RSS MB", "x floor"]));
for (const n of sizes) {
  const file = join(DATA, `kakao-android-${n}.txt`);
  if (!existsSync(file)) await writeKakaoAndroid(file, n);
  const mb = statSync(file).size / 1e6;
  const floor = measure("floor", file);
  for (const mode of ["floor", "parse", "ndjson"]) {
    const r = mode === "floor" ? floor : measure(mode, file);
    if (mode !== "floor" && r.messages !== n) throw new Error(`${mode} read ${r.messages} messages of ${n}`);
    const s = r.ms / 1000;
    console.log(
      row([`${n.toLocaleString("en")} messages`, mode, r.messages, mb.toFixed(1), s.toFixed(2), Math.round(r.messages / s).toLocaleString("en"), (mb / s).toFixed(0), r.rssMB.toFixed(0), (r.ms / floor.ms).toFixed(2)]),
    );
  }
}

/** One reader's row: its messages, speed and peak memory, and `ratio` (to the row's anchor). */
function readerRow(name: string, r: Run, mb: number, ratio: string): string {
  const s = r.ms / 1000;
  return row([`${r.messages.toLocaleString("en")} messages`, name, r.messages, mb.toFixed(1), s.toFixed(2), Math.round(r.messages / s).toLocaleString("en"), (mb / s).toFixed(0), r.rssMB.toFixed(0), ratio]);
}

/** Rows of one file read by several readers, with ratios to the first (the peer or bar). */
async function compare(title: string, file: string, messages: number, write: () => Promise<void>, readers: [string, string][]): Promise<void> {
  if (!existsSync(file)) await write();
  const mb = sizeOf(file) / 1e6;
  console.log();
  console.log(row([title, "reader", "messages", "MB", "seconds", "msg/s", "MB/s", "peak RSS MB", `x ${readers[0]![0]}`]));
  let base: Run | null = null;
  for (const [name, mode] of readers) {
    const r = measure(mode, file);
    base ??= r;
    if (r.messages !== messages) throw new Error(`${name} read ${r.messages} messages of ${messages}`);
    console.log(readerRow(name, r, mb, (r.ms / base.ms).toFixed(2)));
  }
}

const waSize = Number(process.env.BENCH_WHATSAPP ?? 1_000_000);
if (waSize > 0) {
  const file = join(DATA, `whatsapp-android-${waSize}.txt`);
  await compare("WhatsApp Android", file, waSize, () => writeWhatsAppAndroid(file, waSize), [
    ["whatsapp-chat-parser", "whatsapp-chat-parser"],
    ["chatferry parse", "parse"],
  ]);
}

const tgSize = Number(process.env.BENCH_TELEGRAM ?? 1_000_000);
if (tgSize > 0) {
  const file = join(DATA, `telegram-${tgSize}.json`);
  await compare("Telegram result.json", file, tgSize, () => writeTelegramExport(file, tgSize), [
    ["JSON.parse", "json-parse"],
    ["chatferry parse", "parse"],
  ]);
}

const metaSize = Number(process.env.BENCH_MESSENGER ?? 1_000_000);
if (metaSize > 0) {
  // 100 files newest first, as Meta splits a long thread: read back and put in order in bounded memory.
  const folder = join(DATA, `messenger-${metaSize}`);
  await compare("Messenger (100 files)", folder, metaSize, () => writeMessengerExport(folder, metaSize, 100).then(() => undefined), [
    ["JSON.parse", "json-parse"],
    ["chatferry parse", "parse"],
  ]);
}

const discordSize = Number(process.env.BENCH_DISCORD ?? 1_000_000);
if (discordSize > 0) {
  // A bare JSON.parse cannot take a DCE export past about 600,000 messages (its text is longer than
  // the longest string Node makes), so the side-by-side is on one of 400,000; the full size is
  // measured alone, for its peak memory (the bar: 200 MB).
  const side = Math.min(discordSize, 400_000);
  const file = join(DATA, `discord-${side}.json`);
  await compare("Discord (DCE JSON)", file, side, () => writeDiscordExport(file, side), [
    ["JSON.parse", "json-parse"],
    ["chatferry parse", "parse"],
  ]);
  if (discordSize > side) {
    const big = join(DATA, `discord-${discordSize}.json`);
    if (!existsSync(big)) await writeDiscordExport(big, discordSize);
    const r = measure("parse", big);
    if (r.messages !== discordSize) throw new Error(`parse read ${r.messages} messages of ${discordSize}`);
    console.log(readerRow("chatferry parse", r, sizeOf(big) / 1e6, "(alone)"));
  }
}
