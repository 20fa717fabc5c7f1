import type { Call } from "../../schema/index.js";
import { rawMessage } from "../accumulator.js";
import { record, str } from "../telegram-desktop/types.js";
import type { ParseContext, RawMessage } from "../types.js";
import { addAttachments, addEmbeds, addStickers, reactionsOf, type Extras } from "./content.js";
import { noticeOf, noticeText, WRITTEN_TYPES } from "./notices.js";
import { idOf, type Senders } from "./senders.js";
import { instantOf } from "./time.js";
import { LastTime } from "../last-time.js";

/**
 * Turns DiscordChatExporter's message objects (JsonMessageWriter.WriteMessageAsync) into raw
 * messages. Times are instants (`timestamp` carries its offset); a message without a usable
 * one takes the previous message's, and is reported.
 */
export class MessageReader {
  /**
   * The ids of the last RECENT messages. An export joined from overlapping runs repeats a stretch
   * of messages: a copy keeps its place but gets an id of its own, and is reported. Ids are not
   * compared by size: hand-made exports (and some tools') do not write them in order.
   */
  private readonly recent = new RecentIds(RECENT);
  private readonly times: LastTime;

  constructor(
    private readonly ctx: ParseContext,
    private readonly senders: Senders,
  ) {
    this.times = new LastTime(ctx);
  }

  read(value: unknown, line: number): RawMessage {
    const m = record(value) ?? {};
    const own = instantOf(m.timestamp);
    const inferred = own === null;
    const time = this.times.of(own, this.ctx.file, line, m.timestamp);
    const type = str(m.type) ?? "Default";
    const author = this.senders.of(m.author);
    const content = str(m.content) ?? "";
    const notice = noticeOf(type);
    const message = notice ? rawMessage("system", null, time, noticeText(author, content, notice), null, line, inferred) : this.written(m, type, author, content, time, line, inferred);
    if (notice?.group) message.shows = "group";
    if (type === "Call") message.call = callOf(time, instantOf(m.callEndedTimestamp), author);
    const ref = idOf(m.id);
    if (ref !== undefined && !this.recent.add(ref)) this.ctx.warn({ code: "repeated-id", file: this.ctx.file, line, text: ref });
    else if (ref !== undefined) message.ref = ref;
    const reference = record(m.reference);
    // A forward's reference names the message it copies, maybe in another chat: no reply.
    if (reference && str(reference.type) !== "Forward") message.replyTo = idOf(reference.messageId);
    const edited = instantOf(m.timestampEdited);
    if (edited !== null) message.edited = edited;
    const reactions = reactionsOf(m.reactions, this.senders);
    if (reactions.named.length > 0) message.reactions = reactions.named;
    if (reactions.counted.length > 0) message.reactionCounts = reactions.counted;
    return message;
  }

  /** Someone's message: its text as written, then the links and titles of what it carries. */
  private written(m: Record<string, unknown>, type: string, author: string, content: string, time: number, line: number, inferred: boolean): RawMessage {
    const extras: Extras = { attachments: [], lines: [] };
    addAttachments(m.attachments, extras);
    addStickers(m.stickers, extras);
    addEmbeds(m.embeds, content, extras);
    // A forwarded message's own content and files (DCE's `forwardedMessage`) are what the forward shows.
    const forwarded = record(m.forwardedMessage);
    let text = content;
    if (forwarded) {
      const copied = str(forwarded.content) ?? "";
      text = [content, copied].filter(Boolean).join("\n");
      addAttachments(forwarded.attachments, extras);
      addStickers(forwarded.stickers, extras);
      addEmbeds(forwarded.embeds, copied, extras);
    }
    if (!WRITTEN_TYPES.has(type)) {
      this.ctx.warn({ code: "unknown-type", file: this.ctx.file, line, text: type });
      if (text === "" && extras.attachments.length === 0 && extras.lines.length === 0) text = `[${type}]`;
    }
    text = [text, ...extras.lines].filter(Boolean).join("\n");
    const attachments = extras.attachments.length > 0 ? extras.attachments : null;
    return rawMessage(attachments ? "media" : "text", author, time, text, attachments, line, inferred);
  }
}

/**
 * A call (type Call): Discord records one when it starts, and `callEndedTimestamp` when it ends.
 * The record lasts as long as the line was open, whether or not anyone joined the caller, and
 * DCE writes neither who joined nor whether there was video: so a voice call of that length,
 * its outcome unknown; still open when exported, no length.
 */
function callOf(start: number, end: number | null, by: string): Call {
  const seconds = end === null ? undefined : Math.max(0, Math.round((end - start) / 1000));
  return { media: "voice", outcome: "unknown", seconds, by };
}

/** How many ids back a repeat is found: more than an overlap of two export runs holds, in bounded memory. */
const RECENT = 4096;

/** The last `size` ids seen. */
class RecentIds {
  private readonly seen = new Set<string>();
  private readonly order: string[] = [];
  private next = 0;

  constructor(private readonly size: number) {}

  /** False when `id` is among them; else remembers it, forgetting the oldest. */
  add(id: string): boolean {
    if (this.seen.has(id)) return false;
    if (this.order.length === this.size) this.seen.delete(this.order[this.next]!);
    this.order[this.next] = id;
    this.next = (this.next + 1) % this.size;
    this.seen.add(id);
    return true;
  }
}
