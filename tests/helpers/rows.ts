import { expect } from "vitest";
import { Message as MessageSchema, type Attachment, type Message, type Summary } from "../../src/schema/index.js";

/**
 * A message as a row of a test table: source line, time as the table writes it, sender,
 * kind, text, then its attachments, then `true` where the source marks something more
 * (an inferred time, an edit).
 */
export type Row = [number, string, string | null, Message["kind"], string, Attachment[]?, true?];

/** The row of a message; `marked` adds the final `true` (after the attachments, even none). */
export function rowOf(m: Message, marked = false): Row {
  const row: Row = [m.source.line, m.time, m.sender, m.kind, m.text];
  if (m.attachments || marked) row.push(m.attachments);
  if (marked) row.push(true);
  return row;
}

/**
 * A conversation against its table: every message field by field and in order, the
 * table's times made ISO by `iso`; count in = count out, seq from 0, every message
 * valid against the schema.
 */
export function expectRows(
  messages: Message[],
  summary: Summary,
  rows: Row[],
  iso: (time: string) => string,
  marked: (m: Message) => boolean = () => false,
): void {
  expect(messages.map((m) => rowOf(m, marked(m)))).toEqual(rows.map(([line, time, ...rest]) => [line, iso(time), ...rest]));
  expect(summary.messages).toBe(rows.length);
  expect(messages.map((m) => m.seq)).toEqual(rows.map((_, i) => i));
  for (const m of messages) expect(MessageSchema.safeParse(m).success, m.text).toBe(true);
}
