/**
 * When a chat was active, counted message by message: per month and (for a short chat) per week,
 * split by the busiest writers; per hour of the day; and which days have messages at all, for
 * the silences (findings.ts). All by the chat's own clock: the date and hour each message's ISO
 * time shows. The day, month and week being counted are cached, so a message costs two
 * comparisons and a few increments; the calendar is worked out only when the day changes.
 */
import { DAY, HOUR, dayName, monthName } from "../calendar.js";
import type { Activity } from "../schema/index.js";
import { ActiveDays } from "./active-days.js";
import { Periods, type Writer } from "./periods.js";
import { daysInMonth } from "./time.js";

/** A chat whose messages span at most this many days (about six months) is also counted per week. */
export const SHORT_SPAN_DAYS = 183;
/** The writers an activity splits its counts by; everyone else is counted together. */
export const PEOPLE_SHOWN = 5;

export class ActivityCounter {
  readonly days = new ActiveDays();
  private readonly hours: number[] = new Array<number>(24).fill(0);
  private readonly months = new Periods(0);
  /** Dropped once the chat spans more than SHORT_SPAN_DAYS. */
  private weeks: Periods | null = new Periods(1);
  // The day being counted, [dayStart, dayEnd) in wall milliseconds, and its month and week.
  private dayStart = Infinity;
  private dayEnd = -Infinity;
  private monthStart = Infinity;
  private monthEnd = -Infinity;
  private week = Number.NaN;

  /** One message at `local`: the wall-clock time its ISO time shows, as milliseconds as if UTC (see ZoneClock.local). */
  add(writer: Writer | null, local: number): void {
    if (local < this.dayStart || local >= this.dayEnd) this.enterDay(local);
    this.hours[Math.floor((local - this.dayStart) / HOUR)]!++;
    this.months.count(writer);
    this.weeks?.count(writer);
  }

  /** The counts so far; `people`: every writer, busiest first. */
  activity(people: readonly string[]): Activity {
    const shown = people.slice(0, PEOPLE_SHOWN);
    // The periods close their counts here; the next message (if any) enters its day anew.
    this.dayStart = this.monthStart = this.week = Infinity;
    this.dayEnd = this.monthEnd = -Infinity;
    return {
      people: shown,
      months: this.months.rows(shown, monthName),
      ...(this.weeks ? { weeks: this.weeks.rows(shown, (week) => dayName(week * 7 - 3)) } : {}),
      hours: [...this.hours],
    };
  }

  private enterDay(local: number): void {
    const day = Math.floor(local / DAY);
    this.dayStart = day * DAY;
    this.dayEnd = this.dayStart + DAY;
    this.days.add(day);
    if (this.dayStart < this.monthStart || this.dayStart >= this.monthEnd) {
      const date = new Date(this.dayStart);
      const year = date.getUTCFullYear();
      const month = date.getUTCMonth();
      this.monthStart = this.dayStart - (date.getUTCDate() - 1) * DAY;
      this.monthEnd = this.monthStart + daysInMonth(year, month + 1) * DAY;
      this.months.enter(year * 12 + month);
    }
    if (this.weeks === null) return;
    if (this.days.span > SHORT_SPAN_DAYS) {
      this.weeks = null;
      return;
    }
    // Day 0 (1 January 1970) was a Thursday: weeks counted from the Monday before it.
    const week = Math.floor((day + 3) / 7);
    if (week !== this.week) {
      this.week = week;
      this.weeks.enter(week);
    }
  }
}
