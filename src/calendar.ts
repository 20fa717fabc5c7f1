/**
 * Days and months of a chat's own clock as numbers and as the names the schema writes
 * ("2024-01-15", "2024-01"). Wall-clock times are milliseconds as if UTC (normalize/time.ts),
 * so a day is a whole number of UTC days and no zone comes into it.
 */

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** "2024-01-15" of a day number (days since 1970-01-01). */
export function dayName(day: number): string {
  return new Date(day * DAY).toISOString().slice(0, 10);
}

/** The day number of "2024-01-15". */
export function dayNumber(name: string): number {
  return Date.parse(`${name}T00:00:00Z`) / DAY;
}

/** "2024-01" of a month number (year × 12 + month from 0). */
export function monthName(month: number): string {
  return `${String(Math.floor(month / 12)).padStart(4, "0")}-${String((month % 12) + 1).padStart(2, "0")}`;
}

/** The month number of "2024-01" (or of the month of "2024-01-15"). */
export function monthNumber(name: string): number {
  return Number(name.slice(0, 4)) * 12 + Number(name.slice(5, 7)) - 1;
}
