import type { ChatKind } from "../../schema/index.js";
import { record, str } from "../telegram-desktop/types.js";

/** DiscordChatExporter's `channel.type` (ChannelKind) and who such a channel is between. */
const KINDS: Readonly<Record<string, ChatKind>> = {
  DirectTextChat: "direct",
  DirectGroupTextChat: "group",
  GuildTextChat: "group",
  GuildVoiceChat: "group",
  GuildStageVoice: "group",
  GuildNewsThread: "group",
  GuildPublicThread: "group",
  GuildPrivateThread: "group",
  GuildForum: "group",
  // An announcement channel: a server's staff write, its members read.
  GuildNews: "channel",
};

const THREADS = new Set(["GuildNewsThread", "GuildPublicThread", "GuildPrivateThread"]);

export interface ChatInfo {
  title: string | null;
  kind: ChatKind | undefined;
}

/**
 * The chat an export's `guild` and `channel` describe. A direct or group message is titled as
 * Discord lists it (the other people's names, or the group's name); a server channel as
 * "Server / #channel", a thread under its channel (which DCE writes as the `category`).
 */
export function chatOf(guildValue: unknown, channelValue: unknown): ChatInfo {
  const guild = record(guildValue);
  const channel = record(channelValue);
  const type = str(channel?.type) ?? "";
  const kind = Object.hasOwn(KINDS, type) ? KINDS[type] : undefined;
  const name = str(channel?.name) || null;
  const direct = type === "DirectTextChat" || type === "DirectGroupTextChat";
  const server = str(guild?.name);
  if (direct || !server || name === null) return { title: name, kind };
  const parent = str(channel?.category);
  const title = THREADS.has(type) && parent ? `${server} / #${parent} / ${name}` : `${server} / #${name}`;
  return { title, kind };
}
