import { createHash } from "node:crypto";
import { posix } from "node:path";
import iconv from "iconv-lite";
import { ChatFerryError } from "./errors.js";
import { openContainer, type Container, type Entry } from "./input/container.js";
import { decodeChunks, detectEncoding, looksBinary, type DetectedEncoding } from "./input/decode.js";
import { entriesBeside } from "./input/folder.js";
import { INPUT_LIMITS, type InputLimits } from "./input/limits.js";
import { splitLines } from "./input/lines.js";
import { MediaIndex } from "./normalize/media.js";
import { Normalizer } from "./normalize/normalize.js";
import { StrictWarnings, Warnings, type CountedSummary } from "./normalize/summary.js";
import { systemTimezone, ZoneClock } from "./normalize/time.js";
import { whoAtEnd, whoAtStart } from "./normalize/who.js";
import {
  SCHEMA_VERSION,
  type ConversationHeader,
  type DateOrder,
  type DateOrderDecision,
  type Message,
  type Summary,
  type Warning,
} from "./schema/index.js";
import { detectSource, supportedFormats, type Detected } from "./sources/index.js";
import type { ParseContext, TextInput } from "./sources/types.js";

/** How much of a file detection looks at: enough for ~50 lines of any export. */
const HEAD_BYTES = 64 * 1024;
/** Detection looks at this many lines of the head. */
const HEAD_LINES = 200;
/** Inside a zip or folder, only these can be chat files; the rest is media. */
const CHAT_EXTENSIONS = /\.(txt|csv|json)$/i;

/** A chat export found in an input: the entry, its encoding and format. */
export interface ChatFile extends TextFile {
  detected: Detected;
}

export interface Inspection {
  container: Container;
  chats: ChatFile[];
}

export interface Progress {
  phase: "read";
  done: number;
  total: number;
}

export interface ReadOptions {
  /** IANA zone of the export's wall times; default: the system's. */
  timezone?: string;
  /** How to read dates that could be day/month or month/day; default: decided from the evidence in the file. */
  dateOrder?: DateOrder;
  /** Refuse what would otherwise be a guess (lines no rule reads, a date order only the locale decided, unknown placeholders). */
  strict?: boolean;
  /**
   * What to do when nothing in a file decides its date order and the user gave none:
   * "assume" the locale's habit and warn (reading, statistics), or "refuse" before
   * anything is read (destinations that cannot be undone, such as a Telegram import).
   */
  undecidedDates?: "assume" | "refuse";
  /**
   * Which participant is the one who exported (`--me`, the app's "which one is me"): the
   * conversations' `self`. It must be a sender somewhere in the input (else E_ME_UNKNOWN,
   * once the input is read), not necessarily in each of its chats: one may only read some.
   */
  me?: string;
  signal?: AbortSignal;
  onProgress?: (progress: Progress) => void;
  /** The most an input may hold; default INPUT_LIMITS (tests give less). */
  limits?: InputLimits;
}

/** Media files of the input, for targets that carry them (archive, Telegram). */
export interface MediaStore {
  /** The bytes of the file an attachment's `media` names. */
  open(path: string): AsyncIterable<Buffer>;
}

/** `S`: what the summary holds for sure; a conversation read from an export has every summary field ChatFerry counts. */
export interface Conversation<S extends Summary = Summary> {
  header: ConversationHeader;
  /** Message batches in source order; the generator's return value is the summary. */
  messages: AsyncGenerator<readonly Message[], S, undefined>;
  media: MediaStore;
}

async function readHead(entry: Entry): Promise<Buffer> {
  const parts: Buffer[] = [];
  let length = 0;
  for await (const chunk of entry.read()) {
    parts.push(chunk);
    length += chunk.length;
    if (length >= HEAD_BYTES) break;
  }
  return Buffer.concat(parts).subarray(0, HEAD_BYTES);
}

/**
 * Decides an entry's encoding and format from its head. A lone file must be
 * a chat (else a clear error); inside a zip or folder, a file that is not
 * one is just not a chat (null).
 */
async function inspectEntry(entry: Entry, lone: boolean, label: string): Promise<ChatFile | null> {
  const text = await textFile(entry, lone, label);
  if (text === null) return null;
  const { head, encoding } = text;
  const lines = iconv.decode(head.subarray(encoding.bom), encoding.encoding, { stripBOM: true }).split(/\r\n|\r|\n/);
  // The last line of a head cut from a larger file is partial; detection must not see it.
  if (entry.size > head.length && lines.length > 1) lines.pop();
  const detected = detectSource({ name: posix.basename(entry.path), lines: lines.slice(0, HEAD_LINES) });
  if (!detected && lone) throw new ChatFerryError("E_UNKNOWN_FORMAT", { file: label, supported: supportedFormats() });
  return detected ? { entry, head, encoding, detected } : null;
}

/** A text file no reader recognises: its head and encoding (a redacted sample can still be made of it). */
export interface TextFile {
  entry: Entry;
  head: Buffer;
  encoding: DetectedEncoding;
}

/** An entry's head and encoding; a binary one is an error when it is all the input (`lone`), else nothing. */
async function textFile(entry: Entry, lone: boolean, label: string): Promise<TextFile | null> {
  const head = await readHead(entry);
  const encoding = detectEncoding(head);
  if (!looksBinary(head, encoding.encoding)) return { entry, head, encoding };
  if (lone) throw new ChatFerryError("E_BINARY", { file: label });
  return null;
}

/**
 * The first text file of an input whose format no reader knows: a lone file that is not binary,
 * or inside a zip or folder the first file with a chat file's extension that is not. For a
 * sample of an export ChatFerry cannot read, which is when support most needs one.
 */
export async function inspectText(path: string, limits: InputLimits = INPUT_LIMITS): Promise<{ container: Container; file: TextFile }> {
  const container = await openContainer(path, limits);
  try {
    const lone = container.kind === "file";
    for (const entry of container.entries) {
      if (!lone && (entry.size === 0 || !CHAT_EXTENSIONS.test(entry.path))) continue;
      const file = await textFile(entry, lone, container.name);
      if (file) return { container, file };
    }
    throw new ChatFerryError("E_NO_CHAT", { file: container.name, supported: supportedFormats() });
  } catch (err) {
    await container.close();
    throw err;
  }
}

/** Opens an input (file, zip or folder) and finds its chat exports, reading only their heads. */
export async function inspect(path: string, limits: InputLimits = INPUT_LIMITS): Promise<Inspection> {
  const container = await openContainer(path, limits);
  try {
    if (container.kind === "file") {
      const [file] = container.entries as [Entry];
      const chat = (await inspectEntry(file, true, container.name))!;
      const { mediaFolders = [] } = chat.detected.source;
      const folders = typeof mediaFolders === "function" ? mediaFolders(file.path) : mediaFolders;
      const media = await entriesBeside(path, folders, limits);
      return { container: { ...container, entries: [file, ...media] }, chats: [chat] };
    }
    const chats: ChatFile[] = [];
    for (const entry of container.entries) {
      if (entry.size === 0 || !CHAT_EXTENSIONS.test(entry.path)) continue;
      const chat = await inspectEntry(entry, false, `${container.name}/${entry.path}`);
      if (chat) chats.push(chat);
    }
    if (chats.length === 0) throw new ChatFerryError("E_NO_CHAT", { file: container.name, supported: supportedFormats() });
    return { container, chats };
  } catch (err) {
    await container.close();
    throw err;
  }
}

/** Total bytes of chat text in an inspection: what progress counts against. */
export function chatBytes(inspection: Inspection): number {
  return inspection.chats.reduce((n, c) => n + c.entry.size, 0);
}

/** The conversations in inputs, each streamed; consume one's messages before asking for the next. */
export async function* readConversations(paths: string | readonly string[], options: ReadOptions = {}): AsyncGenerator<Conversation<CountedSummary>> {
  const clock = new ZoneClock(options.timezone ?? systemTimezone());
  for (const path of typeof paths === "string" ? [paths] : paths) {
    yield* readInspected(await inspect(path, options.limits), options, clock);
  }
}

/** As readConversations, for one input already inspected; closes it when done. */
export async function* readInspected(
  inspection: Inspection,
  options: ReadOptions = {},
  clock = new ZoneClock(options.timezone ?? systemTimezone()),
): AsyncGenerator<Conversation<CountedSummary>> {
  const { container, chats } = inspection;
  const media = new MediaIndex(container.entries, new Set(chats.map((c) => c.entry.path)));
  const total = chatBytes(inspection);
  let before = 0;
  /** Whether a conversation was read to its end, and whether `me` wrote in one. */
  const seen = { read: false, me: false };
  try {
    for (const chat of chats) {
      const report = options.onProgress;
      const progress = report ? (done: number) => report({ phase: "read", done: before + done, total }) : undefined;
      yield* readChat(chat, container.name, media, clock, options, progress, (participants) => {
        seen.read = true;
        seen.me ||= participants.some((p) => p.name === options.me);
      });
      before += chat.entry.size;
    }
    if (options.me !== undefined && seen.read && !seen.me) throw new ChatFerryError("E_ME_UNKNOWN", { name: options.me, file: container.name });
  } finally {
    await container.close();
  }
}

async function* readChat(
  { entry, head, encoding, detected }: ChatFile,
  inputName: string,
  media: MediaIndex,
  clock: ZoneClock,
  { signal, dateOrder: chosenOrder, strict = false, undecidedDates = "assume", limits = INPUT_LIMITS, me }: ReadOptions,
  progress: ((done: number) => void) | undefined,
  read: (participants: Summary["participants"]) => void,
): AsyncGenerator<Conversation<CountedSummary>> {
  let replaced = 0;
  /** What earlier conversations of this file already reported: each byte is reported once. */
  let reported = 0;
  const counted = progressCounter(progress);
  // Every pass decodes anew; a second pass finds the same undecodable bytes again.
  const decode = () => {
    let pass = 0;
    return decodeChunks(counted(entry.read(encoding.bom)), encoding.encoding, (n) => {
      pass += n;
      replaced = Math.max(replaced, pass);
    });
  };
  const input: TextInput = { chunks: decode, lines: () => splitLines(decode(), entry.path) };
  // Warnings go to the conversation being read; those before the first one, to the first.
  const newWarnings = () => (strict ? new StrictWarnings() : new Warnings());
  let warnings = newWarnings();
  let dateOrder: DateOrderDecision | undefined;
  const ctx: ParseContext = {
    file: entry.path,
    warn: (w: Warning) => warnings.add(w),
    dateOrder: chosenOrder,
    maxMessageChars: limits.messageChars,
    decided: (d) => {
      if (d.by === "locale" && undecidedDates === "refuse") throw new ChatFerryError("E_DATE_ORDER", { file: entry.path });
      dateOrder = d;
    },
  };
  let index = 0;
  for await (const raw of detected.source.parse(input, ctx)) {
    const evidence = raw.kind ?? detected.kind;
    const start = whoAtStart(evidence, me);
    const header: ConversationHeader = {
      schema: SCHEMA_VERSION,
      id: conversationId(inputName, entry.path, head, index++),
      title: raw.title === undefined ? detected.title : raw.title,
      source: {
        platform: detected.source.platform,
        variant: detected.variant,
        files: [entry.path],
        encoding: encoding.encoding,
        exportedAt: detected.exportedAt === null ? null : clock.iso(detected.exportedAt),
      },
      timezone: clock.zone,
      ...start,
    };
    const current = warnings;
    const normalizer = new Normalizer(header, clock, detected.source.clock, media, detected.source.mediaBy ?? "name", current);
    const messages = async function* (): AsyncGenerator<readonly Message[], CountedSummary, undefined> {
      for await (const batch of raw.messages) {
        if (signal?.aborted) throw new ChatFerryError("E_INTERRUPTED");
        yield normalizer.messages(batch);
      }
      if (replaced > reported) current.add({ code: "decode-replaced", file: entry.path, count: replaced - reported });
      reported = replaced;
      if (normalizer.count === 0) current.add({ code: "no-messages", file: entry.path });
      warnings = newWarnings();
      const summary = normalizer.summary(dateOrder);
      dateOrder = undefined;
      read(summary.participants);
      const { participants } = summary;
      const who = whoAtEnd(start, { evidence, title: header.title, selfNames: detected.source.selfNames, participants, witness: normalizer.witness });
      return { ...summary, ...who };
    };
    yield { header, messages: messages(), media };
  }
}

/** Counts bytes read into progress; a second pass (WhatsApp's) shows progress only once it passes the first. */
function progressCounter(progress: ((done: number) => void) | undefined) {
  let furthest = 0;
  return async function* counted(bytes: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
    let done = 0;
    for await (const chunk of bytes) {
      done += chunk.length;
      if (done > furthest) {
        furthest = done;
        progress?.(done);
      }
      yield chunk;
    }
  };
}

/** Stable for the same input: names, head, and the conversation's place in the file. */
function conversationId(inputName: string, path: string, head: Buffer, index: number): string {
  return createHash("sha256").update(`${inputName}\0${path}\0`).update(head).update(`\0${index}`).digest("hex").slice(0, 12);
}

/** Runs through a conversation's messages, handing each batch to `each`; resolves to the summary. */
export async function drain<S extends Summary>(
  conversation: Conversation<S>,
  each: (batch: readonly Message[]) => void | Promise<void>,
): Promise<S> {
  const it = conversation.messages;
  for (;;) {
    const next = await it.next();
    if (next.done) return next.value;
    await each(next.value);
  }
}
