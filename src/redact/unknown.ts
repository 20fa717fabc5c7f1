import { NONE } from "../sources/parts.js";
import type { Redaction } from "../sources/types.js";

/**
 * How a sample of a file no reader recognises is made: no part of any line is known to be the
 * format's own, so a line keeps only the date and time it starts with (textLines keeps that of
 * every line no reader claims, in any shape exports write it) and every other letter and digit
 * is replaced. Support still sees the layout, the stamps, the encoding and the line breaks:
 * what decides why a file was not read.
 */
export const UNKNOWN_FORMAT: Redaction = {
  layout: "lines",
  words: [],
  madeNames: null,
  lines: () => () => NONE,
};
