import { en, type MessageKey } from "./en.js";
import { fill } from "./fill.js";
import { ko } from "./ko.js";

export type Lang = "ko" | "en";
export type { MessageKey };

const catalogs: Record<Lang, Record<MessageKey, string>> = { en, ko };

/** The language from the usual locale variables; Korean when they name it, English otherwise. */
export function langFromEnv(env: NodeJS.ProcessEnv = process.env): Lang {
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || env.LANGUAGE || "";
  return locale.toLowerCase().startsWith("ko") ? "ko" : "en";
}

export function isLang(value: string): value is Lang {
  return value === "ko" || value === "en";
}

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

export function translator(lang: Lang): Translate {
  const catalog = catalogs[lang];
  return (key, params = {}) => fill(catalog[key], params);
}

/** An error's sentence, with a system reason (ENOSPC, …) in words where the catalogue has them. */
export function errorSentence(t: Translate, code: MessageKey, params: Record<string, string | number>): string {
  const reason = `reason.${params.reason}`;
  return t(code, Object.hasOwn(en, reason) ? { ...params, reason: t(reason as MessageKey) } : params);
}
