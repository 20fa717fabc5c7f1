import type { ParseContext, RawConversation, Source, TextInput } from "../types.js";
import { detectTelegramJson } from "./detect.js";
import { readExport } from "./reader.js";
import { telegramRedaction } from "./redaction.js";

// Where Telegram Desktop puts what result.json's paths name: a chat's own folders, or, in a
// whole-account export, every chat's under chats/.
const MEDIA_FOLDERS = ["photos", "files", "video_files", "voice_messages", "round_video_messages", "stickers", "chats"];

/** Telegram Desktop's machine-readable export (result.json), one chat or the whole account. */
export const telegramDesktop: Source = {
  id: "telegram.desktop",
  platform: "telegram",
  label: "Telegram Desktop (result.json)",
  clock: "utc",
  mediaBy: "path",
  mediaFolders: MEDIA_FOLDERS,
  redaction: telegramRedaction(MEDIA_FOLDERS),
  detect: detectTelegramJson,
  parse: (input: TextInput, ctx: ParseContext): AsyncIterable<RawConversation> => readExport(input.chunks(), ctx),
};
