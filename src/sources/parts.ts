import type { LinePart } from "./types.js";

/** Building the parts a source tells of its lines, for a redacted sample (src/redact/). */

/** A line with no part of the format's own: all of it people's words. */
export const NONE: readonly LinePart[] = [];

/** A stretch the export writes itself, kept as it is. */
export function format(from: number, to: number): LinePart {
  return { from, to, is: "format" };
}

/** A stretch whose words stand for someone: each becomes its pseudonym. */
export function name(from: number, to: number): LinePart {
  return { from, to, is: "name" };
}

export function whole(text: string): readonly LinePart[] {
  return [format(0, text.length)];
}
