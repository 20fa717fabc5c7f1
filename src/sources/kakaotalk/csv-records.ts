import { messageTooLong } from "../message-size.js";
import type { ParseContext } from "../types.js";

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;

/**
 * CSV text cut where records end, each record whole in one piece, and refused
 * at the first record longer than a message may be. Papa Parse keeps the
 * record it is in and reads it again from its start with every chunk, so a
 * long quoted field cut into chunks took time quadratic in its length (16 MB,
 * 20 s), and an endless one all of the file in memory.
 * A record ends at a line break outside quotes. Quotes are read as Papa reads
 * them: one opens a field only at the field's start, and inside a field a quote
 * is written twice; anywhere else it is a character like any other.
 */
export async function* wholeRecords(chunks: AsyncIterable<string>, ctx: ParseContext): AsyncGenerator<string> {
  let quoted = false;
  let fieldStart = true;
  /** The character before was a quote that closed a field, or the first of a doubled one. */
  let closed = false;
  let afterCR = false;
  let line = 1;
  /** The line the record being read starts on. */
  let start = 1;
  /** Its text in earlier chunks. */
  let held: string[] = [];
  let size = 0;
  for await (const chunk of chunks) {
    /** Where the record being read starts in this chunk; past the last record end in it. */
    let from = 0;
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk.charCodeAt(i);
      const opens = fieldStart || closed;
      fieldStart = false;
      closed = false;
      if (c === QUOTE) {
        if (quoted) {
          quoted = false;
          closed = true;
        } else if (opens) quoted = true;
      } else if (c === COMMA) {
        fieldStart = !quoted;
      } else if (c === LF || c === CR) {
        // CRLF is one line break.
        if (c === CR || !afterCR) line++;
        if (!quoted) {
          if (size + i - from > ctx.maxMessageChars) throw messageTooLong(ctx, start);
          size = 0;
          from = i + 1;
          start = line;
          fieldStart = true;
        }
      }
      afterCR = c === CR;
    }
    size += chunk.length - from;
    if (size > ctx.maxMessageChars) throw messageTooLong(ctx, start);
    if (from > 0) {
      held.push(chunk.slice(0, from));
      yield held.join("");
      held = [];
    }
    if (from < chunk.length) held.push(from > 0 ? chunk.slice(from) : chunk);
  }
  if (held.length > 0) yield held.join("");
}
