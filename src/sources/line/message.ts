import { readClock, type Lang } from "./clock.js";

/** A line that starts a message. */
export interface MessageLine {
  /** Minutes after midnight; null when the time is impossible (the line is then no message). */
  minutes: number | null;
  /** Null when the sender column is empty or absent (a system line), or not yet told apart (`spaced`). */
  sender: string | null;
  /** The body; with `spaced`, everything after the time: sender and body, which only the whole file can split (senders.ts). */
  body: string;
  /** Columns separated by single spaces: "16:23 Bob Smith Today I…" (Windows desktop), "23:43 natsumi_ スタンプ" (2025 Japanese Android). */
  spaced: boolean;
  lang: Lang | null;
}

/**
 * `TIME\tSENDER\tBODY`; `TIME\t\tTEXT` is a system line, and so is
 * `TIME\tTEXT` (older Japanese exports write notices with one TAB).
 * With `spaced`, also `TIME SENDER BODY`, left unsplit.
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
  // The space-separated forms write 24-hour times only: "21:05 Amy hi" must not read as 21:05 AM.
  const bare = readClock(line, false);
  if (!bare || line.charCodeAt(bare.end) !== 32 /* space */ || bare.end + 1 === line.length) return null;
  return { minutes: bare.minutes, sender: null, body: line.slice(bare.end + 1), spaced: true, lang: null };
}
