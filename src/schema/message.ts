import { z } from "zod";

/** ISO 8601 with an explicit offset, seconds precision: "2024-01-15T15:04:00+09:00". */
export const IsoTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:Z|[+-]\d{2}:\d{2})$/, "ISO 8601 time with offset");

export const AttachmentType = z.enum([
  "photo",
  "video",
  "audio",
  "voice",
  "file",
  "sticker",
  "emoticon",
  "gif",
  "location",
  "contact",
  "poll",
  "other",
]);
export type AttachmentType = z.infer<typeof AttachmentType>;

export const Attachment = z.object({
  type: AttachmentType,
  /** File name, when the export names one. */
  name: z.string().optional(),
  /** Path of the media file inside the input or archive, when it is there. */
  media: z.string().optional(),
  mime: z.string().optional(),
  size: z.number().int().nonnegative().optional(),
});
export type Attachment = z.infer<typeof Attachment>;

export const Reaction = z.object({ emoji: z.string(), by: z.string() });

/** How many reacted with an emoji beyond those `reactions` names: an export that gives only counts (Discord's older DiscordChatExporter exports). */
export const ReactionCount = z.object({ emoji: z.string(), count: z.number().int().positive() });

/**
 * A voice or video call, told as an event (kind "system"): WhatsApp's "Missed voice call",
 * Telegram's phone_call, KakaoTalk's 보이스톡. Every source that knows calls fills it the same way.
 */
export const Call = z.object({
  media: z.enum(["voice", "video"]),
  /** "missed": nobody answered; "declined"/"cancelled" where the export says so. */
  outcome: z.enum(["answered", "missed", "declined", "cancelled", "unknown"]),
  /** How long it lasted, where the export says. */
  seconds: z.number().int().nonnegative().optional(),
  /** Who called, where the export says. */
  by: z.string().optional(),
});
export type Call = z.infer<typeof Call>;

export const SourceRef = z.object({
  file: z.string(),
  /** 1-based line of the message's first line in the decoded file. */
  line: z.number().int().positive(),
});

const common = {
  id: z.string().min(1),
  seq: z.number().int().nonnegative(),
  time: IsoTime,
  /** The export gave this line no time of its own: it took the previous message's. */
  timeInferred: z.literal(true).optional(),
  text: z.string(),
  attachments: z.array(Attachment).optional(),
  replyTo: z.string().optional(),
  edited: IsoTime.optional(),
  reactions: z.array(Reaction).optional(),
  /** Reactions whose people the export does not name, counted per emoji (added within chatferry/1). */
  reactionCounts: z.array(ReactionCount).optional(),
  /** The original author of a forwarded message, as the export names them (added within chatferry/1). */
  forwardedFrom: z.string().optional(),
  /** For a call event (kind "system"): what kind of call and how it went (added within chatferry/1). */
  call: Call.optional(),
  source: SourceRef,
};

/**
 * One message. The kind decides who may be the sender: people write text and
 * media, system events have none, and a deletion notice may or may not name one
 * (KakaoTalk's post-2025 notice hides the author).
 */
export const Message = z.discriminatedUnion("kind", [
  z.object({ ...common, kind: z.literal("text"), sender: z.string() }),
  z.object({ ...common, kind: z.literal("media"), sender: z.string() }),
  z.object({ ...common, kind: z.literal("system"), sender: z.null() }),
  z.object({ ...common, kind: z.literal("deleted"), sender: z.string().nullable() }),
]);
export type Message = z.infer<typeof Message>;
export type MessageKind = Message["kind"];
