import { isSpacedEvent } from "./bodies.js";
import { readClock, type Lang } from "./clock.js";

/** A line that starts a message. */
export interface MessageLine {
  /** Minutes after midnight; null when the time is impossible (the line is then no message). */
  minutes: number | null;
  /** Null when the sender column is empty or absent: a system line. */
  sender: string | null;
  body: string;
  /** The 2025 Japanese Android form: "23:43 natsumi_ スタンプ". */
  spaced: boolean;
  lang: Lang | null;
}

/**
 * `TIME\tSENDER\tBODY`; `TIME\t\tTEXT` is a system line, and so is
 * `TIME\tTEXT` (older Japanese exports write notices with one TAB).
 * With `spaced`, also `TIME SENDER BODY`, split at the first space: names
 * with spaces cannot be told from the body in that form, except in the
 * group events it writes, which are read whole.
 */
export function readMessageLine(line: string, spaced: boolean): MessageLine | null {
  const clock = readClock(line, true);
  if (clock && line.charCodeAt(clock.end) === 9 /* \t */) {
    const from = clock.end + 1;
    const tab = line.indexOf("\t", from);
    if (tab < 0) return { minutes: clock.minutes, sender: null, body: line.slice(from), spaced: false, lang: clock.lang };
    const sender = tab === from ? null : line.slice(from, tab);
    return { minutes: clock.minutes, sender, body: line.slice(tab + 1), spaced: false, lang: clock.lang };
  }
  if (!spaced) return null;
  const bare = readClock(line, false);
  if (!bare || line.charCodeAt(bare.end) !== 32 /* space */ || bare.end + 1 === line.length) return null;
  const from = bare.end + 1;
  const space = line.indexOf(" ", from);
  if (space <= from || isSpacedEvent(line.slice(from))) {
    return { minutes: bare.minutes, sender: null, body: line.slice(from), spaced: true, lang: "ja" };
  }
  return { minutes: bare.minutes, sender: line.slice(from, space), body: line.slice(space + 1), spaced: true, lang: "ja" };
}
