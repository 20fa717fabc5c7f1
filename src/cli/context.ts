import type { Platform } from "../schema/index.js";
import type { Lang, Translate } from "../i18n/index.js";

/** What every command gets from the entry point. */
export interface CliContext {
  /** For the terminal: what it fills in is printable (see terminal.ts). */
  t: Translate;
  /** For words that are data, not terminal text (what a replay writes into the chat). */
  lang: Lang;
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
  /** Aborted on Ctrl-C. */
  signal: AbortSignal;
}

export const PLATFORM_NAMES = {
  kakaotalk: "KakaoTalk",
  whatsapp: "WhatsApp",
  line: "LINE",
  telegram: "Telegram",
  messenger: "Messenger",
  instagram: "Instagram",
  discord: "Discord",
} as const satisfies Record<Platform, string>;
