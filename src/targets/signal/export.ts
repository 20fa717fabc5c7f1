import { join } from "node:path";
import { ChatFerryError } from "../../errors.js";
import type { Translate } from "../../i18n/index.js";
import type { Conversation } from "../../pipeline.js";
import { exists } from "../atomic.js";
import { writeTelegramJson, type TelegramJsonResult } from "../export/telegram-json.js";
import { writeFileText } from "../sink.js";
import { guideText } from "./guide.js";
import { signalWords } from "./words.js";

export interface SignalExport extends TelegramJsonResult {
  guide: string;
}

/**
 * A conversation as a folder for signalbackup-tools `--importtelegram`: result.json in the
 * Signal profile, its media, and the guide, all in the words of `t` (the user's language).
 */
export async function writeSignalExport(conversation: Conversation, dir: string, options: { force?: boolean; t: Translate }): Promise<SignalExport> {
  const { t } = options;
  const force = options.force ?? false;
  const guide = join(dir, t("signal.guideFile"));
  // Refused before the export is written, as result.json itself would be.
  if (!force && (await exists(guide))) throw new ChatFerryError("E_EXISTS", { file: guide });
  const title = conversation.header.title ?? "";
  const result = await writeTelegramJson(conversation, dir, { force, signal: signalWords(t) });
  const { summary } = result;
  const facts = { dir, title, kind: summary.kind, messages: summary.messages, records: result.records, media: result.media, chatId: result.chatId, people: result.people };
  await writeFileText(guide, guideText(facts, t), force);
  return { ...result, guide };
}
