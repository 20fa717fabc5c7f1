import type { Key, Lang, Translate } from "./i18n/index.js";
import type { DateOrder } from "./reading.js";

const locale = (lang: Lang) => (lang === "ko" ? "ko-KR" : "en-GB");

export function number(lang: Lang, n: number): string {
  return n.toLocaleString(locale(lang));
}

/** An ISO time with offset, shown as the wall-clock time it was in the chat's zone. */
export function dateTime(lang: Lang, iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat(locale(lang), { dateStyle: "medium", timeStyle: "short", timeZone }).format(new Date(iso));
}

export function date(lang: Lang, iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat(locale(lang), { dateStyle: "long", timeZone }).format(new Date(iso));
}

export function duration(t: Translate, ms: number): string {
  const s = Math.max(1, Math.round(ms / 1000));
  if (s >= 3600) return t("dur.h", { h: Math.floor(s / 3600), m: Math.floor((s % 3600) / 60) });
  if (s >= 60) return t("dur.m", { m: Math.round(s / 60) });
  return t("dur.s", { s });
}

/** The last part of a path, for sentences: users know their files by name. */
export function baseName(path: string): string {
  return path.split(/[\\/]/).filter(Boolean).pop() ?? path;
}

/** The words for an order ("order.day/month"). */
export const ORDER_KEYS = { dmy: "order.day/month", mdy: "order.month/day", ymd: "order.year/month/day" } as const satisfies Record<DateOrder, Key>;

/** A calendar date ("2024-04-03") in words: "3 April 2024", "2024년 4월 3일". */
export function calendarDate(lang: Lang, ymd: string): string {
  return new Intl.DateTimeFormat(locale(lang), { dateStyle: "long", timeZone: "UTC" }).format(new Date(`${ymd}T00:00:00Z`));
}

/** The month of a calendar date ("2024-04-03") in words: "April 2024", "2024년 4월". */
export function monthYear(lang: Lang, ymd: string): string {
  return new Intl.DateTimeFormat(locale(lang), { year: "numeric", month: "long", timeZone: "UTC" }).format(new Date(`${ymd.slice(0, 10)}T00:00:00Z`));
}

/** Day and month of a calendar date, short: "3 Apr", "4월 3일". */
export function dayMonth(lang: Lang, ymd: string): string {
  return new Intl.DateTimeFormat(locale(lang), { month: "short", day: "numeric", timeZone: "UTC" }).format(new Date(`${ymd}T00:00:00Z`));
}
