/**
 * What the check step shows of reading an export, without React or the DOM (the unit
 * tests import it): the dates the date-order question offers, and export text made safe
 * to show.
 */
import type { CheckResult } from "../electron/ipc.js";

export type DateOrder = NonNullable<CheckResult["dateOrder"]>;
const ORDERS: readonly DateOrder[] = ["dmy", "mdy", "ymd"];

/**
 * The date a message was read as, and what the same written numbers would be under the
 * other orders the question offers: day/month against month/day, and for a year-first
 * reading also those two (WhatsApp writes two-digit years, read as 20YY). Only dates
 * that exist are offered. `iso`'s date part is the wall date in the chat's zone.
 */
export function dateReadings(iso: string, read: DateOrder): { order: DateOrder; date: string }[] {
  const [y, m, d] = iso.slice(0, 10).split("-").map(Number) as [number, number, number];
  const short = y >= 2000 && y < 2100 ? y - 2000 : y;
  const [a, b, c] = read === "dmy" ? [d, m, short] : read === "mdy" ? [m, d, short] : [short, m, d];
  const offered = read === "ymd" ? ORDERS : ORDERS.filter((o) => o !== "ymd");
  const readings: { order: DateOrder; date: string }[] = [];
  for (const order of offered) {
    const [year, month, day] = order === "dmy" ? [c, b, a] : order === "mdy" ? [c, a, b] : [a, b, c];
    const full = year < 100 ? 2000 + year : year;
    if (month < 1 || month > 12 || day < 1 || day > new Date(Date.UTC(full, month, 0)).getUTCDate()) continue;
    readings.push({ order, date: `${full}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}` });
  }
  return readings;
}

/** Export text as it is, except characters that would hide or reorder it: control and bidi-override characters, as escapes. */
export function visible(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
