import { createHash } from "node:crypto";
import { ChatFerryError } from "./errors.js";
import { decodeChunks, detectEncoding, looksBinary, type DetectedEncoding } from "./input/decode.js";
import { splitLines } from "./input/lines.js";
import { openFile, type InputFile } from "./input/open.js";
import { Normalizer, Warnings } from "./normalize/normalize.js";
import { systemTimezone, ZoneClock } from "./normalize/time.js";
import { SCHEMA_VERSION, type ConversationHeader, type Message, type Summary, type Warning } from "./schema/index.js";
import { detectSource, supportedFormats, type Detected } from "./sources/index.js";
import type { TextInput } from "./sources/types.js";
import iconv from "iconv-lite";

/** Detection looks at this many lines of the head. */
const HEAD_LINES = 200;

export interface Inspection {
  file: InputFile;
  encoding: DetectedEncoding;
  detected: Detected;
}

export interface Progress {
  phase: "read";
  done: number;
  total: number;
}

export interface ReadOptions {
  /** IANA zone of the export's wall times; default: the system's. */
  timezone?: string;
  signal?: AbortSignal;
  onProgress?: (progress: Progress) => void;
}

export interface Conversation {
  header: ConversationHeader;
  /** Message batches in source order; the generator's return value is the summary. */
  messages: AsyncGenerator<readonly Message[], Summary, undefined>;
}

/** Opens a file and decides its encoding and format, reading only its head. */
export async function inspect(path: string): Promise<Inspection> {
  const file = await openFile(path);
  const encoding = detectEncoding(file.head);
  if (looksBinary(file.head, encoding.encoding)) throw new ChatFerryError("E_BINARY", { file: file.name });
  const text = iconv.decode(file.head.subarray(encoding.bom), encoding.encoding, { stripBOM: true });
  const lines = text.split(/\r\n|\r|\n/);
  // The last line of a head cut from a larger file is partial; detection must not see it.
  if (file.size > file.head.length && lines.length > 1) lines.pop();
  const detected = detectSource({ name: file.name, lines: lines.slice(0, HEAD_LINES) });
  if (!detected) throw new ChatFerryError("E_UNKNOWN_FORMAT", { file: file.name, supported: supportedFormats() });
  return { file, encoding, detected };
}

/** The conversations in an input, each streamed; consume one's messages before asking for the next. */
export async function* readConversations(path: string, options: ReadOptions = {}): AsyncGenerator<Conversation> {
  const clock = new ZoneClock(options.timezone ?? systemTimezone());
  yield* readInspected(await inspect(path), options, clock);
}

/** As readConversations, for an input already inspected. */
export async function* readInspected(
  { file, encoding, detected }: Inspection,
  options: ReadOptions = {},
  clock = new ZoneClock(options.timezone ?? systemTimezone()),
): AsyncGenerator<Conversation> {
  const progress = options.onProgress
    ? (done: number) => options.onProgress?.({ phase: "read", done, total: file.size })
    : undefined;
  let replaced = 0;
  // Every pass decodes anew; a second pass finds the same undecodable bytes again.
  const decode = () => {
    let pass = 0;
    return decodeChunks(file.bytes(encoding.bom, progress), encoding.encoding, (n) => {
      pass += n;
      replaced = Math.max(replaced, pass);
    });
  };
  const input: TextInput = { chunks: decode, lines: () => splitLines(decode(), file.name) };
  // Warnings go to the conversation being read; those before the first one, to the first.
  let warnings = new Warnings();
  const ctx = { file: file.name, warn: (w: Warning) => warnings.add(w) };
  let index = 0;
  for await (const raw of detected.source.parse(input, ctx)) {
    const header: ConversationHeader = {
      schema: SCHEMA_VERSION,
      id: conversationId(file, index++),
      title: raw.title === undefined ? detected.title : raw.title,
      source: {
        platform: detected.source.platform,
        variant: detected.variant,
        files: [file.name],
        encoding: encoding.encoding,
        exportedAt: detected.exportedAt === null ? null : clock.iso(detected.exportedAt),
      },
      timezone: clock.zone,
    };
    const normalizer = new Normalizer(header, clock, detected.source.clock);
    const messages = async function* (): AsyncGenerator<readonly Message[], Summary, undefined> {
      for await (const batch of raw.messages) {
        if (options.signal?.aborted) throw new ChatFerryError("E_INTERRUPTED");
        yield normalizer.messages(batch);
      }
      if (replaced > 0) warnings.add({ code: "decode-replaced", file: file.name, count: replaced });
      if (normalizer.count === 0) warnings.add({ code: "no-messages", file: file.name });
      const summary = normalizer.summary(warnings);
      warnings = new Warnings();
      return summary;
    };
    yield { header, messages: messages() };
  }
}

/** Stable for the same input: the file's name and head, and the conversation's place in it. */
function conversationId(file: InputFile, index: number): string {
  return createHash("sha256").update(file.name).update("\0").update(file.head).update(`\0${index}`).digest("hex").slice(0, 12);
}

/** Runs through a conversation's messages, handing each batch to `each`; resolves to the summary. */
export async function drain(
  conversation: Conversation,
  each: (batch: readonly Message[]) => void | Promise<void>,
): Promise<Summary> {
  const it = conversation.messages;
  for (;;) {
    const next = await it.next();
    if (next.done) return next.value;
    await each(next.value);
  }
}
