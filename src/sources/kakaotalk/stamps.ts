import { DAY } from "../../calendar.js";
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
  if (word === null) {
    const hour = hour24(h, meridiem);
    return hour === null ? null : wallTime(y, mo, d, hour, mi);
  }
  return meridiem === null ? wallTime(y, mo, d, word, 0) : null;
}

/** KO_DOTTED's match: groups as in the long Korean stamp. */
function koWall(m: RegExpExecArray): number | null {
  return clockTime(Number(m[1]), Number(m[2]), Number(m[3]), meridiemKo(m[4]), Number(m[5]), Number(m[6]), m[7] === undefined ? null : noonOrMidnight(m[7]));
}

/** Where readKoLong has read to. */
let at = 0;

/** 1 to `most` ASCII digits at `at`, read greedily (as \d{1,most} before a non-digit is); -1 for none. */
function digitsAt(line: string, most: number): number {
  let value = 0;
  let n = 0;
  for (; n < most; n++) {
    const c = line.charCodeAt(at + n) - 48;
    if (!(c >= 0 && c <= 9)) break; // NaN past the end
    value = value * 10 + c;
  }
  at += n;
  return n === 0 ? -1 : value;
}

/** Whether `unit` (년, 월, 일) and a space stand at `at`; steps past them. */
function unitAt(line: string, unit: number): boolean {
  if (line.charCodeAt(at) !== unit || line.charCodeAt(at + 1) !== 32) return false;
  at += 2;
  return true;
}

/** The long Korean stamp at the start of a line whose 5th character is 년, as the pattern in the comment at the top reads it. */
function readKoLong(line: string): Stamp | null {
  at = 0;
  const y = digitsAt(line, 4);
  if (at !== 4 || !unitAt(line, 0xb144 /* 년 */)) return null;
  const mo = digitsAt(line, 2);
  if (mo < 0 || !unitAt(line, 0xc6d4 /* 월 */)) return null;
  const d = digitsAt(line, 2);
  if (d < 0 || !unitAt(line, 0xc77c /* 일 */)) return null;
  let meridiem: "am" | "pm" | null = null;
  const second = line.charCodeAt(at + 1);
  if (line.charCodeAt(at) === 0xc624 /* 오 */ && (second === 0xc804 /* 전 */ || second === 0xd6c4 /* 후 */) && line.charCodeAt(at + 2) === 32) {
    meridiem = second === 0xc804 ? "am" : "pm";
    at += 3;
  }
  const first = line.charCodeAt(at);
  if (first === 0xc815 /* 정 */ || first === 0xc790 /* 자 */) {
    const word = line.slice(at, at + 2);
    return word === "정오" || word === "자정" ? stamp("ko-long", clockTime(y, mo, d, meridiem, 0, 0, noonOrMidnight(word)), at + 2) : null;
  }
  const h = digitsAt(line, 2);
  if (h < 0 || line.charCodeAt(at) !== 58 /* : */) return null;
  at++;
  const from = at;
  const mi = digitsAt(line, 2);
  return at - from === 2 ? stamp("ko-long", clockTime(y, mo, d, meridiem, h, mi, null), at) : null;
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
    if (m) {
      const hour = hour24(Number(m[2]), meridiemKo(m[1]));
      const minute = Number(m[3]);
      const time = hour === null || minute > 59 ? null : day + (hour * 60 + minute) * 60_000;
      return { style: "ko-time", wall: time, end: m[0].length, timeOnly: true };
    }
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
