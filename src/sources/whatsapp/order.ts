import type { LineBatch } from "../../input/lines.js";
import { daysInMonth } from "../../normalize/time.js";
import type { DateOrder, DateOrderDecision } from "../../schema/index.js";
import { readStamp, Stamp } from "./stamp.js";

export type { DateOrder };

/**
 * Which of a date's three numbers is the day, month and year. WhatsApp writes
 * dates in the phone's locale and never says which: `3/4/24` is ambiguous, so
 * the order is decided once per file from all of its dates (formats.md §3.1).
 */

const ORDERS: readonly DateOrder[] = ["dmy", "mdy", "ymd"];
const DMY = 0;
const MDY = 1;
const YMD = 2;

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

/** What the dates of a file say about their order, gathered one stamp at a time in constant memory. */
class OrderEvidence {
  private stamps = 0;
  /** Per order: dates that cannot be read that way. */
  private readonly invalid = [0, 0, 0];
  /** Per order: dates earlier than the one before them; exports are in time order. */
  private readonly drops = [0, 0, 0];
  private readonly last = [0, 0, 0];
  private yearFirstHint = false;
  private twelveHour = false;

  add(s: Stamp): void {
    this.stamps++;
    if (s.yearFirstHint) this.yearFirstHint = true;
    else if (s.meridiem !== null) this.twelveHour = true;
    this.count(DMY, s.c, s.b, s.a);
    this.count(MDY, s.c, s.a, s.b);
    this.count(YMD, s.a, s.b, s.c);
  }

  private count(order: number, y: number, m: number, d: number): void {
    const year = fullYear(y);
    if (m < 1 || m > 12 || d < 1 || d > daysInMonth(year, m)) {
      this.invalid[order]!++;
      return;
    }
    const key = (year * 16 + m) * 32 + d;
    if (key < this.last[order]!) this.drops[order]!++;
    this.last[order] = key;
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

  /** The order, when the dates so far leave no other: reading further cannot change it. */
  settled(): DateOrder | null {
    if (this.stamps === 0) return null;
    const left = this.candidates();
    return left.length === 1 && this.invalid[left[0]!] === 0 ? ORDERS[left[0]!]! : null;
  }

  /** The order for the whole file and what decided it; "locale" when only the locale's habits chose it. */
  decide(): DateOrderDecision {
    const left = this.candidates();
    if (left.length === 1) return { order: ORDERS[left[0]!]!, by: "dates" };
    if (this.stamps === 0) return { order: "dmy", by: "dates" };
    // Read the wrong way, dates jump back and forth (31/1 then 1/2); read the right way, they only move on.
    const steady = left.filter((o) => this.drops[o] === 0);
    if (steady.length === 1) {
      return { order: ORDERS[steady[0]!]!, by: "sequence" };
    }
    const pool = steady.length > 0 ? steady : left;
    const pick =
      this.yearFirstHint && pool.includes(YMD) ? YMD
      : this.twelveHour && pool.includes(MDY) ? MDY // en-US is the 12-hour locale that writes month first
      : pool.includes(DMY) ? DMY
      : pool[0]!;
    return { order: ORDERS[pick]!, by: "locale" };
  }
}

/**
 * The first pass: reads only timestamps, and stops as soon as a date settles
 * the order (usually within the first days of a chat).
 */
export async function scanOrder(batches: AsyncIterable<LineBatch>): Promise<DateOrderDecision> {
  const evidence = new OrderEvidence();
  const stamp = new Stamp();
  for await (const { lines } of batches) {
    for (let i = 0; i < lines.length; i++) if (readStamp(lines[i]!, stamp)) evidence.add(stamp);
    if (evidence.settled() !== null) break;
  }
  return evidence.decide();
}
