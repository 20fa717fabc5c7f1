import type { Detection, TextHead } from "../types.js";

const CHAT_TYPE =
  /"type"\s*:\s*"(?:saved_messages|replies|personal_chat|bot_chat|private_group|private_supergroup|public_supergroup|private_channel|public_channel)"/;
const MESSAGES = /"messages"\s*:\s*\[/;
const ACCOUNT_KEYS = /"(?:personal_information|profile_pictures|contacts|frequent_contacts|sessions|web_sessions|other_data|chats|left_chats)"\s*:/;
const MESSAGE_KEYS = /"date_unixtime"\s*:\s*"\d+"/;
const NAME = /"name"\s*:\s*("(?:[^"\\]|\\.)*"|null)/;
const FILE_NAME = /^result\.json$/i;

/** The chat name of a single-chat export, when the head shows it before the messages. */
function titleOf(text: string): string | null {
  const messages = MESSAGES.exec(text);
  const name = NAME.exec(messages ? text.slice(0, messages.index) : text);
  if (!name) return null;
  try {
    return JSON.parse(name[1]!) as string | null;
  } catch {
    return null;
  }
}

/**
 * A result.json by content: a JSON object whose keys are those of a full
 * export (`about` and the account sections) or of a single chat (a chat
 * `type` and `messages`). The head may be one line of a minified file, cut
 * short, so keys are looked for anywhere in it.
 */
export function detectTelegramJson(head: TextHead): Detection | null {
  const found = (confidence: number, title: string | null): Detection => ({
    variant: "telegram.json",
    confidence: Math.round(Math.min(1, confidence) * 100) / 100,
    title,
    exportedAt: null,
  });
  const text = head.lines.join("\n");
  if (!/^\uFEFF?\s*\{/.test(text)) return null;
  const hint = FILE_NAME.test(head.name) ? 0.1 : 0;
  const messageKeys = MESSAGE_KEYS.test(text) ? 0.05 : 0;
  if (/"about"\s*:/.test(text) && ACCOUNT_KEYS.test(text)) {
    return found(0.85 + hint + messageKeys, null);
  }
  const chatType = CHAT_TYPE.test(text);
  const messages = MESSAGES.test(text);
  if (chatType && messages) {
    return found(0.85 + hint + messageKeys, titleOf(text));
  }
  if ((chatType || messages) && messageKeys) {
    return found(0.5 + hint, titleOf(text));
  }
  return null;
}
