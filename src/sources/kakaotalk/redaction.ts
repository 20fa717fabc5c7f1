import { format, NONE, whole } from "../parts.js";
import type { LinePart } from "../types.js";
import { BODY_WORDS, isAppBody } from "./bodies.js";
import { CALL_WORDS } from "./calls.js";
import { readSaved, readTitle, TITLE_WORDS } from "./header.js";
import { NOTICE_WORDS } from "./notices.js";

/**
 * What every KakaoTalk variant keeps in a redacted sample (src/redact/): the parts of its
 * lines that are the app's own, and its fixed words wherever they stand.
 */

export const KAKAO_WORDS: readonly string[] = [...BODY_WORDS, ...CALL_WORDS, ...NOTICE_WORDS, ...TITLE_WORDS];

/**
 * A header line (the first two): the "saved on" line and the old iPhone title that is a file
 * name hold only the app's words and a date; a title's name is people's words, its wording
 * the app's (KAKAO_WORDS). Null for any other line.
 */
export function headerParts(text: string): readonly LinePart[] | null {
  if (readSaved(text)) return whole(text);
  const title = readTitle(text);
  if (title === null) return null;
  return title.title === null ? whole(text) : NONE;
}

/** The body from `from` to the line's end, kept whole when it is all the app's own ("사진 3장", "보이스톡 0:17"). */
export function bodyParts(text: string, from: number): readonly LinePart[] {
  return isAppBody(text.slice(from)) ? [format(from, text.length)] : NONE;
}
