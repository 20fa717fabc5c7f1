import type { ChatKind } from "../../schema/index.js";
import { ElementScanner, scanChunks, type ElementSink } from "../json-elements.js";
import type { ParseContext, RawConversation, RawMessage, ThreadFile } from "../types.js";
import { instantOf, record } from "./fields.js";
import { MessageReader } from "./message.js";
import { repairText } from "./mojibake.js";

/**
 * A file newest first is read back in windows from its end, each at most this many characters of
 * messages' JSON, held as text. A file of Meta's (at most about 10,000 messages) is one window;
 * a larger, hand-made one is read once more per window.
 */
const WINDOW_CHARS = 32 * 1024 * 1024;

/** Each file is read once to learn its order and extent, and once more to emit it. */
export const PASSES = 2;

/** Messages handed on at a time from a window read back: a window's worth parsed at once would be held through the normalizer. */
const BATCH = 512;

/** One message's JSON text, unparsed, and the line it starts on. */
interface Held {
  text: string;
  line: number;
}

/** A scanner of one file: a thread object, its messages under `messages`. */
function scannerOf(file: ThreadFile, ctx: ParseContext, sink: ElementSink): ElementScanner {
  return new ElementScanner({ ...ctx, file: file.file }, "messages", sink);
}

/** A file oldest first, as the scanner parses it, batch by chunk. */
function forwards(file: ThreadFile, ctx: ParseContext, reader: MessageReader): AsyncGenerator<RawMessage[]> {
  const batch: RawMessage[] = [];
  const scanner = scannerOf(file, ctx, { element: (value, line) => batch.push(reader.read(value, line, file.file)) });
  return scanChunks(file.input.chunks()[Symbol.asyncIterator](), scanner, batch);
}

/**
 * A file newest first, read back a window at a time from its end. A window's messages are held
 * as their text, the cheapest form, and parsed only as they are handed on, a batch at a time.
 */
async function* backwards({ file, count, windows }: Survey, ctx: ParseContext, reader: MessageReader): AsyncGenerator<RawMessage[]> {
  for (let w = windows.length - 1; w >= 0; w--) {
    const from = windows[w]!;
    const to = windows[w + 1] ?? count;
    const held: Held[] = [];
    let index = 0;
    const scanner = scannerOf(file, ctx, {
      elementText: (text, line) => {
        index++;
        held.push({ text, line });
      },
      wants: () => index >= from && index < to,
      skipped: () => index++,
    });
    for await (const chunk of file.input.chunks()) {
      scanner.push(chunk);
      if (index >= to) break;
    }
    for (let end = held.length; end > 0; end -= BATCH) {
      const batch: RawMessage[] = [];
      for (let i = end - 1; i >= Math.max(0, end - BATCH); i--) {
        const { text, line } = held[i]!;
        batch.push(reader.read(scanner.parseElement(text, line), line, file.file));
      }
      yield batch;
    }
  }
}

/** What a first pass learns of one file. */
interface Survey {
  file: ThreadFile;
  count: number;
  /** Its earliest and latest instants; Infinity and -Infinity for a file without any. */
  oldest: number;
  newest: number;
  newestFirst: boolean;
  /** Whether its instants run both ways: the order it is read in is then Meta's habit, not what it shows. */
  mixed: boolean;
  /** The index each window starts at, in file order. */
  windows: number[];
}

/**
 * Meta's download writes a message's own `timestamp_ms` among its first keys, and no value
 * inside a message has that key (a photo's is `creation_timestamp`): the first pass finds it in
 * the text without parsing the message, which would cost as much again as the pass itself.
 */
const TIMESTAMP_MS = /"timestamp_ms"\s*:\s*(\d{1,16})(?![\d.eE])/;

/** A message's instant from its JSON text; null where it has none, or the text does not parse (the second pass says so). */
function instantIn(text: string): number | null {
  const found = TIMESTAMP_MS.exec(text);
  if (found) return Number(found[1]);
  try {
    return instantOf(record(JSON.parse(text)) ?? {});
  } catch {
    return null;
  }
}

async function survey(file: ThreadFile, ctx: ParseContext, root: ThreadInfo): Promise<Survey> {
  let count = 0;
  let oldest = Infinity;
  let previous: number | null = null;
  let rising = 0;
  let falling = 0;
  const windows = [0];
  let newest = -Infinity;
  let windowChars = 0;
  const glance = (text: string) => {
    if (windowChars > 0 && windowChars + text.length > WINDOW_CHARS) {
      windows.push(count);
      windowChars = 0;
    }
    windowChars += text.length;
    count++;
    const time = instantIn(text);
    if (time === null) return;
    oldest = Math.min(oldest, time);
    newest = Math.max(newest, time);
    // Equal instants say nothing of the order.
    if (previous !== null && time > previous) rising++;
    else if (previous !== null && time < previous) falling++;
    previous = time;
  };
  const scanner = scannerOf(file, ctx, { elementText: glance, field: (key, value) => root.take(key, value) });
  for await (const chunk of file.input.chunks()) scanner.push(chunk);
  scanner.end();
  // Meta writes newest first; a file whose instants do not say otherwise is read so.
  return { file, count, oldest, newest, newestFirst: falling >= rising, mixed: rising > 0 && falling > 0, windows };
}

/** A thread's title, people and kind, from the first file that gives them (Meta writes them after the messages). */
class ThreadInfo {
  title: string | null | undefined;
  private participants: number | undefined;
  private threadType: string | undefined;
  private joinable = false;

  take(key: string, value: unknown): void {
    if (key === "title" && this.title === undefined && typeof value === "string") this.title = repairText(value);
    // The E2EE download's "Name_40": the name, then a number of its own.
    else if (key === "threadName" && this.title === undefined && typeof value === "string") this.title = value.replace(/_\d+$/, "");
    else if (key === "participants" && this.participants === undefined && Array.isArray(value)) this.participants = value.length;
    else if (key === "thread_type" && this.threadType === undefined && typeof value === "string") this.threadType = value;
    else if (key === "joinable_mode" && record(value)) this.joinable = true;
  }

  /**
   * Who the thread is between, where the file says: its `thread_type` ("Regular" for two people,
   * "RegularGroup"), a join link (only groups have one), or more than two participants.
   * Two participants alone say nothing: a group may be down to two.
   */
  get kind(): ChatKind | undefined {
    if (this.threadType === "Regular") return "direct";
    if (this.threadType === "RegularGroup" || this.joinable || (this.participants ?? 0) > 2) return "group";
    return undefined;
  }
}

/**
 * One conversation from all its files, oldest first. Meta numbers the parts newest first
 * (message_1.json the newest) and writes each newest first: the files are read in that order, the
 * last part first, each the way its instants run. Where the instants say otherwise (a file that
 * runs both ways, parts whose times overlap), the export's own layout still decides, and the file
 * is named in an `order-unclear` warning: one stray time never moves a whole part.
 * Every file is read once to learn its order and extent, then emitted, a file newest first read
 * back a window at a time. Equal instants keep their file's order, reversed with the rest of it.
 */
export async function* readThread(files: readonly [ThreadFile, ...ThreadFile[]], ctx: ParseContext): AsyncGenerator<RawConversation> {
  const info = new ThreadInfo();
  const surveys: Survey[] = [];
  for (const file of files) surveys.push(await survey(file, ctx, info));
  surveys.reverse();
  let latest = -Infinity;
  for (const s of surveys) {
    if (s.mixed || s.oldest < latest) ctx.warn({ code: "order-unclear", file: s.file.file, text: s.file.file });
    latest = Math.max(latest, s.newest);
  }
  // A message without a time takes the one before it: before the first, the thread's earliest.
  const earliest = Math.min(...surveys.map((s) => s.oldest));
  const reader = new MessageReader(ctx, Number.isFinite(earliest) ? earliest : 0);
  const kind = info.kind;
  yield { title: info.title ?? null, ...(kind ? { kind } : {}), messages: emit(surveys, reader, ctx) };
}

async function* emit(surveys: readonly Survey[], reader: MessageReader, ctx: ParseContext): AsyncGenerator<RawMessage[]> {
  for (const s of surveys) yield* s.newestFirst ? backwards(s, ctx, reader) : forwards(s.file, ctx, reader);
}
