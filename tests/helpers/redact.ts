import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import iconv from "iconv-lite";
import { detectEncoding } from "../../src/input/decode.js";
import { redactInput, type RedactOptions, type Sample } from "../../src/redact/sample.js";
import { ROOT } from "./cli.js";
import type { ReadConversation } from "./read.js";

export const FIXTURES = join(ROOT, "tests/fixtures");

/** Every chat file among the fixtures: texts, CSVs and Telegram's result.json (media files are not chats). */
export function chatFixtures(dir = FIXTURES): string[] {
  return readdirSync(dir)
    .flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? chatFixtures(path) : /\.(txt|csv)$/.test(name) || name === "result.json" ? [path] : [];
    })
    .sort();
}

/** The bytes of a sample, read to the end. */
export async function sampleBytes(sample: Sample): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of sample.bytes()) parts.push(part);
  return Buffer.concat(parts);
}

/**
 * An input and its sample side by side, each alone in a folder of its own under the same
 * name: a source reads the file name too (WhatsApp's "WhatsApp Chat with X", Kakao's CSV
 * name), and a lone result.json would otherwise find the fixture's media beside it.
 */
export async function redactedPair(input: string | { name: string; bytes: Buffer }, options: RedactOptions = {}): Promise<{ original: string; redacted: string; sample: Sample; bytes: Buffer }> {
  const dir = mkdtempSync(join(tmpdir(), "chatferry-redact-"));
  mkdirSync(join(dir, "original"));
  mkdirSync(join(dir, "redacted"));
  const name = typeof input === "string" ? basename(input) : input.name;
  const original = join(dir, "original", name);
  if (typeof input === "string") copyFileSync(input, original);
  else writeFileSync(original, input.bytes);
  const sample = await redactInput(original, options);
  const bytes = await sampleBytes(sample);
  const redacted = join(dir, "redacted", name);
  writeFileSync(redacted, bytes);
  return { original, redacted, sample, bytes };
}

/** What must survive redaction: the reading of the export, without its words. */
export function reading(conversations: ReadConversation[]) {
  return conversations.map(({ header, messages, summary }) => {
    // Who wrote what, by order of first appearance: the same people wrote the same messages.
    const people = new Map<string, number>();
    const who = (name: string | null) => (name === null ? null : people.get(name) ?? (people.set(name, people.size), people.size - 1));
    return {
      variant: header.source.variant,
      encoding: header.source.encoding,
      messages: messages.length,
      kinds: messages.map((m) => m.kind),
      times: messages.map((m) => m.time),
      senders: messages.map((m) => who(m.sender)),
      attachments: messages.map((m) => m.attachments?.length ?? 0),
      participants: summary.participants.length,
      warnings: summary.warnings.map((w) => [w.code, w.line ?? null]),
    };
  });
}

/** Lines and the breaks after them, split independently of the code under test. */
function layout(text: string): { lines: string[]; ends: string[] } {
  const parts = text.split(/(\r\n|\r|\n)/);
  const lines = parts.filter((_, i) => i % 2 === 0);
  // A final break ends the last line; it starts no empty one.
  if (lines.at(-1) === "") lines.pop();
  return { lines, ends: parts.filter((_, i) => i % 2 === 1) };
}

/** Letters and digits whose replacements take as many bytes in any encoding ChatFerry writes. */
const SAME_WIDTH = /^[A-Za-z0-9\uac00-\ud7a3\u3131-\u318e\u3041-\u30ff\u4e00-\u9fff]$/u;

/**
 * What a sample must keep of a file's layout, for the original and the sample: the encoding
 * and its BOM, the breaks after every line, and the byte length of each line whose letters
 * all have same-width replacements (an "é" becomes a one-byte "x" in UTF-8; null there).
 */
export function layouts(original: Buffer, redacted: Buffer) {
  const { encoding, bom } = detectEncoding(original.subarray(0, 64 * 1024));
  const of = (bytes: Buffer) => layout(iconv.decode(bytes.subarray(bom), encoding));
  const [a, b] = [of(original), of(redacted)];
  const sameWidth = a.lines.map((line) => (line.match(/[\p{L}\p{Nd}]/gu) ?? []).every((c) => SAME_WIDTH.test(c)));
  return [original, redacted].map((bytes, i) => {
    const { lines, ends } = i === 0 ? a : b;
    const detected = detectEncoding(bytes.subarray(0, 64 * 1024));
    return {
      // How sure detection is depends on the words ("ä" makes UTF-8 certain); what it finds must not.
      encoding: [detected.encoding, detected.bom],
      bom: [...bytes.subarray(0, bom)],
      ends,
      lines: lines.length,
      lengths: lines.map((line, n) => (sameWidth[n] ? iconv.encode(line, encoding).length : null)),
    };
  }) as [Layout, Layout];
}

type Layout = { encoding: [string, number]; bom: number[]; ends: string[]; lines: number; lengths: (number | null)[] };

