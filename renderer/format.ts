import type { Lang, Translate } from "./i18n/index.js";

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
