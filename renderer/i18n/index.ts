import { createContext, useContext } from "react";
import { fill } from "../../src/i18n/fill.js";
import { en, type Key } from "./en.js";
import { ko } from "./ko.js";

export type Lang = "ko" | "en";
export type { Key };
export type Params = Record<string, string | number>;
export type Translate = (key: Key, params?: Params) => string;

const catalogs: Record<Lang, Record<Key, string>> = { en, ko };

export function translator(lang: Lang): Translate {
  const catalog = catalogs[lang];
  return (key, params = {}) => fill(catalog[key], params);
}

/** Whether a computed key (an error code, a warning code) has words; those without fall back to a general sentence. */
export function hasKey(key: string): key is Key {
  return Object.hasOwn(en, key);
}

export interface Words {
  lang: Lang;
  t: Translate;
}

export const WordsContext = createContext<Words>({ lang: "en", t: translator("en") });

export function useWords(): Words {
  return useContext(WordsContext);
}
