import type { Translate } from "../i18n/index.js";

/** What every command gets from the entry point. */
export interface CliContext {
  t: Translate;
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
} as const;
