import type { Detection, ParseContext, RawConversation, RawMessage, Redaction, Source, TextHead, TextInput } from "../types.js";
import { chatOf } from "./chat.js";
import { ElementScanner, scanChunks, scanUntil } from "../json-elements.js";
import { MessageReader } from "./message.js";
import { NOTICE_WORDS, WRITTEN_TYPES } from "./notices.js";
import { Senders } from "./senders.js";

const OBJECT = /^\uFEFF?\s*\{/;
const GUILD = /"guild"\s*:\s*\{/;
const CHANNEL = /"channel"\s*:\s*\{/;
/** Keys DCE writes after `channel`, before the messages: `dateRange` always, `exportedAt` since 2.42. */
const PREAMBLE = /"(?:dateRange|exportedAt)"\s*:/;
const MESSAGES = /"messages"\s*:\s*\[/;
const MESSAGE_KEYS = /"timestampEdited"\s*:/;

/**
 * A DiscordChatExporter JSON export by content: an object whose `guild` and `channel` come
 * first, then `dateRange` and the `messages`. The head may be cut anywhere, so keys are looked
 * for anywhere in it.
 */
function detect(head: TextHead): Detection | null {
  const text = head.lines.join("\n");
  if (!OBJECT.test(text) || !GUILD.test(text) || !CHANNEL.test(text)) return null;
  const preamble = PREAMBLE.test(text);
  const messages = MESSAGES.test(text);
  if (!preamble && !messages) return null;
  const confidence = 0.6 + (preamble ? 0.2 : 0) + (messages ? 0.1 : 0) + (MESSAGE_KEYS.test(text) ? 0.05 : 0);
  return { variant: "discord.dce", confidence: Math.round(confidence * 100) / 100, title: null, exportedAt: null };
}

async function* parse(input: TextInput, ctx: ParseContext): AsyncGenerator<RawConversation> {
  const reader = new MessageReader(ctx, new Senders());
  const header: { guild?: unknown; channel?: unknown } = {};
  let started = false;
  const out: RawMessage[] = [];
  const scanner = new ElementScanner(ctx, "messages", {
    field: (key, value) => {
      if (key === "guild") header.guild = value;
      else if (key === "channel") header.channel = value;
    },
    start: () => (started = true),
    element: (value, line) => out.push(reader.read(value, line)),
  });
  const chunks = input.chunks()[Symbol.asyncIterator]();
  // The chat's name and kind come before its messages: read up to them first.
  await scanUntil(chunks, scanner, () => started);
  const { title, kind } = chatOf(header.guild, header.channel);
  yield { title, ...(kind ? { kind } : {}), messages: scanChunks(chunks, scanner, out) };
}

/** Keys whose strings DCE writes from a fixed set or the clock: types, times, ids, colours, formats. */
const STRUCTURAL = new Set(["type", "timestamp", "timestampEdited", "callEndedTimestamp", "exportedAt", "after", "before", "color", "format", "discriminator", "isAnimated", "code"]);
const ID = /(?:^id|Id)$/;

export const discordRedaction = (words: readonly string[]): Redaction => ({
  layout: "json",
  words,
  structural: (key) => STRUCTURAL.has(key) || ID.test(key),
  personal: () => false,
});

/** The folder DCE downloads media into (`--media`): `<export file>_Files` beside the file (ExportRequest.AssetsDirPath). */
const mediaFolders = (chatFile: string): readonly string[] => [`${chatFile.slice(chatFile.lastIndexOf("/") + 1)}_Files`];

/** DiscordChatExporter's JSON export of a channel, DM or thread. */
export const discordDce: Source = {
  id: "discord.dce",
  platform: "discord",
  label: "Discord (DiscordChatExporter .json)",
  clock: "utc",
  // DCE writes a path for each file it downloaded and a web address for each it did not.
  mediaBy: "path",
  mediaFolders,
  redaction: discordRedaction([...NOTICE_WORDS, ...WRITTEN_TYPES, "_Files"]),
  detect,
  parse,
};
