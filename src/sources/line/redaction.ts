import { format, name, NONE, whole } from "../parts.js";
import type { LinePart } from "../types.js";
import { BODY_WORDS, classifyBody, isSpacedEvent } from "./bodies.js";
import { CALL_WORDS, readCall } from "./calls.js";
import { MERIDIEM_WORDS } from "./clock.js";
import { readDayHeading, WEEKDAY_WORDS } from "./days.js";
import { HEADER_WORDS, readSaved, readTitle } from "./header.js";
import { readMessageLine, type MessageLine } from "./message.js";

/** What a redacted sample of a LINE chat keeps (src/redact/): header, day headings, times, its own words. */

export const LINE_WORDS: readonly string[] = [...BODY_WORDS, ...CALL_WORDS, ...MERIDIEM_WORDS, ...WEEKDAY_WORDS, ...HEADER_WORDS];

/**
 * A reader of one file's lines, following the reader's layout (reader.ts): after a dotted
 * heading and before any TAB message line, columns are separated by single spaces. There the
 * first word after the time is a name part: the reader learns senders from the first words of
 * such lines (senders.ts), so each must stay one word, the same one wherever it comes back.
 */
export function lineParts(): (text: string, n: number) => readonly LinePart[] {
  let spaced = false;
  let tabbed = false;
  return (text, n) => {
    if (n <= 2 && readSaved(text)) return whole(text);
    if (n <= 2 && readTitle(text)) return NONE;
    const message = readMessageLine(text, spaced);
    if (message) {
      if (!message.spaced) {
        tabbed = true;
        spaced = false;
      }
      return messageParts(text, message);
    }
    const heading = readDayHeading(text);
    if (!heading) return NONE;
    if (heading.wall !== null && heading.dotted && !tabbed) spaced = true;
    return whole(text);
  };
}

function messageParts(text: string, m: MessageLine): readonly LinePart[] {
  const body = text.length - m.body.length;
  if (m.spaced) {
    const time = [format(0, body - 1)];
    const space = m.body.indexOf(" ");
    return space > 0 && !isSpacedEvent(m.body) ? [...time, name(body, body + space)] : time;
  }
  const time = [format(0, text.indexOf("\t"))];
  return isAppBody(m.body, m.sender) ? [...time, format(body, text.length)] : time;
}

/** A call record, or a placeholder with nothing after it: all the app's own. */
function isAppBody(body: string, sender: string | null): boolean {
  if (readCall(body, sender)) return true;
  const found = classifyBody(body, false);
  return found.kind === "media" && found.text === "" && found.attachments.every((a) => a.name === undefined);
}
