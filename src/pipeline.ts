import { createHash } from "node:crypto";
import { posix } from "node:path";
import iconv from "iconv-lite";
import { ChatFerryError } from "./errors.js";
import { openContainer, type Container, type Entry } from "./input/container.js";
import { decodeChunks, detectEncoding, looksBinary, type DetectedEncoding } from "./input/decode.js";
import { companionsBeside, entriesBeside, filesBeside } from "./input/folder.js";
import { INPUT_LIMITS, type InputLimits } from "./input/limits.js";
import { splitLines } from "./input/lines.js";
import { MediaIndex } from "./normalize/media.js";
import { Normalizer } from "./normalize/normalize.js";
import { StrictWarnings, Warnings, type CountedSummary } from "./normalize/summary.js";
import { systemTimezone, ZoneClock } from "./normalize/time.js";
import { whoAtEnd, whoAtStart } from "./normalize/who.js";
import type { ConversationHeader, DateOrder, DateOrderDecision, Message, Summary, Warning } from "./schema/index.js";
import { SCHEMA_VERSION } from "./schema/version.js";
import { detectSource, SOURCES, supportedFormats, type Detected } from "./sources/index.js";
import { COMPANION_BYTES, type ParseContext, type RawConversation, type TextInput, type ThreadFile } from "./sources/types.js";

/** How much of a file detection looks at: enough for ~50 lines of any export. */
const HEAD_BYTES = 64 * 1024;
/** Detection looks at this many lines of the head. */
const HEAD_LINES = 200;
/** Inside a zip or folder, only these can be chat files; the rest is media. */
const CHAT_EXTENSIONS = /\.(txt|csv|json)$/i;

/** A chat export found in an input: the entry, its encoding and format. */
export interface ChatFile extends TextFile {
  detected: Detected;
  /**
   * The conversation's other files, in part order, where the export splits one over several
   * files of a folder (Source.threads): the entry is the first part. Empty for a chat in one file.
   */
  rest: readonly PartFile[];
  /**
   * The part numbers a conversation split over several files lacks, from the first to the last
   * it has (Meta's message_2.json, given message_1 and message_3): said, not silently skipped.
   */
  missingParts: readonly number[];
}

/** A further part of a conversation: its file and encoding (its head was needed only to detect it). */
export type PartFile = Pick<TextFile, "entry" | "encoding">;

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
  /**
   * The bytes of the file an attachment's `media` names. `lent`: each piece is the caller's
   * only until it asks for the next or stops reading (see EntryReadOptions), for callers that copy it at once.
   */
  open(path: string, options?: { lent?: boolean }): AsyncIterable<Buffer>;
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
  const detected = detectSource({ name: posix.basename(entry.path), path: entry.path, lines: lines.slice(0, HEAD_LINES) });
  if (!detected && lone) throw new ChatFerryError("E_UNKNOWN_FORMAT", { file: label, supported: supportedFormats() });
  return detected ? { entry, head, encoding, detected, rest: [], missingParts: [] } : null;
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
      refuseUnreadable([file], container.name);
      const chat = await withSiblingParts(path, (await inspectEntry(file, true, container.name))!, limits);
      const { mediaFolders = [] } = chat.detected.source;
      const folders = typeof mediaFolders === "function" ? mediaFolders(file.path) : mediaFolders;
      const media = await entriesBeside(path, folders, limits);
      const companions = await companionsBeside(path, chat.detected.source.companions ?? []);
      return { container: { ...container, entries: [...filesOf(chat).map((f) => f.entry), ...media, ...companions] }, chats: [chat] };
    }
    const chats: ChatFile[] = [];
    for (const entry of container.entries) {
      if (entry.size === 0 || !CHAT_EXTENSIONS.test(entry.path)) continue;
      const chat = await inspectEntry(entry, false, `${container.name}/${entry.path}`);
      if (chat) chats.push(chat);
    }
    if (chats.length === 0) {
      refuseUnreadable(container.entries, container.name);
      throw new ChatFerryError("E_NO_CHAT", { file: container.name, supported: supportedFormats() });
    }
    return { container, chats: joinThreads(chats) };
  } catch (err) {
    await container.close();
    throw err;
  }
}

/** A download in a form no reader reads (Meta's HTML) gets the error that says how to get one it does. */
function refuseUnreadable(entries: readonly Entry[], name: string): void {
  for (const source of SOURCES) {
    const { unreadable } = source;
    if (unreadable && entries.some((e) => unreadable.test(e.path))) throw new ChatFerryError(unreadable.code, { file: name });
  }
}

/**
 * The files of one conversation an export splits over several (Source.threads) made one chat:
 * its first part, with the others in part order. Its format is the one the surest part shows
 * (a later part's head may lack what tells two sources apart). A chat in one file stays as it is.
 */
function joinThreads(chats: readonly ChatFile[]): ChatFile[] {
  type Part = { part: number; chat: ChatFile };
  const groups = new Map<string, Part[]>();
  const order: (ChatFile | Part[])[] = [];
  for (const chat of chats) {
    const at = chat.detected.source.threads?.partOf(chat.entry.path);
    if (!at) {
      order.push(chat);
      continue;
    }
    const key = `${posix.dirname(chat.entry.path)}\0${at.key}\0${chat.detected.thread ?? ""}`;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = []));
    if (group.length === 0) order.push(group);
    group.push({ part: at.part, chat });
  }
  return order.map((item) => {
    if (!Array.isArray(item)) return item;
    item.sort((a, b) => a.part - b.part);
    const missingParts = gapsIn(item.map((p) => p.part));
    const parts = item.map((p) => p.chat);
    const surest = parts.reduce((a, b) => (b.detected.confidence > a.detected.confidence ? b : a));
    const [first, ...rest] = parts as [ChatFile, ...ChatFile[]];
    return { entry: first.entry, head: first.head, encoding: first.encoding, detected: surest.detected, rest: rest.map(({ entry, encoding }) => ({ entry, encoding })), missingParts };
  });
}

/** The part numbers from 1 to the last of `sorted` that it lacks; at most `most` of them (a file may be numbered 10⁹). */
function gapsIn(sorted: readonly number[], most = 100): number[] {
  const gaps: number[] = [];
  let next = 1;
  for (const n of sorted) {
    for (let gap = next; gap < n && gaps.length < most; gap++) gaps.push(gap);
    next = Math.max(next, n + 1);
  }
  return gaps;
}

/** A lone file that is one part of a conversation brings the other parts beside it: never only part of a chat. */
async function withSiblingParts(path: string, chat: ChatFile, limits: InputLimits): Promise<ChatFile> {
  const threads = chat.detected.source.threads;
  const at = threads?.partOf(chat.entry.path);
  if (!threads || !at) return chat;
  const siblings: ChatFile[] = [];
  for (const entry of await filesBeside(path, (name) => threads.partOf(name)?.key === at.key, limits)) {
    const sibling = await inspectEntry(entry, false, entry.path);
    if (sibling?.detected.source.threads === threads) siblings.push(sibling);
  }
  return joinThreads([chat, ...siblings])[0]!;
}

/** A companion file's text, read only when it is small enough to be one. */
async function companionText(entry: Entry | undefined): Promise<string | null> {
  if (!entry || entry.size > COMPANION_BYTES) return null;
  const parts: Buffer[] = [];
  for await (const chunk of entry.read()) parts.push(chunk);
  return new TextDecoder().decode(Buffer.concat(parts));
}

/** The files a chat is read from: itself, then the rest of its parts. */
function filesOf(chat: ChatFile): [PartFile, ...PartFile[]] {
  return [chat, ...chat.rest];
}

/** Bytes of a chat's text, all its parts. */
function chatSize(chat: ChatFile): number {
  return filesOf(chat).reduce((n, f) => n + f.entry.size, 0);
}

/** Total bytes of chat text in an inspection: what progress counts against. */
export function chatBytes(inspection: Inspection): number {
  return inspection.chats.reduce((n, c) => n + chatSize(c), 0);
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
  const media = new MediaIndex(container.entries, new Set(chats.flatMap((c) => filesOf(c).map((f) => f.entry.path))));
  const entries = new Map(container.entries.map((e) => [e.path, e]));
  // A companion is read once for the whole input: every channel of a Discord package names the same index.json.
  const companions = new Map<string, Promise<string | null>>();
  const companionAt = (path: string) => {
    let text = companions.get(path);
    if (!text) companions.set(path, (text = companionText(entries.get(path))));
    return text;
  };
  const total = chatBytes(inspection);
  let before = 0;
  /** Whether a conversation was read to its end, and whether `me` wrote in one. */
  const seen = { read: false, me: false };
  try {
    for (const chat of chats) {
      const report = options.onProgress;
      const progress = report ? (done: number) => report({ phase: "read", done: before + done, total }) : undefined;
      yield* readChat(chat, container.name, companionAt, media, clock, options, progress, (participants) => {
        seen.read = true;
        seen.me ||= participants.some((p) => p.name === options.me);
      });
      before += chatSize(chat);
    }
    if (options.me !== undefined && seen.read && !seen.me) throw new ChatFerryError("E_ME_UNKNOWN", { name: options.me, file: container.name });
  } finally {
    await container.close();
  }
}

async function* readChat(
  chat: ChatFile,
  inputName: string,
  /** The text of a file of the input by its path, for the source's companions. */
  companionAt: (path: string) => Promise<string | null>,
  media: MediaIndex,
  clock: ZoneClock,
  { signal, dateOrder: chosenOrder, strict = false, undecidedDates = "assume", limits = INPUT_LIMITS, me }: ReadOptions,
  progress: ((done: number) => void) | undefined,
  read: (participants: Summary["participants"]) => void,
): AsyncGenerator<Conversation<CountedSummary>> {
  const { entry, head, encoding, detected } = chat;
  const files = filesOf(chat);
  const { threads } = detected.source;
  /** Per file, the most undecodable bytes one pass met, and what earlier conversations of it already reported: each byte is reported once. */
  const replaced = files.map(() => ({ most: 0, reported: 0 }));
  const counted = threads ? passesCounter(progress, chatSize(chat), threads.passes) : progressCounter(progress);
  // Every pass decodes anew; a second pass finds the same undecodable bytes again.
  const inputOf = ({ entry: file, encoding: { bom, encoding: charset } }: PartFile, at: number): TextInput => {
    const decode = () => {
      let pass = 0;
      return decodeChunks(counted(file.read({ start: bom })), charset, (n) => {
        pass += n;
        replaced[at]!.most = Math.max(replaced[at]!.most, pass);
      });
    };
    return { chunks: decode, lines: () => splitLines(decode(), file.path) };
  };
  // Warnings go to the conversation being read; those before the first one, to the first.
  const newWarnings = () => (strict ? new StrictWarnings() : new Warnings());
  let warnings = newWarnings();
  for (const part of chat.missingParts) warnings.add({ code: "part-missing", file: entry.path, count: part });
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
    companion: (path) => companionAt(posix.normalize(posix.join(posix.dirname(entry.path), path))),
  };
  let index = 0;
  let conversations: AsyncIterable<RawConversation>;
  if (threads) {
    const parts = files.map((f, i): ThreadFile => ({ file: f.entry.path, input: inputOf(f, i) }));
    conversations = threads.parse(parts as [ThreadFile, ...ThreadFile[]], ctx);
  } else conversations = detected.source.parse(inputOf(chat, 0), ctx);
  for await (const raw of conversations) {
    const evidence = raw.kind ?? detected.kind;
    const start = whoAtStart(evidence, me);
    const header: ConversationHeader = {
      schema: SCHEMA_VERSION,
      id: conversationId(inputName, entry.path, head, index++),
      title: raw.title === undefined ? detected.title : raw.title,
      source: {
        platform: detected.source.platform,
        variant: detected.variant,
        files: files.map((f) => f.entry.path),
        encoding: encoding.encoding,
        exportedAt: detected.exportedAt === null ? null : clock.iso(detected.exportedAt),
      },
      timezone: clock.zone,
      ...start,
    };
    const current = warnings;
    const { source } = detected;
    const normalizer = new Normalizer(header, clock, source.clock, media, source.mediaBy ?? "name", current, source.oneSided);
    const messages = async function* (): AsyncGenerator<readonly Message[], CountedSummary, undefined> {
      for await (const batch of raw.messages) {
        if (signal?.aborted) throw new ChatFerryError("E_INTERRUPTED");
        yield normalizer.messages(batch);
      }
      files.forEach((f, i) => {
        const bytes = replaced[i]!;
        if (bytes.most > bytes.reported) current.add({ code: "decode-replaced", file: f.entry.path, count: bytes.most - bytes.reported });
        bytes.reported = bytes.most;
      });
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

/**
 * Counts bytes into progress for a source that reads each of a conversation's files `passes`
 * times (Source.threads): every byte of every pass counts for 1/passes, up to the files' size.
 */
function passesCounter(progress: ((done: number) => void) | undefined, size: number, passes: number) {
  let read = 0;
  return async function* counted(bytes: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
    for await (const chunk of bytes) {
      read += chunk.length;
      progress?.(Math.min(size, Math.floor(read / passes)));
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
