import type { Attachment } from "../schema/index.js";
import { messageTooLong } from "./message-size.js";
import { looksStamped } from "./unread.js";
import type { ParseContext, RawConversation, RawMessage, SentMessage, UnsentMessage } from "./types.js";

/**
 * The line-to-message bookkeeping every line-based source shares: the message
 * being read takes continuation lines, empty lines count only when text
 * follows them, and a line before the first message is kept as a warning.
 * A message past ParseContext.maxMessageChars is refused as soon as it passes it,
 * so memory stays bounded whatever the input.
 */
export class MessageAccumulator {
  private open: RawMessage | null = null;
  private blanks = 0;
  /** False while a media placeholder is the only "text": the next line starts the caption. */
  private hasBody = true;
  /** Characters the open message has taken: its lines, the empty ones among them, its attachment lines. */
  private size = 0;
  private done: RawMessage[] = [];
  /** The last line reported as an invalid date. */
  private reported = 0;

  constructor(private readonly ctx: ParseContext) {}

  /** The message still taking lines, if any. */
  get current(): RawMessage | null {
    return this.open;
  }

  start(message: RawMessage, hasBody = true): void {
    if (this.open) this.done.push(this.open);
    this.open = message;
    this.hasBody = hasBody;
    this.blanks = 0;
    this.size = 0;
    this.grow(message.text.length);
  }

  blank(): void {
    if (this.open) this.blanks++;
  }

  /** A heading or other layout line: the empty lines before it were layout too. */
  layout(): void {
    this.blanks = 0;
  }

  /** A line whose date or time names no real moment: reported here, then read as a continuation. */
  invalidDate(text: string, line: number): void {
    this.ctx.warn({ code: "invalid-date", file: this.ctx.file, line, text });
    this.reported = line;
  }

  /**
   * A line that belongs to the message before it. One that looks like a message of its own
   * (a date and a time at its start) is kept all the same, and counted as unread, unless
   * it was already reported as an invalid date.
   */
  continuation(text: string, line: number): void {
    const open = this.open;
    if (!open) {
      this.ctx.warn({ code: "orphan-line", file: this.ctx.file, line, text });
      return;
    }
    if (line !== this.reported && looksStamped(text)) this.ctx.warn({ code: "unread-line", file: this.ctx.file, line, text });
    // Counted before the gap is built: a million empty lines are a million characters too.
    this.grow(this.blanks + 1 + text.length);
    const gap = "\n".repeat(this.blanks);
    this.blanks = 0;
    if (this.hasBody) {
      open.text += "\n" + gap + text;
    } else {
      open.text = gap + text;
      this.hasBody = true;
    }
  }

  /** A line that adds a file to the open message (several photos sent at once): it counts like text. */
  attach(attachment: Attachment, text: string): void {
    this.grow(1 + text.length);
    (this.open!.attachments ??= []).push(attachment);
  }

  private grow(chars: number): void {
    this.size += chars;
    if (this.size > this.ctx.maxMessageChars) throw messageTooLong(this.ctx, this.open!.line);
  }

  /** Messages completed since the last call. */
  take(): RawMessage[] {
    const done = this.done;
    this.done = [];
    return done;
  }

  /** Everything left, including the last message. */
  finish(): RawMessage[] {
    if (this.open) this.done.push(this.open);
    this.open = null;
    return this.take();
  }
}

/**
 * Builds a raw message in the one shape all sources share. Object spreads and
 * literals of varying key order are several times slower in V8's hot loops.
 */
export function rawMessage(kind: "text" | "media" | "deleted", sender: string, time: number, text: string, attachments: Attachment[] | null, line: number, timeInferred?: boolean): SentMessage;
export function rawMessage(kind: "system" | "deleted", sender: null, time: number, text: string, attachments: null, line: number, timeInferred?: boolean): UnsentMessage;
export function rawMessage(
  kind: RawMessage["kind"],
  sender: string | null,
  time: number,
  text: string,
  attachments: Attachment[] | null,
  line: number,
  timeInferred = false,
): RawMessage {
  return {
    kind,
    sender,
    time,
    timeInferred,
    text,
    attachments,
    line,
    file: undefined,
    ref: undefined,
    replyTo: undefined,
    edited: undefined,
    reactions: undefined,
    reactionCounts: undefined,
    forwardedFrom: undefined,
    call: undefined,
    shows: undefined,
  } as RawMessage;
}

/** Drives a line handler over batches, yielding completed messages batch by batch. */
export async function* parseLines(
  input: AsyncIterable<{ first: number; lines: string[] }>,
  acc: MessageAccumulator,
  handle: (text: string, line: number) => void,
): AsyncGenerator<RawMessage[]> {
  for await (const batch of input) {
    const { first, lines } = batch;
    for (let i = 0; i < lines.length; i++) handle(lines[i] as string, first + i);
    const done = acc.take();
    if (done.length > 0) yield done;
  }
  const rest = acc.finish();
  if (rest.length > 0) yield rest;
}

/** A file that holds one conversation, titled by detection. */
export async function* oneConversation(messages: AsyncIterable<RawMessage[]>): AsyncGenerator<RawConversation> {
  yield { messages };
}
