/**
 * Discord's system messages as DiscordChatExporter writes them: the `type` (its MessageKind
 * name) and, in `content`, its own English sentence for the event ("Pinned a message.",
 * PlainTextMessageExtensions.GetFallbackContent). The sentence is told from the author
 * ("Alice pinned a message."); an export whose `content` is empty (versions before the
 * sentences) gets the same sentence from the type.
 */
interface Notice {
  /** DCE's sentence when the export gives none. */
  sentence: string;
  /** Only group chats have it: a direct message never adds people, joins a server or starts a thread. */
  group: boolean;
}

const NOTICES: ReadonlyMap<string, Notice> = new Map([
  ["RecipientAdd", { sentence: "Added a recipient.", group: true }],
  ["RecipientRemove", { sentence: "Removed a recipient.", group: true }],
  ["ChannelNameChange", { sentence: "Changed the channel name.", group: true }],
  ["ChannelIconChange", { sentence: "Changed the channel icon.", group: true }],
  ["ChannelPinnedMessage", { sentence: "Pinned a message.", group: false }],
  ["GuildMemberJoin", { sentence: "Joined the server.", group: true }],
  ["ThreadCreated", { sentence: "Started a thread.", group: true }],
  ["Call", { sentence: "Started a call.", group: false }],
]);

/** The verbs DCE's sentences start with: such a sentence reads on from the author's name. */
const VERBS = /^(?:Added|Removed|Left|Changed|Pinned|Joined|Started) /;

/** Message types that are someone's words: plain messages, replies, and a bot's answer to a command (Discord's types 20 and 23, which DCE writes as numbers). */
export const WRITTEN_TYPES: ReadonlySet<string> = new Set(["Default", "Reply", "20", "23", "ChatInputCommand", "ContextMenuCommand"]);

export function noticeOf(type: string): Notice | undefined {
  return NOTICES.get(type);
}

/** The notice's text: "Alice pinned a message.", or the author and DCE's words where they are not one of its sentences. */
export function noticeText(actor: string, content: string, notice: Notice): string {
  const sentence = content.trim() === "" ? notice.sentence : content;
  return VERBS.test(sentence) ? `${actor} ${sentence[0]!.toLowerCase()}${sentence.slice(1)}` : `${actor}: ${sentence}`;
}

/** Every word the notices are made of, for a redacted sample (src/redact/). */
export const NOTICE_WORDS: readonly string[] = [...NOTICES.keys(), ...[...NOTICES.values()].map((n) => n.sentence), "Left the group.", "to the group.", "from the group.", "Started a call that lasted", "minutes."];
