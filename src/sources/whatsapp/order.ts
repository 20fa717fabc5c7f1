import type { LineBatch } from "../../input/lines.js";
import { daysInMonth } from "../../normalize/time.js";
import type { DateOrder, DateOrderDecision } from "../../schema/index.js";
import { LRM, readStamp, Stamp } from "./stamp.js";
import { DAY } from "../../calendar.js";

export type { DateOrder };

/**
 * Which of a date's three numbers is the day, month and year. WhatsApp writes
 * dates in the phone's locale and never says which: `3/4/24` is ambiguous, so
 * the order is decided once per file from all of its evidence (formats.md §3.1),
 * strongest first: a date only one order can read, the dates inside media file
 * names, time running forwards, and only then the locale's habit, which the
 * user is told about because a migration cannot be taken back.
 */

const ORDERS: readonly DateOrder[] = ["dmy", "mdy", "ymd"];
const DMY = 0;
const MDY = 1;
const YMD = 2;

/**
 * A step back in time larger than this counts against an order. Real exports
 * have small ones (a message stamped a minute or a day before the one above it,
 * delivered late); the wrong order makes none smaller than about 17 days,
 * because reading it so turns a falling day number into a falling month.
 */
const JUMP_DAYS = 7;
/** Media names agreeing this much more with one order end the scan early. */
const NAMES_SETTLE = 3;

/** How the order is named in the `date-order-assumed` warning. */
export const ORDER_NAMES: Record<DateOrder, string> = { dmy: "day/month", mdy: "month/day", ymd: "year/month/day" };

export function fullYear(y: number): number {
  return y < 100 ? 2000 + y : y;
}

/** Day, month and year of a stamp's date under an order (year as written). */
export function dateParts(s: Stamp, order: DateOrder): [day: number, month: number, year: number] {
  if (order === "dmy") return [s.a, s.b, s.c];
  if (order === "mdy") return [s.b, s.a, s.c];
  return [s.c, s.b, s.a];
}

/** Days since 1970-01-01 of a date, NaN when there is no such date. */
function dayNumber(year: number, month: number, day: number): number {
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return NaN;
  return Date.UTC(year, month - 1, day) / DAY;
}

const DASH = 45;

function isUpper(c: number): boolean {
  return c >= 65 && c <= 90;
}

/** The number written by `count` digits at `at`, or -1 when one of them is no digit. */
function digits(line: string, at: number, count: number): number {
  let n = 0;
  for (let i = at; i < at + count; i++) {
    const c = line.charCodeAt(i);
    if (c < 48 || c > 57) return -1;
    n = n * 10 + c - 48;
  }
  return n;
}

/** Day number of `yyyy-mm-dd-` at `at` (iOS names), NaN when it is not there. */
function dashedDay(line: string, at: number): number {
  const y = digits(line, at, 4);
  if (y < 0 || line.charCodeAt(at + 4) !== DASH || line.charCodeAt(at + 7) !== DASH || line.charCodeAt(at + 10) !== DASH) return NaN;
  return dayNumber(y, digits(line, at + 5, 2), digits(line, at + 8, 2));
}

/**
 * The date inside the media file name of a stamped line (formats.md §3.3), as a
 * day number; NaN when the line names no such file. WhatsApp names files by the
 * phone's own date, which needs no order to read:
 *   Android    `IMG-20241202-WA0001.jpg (file attached)`, likewise VID, PTT, AUD, STK, GIF, DOC
 *   iOS        `<attached: 00000010-PHOTO-2020-11-02-21-49-51.jpg>`, likewise VIDEO, AUDIO, GIF, STICKER
 *   older iOS  `2015-08-04-PHOTO-00004762.jpg <‎attached>`
 * Only lines ending as these do (`)` or `>`, whatever the locale's word inside)
 * are searched, so long texts cost one look at their last character.
 */
export function nameDay(line: string, from: number): number {
  const last = line.charCodeAt(line.length - 1);
  if (last !== 41 /* ) */ && last !== 62 /* > */) return NaN;
  // Both current forms put "-20" before the year, right after the upper-case word.
  for (let p = line.indexOf("-20", from); p >= 0; p = line.indexOf("-20", p + 1)) {
    if (!isUpper(line.charCodeAt(p - 1))) continue;
    const ymd = digits(line, p + 1, 8);
    if (ymd >= 0 && line.charCodeAt(p + 9) === DASH && line.charCodeAt(p + 10) === 87 /* W */ && line.charCodeAt(p + 11) === 65 /* A */) {
      return dayNumber(Math.floor(ymd / 10000), Math.floor(ymd / 100) % 100, ymd % 100);
    }
    const day = dashedDay(line, p + 1);
    if (day === day) return day;
  }
  if (last !== 62) return NaN;
  // The older iOS form starts the body with its date.
  const sep = line.indexOf(": ", from);
  if (sep < 0) return NaN;
  let at = sep + 2;
  if (line.charCodeAt(at) === LRM) at++;
  return isUpper(line.charCodeAt(at + 11)) ? dashedDay(line, at) : NaN;
}

/** The order in `among` whose count is at least twice every other's and above it; -1 when none is. */
function clearlyMost(among: number[], counts: readonly number[]): number {
  for (const o of among) {
    const n = counts[o]!;
    if (among.every((other) => other === o || (n > counts[other]! && n >= 2 * counts[other]!))) return o;
  }
  return -1;
}

/** The order in `among` whose count every other's exceeds twice over (0 against 1, 1 against 3); -1 when none does. */
function clearlyFewest(among: number[], counts: readonly number[]): number {
  for (const o of among) {
    const n = counts[o]!;
    if (among.every((other) => other === o || counts[other]! >= 2 * n + 1)) return o;
  }
  return -1;
}

/** What the dates of a file say about their order, gathered one stamp at a time in constant memory. */
class OrderEvidence {
  private stamps = 0;
  /** Per order: dates that cannot be read that way. */
  private readonly invalid = [0, 0, 0];
  /** Per order: steps back in time by more than JUMP_DAYS; exports are in time order. */
  private readonly jumps = [0, 0, 0];
  /** Per order: media names dated within a day of the stamp read that way. */
  private readonly named = [0, 0, 0];
  /** Per order: the day of the last stamp read (NaN when it cannot be read that way), and of the last readable one. */
  private readonly day = [NaN, NaN, NaN];
  private readonly last = [-Infinity, -Infinity, -Infinity];
  /** The last stamp's date numbers: consecutive lines mostly share a date, and then its reading. */
  private a = -1;
  private b = -1;
  private c = -1;
  private yearFirstHint = false;
  private twelveHour = false;

  add(s: Stamp): void {
    this.stamps++;
    if (s.yearFirstHint) this.yearFirstHint = true;
    else if (s.meridiem !== null) this.twelveHour = true;
    if (s.a === this.a && s.b === this.b && s.c === this.c) {
      for (let o = DMY; o <= YMD; o++) if (this.day[o] !== this.day[o]) this.invalid[o]!++;
      return;
    }
    this.a = s.a;
    this.b = s.b;
    this.c = s.c;
    this.read(DMY, s.c, s.b, s.a);
    this.read(MDY, s.c, s.a, s.b);
    this.read(YMD, s.a, s.b, s.c);
  }

  /** A media name on the last stamp's line dated `nameDay`: a day either side allows for time zones and late saves. */
  addName(nameDay: number): void {
    for (let o = DMY; o <= YMD; o++) if (Math.abs(this.day[o]! - nameDay) <= 1) this.named[o]!++;
  }

  private read(order: number, y: number, m: number, d: number): void {
    const day = dayNumber(fullYear(y), m, d);
    this.day[order] = day;
    if (day !== day) {
      this.invalid[order]!++;
      return;
    }
    if (day < this.last[order]! - JUMP_DAYS) this.jumps[order]!++;
    this.last[order] = day;
  }

  /**
   * Orders the dates allow. A two-digit year first (24/8/21) is taken only
   * with a hint for it, else every en-GB file would also read as year-first.
   */
  private candidates(): number[] {
    const yearFirst = this.yearFirstHint || (this.invalid[DMY]! > 0 && this.invalid[MDY]! > 0);
    const allowed = yearFirst ? [DMY, MDY, YMD] : [DMY, MDY];
    const fewest = Math.min(...allowed.map((o) => this.invalid[o]!));
    return allowed.filter((o) => this.invalid[o] === fewest);
  }

  /** True when strong evidence leaves one order that reading further cannot reasonably change. */
  settled(): boolean {
    if (this.stamps === 0) return false;
    const left = this.candidates();
    if (left.length === 1) return this.invalid[left[0]!] === 0;
    const named = clearlyMost(left, this.named);
    return named >= 0 && this.invalid[named] === 0 && left.every((o) => o === named || this.named[named]! >= this.named[o]! + NAMES_SETTLE);
  }

  /** The order for the whole file and what decided it; "locale" when only the locale's habits chose it. */
  decide(): DateOrderDecision {
    if (this.stamps === 0) return { order: "dmy", by: "dates" };
    const left = this.candidates();
    if (left.length === 1) return { order: ORDERS[left[0]!]!, by: "dates" };
    // A file name dated by the phone agrees with one reading of its line's stamp; a forwarded
    // or late-saved file may agree with the other, so the clear majority of names decides.
    const named = clearlyMost(left, this.named);
    if (named >= 0) return { order: ORDERS[named]!, by: "media-names" };
    // Read the wrong way, dates jump back by weeks at each change of month (31/1 then 1/2).
    const steady = clearlyFewest(left, this.jumps);
    if (steady >= 0) return { order: ORDERS[steady]!, by: "sequence" };
    // "export-date" cannot decide here: WhatsApp's text export carries no date of its own.
    const fewest = Math.min(...left.map((o) => this.jumps[o]!));
    const pool = left.filter((o) => this.jumps[o] === fewest);
    const pick =
      this.yearFirstHint && pool.includes(YMD) ? YMD
      : this.twelveHour && pool.includes(MDY) ? MDY // en-US is the 12-hour locale that writes month first
      : pool.includes(DMY) ? DMY
      : pool[0]!;
    return { order: ORDERS[pick]!, by: "locale" };
  }
}

/**
 * The first pass: reads only timestamps and media names, in constant memory,
 * and stops as soon as a date or a few media names settle the order (usually
 * within the first days of a chat); only an undecided file is read to its end.
 */
export async function scanOrder(batches: AsyncIterable<LineBatch>): Promise<DateOrderDecision> {
  const evidence = new OrderEvidence();
  const stamp = new Stamp();
  /** As the parse does: a weak stamp in a file whose messages have strong ones (or the reverse) is a line of text. */
  let weakFile: boolean | null = null;
  for await (const { lines } of batches) {
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!;
      if (!readStamp(line, stamp) || stamp.weak !== (weakFile ??= stamp.weak)) continue;
      evidence.add(stamp);
      const day = nameDay(line, stamp.end);
      if (day === day) evidence.addName(day);
    }
    if (evidence.settled()) break;
  }
  return evidence.decide();
}
