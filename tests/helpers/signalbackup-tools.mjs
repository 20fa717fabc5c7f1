// A stand-in for signalbackup-tools, so that tests need no real tool and no real Signal
// backup. It takes the tool's command line (backup, passphrase, options), appends what it
// received to $STANDIN_LOG (one JSON line a run; for --importtelegram with the result.json
// it was given, whose folder is gone by the time a test looks), and answers in the tool's
// words. Its "backup" is a JSON file: { recipients: [{ id, name, type }], threads: { "<recipient id>": messages } }.
//
// --importtelegram follows what the real tool does with a Telegram export, as read in its
// source (signalbackup/tgimportmessages.cc, tgsetattachment.cc, tgmapcontacts.cc): records
// other than "message" and polls are skipped; a record without text whose file cannot be
// attached (missing, empty, over 100 MiB, untyped and not JPEG/PNG/GIF/WebP) is deleted; a
// record without text or reply, with a file, the same sender and the same date_unixtime as
// the message before it (which has a file) is folded into that message; every contact id
// must be mapped. Knobs: $STANDIN_PASSPHRASE (the backup's passphrase), $STANDIN_LOSE (that
// many messages fewer arrive), $STANDIN_FAIL (an error line to fail with).
import { appendFileSync, existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

const [backup, passphrase, ...options] = process.argv.slice(2);
const option = (name) => {
  const at = options.indexOf(name);
  return at < 0 ? undefined : options[at + 1];
};
const say = (line) => process.stdout.write(`${line}\n`);
const fail = (...lines) => {
  for (const line of lines) say(line);
  process.exit(1);
};

const json = option("--importtelegram");
if (process.env.STANDIN_LOG) {
  const entry = { argv: process.argv.slice(2), ...(json && existsSync(json) ? { json: JSON.parse(readFileSync(json, "utf8")) } : {}) };
  appendFileSync(process.env.STANDIN_LOG, `${JSON.stringify(entry)}\n`);
}

if (passphrase !== process.env.STANDIN_PASSPHRASE) {
  fail(
    "[Error]: Failed to get valid frame from decoded data...",
    "         Encrypted data had failed verification (Bad MAC)",
    " *** NOTE : IT IS LIKELY AN INCORRECT PASSPHRASE WAS PROVIDED ***",
    "[Error]: Failed to open backup",
  );
}
if (process.env.STANDIN_FAIL) fail(`[Error]: ${process.env.STANDIN_FAIL}`);
const db = JSON.parse(readFileSync(backup, "utf8"));

if (options.includes("--listrecipients")) {
  const rows = [["_id", "display_name", "e164", "blocked", "hidden", "has_avatar", "type", "registered", "has_id", "has_thread"]];
  for (const r of db.recipients) rows.push([String(r.id), r.name, "(NULL)", "0", "0", "0", r.type, "Yes", "1", "1"]);
  const widths = rows[0].map((_, c) => Math.max(...rows.map((row) => row[c].length)));
  const rule = "-".repeat(widths.reduce((a, b) => a + b, 0) + 3 * widths.length + 1);
  say(rule);
  rows.forEach((row, i) => {
    say(`${row.map((cell, c) => `| ${cell.padEnd(widths[c])} `).join("")}|`);
    if (i === 0) say(rule);
  });
  say(rule);
}

const query = option("--runsqlquery");
if (query !== undefined) {
  say(` * Executing query: ${query}`);
  const recipient = /recipient_id = (\d+)/.exec(query)?.[1];
  say(" === Row 1/1 ===");
  say(`chatferry_count : ${db.threads[recipient] ?? 0}`);
}

if (json !== undefined) {
  const output = option("-o");
  if (existsSync(output)) fail(`[Error]: Output file \`${output}' exists. Use --overwrite to overwrite.`);
  const map = new Map(option("--mapjsoncontacts").split(",").map((pair) => pair.split("=")));
  const chat = JSON.parse(readFileSync(json, "utf8"));
  const records = chat.messages;
  const ids = new Set([String(chat.id)]);
  for (const m of records) {
    if (m.type === "message") ids.add(m.from_id);
    for (const r of m.reactions ?? []) for (const who of r.recent) ids.add(who.from_id);
  }
  const unmapped = [...ids].filter((id) => !map.has(id));
  if (unmapped.length > 0) {
    fail("[Error]: The following contacts in the JSON input were not found in the Android backup:", ...unmapped.map((id) => ` - "${id}"`));
  }
  const when = (m) => (Number(m.date_unixtime) < 100000000000 ? Number(m.date_unixtime) * 1000 : Number(m.date_unixtime));
  const sorted = records.map((m, i) => ({ m, i })).sort((a, b) => when(a.m) - when(b.m) || a.i - b.i).map(({ m }) => m);
  const attaches = (m) =>
    [m.photo, m.file].some((path) => {
      if (typeof path !== "string" || !existsSync(join(dirname(json), path))) return false;
      const size = statSync(join(dirname(json), path)).size;
      if (size === 0 || size > 100 * 1024 * 1024) return false;
      const head = readFileSync(join(dirname(json), path)).subarray(0, 12);
      const image = head[0] === 0xff && head[1] === 0xd8 || head.subarray(1, 4).toString() === "PNG" || head.subarray(0, 3).toString() === "GIF" || head.subarray(8, 12).toString() === "WEBP";
      return Boolean(m.mime_type) || image;
    });
  let kept = 0;
  let previous = null;
  sorted.forEach((m, i) => {
    say(`Dealing with message ${i + 1}/${sorted.length}`);
    if (m.poll) return say("[Warning]: Message is 'poll'. This is not yet supported. Skipping...");
    if (m.type !== "message") return say(`[Warning]: Unsupported message type \`${m.type}'. Skipping...`);
    const body = (m.text_entities ?? []).map((e) => e.text).join("");
    const file = attaches(m);
    if (previous && when(m) === previous.when && body === "" && m.reply_to_message_id === undefined && (m.photo || m.file) && map.get(m.from_id) === previous.from && previous.file) {
      return say("Attachment-only message with same timestamp as previous: assuming attachment belongs to previous message");
    }
    if (!file && (m.photo || m.file) && body === "") return say("[Warning]: Failed to set attachment on otherwise empty message. Deleting message...");
    kept++;
    previous = { when: when(m), from: map.get(m.from_id), file };
  });
  const thread = map.get(String(chat.id));
  db.threads[thread] = (db.threads[thread] ?? 0) + kept - Number(process.env.STANDIN_LOSE ?? 0);
  writeFileSync(output, JSON.stringify(db));
}
