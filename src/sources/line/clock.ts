import { hour24 } from "../../normalize/time.js";

/** The UI languages LINE's export wording tells apart. */
export type Lang = "en" | "ja" | "ko" | "zh" | "th";

/** A time of day at the start of a line. */
export interface Clock {
  /** Minutes after midnight; null when no clock shows that reading ("25:10", "13:05PM"). */
  minutes: number | null;
  /** Index just past the clock. */
  end: number;
  /** The language of an AM/PM word before the time, when there is one. */
  lang: Lang | null;
}

// The word before the time (午後3:04, 下午07:04, 오후 3:04) or after it (9:05PM, 03:05pm, 9:05 p.m.).
const WITH_SUFFIX = /^(?:(午前|午後|上午|下午|오전|오후) ?)?(\d{1,2}):(\d{2})(?: ?([AaPp])\.? ?[Mm]\.?)?/;
// The space-separated form cannot take a suffix: "21:05 Amy hi" would read as 21:05 AM.
const BARE = /^(\d{1,2}):(\d{2})/;

const PREFIX: Record<string, { meridiem: "am" | "pm"; lang: Lang }> = {
  午前: { meridiem: "am", lang: "ja" },
  午後: { meridiem: "pm", lang: "ja" },
  上午: { meridiem: "am", lang: "zh" },
  下午: { meridiem: "pm", lang: "zh" },
  오전: { meridiem: "am", lang: "ko" },
  오후: { meridiem: "pm", lang: "ko" },
};

/** AM/PM words, for a redacted sample (src/redact/). */
export const MERIDIEM_WORDS: readonly string[] = Object.keys(PREFIX);

/** Whether a line can start with a clock at all: a digit or the first character of an AM/PM word. */
function mayStartClock(c: number): boolean {
  return (c >= 48 && c <= 57) || c === 0x5348 /* 午 */ || c === 0x4e0a /* 上 */ || c === 0x4e0b /* 下 */ || c === 0xc624 /* 오 */;
}

/**
 * Reads a LINE time at the start of a line. Android 2017 wrote the first
 * hour after midnight as "24:MM" under the new day's heading, so 24 is read
 * as 0 of the same day (formats.md §2).
 */
export function readClock(line: string, suffix: boolean): Clock | null {
  if (!mayStartClock(line.charCodeAt(0))) return null;
  if (!suffix) {
    const m = BARE.exec(line);
    return m ? { minutes: minutesOf(Number(m[1]), Number(m[2]), null), end: m[0].length, lang: null } : null;
  }
  const m = WITH_SUFFIX.exec(line);
  if (!m) return null;
  const before = m[1] === undefined ? undefined : PREFIX[m[1]];
  const after = m[4] === undefined ? null : m[4] === "a" || m[4] === "A" ? "am" : "pm";
  if (before && after) return { minutes: null, end: m[0].length, lang: before.lang };
  return { minutes: minutesOf(Number(m[2]), Number(m[3]), before?.meridiem ?? after), end: m[0].length, lang: before?.lang ?? null };
}

/** Japanese 12-hour clocks may count from 0 (午前0:30, 午後0:15): the same as 12 on the other convention. */
function minutesOf(h: number, mi: number, meridiem: "am" | "pm" | null): number | null {
  if (mi > 59) return null;
  const hour = meridiem === null ? (h === 24 ? 0 : hour24(h, null)) : hour24(h === 0 ? 12 : h, meridiem);
  return hour === null ? null : hour * 60 + mi;
}
