import { z } from "zod";
import { AttachmentType, IsoTime } from "./message.js";

export const SCHEMA_VERSION = "chatferry/1";

export const Platform = z.enum(["kakaotalk", "whatsapp", "line", "telegram"]);
export type Platform = z.infer<typeof Platform>;

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
});
export type ConversationHeader = z.infer<typeof ConversationHeader>;

export const WarningCode = z.enum([
  "orphan-line",
  "invalid-date",
  "no-messages",
  "decode-replaced",
  "more-warnings",
  "date-order-assumed",
  "missing-media",
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

export const Summary = z.object({
  messages: z.number().int().nonnegative(),
  warnings: z.array(Warning),
  participants: z.array(z.object({ name: z.string(), messages: z.number().int().positive() })),
  first: IsoTime.nullable(),
  last: IsoTime.nullable(),
  /** Attachments by type. */
  media: z.partialRecord(AttachmentType, z.number().int().positive()),
});
export type Summary = z.infer<typeof Summary>;
