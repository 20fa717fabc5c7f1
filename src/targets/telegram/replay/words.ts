import type { Translate } from "../../../i18n/index.js";
import type { ReplayWords } from "./render.js";

/** Bot tokens as @BotFather issues them: the bot's id, a colon, a secret of 30 or more characters. */
export const BOT_TOKEN = /^\d+:[A-Za-z0-9_-]{30,}$/;

/** The replay's few words in the chat, from the user's catalogue (the CLI's and the app's alike). */
export function replayWords(t: Translate): ReplayWords {
  return {
    deleted: t("chat.deleted"),
    missing: (name) => t("chat.missing", { name }),
    tooLarge: (name, mb) => t("chat.tooLarge", { name, mb }),
    forwarded: (name) => t("chat.forwarded", { name }),
    me: (name) => t("chat.me", { name }),
  };
}
