/**
 * A summary's activity laid end to end for a chart: every week, month or year from the first to
 * the last, the empty ones too (the activity leaves them out), so that a silence shows as one.
 * Shared by `stats` and the app's check step.
 */
import { dayName, dayNumber, monthName, monthNumber } from "./calendar.js";
import type { Activity } from "./schema/index.js";

export type Unit = "week" | "month" | "year";

/** One bar: its first and last day ("2024-01-01", "2024-01-31"), its messages and those of each of the activity's `people`. */
export interface Span {
  start: string;
  end: string;
  messages: number;
  by: number[];
}

/** A year of months beyond this is a year a bar: a chart has room for about fifteen years of months. */
export const MONTHS_SHOWN = 180;

/** Weeks for a short chat (the activity has them), months for up to MONTHS_SHOWN of them, years beyond. */
export function unitFor({ weeks, months }: Activity): Unit {
  if (weeks) return "week";
  if (months.length === 0) return "month";
  const [first, last] = [monthNumber(months[0]!.period), monthNumber(months.at(-1)!.period)];
  return last - first + 1 > MONTHS_SHOWN ? "year" : "month";
}

/** Every span of `unit` from the activity's first to its last, in time order. */
export function spans(activity: Activity, unit: Unit): Span[] {
  const counted = unit === "week" ? (activity.weeks ?? []) : activity.months;
  if (counted.length === 0) return [];
  const zeros = activity.people.map(() => 0);
  const out: Span[] = [];
  if (unit === "week") {
    const byStart = new Map(counted.map((w) => [w.period, w]));
    for (let day = dayNumber(counted[0]!.period); day <= dayNumber(counted.at(-1)!.period); day += 7) {
      const start = dayName(day);
      const week = byStart.get(start);
      out.push({ start, end: dayName(day + 6), messages: week?.messages ?? 0, by: week?.by ?? zeros });
    }
    return out;
  }
  const byMonth = new Map(counted.map((m) => [monthNumber(m.period), m]));
  const step = unit === "year" ? 12 : 1;
  // A year's bar starts in January, whichever month the chat starts in.
  const first = monthNumber(counted[0]!.period);
  for (let month = first - (unit === "year" ? first % 12 : 0); month <= monthNumber(counted.at(-1)!.period); month += step) {
    const span: Span = { start: monthStart(month), end: dayName(dayNumber(monthStart(month + step)) - 1), messages: 0, by: [...zeros] };
    for (let m = month; m < month + step; m++) {
      const counts = byMonth.get(m);
      if (!counts) continue;
      span.messages += counts.messages;
      counts.by.forEach((n, i) => (span.by[i]! += n));
    }
    out.push(span);
  }
  return out;
}

function monthStart(month: number): string {
  return `${monthName(month)}-01`;
}
