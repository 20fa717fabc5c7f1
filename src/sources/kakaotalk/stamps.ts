import { DAY, HOUR, MINUTE } from "../../calendar.js";
import { hour24, wallTime } from "../../normalize/time.js";

/**
 * KakaoTalk's timestamps, every style found in mobile exports (formats.md
 * §1.4, §1.5). Platforms are not tied to styles: any style is read anywhere.
 * All patterns are anchored and free of nested quantifiers (linear time).
 */
// Korean clocks write 정오 (noon) and 자정 (midnight) where a time would stand (2013 Android).
// The long Korean stamp, "2024년 1월 15일 오후 3:04" (/^(\d{4})년 (\d{1,2})월 (\d{1,2})일
// (?:(오전|오후) )?(?:(\d{1,2}):(\d{2})|(정오|자정))/), is read by hand (readKoLong): it starts
// nearly every line of the commonest export, and a regex's captures cost strings and Number().
const KO_DOTTED = /^(\d{4})\. ?(\d{1,2})\. ?(\d{1,2})\.? (?:(오전|오후) )?(?:(\d{1,2}):(\d{2})|(정오|자정))/;
const EN_LONG = /^([A-Z][a-z]{2,8})\.? (\d{1,2}), (\d{4})(?: at|,) (\d{1,2}):(\d{2})(?:[ \u202f]?([AaPp][Mm]))?/;
// Day first: English UI on a phone whose region writes the day first ("14 October 2018, 7:29 PM").
const EN_DMY = /^(\d{1,2}) ([A-Z][a-z]{2,8})\.? (\d{4})(?: at|,) (\d{1,2}):(\d{2})(?:[ \u202f]?([AaPp][Mm]))?/;
const EN_2015 = /^(\d{1,2}):(\d{2}) ?([AaPp][Mm]), ([A-Z][a-z]{2,8}) (\d{1,2}), (\d{4})/;
const KO_TIME_ONLY = /^(오전|오후) (\d{1,2}):(\d{2})/;

const KO_DAY = /^(\d{4})년 (\d{1,2})월 (\d{1,2})일 [월화수목금토일]요일$/;
// "Monday, January 15, 2024" or, day first, "Monday, 15 January 2024" [M].
const EN_DAY = /^[A-Z][a-z]+day, (?:([A-Z][a-z]{2,8}) (\d{1,2}),|(\d{1,2}) ([A-Z][a-z]{2,8})) (\d{4})$/;
const PC_KO_DAY = /^-{15} (\d{4})년 (\d{1,2})월 (\d{1,2})일 [월화수목금토일]요일 -{15}$/;
const PC_EN_DAY = /^-{15} [A-Z][a-z]+day, (?:([A-Z][a-z]{2,8}) (\d{1,2}),|(\d{1,2}) ([A-Z][a-z]{2,8})) (\d{4}) -{15}$/;

export type StampStyle = "ko-long" | "ko-dotted" | "en-long" | "en-dmy" | "en-2015" | "ko-time";

export interface Stamp {
  style: StampStyle;
  /** Wall time; null when the fields name no real date or time (then the line is not a stamp). */
  wall: number | null;
  /** Index just past the stamp. */
  end: number;
  /** The stamp has a time but no date: the day heading gives the date. */
  timeOnly: boolean;
}

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12,
};

function monthNumber(name: string): number {
  return MONTHS[name.slice(0, 3).toLowerCase()] ?? 0;
}

function meridiemKo(word: string | undefined): "am" | "pm" | null {
  return word === undefined ? null : word === "오전" ? "am" : "pm";
}

function meridiemEn(word: string | undefined): "am" | "pm" | null {
  return word === undefined ? null : word.toLowerCase() === "am" ? "am" : "pm";
}

function wall(y: string, mo: number, d: string, h: string, mi: string, meridiem: "am" | "pm" | null): number | null {
  return clockTime(Number(y), mo, Number(d), meridiem, Number(h), Number(mi), null);
}

/**
 * A date's time: `h`:`mi` ("오후 3:04", "15:04", "3:04 PM"), or `word`, the hour Korean 정오/자정 stand
 * for (then no 오전/오후 may stand before it).
 */
function clockTime(y: number, mo: number, d: number, meridiem: "am" | "pm" | null, h: number, mi: number, word: number | null): number | null {
  const day = dayWall(y, mo, d);
  return day === null ? null : timeOn(day, meridiem, h, mi, word);
}

/** The wall time of a clock reading on a day (its midnight, `day`); arguments as clockTime's. */
function timeOn(day: number, meridiem: "am" | "pm" | null, h: number, mi: number, word: number | null): number | null {
  // With a word, `h` and `mi` are not read: the word stands for a whole hour.
  const hour = word === null ? hour24(h, meridiem) : meridiem === null ? word : null;
  const minute = word === null ? mi : 0;
  return hour === null || minute > 59 ? null : day + hour * HOUR + minute * MINUTE;
}

// The last date clockTime met and its midnight: a day's messages share it, so Date.UTC runs once a day.
let lastDate = -1;
let lastDay: number | null = null;

/** Midnight of a date as a wall value; null for a date no calendar has. */
function dayWall(y: number, mo: number, d: number): number | null {
  const date = y * 10_000 + mo * 100 + d; // month and day have at most two digits
  if (date !== lastDate) {
    lastDate = date;
    lastDay = wallTime(y, mo, d, 0, 0);
  }
  return lastDay;
}

/** KO_DOTTED's match: groups as in the long Korean stamp. */
function koWall(m: RegExpExecArray): number | null {
  return clockTime(Number(m[1]), Number(m[2]), Number(m[3]), meridiemKo(m[4]), Number(m[5]), Number(m[6]), m[7] === undefined ? null : noonOrMidnight(m[7]));
}

/** 1 or 2 ASCII digits at `i`, read greedily (as \d{1,2} before a non-digit is): value * 4 + count, or -1. */
function digitsAt(line: string, i: number): number {
  const a = line.charCodeAt(i) - 48;
  if (!(a >= 0 && a <= 9)) return -1; // NaN past the end
  const b = line.charCodeAt(i + 1) - 48;
  return b >= 0 && b <= 9 ? (a * 10 + b) * 4 + 2 : a * 4 + 1;
}

/** Whether `unit` (년, 월, 일) and a space stand at `i`. */
function unitAt(line: string, i: number, unit: number): boolean {
  return line.charCodeAt(i) === unit && line.charCodeAt(i + 1) === 32;
}

/** The long Korean stamp at the start of a line, as the pattern in the comment at the top reads it. */
function readKoLong(line: string): Stamp | null {
  let y = 0;
  for (let i = 0; i < 4; i++) {
    const c = line.charCodeAt(i) - 48;
    if (!(c >= 0 && c <= 9)) return null;
    y = y * 10 + c;
  }
  if (!unitAt(line, 4, 0xb144 /* 년 */)) return null;
  const mo = digitsAt(line, 6);
  if (mo < 0) return null;
  let i = 6 + (mo & 3);
  if (!unitAt(line, i, 0xc6d4 /* 월 */)) return null;
  const d = digitsAt(line, i + 2);
  if (d < 0) return null;
  i += 2 + (d & 3);
  if (!unitAt(line, i, 0xc77c /* 일 */)) return null;
  i += 2;
  let meridiem: "am" | "pm" | null = null;
  const second = line.charCodeAt(i + 1);
  if (line.charCodeAt(i) === 0xc624 /* 오 */ && (second === 0xc804 /* 전 */ || second === 0xd6c4 /* 후 */) && line.charCodeAt(i + 2) === 32) {
    meridiem = second === 0xc804 ? "am" : "pm";
    i += 3;
  }
  const first = line.charCodeAt(i);
  if (first === 0xc815 /* 정 */ || first === 0xc790 /* 자 */) {
    const word = line.slice(i, i + 2);
    return word === "정오" || word === "자정" ? stamp("ko-long", clockTime(y, mo >> 2, d >> 2, meridiem, 0, 0, noonOrMidnight(word)), i + 2) : null;
  }
  const h = digitsAt(line, i);
  if (h < 0) return null;
  i += h & 3;
  if (line.charCodeAt(i) !== 58 /* : */) return null;
  const mi = digitsAt(line, i + 1);
  return (mi & 3) === 2 ? stamp("ko-long", clockTime(y, mo >> 2, d >> 2, meridiem, h >> 2, mi >> 2, null), i + 3) : null;
}

function noonOrMidnight(word: string): number {
  return word === "정오" ? 12 : 0;
}

/** Reads a timestamp at the start of a line; `day` is the wall time of the current day heading. */
export function readStamp(line: string, day: number | null): Stamp | null {
  const c = line.charCodeAt(0);
  if (c >= 48 && c <= 57) {
    // Digits: "2024년 …", "2024. …" or the 2015 English "8:34pm, …".
    const marker = line.charCodeAt(4);
    if (marker === 0xb144 /* 년 */) {
      return readKoLong(line);
    } else if (marker === 46 /* . */) {
      const m = KO_DOTTED.exec(line);
      if (m) return stamp("ko-dotted", koWall(m), m[0].length);
    } else if (line.charCodeAt(1) === 32 || line.charCodeAt(2) === 32) {
      const m = EN_DMY.exec(line);
      if (m) return stamp("en-dmy", wall(m[3]!, monthNumber(m[2]!), m[1]!, m[4]!, m[5]!, meridiemEn(m[6])), m[0].length);
    } else {
      const m = EN_2015.exec(line);
      if (m) return stamp("en-2015", wall(m[6]!, monthNumber(m[4]!), m[5]!, m[1]!, m[2]!, meridiemEn(m[3])), m[0].length);
    }
    return null;
  }
  if (c >= 65 && c <= 90) {
    const m = EN_LONG.exec(line);
    if (m) return stamp("en-long", wall(m[3]!, monthNumber(m[1]!), m[2]!, m[4]!, m[5]!, meridiemEn(m[6])), m[0].length);
    return null;
  }
  // No 정오/자정 here: "자정, 다들 자?" typed by someone would read as a notice.
  if (c === 0xc624 /* 오 */ && day !== null) {
    const m = KO_TIME_ONLY.exec(line);
    if (m) return { style: "ko-time", wall: timeOn(day, meridiemKo(m[1]), Number(m[2]), Number(m[3]), null), end: m[0].length, timeOnly: true };
  }
  return null;
}

function stamp(style: StampStyle, wallValue: number | null, end: number): Stamp {
  return { style, wall: wallValue, end, timeOnly: false };
}

export type DayStyle = "ko" | "en" | "pc-ko" | "pc-en";

/** A day heading line (iOS "2024년 1월 15일 월요일", PC "--------------- … ---------------"). */
export function readDayHeading(line: string): { style: DayStyle; wall: number | null } | null {
  const c = line.charCodeAt(0);
  let m: RegExpExecArray | null;
  if (c >= 48 && c <= 57) {
    if ((m = KO_DAY.exec(line))) return { style: "ko", wall: wallTime(Number(m[1]), Number(m[2]), Number(m[3]), 0, 0) };
  } else if (c >= 65 && c <= 90) {
    if ((m = EN_DAY.exec(line))) return { style: "en", wall: englishDay(m) };
  } else if (c === 45 /* - */) {
    if ((m = PC_KO_DAY.exec(line))) return { style: "pc-ko", wall: wallTime(Number(m[1]), Number(m[2]), Number(m[3]), 0, 0) };
    if ((m = PC_EN_DAY.exec(line))) return { style: "pc-en", wall: englishDay(m) };
  }
  return null;
}

/** Midnight of an English day heading, month first (groups 1, 2) or day first (groups 3, 4). */
function englishDay(m: RegExpExecArray): number | null {
  return m[1] !== undefined
    ? wallTime(Number(m[5]), monthNumber(m[1]), Number(m[2]), 0, 0)
    : wallTime(Number(m[5]), monthNumber(m[4]!), Number(m[3]), 0, 0);
}

/** Midnight of a wall time's day. */
export function dayOf(wallValue: number): number {
  return wallValue - (wallValue % DAY);
}
