import { stat } from "node:fs/promises";
import iconv from "iconv-lite";
import { ChatFerryError } from "../errors.js";
import { decodeChunks, type Encoding } from "../input/decode.js";
import type { InputLimits } from "../input/limits.js";
import { splitLinesKeepingEnds, type EndedLines } from "../input/lines.js";
import { MEDIA_EXTENSIONS } from "../normalize/media.js";
import type { Container } from "../input/container.js";
import { inspect, inspectText, type ChatFile, type Progress, type TextFile } from "../pipeline.js";
import type { Redaction } from "../sources/types.js";
import { jsonLines } from "./json.js";
import { learn, type Learned } from "./learn.js";
import { textLines } from "./lines.js";
import { Phrases } from "./phrases.js";
import { Pseudonyms } from "./pseudonyms.js";
import { UNKNOWN_FORMAT } from "./unknown.js";
import { Redactor } from "./words.js";

/** Lines of the chat file, 1-based, both ends included. */
export interface LineRange {
  first: number;
  last: number;
}

export interface RedactOptions {
  /** Only these lines of the chat file go into the sample; default all. */
  lines?: LineRange;
  limits?: InputLimits;
  signal?: AbortSignal;
  /** Bytes read of the chat file: the sample reads it twice, so `total` is twice its size. */
  onProgress?: (progress: Progress) => void;
}

/** What a sample holds, complete once its lines have all been read. */
export interface Tally {
  lines: number;
  /** Letters and digits replaced, in the lines kept. */
  replaced: number;
}

/**
 * A redacted copy of the chat file of an input, for support staff: everything the export
 * consists of is kept byte for byte (line breaks, spacing, invisible marks, BOM, encoding,
 * dates and times, the export's own words); what people wrote is replaced, names by
 * pseudonyms. It parses as the original does: as many messages of the same kinds at the same
 * times, as many participants, the same warnings on the same lines.
 */
export interface Sample {
  /** The input as given (its name), and what it is. */
  readonly input: string;
  readonly container: "file" | "zip" | "folder";
  /** Whether a reader knows the format: if not, only the stamps lines start with were kept. */
  known: boolean;
  /** The chat file the sample is of: inside a zip or folder, the first one found. */
  readonly file: string;
  readonly encoding: Encoding;
  /** The redacted lines with their breaks, in batches. Read once; the input is closed when they end. */
  lines(): AsyncGenerator<EndedLines>;
  /** The sample as its file holds it: the BOM, then the lines in the input's own encoding. */
  bytes(): AsyncGenerator<Buffer>;
  readonly tally: Readonly<Tally>;
  /** Lets go of the input, for a sample not read to its end (reading to the end does it too). */
  close(): Promise<void>;
}

/** Reads the input once to learn who is named in it, and returns the sample to stream. */
export async function redactInput(path: string, options: RedactOptions = {}): Promise<Sample> {
  const range = options.lines;
  if (range && !(Number.isSafeInteger(range.first) && Number.isSafeInteger(range.last) && range.first >= 1 && range.last >= range.first)) {
    throw new RangeError(`not a range of lines: ${range.first}-${range.last}`);
  }
  const { container, chat, known } = await chatOf(path, options);
  const { entry, encoding } = chat;
  const report = options.onProgress;
  const progress = (done: number) => report?.({ phase: "read", done, total: 2 * entry.size });
  const redaction = known ? known.detected.source.redaction : UNKNOWN_FORMAT;
  let learned: Learned = { names: [], placeholders: [] };
  try {
    if (known) learned = await learn(container, known, { limits: options.limits, signal: options.signal, onProgress: (p) => progress(p.done) });
  } catch (err) {
    await container.close();
    throw err;
  }
  const redactor = prepare(redaction, learned);
  const tally: Tally = { lines: 0, replaced: 0 };
  let read = false;
  let closed: Promise<void> | null = null;
  const close = () => (closed ??= container.close());

  async function* lines(): AsyncGenerator<EndedLines> {
    if (read) throw new Error("a sample's lines are read once");
    read = true;
    const redactLine = redaction.layout === "lines" ? textLines(redaction, redactor) : jsonLines(redaction, redactor, entry.path);
    let seen = 0;
    try {
      const text = decodeChunks(counted(entry.read({ start: encoding.bom }), entry.size, progress), encoding.encoding, () => undefined);
      for await (const batch of splitLinesKeepingEnds(text, entry.path)) {
        if (options.signal?.aborted) throw new ChatFerryError("E_INTERRUPTED");
        const kept: EndedLines = { first: batch.first, lines: [], ends: [] };
        for (let i = 0; i < batch.lines.length && !(range && seen >= range.last); i++) {
          seen = batch.first + i;
          // Lines before the range are redacted too: a reader's state (the day, the layout) runs through them.
          const before = redactor.replaced;
          const line = redactLine(batch.lines[i]!, seen);
          if (range && seen < range.first) continue;
          if (kept.lines.length === 0) kept.first = seen;
          kept.lines.push(line);
          kept.ends.push(batch.ends[i]!);
          tally.lines++;
          tally.replaced += redactor.replaced - before;
        }
        if (kept.lines.length > 0) yield kept;
        if (range && seen >= range.last) return;
      }
      if (range && tally.lines === 0) throw new ChatFerryError("E_LINES_PAST_END", { file: entry.path, count: seen, first: range.first, last: range.last });
    } finally {
      await close();
    }
  }

  async function* bytes(): AsyncGenerator<Buffer> {
    // Kept with any range of lines: it is what tells a reader the file's encoding.
    if (encoding.bom > 0) yield Buffer.from(chat.head.subarray(0, encoding.bom));
    for await (const batch of lines()) yield encode(batch.lines.map((line, i) => line + batch.ends[i]).join(""), encoding.encoding);
  }

  return { input: container.name, container: container.kind, file: entry.path, encoding: encoding.encoding, known: known !== null, lines, bytes, tally, close };
}

/**
 * The chat file a sample is of, and whether a reader knows its format. A file no reader knows
 * is sampled all the same, knowing only its stamps: an unreadable export is when support needs
 * a sample most.
 */
async function chatOf(path: string, options: RedactOptions): Promise<{ container: Container; chat: TextFile; known: ChatFile | null }> {
  try {
    const { container, chats } = await inspect(path, options.limits);
    return { container, chat: chats[0]!, known: chats[0]! };
  } catch (err) {
    if (!(err instanceof ChatFerryError && (err.code === "E_UNKNOWN_FORMAT" || err.code === "E_NO_CHAT"))) throw err;
    const { container, file } = await inspectText(path, options.limits);
    return { container, chat: file, known: null };
  }
}

/** A preview of a sample: its first `count` lines, decoded (for the app's "Make a sample for support"). */
export async function previewRedacted(path: string, count: number, options: Omit<RedactOptions, "lines"> = {}): Promise<{ file: string; lines: string[] }> {
  const sample = await redactInput(path, { ...options, lines: { first: 1, last: count } });
  const lines: string[] = [];
  for await (const batch of sample.lines()) lines.push(...batch.lines);
  return { file: sample.file, lines };
}

/**
 * The redactor for one chat: the source's own words, the placeholders the first pass found,
 * the extensions of media files (what a file is, not whose), and everyone's pseudonym.
 */
function prepare(redaction: Redaction, learned: Learned): Redactor {
  const fixed = new Phrases("words");
  // One letter alone would stand for every such letter in the chat.
  for (const word of [...redaction.words, ...learned.placeholders, ...MEDIA_EXTENSIONS.map((e) => `.${e}`)]) if (word.length > 1) fixed.add(word);
  const redactor = new Redactor(fixed, new Pseudonyms(), redaction.layout === "lines" ? redaction.madeNames : null);
  for (const name of learned.names) redactor.learnName(name);
  return redactor;
}

async function* counted(bytes: AsyncIterable<Buffer>, before: number, progress: (done: number) => void): AsyncGenerator<Buffer> {
  let done = before;
  for await (const chunk of bytes) {
    done += chunk.length;
    progress(done);
    yield chunk;
  }
}

const UNDECODABLE = Buffer.from([0xff]);

/**
 * Text in the input's encoding. Where the input had bytes its encoding cannot read (U+FFFD
 * once decoded), a legacy encoding gets a byte it cannot read either, so the sample shows
 * them where they were and is reported with as many (`decode-replaced`); UTF-8 and UTF-16
 * write U+FFFD itself, which reads back the same.
 */
function encode(text: string, encoding: Encoding): Buffer {
  if (encoding === "utf-8") return Buffer.from(text, "utf8");
  if (encoding === "utf-16le" || encoding === "utf-16be" || !text.includes("\ufffd")) return iconv.encode(text, encoding);
  const parts = text.split("\ufffd");
  return Buffer.concat(parts.flatMap((part, i) => (i === 0 ? [iconv.encode(part, encoding)] : [UNDECODABLE, iconv.encode(part, encoding)])));
}

/**
 * Before the input is read (twice, for a large chat a while): never over the input itself,
 * and not over a file that is there without --force. A device or pipe (`-o /dev/stdout`) is
 * written to as it is.
 */
export async function refuseOutput(input: string, output: string, force: boolean): Promise<void> {
  const [from, to] = await Promise.all([stat(input).catch(() => null), stat(output).catch(() => null)]);
  if (from && to && from.dev === to.dev && from.ino === to.ino) throw new ChatFerryError("E_OUTPUT_IS_INPUT", { file: output });
  if (to?.isFile() && !force) throw new ChatFerryError("E_EXISTS", { file: output });
}
