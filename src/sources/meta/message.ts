import { rawMessage } from "../accumulator.js";
import type { Attachment, AttachmentType, Call } from "../../schema/index.js";
import type { ParseContext, RawMessage } from "../types.js";
import { fieldsOf, instantOf, list, record, type Fields } from "./fields.js";
import { attachmentOf, FAILED_MEDIA } from "./media.js";
import { noticeOf } from "./notices.js";
import { LastTime } from "../last-time.js";

/** Where a sender has no name in the export (Meta writes one even for deleted accounts; a hand-made file may not). */
export const NO_NAME = "(no name)";

/** The download's media lists and what each holds. */
const MEDIA_LISTS: readonly [key: string, type: AttachmentType][] = [
  ["photos", "photo"],
  ["videos", "video"],
  ["audio_files", "audio"],
  ["gifs", "gif"],
  ["files", "file"],
];

/** The download's `type`s; any other is read as Generic and reported. */
const TYPES = new Set(["Generic", "Share", "Call", "Subscribe", "Unsubscribe"]);

/**
 * Turns Meta's messages, as parsed, into raw messages: text, media, shares, reactions, calls,
 * unsent messages and notices, of the download (snake_case, mis-encoded) and of the E2EE
 * download (camelCase). Neither has a field for the message one answers, so there are no replies.
 */
export class MessageReader {
  private readonly times: LastTime;

  /** `lastTime`: the time a message without one takes until a message has one (the thread's earliest). */
  constructor(
    private readonly ctx: ParseContext,
    lastTime = 0,
  ) {
    this.times = new LastTime(ctx, lastTime);
  }

  /** `file`: the part the message is in, for its media paths and warnings. */
  read(value: unknown, line: number, file: string): RawMessage {
    const m = record(value) ?? {};
    const f = fieldsOf(m);
    const own = instantOf(m);
    const inferred = own === null;
    const time = this.times.of(own, file, line, m.timestamp_ms ?? m.timestamp);
    const sender = f.str(f.e2ee ? m.senderName : m.sender_name) ?? NO_NAME;
    const message = this.build(m, f, sender, time, line, file, inferred);
    message.file = file;
    const reactions = list(m.reactions).map((r) => ({ emoji: f.str(r.reaction) ?? "", by: f.str(r.actor) ?? NO_NAME }));
    if (reactions.length > 0) message.reactions = reactions;
    return message;
  }

  private build(m: Record<string, unknown>, f: Fields, sender: string, time: number, line: number, file: string, inferred: boolean): RawMessage {
    const content = f.str(f.e2ee ? m.text : m.content) ?? "";
    if ((f.e2ee ? m.isUnsent : m.is_unsent) === true) return rawMessage("deleted", sender, time, content, null, line, inferred);
    const type = f.e2ee ? undefined : f.str(m.type);
    if (type !== undefined && !TYPES.has(type)) this.ctx.warn({ code: "unknown-type", file, line, text: type });
    if (type === "Call") {
      const message = rawMessage("system", null, time, content || "Call", null, line, inferred);
      message.call = callOf(content, m.call_duration, sender);
      return message;
    }
    if (type === "Subscribe" || type === "Unsubscribe") {
      const names = list(m.users).map((u) => f.str(u.name) ?? NO_NAME).join(", ");
      const words = type === "Subscribe" ? `${sender} added ${names} to the group.` : `${names} left the group.`;
      const message = rawMessage("system", null, time, content || words, null, line, inferred);
      message.shows = "group";
      return message;
    }
    const attachments = f.e2ee ? this.e2eeMedia(m, f, line, file) : downloadMedia(m, f, file);
    const text = withShare(content, record(m.share), f);
    if (attachments.length > 0) return rawMessage("media", sender, time, text, attachments, line, inferred);
    const notice = noticeOf(text, sender);
    if (notice) {
      const message = rawMessage("system", null, time, text, null, line, inferred);
      if (notice.group) message.shows = "group";
      return message;
    }
    return rawMessage("text", sender, time, text, null, line, inferred);
  }

  /** The E2EE download's `media`: files under `media/`, or the words it writes for one it could not fetch. */
  private e2eeMedia(m: Record<string, unknown>, f: Fields, line: number, file: string): Attachment[] {
    return list(m.media).map((item) => {
      const uri = f.str(item.uri) ?? FAILED_MEDIA;
      if (uri !== FAILED_MEDIA) return attachmentOf(null, uri, file);
      this.ctx.warn({ code: "missing-media", file, line, text: FAILED_MEDIA });
      return { type: "other" };
    });
  }
}

function downloadMedia(m: Record<string, unknown>, f: Fields, file: string): Attachment[] {
  const out: Attachment[] = [];
  for (const [key, type] of MEDIA_LISTS) {
    for (const item of list(m[key])) {
      const uri = f.str(item.uri);
      out.push(uri === undefined ? { type } : attachmentOf(type, uri, file));
    }
  }
  const sticker = f.str(record(m.sticker)?.uri);
  if (sticker !== undefined) out.push(attachmentOf("sticker", sticker, file));
  return out;
}

/** A message's text with what it shares: the shared words and the link, each unless the text already holds it. */
function withShare(content: string, share: Record<string, unknown> | undefined, f: Fields): string {
  let text = content;
  for (const part of [f.str(share?.share_text), f.str(share?.link)]) {
    if (part && !text.includes(part)) text = text ? `${text}\n${part}` : part;
  }
  return text;
}

/**
 * A call: `call_duration` seconds (0 for one nobody answered), and the words Meta writes for
 * it ("Alice missed your call.", "You missed a video call from Alice."), which alone say it
 * was a video call or was missed. The caller is the message's sender.
 */
function callOf(words: string, duration: unknown, sender: string): Call {
  const seconds = typeof duration === "number" && duration > 0 ? Math.round(duration) : 0;
  const lower = words.toLowerCase();
  const outcome: Call["outcome"] = seconds > 0 ? "answered" : lower.includes("missed") ? "missed" : "unknown";
  return { media: lower.includes("video") ? "video" : "voice", outcome, seconds: seconds > 0 ? seconds : undefined, by: sender };
}
