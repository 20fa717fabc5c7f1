import { MessageAccumulator, rawMessage } from "../accumulator.js";
import type { ParseContext } from "../types.js";
import { classifyBody, isSpacedEvent, isSpacedNotice, unsentBy } from "./bodies.js";
import { readCall } from "./calls.js";
import { readDayHeading } from "./days.js";
import { isHeaderLine } from "./header.js";
import { readMessageLine, type MessageLine } from "./message.js";
import { closesQuote, HeldLines, opensQuote } from "./quotes.js";
import type { SenderNames } from "./senders.js";
import { MINUTE } from "../../calendar.js";

/** Reads a LINE export line by line into the accumulator. */
export class LineReader {
  readonly acc: MessageAccumulator;
  /** Midnight of the current day heading. */
  private day: number | null = null;
  /** Space-separated message lines are read: a dotted heading came, and no TAB line before it. */
  private spaced = false;
  /** A TAB message line came: the file is not space-separated, whatever its headings. */
  private tabbed = false;
  /** Lines after a body that opened with a quote (see quotes.ts). */
  private held: HeldLines | null = null;

  /** `names`: what the whole file proves about its senders, for space-separated lines (senders.ts). */
  constructor(
    private readonly ctx: ParseContext,
    private readonly names: SenderNames,
  ) {
    this.acc = new MessageAccumulator(ctx);
  }

  line(text: string, n: number): void {
    if (this.held) this.holding(text, n);
    else this.plain(text, n);
  }

  /** The input has ended: a quote still open was literal. */
  end(): void {
    if (this.held) this.release();
  }

  private plain(text: string, n: number): void {
    if (n === 1 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    if (text === "") return this.acc.blank();
    if (isHeaderLine(text, n)) return;
    const message = readMessageLine(text, this.spaced);
    if (message) {
      if (message.minutes === null) {
        this.acc.invalidDate(text, n);
      } else if (this.day !== null) {
        if (message.spaced && !this.split(message)) return this.unread(text, n);
        this.start(message, this.day + message.minutes * MINUTE, n);
        return;
      }
    }
    const heading = readDayHeading(text);
    if (heading) {
      if (heading.wall === null) {
        this.acc.invalidDate(text, n);
      } else {
        this.day = heading.wall;
        if (heading.dotted && !this.tabbed) this.spaced = true;
        this.acc.layout();
        return;
      }
    }
    this.acc.continuation(text, n);
  }

  private start(m: MessageLine, wall: number, n: number): void {
    if (!m.spaced) {
      this.tabbed = true;
      this.spaced = false;
    }
    const acc = this.acc;
    const call = m.body.charCodeAt(0) === 0x260e /* ☎ */ ? readCall(m.body, m.sender) : null;
    if (call) {
      // A call is an event, told by the caller's line: the caller goes into the call, not the sender.
      const event = rawMessage("system", null, wall, m.body, null, n);
      event.call = call;
      acc.start(event);
    } else if (m.sender === null) {
      const unsender = unsentBy(m.body);
      if (unsender === undefined) acc.start(rawMessage("system", null, wall, m.body, null, n));
      else if (unsender === null) acc.start(rawMessage("deleted", null, wall, m.body, null, n));
      else acc.start(rawMessage("deleted", unsender, wall, m.body, null, n));
    } else {
      const body = classifyBody(m.body, m.spaced);
      if (body.kind === "media") {
        acc.start(rawMessage("media", m.sender, wall, body.text, body.attachments, n), body.text !== "");
      } else {
        acc.start(rawMessage(body.kind, m.sender, wall, m.body, null, n));
      }
    }
    if (opensQuote(m.body)) this.held = new HeldLines();
  }

  /**
   * Splits a space-separated line into sender and body, in place. No sender
   * column: an empty one ("21:05  text"), a notice of one word
   * ("山田がアルバムを作成しました"), or a group event, read whole so that a name
   * with spaces stays in it. False when the line cannot be told from the next
   * line of a message: no name the file shows starts it.
   */
  private split(m: MessageLine): boolean {
    const rest = m.body;
    const space = rest.indexOf(" ");
    if (space === 0) {
      m.body = rest.slice(1);
      return true;
    }
    if (space < 0) return isSpacedNotice(rest);
    if (isSpacedEvent(rest)) return true;
    const at = this.names.split(rest);
    if (at < 0) return false;
    m.sender = rest.slice(0, at);
    m.body = rest.slice(at + 1);
    return true;
  }

  /** A line shaped like a message whose sender cannot be told: kept whole in the message before it, and reported (before any message, as an orphan). */
  private unread(text: string, n: number): void {
    if (this.acc.current) this.ctx.warn({ code: "unread-line", file: this.ctx.file, line: n, text });
    this.acc.continuation(text, n);
  }

  private holding(text: string, n: number): void {
    const held = this.held!;
    // A space-separated line that cannot be split is no message: it may be the quote's next line.
    const message = readMessageLine(text, this.spaced);
    if (message && (!message.spaced || this.split(message))) {
      this.release();
      this.line(text, n);
    } else if (closesQuote(text)) {
      this.held = null;
      this.unwrap(held, text, n);
    } else if (!held.hold(text, n)) {
      this.release();
    }
  }

  /** The quote closed: the held lines and this one are the body, without the outer quotes. */
  private unwrap(held: HeldLines, last: string, n: number): void {
    const acc = this.acc;
    for (let i = 0; i < held.texts.length; i++) {
      const text = held.texts[i]!;
      if (text === "") acc.blank();
      else acc.continuation(text, held.numbers[i]!);
    }
    acc.continuation(last.slice(0, -1), n);
    const open = acc.current!;
    open.text = open.text.slice(1);
  }

  /** The quote was literal: the held lines are read as what they are. */
  private release(): void {
    const { texts, numbers } = this.held!;
    this.held = null;
    for (let i = 0; i < texts.length; i++) this.line(texts[i]!, numbers[i]!);
  }
}
