/**
 * Lines that no rule of a source reads but that look like a message of their own: a date
 * and a time at the start, in any of the shapes chat exports use. A source keeps such a
 * line as part of the message before it (nothing is lost) and it is counted as unread,
 * so that a format ChatFerry does not know is never read silently as one long message.
 *
 * Tight on purpose: people write times in their messages ("10:30 at the gate"), but
 * rarely a whole date and a time at the start of a line.
 */

// A date: 2024. 1. 15. / 12/31/23 / 31.12.2023 / 2024-01-15 / 2024년 1월 15일 / 14 October 2018 / Oct 14, 2018.
// Then, within a few characters and after a space or comma, a time: H:MM, or H.MM.SS (a dotted
// time needs its seconds, else "2014.03.02.~2014.04.01." would hold one), or 정오/자정, which
// KakaoTalk writes for 12:00 and 0:00. Every quantifier is bounded: a fixed number of steps a line.
const DATED =
  /^[[\u200e\u200f\ufeff]{0,3}(?:\d{1,4}[./-] ?\d{1,2}[./-] ?\d{1,4}\.?|\d{4}년 ?\d{1,2}월 ?\d{1,2}일|\d{1,2}\.? [A-Za-z]{3,9}\.?,? \d{4}|[A-Za-z]{3,9}\.? \d{1,2},? \d{4})[^\n]{0,24}?[ ,\u202f\u00a0](?:\d{1,2}:\d{2}|\d{1,2}\.\d{2}\.\d{2}|정오|자정)/;
// A time first: "8:34pm, July 9, 2015", "오후 3:04, ", LINE's "21:05<TAB>".
const TIMED = /^(?:\d{1,2}:\d{2} ?[AaPp][Mm], [A-Z]|(?:오전|오후) \d{1,2}:\d{2}, |(?:[上下午]午)?\d{1,2}:\d{2}(?: ?[AaPp][Mm])?\t)/;

const DIGIT_FIRST = [DATED, TIMED];
const DATE_ONLY = [DATED];
const TIME_ONLY = [TIMED];
const NEITHER: RegExp[] = [];

/** The patterns a line starting with `c` may match: most continuation lines fail here, on their first character. */
function patternsFor(c: number): readonly RegExp[] {
  if (c >= 48 && c <= 57) return DIGIT_FIRST;
  if (c === 91 || c === 0x200e || c === 0x200f || c === 0xfeff || (c >= 65 && c <= 90) || (c >= 97 && c <= 122)) return DATE_ONLY;
  if (c === 0xc624 /* 오 */ || c === 0x4e0a || c === 0x4e0b /* 上 下 */) return TIME_ONLY;
  return NEITHER;
}

export function looksStamped(text: string): boolean {
  for (const pattern of patternsFor(text.charCodeAt(0))) if (pattern.test(text)) return true;
  return false;
}

/** How long the date and time that make a line look stamped are (0: it does not); a redacted sample keeps them. */
export function stampedLength(text: string): number {
  for (const pattern of patternsFor(text.charCodeAt(0))) {
    const m = pattern.exec(text);
    if (m) return m[0].length;
  }
  return 0;
}
