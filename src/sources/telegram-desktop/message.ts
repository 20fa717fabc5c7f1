import { rawMessage } from "../accumulator.js";
import type { ParseContext, RawMessage } from "../types.js";
import { callOf } from "./call.js";
import { mediaOf } from "./media.js";
import { describeService } from "./service.js";
import { plainText } from "./text.js";
import { DELETED_ACCOUNT, record, str, type TelegramMessage } from "./types.js";

type Reaction = { emoji: string; by: string };

/** signalbackup-tools' own threshold: below it a `date_unixtime` is seconds (any date up to 5138), from it milliseconds. */
const MILLISECONDS_FROM = 100_000_000_000;

/**
 * Epoch milliseconds of a message's instant: `*_unixtime` (epoch seconds as a
 * string; milliseconds from 12 digits on, as signalbackup-tools reads it and
 * ChatFerry's Signal export writes it) when present, else the Qt ISO `date`
 * read as UTC. That ISO time is the exporting PC's local time without a zone,
 * so the fallback is off by that PC's offset; only exports older than
 * `date_unixtime` (2020) need it.
 */
function instant(unixtime: unknown, iso: unknown): number | null {
  if (typeof unixtime === "string" || typeof unixtime === "number") {
    const value = Number(unixtime);
    if (unixtime !== "" && Number.isFinite(value)) return value < MILLISECONDS_FROM ? value * 1000 : value;
  }
  if (typeof iso === "string") {
    const ms = Date.parse(/[zZ]|[+-]\d\d:\d\d$/.test(iso) ? iso : `${iso}Z`);
    if (Number.isFinite(ms)) return ms;
  }
  return null;
}

/**
 * Reactions with the people the export names (`recent`). Newer exports give a
 * `count` too; reactors beyond `recent` are anonymous and left out, for now:
 * Message.reactionCounts (made for Discord) could carry them. A custom emoji
 * has no character: it reads as "[custom_emoji]".
 */
function reactionsOf(value: unknown): Reaction[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const out: Reaction[] = [];
  for (const item of value) {
    const reaction = record(item);
    if (!reaction || !Array.isArray(reaction.recent)) continue;
    const emoji = str(reaction.emoji) ?? `[${str(reaction.type) ?? "reaction"}]`;
    for (const who of reaction.recent) out.push({ emoji, by: str(record(who)?.from) ?? DELETED_ACCOUNT });
  }
  return out.length > 0 ? out : undefined;
}

/**
 * Who wrote a forwarded message first. tdesktop writes `forwarded_from` for every
 * forward: the author's name, or null when it has none to give (a deleted
 * account). `saved_from` is the chat a message was saved to Saved Messages from,
 * not its author; it names the origin only when the export gives no author.
 */
function forwardedFrom(m: TelegramMessage): string | undefined {
  if (m.forwarded_from !== undefined) return str(m.forwarded_from) ?? DELETED_ACCOUNT;
  return str(m.saved_from);
}

function idString(value: unknown): string | undefined {
  return typeof value === "number" || typeof value === "string" ? String(value) : undefined;
}

/**
 * Turns parsed result.json messages into raw messages. A message without a
 * usable time takes the previous one's (the export should never do this).
 */
export class MessageReader {
  private lastTime = 0;
  /** The `from_id` of the exporting account in the chat being read, where the export says (reader.ts). */
  exporter: string | undefined;

  constructor(private readonly ctx: ParseContext) {}

  read(value: unknown, line: number): RawMessage {
    const m = (record(value) ?? {}) as TelegramMessage;
    let time = instant(m.date_unixtime, m.date);
    const inferred = time === null;
    if (time === null) {
      if (m.type !== "unsupported") this.ctx.warn({ code: "invalid-date", file: this.ctx.file, line, text: String(m.date ?? "") });
      time = this.lastTime;
    }
    this.lastTime = time;
    const message = this.build(m, time, line, inferred);
    message.ref = idString(m.id);
    // A reply to another chat's message (reply_to_peer_id) has no target in this conversation.
    if (m.reply_to_peer_id === undefined) message.replyTo = idString(m.reply_to_message_id);
    const edited = m.edited_unixtime === undefined && m.edited === undefined ? null : instant(m.edited_unixtime, m.edited);
    if (edited !== null) message.edited = edited;
    message.reactions = reactionsOf(m.reactions);
    return message;
  }

  private build(m: TelegramMessage, time: number, line: number, inferred: boolean): RawMessage {
    if (m.type === "service") {
      const text = plainText(m.text);
      const message = rawMessage("system", null, time, text || describeService(m), null, line, inferred);
      message.call = callOf(m);
      return message;
    }
    if (m.type === "unsupported") {
      return rawMessage("system", null, time, "Unsupported message (the exporting app could not read it)", null, line, inferred);
    }
    const sender = str(m.from) ?? DELETED_ACCOUNT;
    let text = plainText(m.text);
    const media = mediaOf(m, (notice) => this.ctx.warn({ code: "missing-media", file: this.ctx.file, line, text: notice }));
    if (media?.text && !text) text = media.text;
    const message = media ? rawMessage("media", sender, time, text, media.attachments, line, inferred) : rawMessage("text", sender, time, text, null, line, inferred);
    message.forwardedFrom = forwardedFrom(m);
    if (this.exporter !== undefined && m.from_id === this.exporter) message.shows = "exporter";
    return message;
  }
}
