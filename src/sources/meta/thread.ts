import type { ChatKind } from "../../schema/index.js";
import { ExportScanner } from "../telegram-desktop/scanner.js";
import type { ParseContext, RawConversation, RawMessage, ThreadFile } from "../types.js";
import { instantOf, record } from "./fields.js";
import { MessageReader } from "./message.js";
import { repairText } from "./mojibake.js";

/**
 * A file newest first is read back in windows from its end: at most this many messages, or
 * characters of their JSON, at a time. A file of Meta's holds at most about 10,000 messages,
 * so it is one window; a larger, hand-made one is read once more per window.
 */
const WINDOW_MESSAGES = 10_000;
const WINDOW_CHARS = 32 * 1024 * 1024;

/** Each file is read once to learn its order and extent, and once more to emit it. */
export const PASSES = 2;

interface Scanned {
  value: unknown;
  line: number;
  chars: number;
}

/**
 * One file's messages as the scanner parses them, batch by chunk. `wants` says by index which to
 * parse (the others are passed over unparsed); `root` takes the file's other top-level values.
 */
async function* scan(
  file: ThreadFile,
  ctx: ParseContext,
  wants?: (index: number) => boolean,
  root?: (key: string, value: unknown) => void,
): AsyncGenerator<Scanned[]> {
  let index = 0;
  let batch: Scanned[] = [];
  const scanner = new ExportScanner(
    { ...ctx, file: file.file },
    {
      account: () => undefined,
      chat: () => undefined,
      chatEnd: () => undefined,
      message: (value, line, chars) => {
        index++;
        batch.push({ value, line, chars });
      },
      ...(wants ? { wants: () => wants(index), skipped: () => index++ } : {}),
      ...(root ? { rootValue: root } : {}),
    },
  );
  for await (const chunk of file.input.chunks()) {
    scanner.push(chunk);
    if (batch.length > 0) {
      yield batch;
      batch = [];
    }
  }
  scanner.end();
  if (batch.length > 0) yield batch;
}

/** What a first pass learns of one file. */
interface Survey {
  file: ThreadFile;
  /** Its place in part order. */
  part: number;
  count: number;
  /** Its earliest instant; Infinity for a file without messages. */
  oldest: number;
  newestFirst: boolean;
  /** The index each window starts at, in file order. */
  windows: number[];
}

async function survey(file: ThreadFile, part: number, ctx: ParseContext, root: ThreadInfo): Promise<Survey> {
  let count = 0;
  let oldest = Infinity;
  let previous: number | null = null;
  let forwards = 0;
  let backwards = 0;
  const windows = [0];
  let windowCount = 0;
  let windowChars = 0;
  for await (const batch of scan(file, ctx, undefined, (key, value) => root.take(key, value))) {
    for (const { value, chars } of batch) {
      if (windowCount > 0 && (windowCount >= WINDOW_MESSAGES || windowChars + chars > WINDOW_CHARS)) {
        windows.push(count);
        windowCount = 0;
        windowChars = 0;
      }
      windowCount++;
      windowChars += chars;
      count++;
      const time = instantOf(record(value) ?? {});
      if (time === null) continue;
      oldest = Math.min(oldest, time);
      // Equal instants say nothing of the order.
      if (previous !== null && time > previous) forwards++;
      else if (previous !== null && time < previous) backwards++;
      previous = time;
    }
  }
  // Meta writes newest first; a file whose instants do not say otherwise is read so.
  return { file, part, count, oldest, newestFirst: backwards >= forwards, windows };
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
 * One conversation from all its files, oldest first. Which file comes first and which way each
 * runs are read from the instants, not the file numbers: every file is read once to learn them,
 * then the files are emitted oldest first, a file newest first read back a window at a time.
 * Equal instants keep their file's order, reversed with the rest of a reversed file.
 */
export async function* readThread(files: readonly [ThreadFile, ...ThreadFile[]], ctx: ParseContext): AsyncGenerator<RawConversation> {
  const info = new ThreadInfo();
  const surveys: Survey[] = [];
  for (const [part, file] of files.entries()) surveys.push(await survey(file, part, ctx, info));
  // The later part first where two start together: message_2 is older than message_1.
  surveys.sort((a, b) => a.oldest - b.oldest || b.part - a.part);
  const reader = new MessageReader(ctx);
  const kind = info.kind;
  yield { title: info.title ?? null, ...(kind ? { kind } : {}), messages: emit(surveys, reader, ctx) };
}

async function* emit(surveys: readonly Survey[], reader: MessageReader, ctx: ParseContext): AsyncGenerator<RawMessage[]> {
  for (const s of surveys) {
    const read = ({ value, line }: Scanned) => reader.read(value, line, s.file.file);
    if (!s.newestFirst) {
      for await (const batch of scan(s.file, ctx)) yield batch.map(read);
      continue;
    }
    for (let w = s.windows.length - 1; w >= 0; w--) {
      const from = s.windows[w]!;
      const to = s.windows[w + 1] ?? s.count;
      const window: Scanned[] = [];
      let seen = 0;
      for await (const batch of scan(s.file, ctx, (i) => i >= from && i < to)) {
        for (const item of batch) window.push(item);
        seen += batch.length;
        if (seen >= to - from) break;
      }
      if (window.length > 0) yield window.reverse().map(read);
    }
  }
}
