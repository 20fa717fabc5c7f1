import { stampedLength } from "../sources/unread.js";
import type { LinePart, Redaction } from "../sources/types.js";
import type { Redactor } from "./words.js";

type LinesRedaction = Extract<Redaction, { layout: "lines" }>;

/**
 * Redacts a line-based export line by line: the parts the source says are the format's own
 * stay as they are, name parts become pseudonyms, the rest is people's words. A line the
 * format does not explain but that opens with a date and a time keeps them, so that a line
 * ChatFerry reports as unread (sources/unread.ts) still shows why in the sample.
 */
export function textLines(redaction: LinesRedaction, redactor: Redactor): (text: string, n: number) => string {
  const partsOf = redaction.lines();
  return (text, n) => {
    let parts = partsOf(text, n);
    if (parts.length === 0) {
      const stamped = stampedLength(text);
      if (stamped > 0) parts = [{ from: 0, to: stamped, is: "format" } satisfies LinePart];
    }
    let out = "";
    let at = 0;
    for (const part of parts) {
      if (part.from > at) out += redactor.words(text, at, part.from);
      out += part.is === "format" ? text.slice(part.from, part.to) : redactor.name(text, part.from, part.to);
      at = part.to;
    }
    return at < text.length ? out + redactor.words(text, at, text.length) : out;
  };
}
