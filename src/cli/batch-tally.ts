/**
 * What a batch learns of one input while its conversations pass from the reader to the
 * writer: the row of the report, the log and the result line. It keeps counts, codes, line
 * numbers and the reader's decisions, never a message's text or a participant's name, so
 * a report can go to whoever runs the migration without carrying the chats with it.
 */
import { ChatFerryError, type ErrorCode } from "../errors.js";
import type { Conversation } from "../pipeline.js";
import type { ConversationHeader, DateOrderDecision, Message, Summary, WarningCode } from "../schema/index.js";
import { PLATFORM_NAMES } from "./context.js";

/** How many line numbers a warning code keeps: enough to find the place, bounded however long the export. */
const LINES_KEPT = 5;

/** The warnings of one code: how many, and the lines of the first few. */
export interface WarningTally {
  code: WarningCode;
  count: number;
  lines: number[];
}

/** An input written in full. Each list holds every distinct value its conversations had. */
export interface InputFacts {
  messengers: string[];
  variants: string[];
  encodings: string[];
  /** What each file whose dates can be read more than one way was read as, and what decided it. */
  dateOrders: DateOrderDecision[];
  timezone: string;
  timezoneFrom: "option" | "system";
  conversations: number;
  /** Messages the reader gave and the writer wrote: the input fails unless they are equal. */
  messages: { in: number; out: number };
  /** Attachments whose file is in the input, and `missing-media` warnings. */
  media: { found: number; missing: number };
  warnings: WarningTally[];
  unread: number;
  /** More warnings than a summary keeps: the counts taken from them are lower bounds. */
  capped: boolean;
}

/** Paths are relative to the batch's output folder. */
export type InputRow =
  | { status: "ok"; input: string; outputs: string[]; facts: InputFacts }
  | { status: "failed"; input: string; outputs: string[]; error: { code: ErrorCode; message: string } };

export class Tally {
  private readonly headers: ConversationHeader[] = [];
  private readonly summaries: Summary[] = [];
  private messages = 0;
  private found = 0;

  /** The conversations as they are, their messages counted on their way to the writer. */
  async *watch(conversations: AsyncIterable<Conversation>): AsyncGenerator<Conversation> {
    for await (const conversation of conversations) {
      this.headers.push(conversation.header);
      yield { ...conversation, messages: this.count(conversation.messages) };
    }
  }

  private async *count(messages: Conversation["messages"]): Conversation["messages"] {
    for (;;) {
      const next = await messages.next();
      if (next.done) {
        this.summaries.push(next.value);
        return next.value;
      }
      this.messages += next.value.length;
      this.found += next.value.reduce((n: number, m: Message) => n + (m.attachments?.filter((a) => a.media !== undefined).length ?? 0), 0);
      yield next.value;
    }
  }

  /** The facts once the writer is done; `written`: the messages as the writer counts them. */
  facts(written: number, timezone: string, timezoneFrom: InputFacts["timezoneFrom"]): InputFacts {
    if (written !== this.messages) throw new ChatFerryError("E_COUNT_MISMATCH", { read: this.messages, written });
    const distinct = (values: string[]) => [...new Set(values)];
    const sources = this.headers.map((h) => h.source);
    const orders = new Map(this.summaries.flatMap((s) => (s.dateOrder ? [[`${s.dateOrder.order}/${s.dateOrder.by}`, s.dateOrder] as const] : [])));
    const warnings = new Map<WarningCode, WarningTally>();
    for (const w of this.summaries.flatMap((s) => s.warnings)) {
      const tally = warnings.get(w.code) ?? { code: w.code, count: 0, lines: [] };
      warnings.set(w.code, tally);
      // "more-warnings" stands for the warnings a summary no longer kept: its count is theirs.
      tally.count += w.code === "more-warnings" ? (w.count ?? 0) : 1;
      if (w.line !== undefined && tally.lines.length < LINES_KEPT) tally.lines.push(w.line);
    }
    return {
      messengers: distinct(sources.map((s) => PLATFORM_NAMES[s.platform])),
      variants: distinct(sources.map((s) => s.variant)),
      encodings: distinct(sources.map((s) => s.encoding)),
      dateOrders: [...orders.values()],
      timezone,
      timezoneFrom,
      conversations: this.headers.length,
      messages: { in: this.messages, out: written },
      media: { found: this.found, missing: warnings.get("missing-media")?.count ?? 0 },
      warnings: [...warnings.values()],
      unread: warnings.get("unread-line")?.count ?? 0,
      capped: warnings.has("more-warnings"),
    };
  }
}
