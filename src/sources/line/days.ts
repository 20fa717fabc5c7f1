import { wallTime } from "../../normalize/time.js";
import type { Lang } from "./clock.js";

/**
 * Day headings of every generation found (formats.md §2):
 *   2017/03/12(Sun)  2023/12/31(日)  2024/01/02(화)  2024/01/02（二）   classic, any UI language
 *   2015/12/25 Fri                                                 2018 English
 *   2023.12.31 Sunday  2025.12.30 火曜日                            2024+ (dotted)
 *   2024/1/2週二  2026/1/30周五                                     Chinese
 *   Sun, 12/31/2023  Thu, 8/14/2014                                 US locale
 * A heading sets the day of the lines under it; it is not a message.
 */
export interface DayHeading {
  /** Midnight of the day as a wall time; null when the fields name no real date. */
  wall: number | null;
  lang: Lang | null;
  /**
   * "2017.09.03 Sunday", "2025.12.30 火曜日": the dotted heading of the
   * generations that may separate columns with single spaces (Windows desktop
   * "Save chat", 2025 Japanese Android) — and of 2024+ TAB exports, which the
   * reader tells apart by their first message line.
   */
  dotted: boolean;
}

/** No heading is longer; longer lines are never tried. */
const MAX_HEADING = 40;

const YMD = /^(\d{4})([/.])(\d{1,2})[/.](\d{1,2})/;
const US = /^([A-Z][a-z]{2,8}), (\d{1,2})\/(\d{1,2})\/(\d{4})$/;

/** A weekday word: its day (0 = Sunday) and, where only one language writes it, the language. */
interface Weekday {
  day: number;
  lang: Lang | null;
}

const WEEKDAYS = new Map<string, Weekday>();
function words(lang: Lang | null, names: readonly (readonly string[])[]): void {
  names.forEach((forms, day) => forms.forEach((w) => WEEKDAYS.set(w, { day, lang })));
}
words("en", [
  ["Sun", "Sunday"],
  ["Mon", "Monday"],
  ["Tue", "Tues", "Tuesday"],
  ["Wed", "Wednesday"],
  ["Thu", "Thur", "Thurs", "Thursday"],
  ["Fri", "Friday"],
  ["Sat", "Saturday"],
]);
words("ja", [
  ["日曜日", "日曜"],
  ["月", "月曜日", "月曜"],
  ["火", "火曜日", "火曜"],
  ["水", "水曜日", "水曜"],
  ["木", "木曜日", "木曜"],
  ["金", "金曜日", "金曜"],
  ["土", "土曜日", "土曜"],
]);
words("ko", [["일", "일요일"], ["월", "월요일"], ["화", "화요일"], ["수", "수요일"], ["목", "목요일"], ["금", "금요일"], ["토", "토요일"]]);
words("zh", [
  ["週日", "周日", "星期日", "星期天", "週天", "周天"],
  ["一", "週一", "周一", "星期一"],
  ["二", "週二", "周二", "星期二"],
  ["三", "週三", "周三", "星期三"],
  ["四", "週四", "周四", "星期四"],
  ["五", "週五", "周五", "星期五"],
  ["六", "週六", "周六", "星期六"],
]);
// Japanese and Chinese both write Sunday as 日.
WEEKDAYS.set("日", { day: 0, lang: null });

/** Weekday names, for a redacted sample (src/redact/); one-character ones would stand for every such character. */
export const WEEKDAY_WORDS: readonly string[] = [...WEEKDAYS.keys()].filter((w) => w.length > 1);

export function readDayHeading(line: string): DayHeading | null {
  if (line.length > MAX_HEADING) return null;
  const c = line.charCodeAt(0);
  if (c >= 48 && c <= 57) return readYmd(line);
  if (c >= 65 && c <= 90) return readUs(line);
  return null;
}

function readYmd(line: string): DayHeading | null {
  const m = YMD.exec(line);
  if (!m) return null;
  const weekday = readWeekdayTail(line.slice(m[0].length));
  if (weekday === null) return null;
  const wall = wallTime(Number(m[1]), Number(m[3]), Number(m[4]), 0, 0);
  return { wall, lang: WEEKDAYS.get(weekday.word)?.lang ?? null, dotted: m[2] === "." };
}

/**
 * What follows the date: "(Sun)", "（二）", " Fri", " Sunday", "週二". Any
 * short text in brackets is taken, as the bracketed form is LINE's own and
 * its weekday names differ by language; unbracketed, only a weekday word.
 */
function readWeekdayTail(tail: string): { word: string } | null {
  const t = tail.charCodeAt(0) === 32 ? tail.slice(1) : tail;
  const open = t.charCodeAt(0);
  const close = t.charCodeAt(t.length - 1);
  if ((open === 40 && close === 41) || (open === 0xff08 && close === 0xff09)) {
    const word = t.slice(1, -1);
    return word.length >= 1 && word.length <= 6 && !/[()（）]/.test(word) ? { word } : null;
  }
  const weekday = WEEKDAYS.get(t);
  if (!weekday) return null;
  // Only Chinese writes the weekday right after the date ("2024/1/2週二").
  return t !== tail || weekday.lang === "zh" ? { word: t } : null;
}

/**
 * "Sun, 12/31/2023" is month first in the US locale; other English locales
 * may put the day first. The weekday word decides; when both readings (or
 * neither) fit it, month first.
 */
function readUs(line: string): DayHeading | null {
  const m = US.exec(line);
  if (!m) return null;
  const weekday = WEEKDAYS.get(m[1]!);
  if (!weekday || weekday.lang !== "en") return null;
  const a = Number(m[2]);
  const b = Number(m[3]);
  const y = Number(m[4]);
  const monthFirst = wallTime(y, a, b, 0, 0);
  const dayFirst = wallTime(y, b, a, 0, 0);
  const fits = (wall: number | null) => wall !== null && new Date(wall).getUTCDay() === weekday.day;
  const wall = fits(monthFirst) || !fits(dayFirst) ? (monthFirst ?? dayFirst) : dayFirst;
  return { wall, lang: "en", dotted: false };
}
