import { z } from "zod";
import { AttachmentType, IsoTime } from "./message.js";
import { DATE_ORDERS, SCHEMA_VERSION } from "./version.js";

export { SCHEMA_VERSION };

export const Platform = z.enum(["kakaotalk", "whatsapp", "line", "telegram", "messenger", "instagram", "discord"]);
export type Platform = z.infer<typeof Platform>;

/**
 * Who the chat is between (added within chatferry/1): "direct" (two people), "group", or
 * "channel" (one side writes, the rest read). Absent where the export does not say.
 */
export const ChatKind = z.enum(["direct", "group", "channel"]);
export type ChatKind = z.infer<typeof ChatKind>;

/** Who the chat is between and which participant exported it, each only where known. */
const Who = {
  kind: ChatKind.optional(),
  /** The participant who exported the chat (or whom the user named), as their messages' `sender` writes them. */
  self: z.string().optional(),
};

export const ConversationHeader = z.object({
  schema: z.literal(SCHEMA_VERSION),
  /** Stable for the same input: names the conversation in archives and message ids. */
  id: z.string().regex(/^[0-9a-f]{12}$/),
  /** Chat name as the export gives it. */
  title: z.string().nullable(),
  source: z.object({
    platform: Platform,
    variant: z.string(),
    /** Names inside the input, never absolute paths. */
    files: z.array(z.string()),
    encoding: z.string(),
    /** The "saved on" line, when present. */
    exportedAt: IsoTime.nullable(),
  }),
  /** IANA zone applied to the export's wall-clock times. */
  timezone: z.string(),
  /** `kind` and `self` as known before any message: from the export's head, or the user (added within chatferry/1). */
  ...Who,
});
export type ConversationHeader = z.infer<typeof ConversationHeader>;

/** Which of a written date's numbers is the day, month and year. */
export const DateOrder = z.enum(DATE_ORDERS);
export type DateOrder = z.infer<typeof DateOrder>;

/**
 * What decided a date order, strongest first: "option" (the user said), "dates" (some date
 * can be read only one way), "media-names" (dates inside attachment names such as
 * IMG-20241202-WA0001.jpg), "sequence" (only one reading keeps time running forwards),
 * "export-date" (the export's own date), "locale" (nothing in the file decided: the
 * locale's habit was taken, and the user should be asked).
 */
export const DateOrderEvidence = z.enum(["option", "dates", "media-names", "sequence", "export-date", "locale"]);
export type DateOrderEvidence = z.infer<typeof DateOrderEvidence>;

export const DateOrderDecision = z.object({ order: DateOrder, by: DateOrderEvidence });
export type DateOrderDecision = z.infer<typeof DateOrderDecision>;

export const WarningCode = z.enum([
  "orphan-line",
  "invalid-date",
  "no-messages",
  "decode-replaced",
  "more-warnings",
  "date-order-assumed",
  "missing-media",
  // Added within chatferry/1:
  /** A line kept as part of the message before it although it looks like a message or notice ChatFerry does not know. */
  "unread-line",
  /** A short bracketed body that several senders share: probably a placeholder ChatFerry does not know. */
  "unknown-placeholder",
  /** The export's header (title, "saved on" line, CSV column names) is missing: the file was trimmed. */
  "header-missing",
  /** A message of a type ChatFerry does not know (Discord's `type`): kept as text under its author. */
  "unknown-type",
  /** A message with the id of one before it (Discord: an export joined from overlapping runs): kept, under an id of its own. */
  "repeated-id",
  /** A message without a time, or with one ChatFerry cannot read (JSON exports): kept, at the time of the message before it. */
  "time-missing",
  /** A file whose messages run both ways in time, or whose times overlap its neighbour part's: read in the order the export's own layout gives. */
  "order-unclear",
  /** A part of a conversation split over several files is not in the input (`count`: its number, Meta's message_N.json). */
  "part-missing",
]);
export type WarningCode = z.infer<typeof WarningCode>;

export const Warning = z.object({
  code: WarningCode,
  file: z.string().optional(),
  line: z.number().int().positive().optional(),
  /** The input text the warning is about, kept so that nothing is lost. */
  text: z.string().optional(),
  count: z.number().int().positive().optional(),
});
export type Warning = z.infer<typeof Warning>;

const count = z.number().int().nonnegative();
/** A calendar month of the chat's own clock: "2024-01". */
export const CalendarMonth = z.string().regex(/^\d{4}-\d{2}$/);
/** A calendar day of the chat's own clock: "2024-01-15". */
export const CalendarDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** One period's messages: all of them, and how many of them each of the activity's `people` wrote. */
const periodCount = <P extends z.ZodString>(period: P) =>
  z.object({
    period,
    messages: z.number().int().positive(),
    /** One count per name in `people`, in that order; everyone else (and the chat's own notices) wrote the difference. */
    by: z.array(count),
  });

/**
 * When the chat was active and who wrote (added within chatferry/1). Periods are of the chat's
 * own clock, the date and hour in each message's `time`; a period without messages is left out.
 */
export const Activity = z.object({
  /**
   * The busiest writers, most messages first, at most five: the columns of `by`. In a month with
   * more than ten writers, a month's counts keep only its ten busiest by name (bounded memory), so
   * one of `people` who was not among them that month is counted with everyone else there.
   */
  people: z.array(z.string()),
  months: z.array(periodCount(CalendarMonth)),
  /** Per week (`period`: the Monday it starts on), only for a chat whose messages span at most 183 days. */
  weeks: z.array(periodCount(CalendarDay)).optional(),
  /** Messages per hour of the day, 0 to 23, by the hour in each message's `time`. */
  hours: z.array(count).length(24),
});
export type Activity = z.infer<typeof Activity>;

/**
 * Signs that an export may not hold the whole chat, each with its evidence (added within
 * chatferry/1); normalize/findings.ts has the rules and why they are what they are.
 */
export const Finding = z.discriminatedUnion("code", [
  /** No message from the day after `from` to the day before `to`: `days` apart, where this chat's usual gap between days with messages is `usual` days. */
  z.object({ code: z.literal("silence"), from: CalendarDay, to: CalendarDay, days: z.number().int().positive(), usual: z.number().int().positive() }),
  /** The chat opens with notices (such as "created group"), the last of them (`notice`, at `at`) `days` before the first message anyone wrote (`first`). */
  z.object({ code: z.literal("late-start"), notice: z.string(), at: IsoTime, first: IsoTime, days: z.number().int().positive() }),
  /** The export holds exactly as many messages as the messenger puts in one (WhatsApp: 40,000, or 10,000 with media). */
  z.object({ code: z.literal("export-cap"), cap: z.number().int().positive(), media: z.boolean() }),
  /** Files the messages name that the input does not hold: every `missing-media` warning, kept or not. */
  z.object({ code: z.literal("media-missing"), files: z.number().int().positive() }),
  /** The export holds only the exporting account's own messages (Discord's data package): the others' side of the chat is not in it. */
  z.object({ code: z.literal("one-sided") }),
]);
export type Finding = z.infer<typeof Finding>;
export type FindingCode = Finding["code"];

export const Summary = z.object({
  messages: z.number().int().nonnegative(),
  warnings: z.array(Warning),
  participants: z.array(z.object({ name: z.string(), messages: z.number().int().positive() })),
  first: IsoTime.nullable(),
  last: IsoTime.nullable(),
  /** Attachments by type. */
  media: z.partialRecord(AttachmentType, z.number().int().positive()),
  /** For exports whose dates can be read more than one way: the order used and what decided it (added within chatferry/1). */
  dateOrder: DateOrderDecision.optional(),
  /**
   * `kind` and `self` once every message is read (added within chatferry/1): the header's, or
   * what only the whole chat shows, such as how many people wrote in it.
   */
  ...Who,
  /** When the chat was active and who wrote (added within chatferry/1). */
  activity: Activity.optional(),
  /** Signs that the export may not hold the whole chat; empty when none (added within chatferry/1). */
  findings: z.array(Finding).optional(),
});
export type Summary = z.infer<typeof Summary>;
