/**
 * The timestamp that starts every WhatsApp message line (formats.md §3.1):
 *
 *   Android  `{date}, {time} - `      `12/31/23, 11:59 PM - `, `31.12.23, 23:59 - `,
 *                                     `2024. 1. 15. 오후 3:04 - `, `13.6.2018 klo 21.25.15 - `,
 *                                     `02/01/2024 03:04 下午 - `
 *   iOS      `[{date}, {time}] `      `[12/31/23, 11:59:30 PM] `, `[2026/7/9 02:28:09] `
 *   weak     `{date} {time:ss}: `     `13.06.18 21.25.15: `, `13. 6. 2018. 21:25:15 ` (no brackets,
 *                                     no dash: only with seconds, see `weak`)
 *
 * Read by hand, one character at a time: every line of a chat passes through
 * here, most fail on their first character, and none costs more than a look
 * at its first few dozen characters (no regex, no allocation).
 */

export const LRM = 0x200e;
export const RLM = 0x200f;
export const BOM = 0xfeff;

/** The fields of one timestamp. A single instance is filled anew for each line. */
export class Stamp {
  /** The three date numbers in written order; which is the day is decided per file. */
  a = 0;
  b = 0;
  c = 0;
  hour = 0;
  minute = 0;
  second = 0;
  meridiem: "am" | "pm" | null = null;
  /** The AM/PM word comes before the time (오후 3:04, 下午3:04, PM 3:04): East Asian locales, which write the year first. */
  yearFirstHint = false;
  ios = false;
  /**
   * The time with seconds was followed by ": " or a bare space instead of " - " or "]":
   * a shape some exports use throughout, and one a line of text could take by chance,
   * so a file is read with it only when its first message has it (see source.ts).
   */
  weak = false;
  /** Index of the first character after the timestamp and its separator. */
  end = 0;
}

const SLASH = 47;
const DOT = 46;
const DASH = 45;
const COMMA = 44;
const COLON = 58;
const SPACE = 32;
const OPEN = 91;
const CLOSE = 93;

/** Spaces exports put inside timestamps: U+202F before AM/PM (2023+), U+00A0 in "p. m.", U+2009 in some zh files. */
function isSpace(c: number): boolean {
  return c === SPACE || c === 0x202f || c === 0xa0 || c === 0x2009;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** 오전/오후, 上午/下午, 午前/午後 as two UTF-16 units. */
function cjkMeridiem(c1: number, c2: number): "am" | "pm" | null {
  if (c1 === 0xc624) return c2 === 0xc804 ? "am" : c2 === 0xd6c4 ? "pm" : null; // 오전 오후
  if (c2 === 0x5348) return c1 === 0x4e0a ? "am" : c1 === 0x4e0b ? "pm" : null; // 上午 下午
  if (c1 === 0x5348) return c2 === 0x524d ? "am" : c2 === 0x5f8c ? "pm" : null; // 午前 午後
  return null;
}

/**
 * Reads the timestamp at the start of `line` into `s`. True when the line
 * has the whole shape (date, time, and the `] ` or ` - ` after it); the
 * numbers are not range-checked here, which needs the file's date order.
 */
export function readStamp(line: string, s: Stamp): boolean {
  let i = 0;
  let c = line.charCodeAt(0);
  while (c === LRM || c === RLM || c === BOM) c = line.charCodeAt(++i);
  const ios = c === OPEN;
  if (ios) c = line.charCodeAt(++i);

  // Date: three numbers of 1-4 digits, one separator ("/", "." or "-") used twice, a space allowed after it.
  let start = i;
  let a = 0;
  while (isDigit(c) && i - start < 4) {
    a = a * 10 + c - 48;
    c = line.charCodeAt(++i);
  }
  if (i === start) return false;
  const sep = c;
  if (sep !== SLASH && sep !== DOT && sep !== DASH) return false;
  c = line.charCodeAt(++i);
  const spaced = c === SPACE;
  if (spaced) c = line.charCodeAt(++i);
  start = i;
  let b = 0;
  while (isDigit(c) && i - start < 2) {
    b = b * 10 + c - 48;
    c = line.charCodeAt(++i);
  }
  if (i === start || c !== sep) return false;
  c = line.charCodeAt(++i);
  if (c === SPACE) c = line.charCodeAt(++i);
  start = i;
  let d = 0;
  while (isDigit(c) && i - start < 4) {
    d = d * 10 + c - 48;
    c = line.charCodeAt(++i);
  }
  if (i === start) return false;
  // "2024. 1. 15." (ko, hu) ends the date with its separator; Korean's short form "24. 1. 15." writes the year first.
  const dotted = c === DOT && sep === DOT;
  if (dotted) c = line.charCodeAt(++i);
  if (c === COMMA) c = line.charCodeAt(++i);
  if (!isSpace(c)) return false;
  do c = line.charCodeAt(++i);
  while (isSpace(c));

  // A word before the time: an AM/PM word (ko, zh, ja, and "PM 3:04" in Korean-region English) or "klo" (fi).
  let meridiem: "am" | "pm" | null = null;
  let prefixed = false;
  if (!isDigit(c)) {
    const cjk = cjkMeridiem(c, line.charCodeAt(i + 1));
    if (cjk) {
      meridiem = cjk;
      i += 2;
    } else {
      const wordStart = i;
      while (((c | 32) >= 97 && (c | 32) <= 122) && i - wordStart < 4) c = line.charCodeAt(++i);
      const length = i - wordStart;
      if (length === 0 || !isSpace(c)) return false;
      if (length === 2 && (line.charCodeAt(wordStart + 1) | 32) === 109 /* m */) {
        const first = line.charCodeAt(wordStart) | 32;
        if (first === 97) meridiem = "am";
        else if (first === 112) meridiem = "pm";
      }
    }
    prefixed = meridiem !== null;
    c = line.charCodeAt(i);
    while (isSpace(c)) c = line.charCodeAt(++i);
  }

  // Time: H:MM or H.MM, optional :SS.
  start = i;
  let hour = 0;
  while (isDigit(c) && i - start < 2) {
    hour = hour * 10 + c - 48;
    c = line.charCodeAt(++i);
  }
  if (i === start || (c !== COLON && c !== DOT)) return false;
  const timeSep = c;
  const m1 = line.charCodeAt(i + 1);
  const m2 = line.charCodeAt(i + 2);
  if (!isDigit(m1) || !isDigit(m2)) return false;
  const minute = (m1 - 48) * 10 + m2 - 48;
  i += 3;
  c = line.charCodeAt(i);
  let second = 0;
  const seconds = c === timeSep && isDigit(line.charCodeAt(i + 1)) && isDigit(line.charCodeAt(i + 2));
  if (seconds) {
    second = (line.charCodeAt(i + 1) - 48) * 10 + line.charCodeAt(i + 2) - 48;
    i += 3;
    c = line.charCodeAt(i);
  }

  // AM/PM after the time: "PM", "pm", "p.m.", "p. m." (NBSP inside), "下午" (zh-HK/TW).
  if (meridiem === null) {
    let j = i;
    let k = line.charCodeAt(j);
    while (isSpace(k)) k = line.charCodeAt(++j);
    const ap = k | 32;
    const cjk = j > i ? cjkMeridiem(k, line.charCodeAt(j + 1)) : null;
    if (cjk) {
      meridiem = cjk;
      i = j + 2;
      c = line.charCodeAt(i);
    } else if (ap === 97 || ap === 112) {
      k = line.charCodeAt(++j);
      if (k === DOT) k = line.charCodeAt(++j);
      if (isSpace(k)) k = line.charCodeAt(++j);
      if ((k | 32) === 109) {
        k = line.charCodeAt(++j);
        if (k === DOT) k = line.charCodeAt(++j);
        if (k === CLOSE || isSpace(k)) {
          meridiem = ap === 97 ? "am" : "pm";
          i = j;
          c = k;
        }
      }
    }
  }

  // What follows the time: "] " on iOS, " - " on Android; ": " or a space before the author in weak shapes.
  let weak = false;
  if (ios) {
    if (c !== CLOSE) return false;
    c = line.charCodeAt(++i);
    if (c === SPACE) i++;
    else if (i < line.length) return false;
  } else if (c === SPACE && line.charCodeAt(i + 1) === DASH) {
    i += 2;
    c = line.charCodeAt(i);
    if (c === SPACE) i++;
    else if (i < line.length) return false;
  } else {
    if (!seconds || meridiem !== null) return false;
    if (c === COLON && line.charCodeAt(i + 1) === SPACE) i += 2;
    else if (c === SPACE) i++;
    else return false;
    // The author follows at once.
    if (i >= line.length || isSpace(line.charCodeAt(i))) return false;
    weak = true;
  }

  s.a = a;
  s.b = b;
  s.c = d;
  s.hour = hour;
  s.minute = minute;
  s.second = second;
  s.meridiem = meridiem;
  s.yearFirstHint = prefixed || (dotted && spaced);
  s.ios = ios;
  s.weak = weak;
  s.end = i;
  return true;
}
