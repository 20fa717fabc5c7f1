// One measurement in a fresh process, so that peak RSS belongs to it alone.
// Usage: node worker.mjs <mode> <file>; prints {"ms","rssMB","messages"} as JSON.
// Modes: floor (KakaoTalk line regex only), parse, ndjson, whatsapp-chat-parser, json-parse.
// <file> may be a folder: json-parse then parses each of its .json files in turn, as a reader of
// Meta's download holds one file at a time.
import { createReadStream, createWriteStream, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";

const [mode, file] = process.argv.slice(2);
const dist = new URL("../../dist/", import.meta.url);
const started = performance.now();
let messages = 0;

if (mode === "floor") {
  // The floor: read, decode and split lines, one regex per line, nothing else.
  const stampRe = /^(\d{4})년 (\d{1,2})월 (\d{1,2})일 (오전|오후) (\d{1,2}):(\d{2}), /;
  const decoder = new TextDecoder();
  let carry = "";
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) {
    const lines = (carry + decoder.decode(chunk, { stream: true })).split("\n");
    carry = lines.pop();
    for (const line of lines) if (stampRe.test(line)) messages++;
  }
  if (stampRe.test(carry)) messages++;
} else if (mode === "json-parse") {
  // The bar for a JSON export: one bare JSON.parse of each whole file.
  const files = statSync(file).isDirectory() ? readdirSync(file, { recursive: true }).filter((f) => f.endsWith(".json")).map((f) => join(file, f)) : [file];
  for (const f of files) messages += JSON.parse(readFileSync(f, "utf8")).messages.length;
} else if (mode === "whatsapp-chat-parser") {
  // The npm peer takes the whole file as one string.
  const { parseString } = await import("whatsapp-chat-parser");
  messages = parseString(readFileSync(file, "utf8")).length;
} else {
  const { readConversations, drain } = await import(new URL("pipeline.js", dist));
  const options = { timezone: "Asia/Seoul" };
  if (mode === "parse") {
    for await (const c of readConversations(file, options)) messages += (await drain(c, () => undefined)).messages;
  } else if (mode === "ndjson") {
    const { writeNdjson } = await import(new URL("targets/export/ndjson.js", dist));
    const { streamSink } = await import(new URL("targets/sink.js", dist));
    const out = createWriteStream("/dev/null");
    const sink = streamSink(out);
    const summaries = await writeNdjson(readConversations(file, options), sink);
    await sink.commit();
    messages = summaries.reduce((n, s) => n + s.messages, 0);
  } else {
    throw new Error(`unknown mode ${mode}`);
  }
}
const ms = performance.now() - started;
console.log(JSON.stringify({ ms, rssMB: process.resourceUsage().maxRSS / 1024, messages }));
