import { z } from "zod";
import { ConversationHeader, Summary } from "./conversation.js";
import { Message } from "./message.js";

/**
 * The NDJSON interchange form: per conversation, one "conversation" record,
 * its "message" records in order, then one "summary" record.
 */
const [text, media, system, deleted] = Message.options;
const asRecord = <T extends typeof text | typeof media | typeof system | typeof deleted>(m: T) =>
  m.extend({ type: z.literal("message") });

export const NdjsonRecord = z.union([
  ConversationHeader.extend({ type: z.literal("conversation") }),
  z.discriminatedUnion("kind", [asRecord(text), asRecord(media), asRecord(system), asRecord(deleted)]),
  Summary.extend({ type: z.literal("summary") }),
]);
export type NdjsonRecord = z.infer<typeof NdjsonRecord>;

/** JSON Schema (draft 2020-12) of one NDJSON record, for people scripting ChatFerry. */
export function jsonSchema(): object {
  return {
    title: "ChatFerry schema v1: one NDJSON record",
    ...z.toJSONSchema(NdjsonRecord),
  };
}
