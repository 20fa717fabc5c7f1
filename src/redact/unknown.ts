import { format, NONE } from "../sources/parts.js";
import type { Redaction } from "../sources/types.js";
import { stampedLength } from "../sources/unread.js";

/**
 * How a sample of a file no reader recognises is made: nothing in it is known to be the
 * format's own but the date and time a line starts with, in any shape exports write them
 * (src/sources/unread.ts); every other letter and digit is replaced. Support still sees the
 * layout, the stamps, the encoding and the line breaks: what decides why a file was not read.
 */
export const UNKNOWN_FORMAT: Redaction = {
  layout: "lines",
  words: [],
  madeNames: null,
  lines: () => (text) => {
    const stamp = stampedLength(text);
    return stamp > 0 ? [format(0, stamp)] : NONE;
  },
};
