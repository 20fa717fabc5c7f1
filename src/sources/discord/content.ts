import { typeFromName } from "../../normalize/media.js";
import type { Attachment } from "../../schema/index.js";
import { record, str } from "../telegram-desktop/types.js";
import type { Senders } from "./senders.js";

const REMOTE = /^[a-z][a-z0-9+.-]*:\/\//i;

/**
 * Where an asset is: `media` when DiscordChatExporter downloaded it (`--media`: a path relative
 * to the export file, with the exporting system's separators, so `\` on Windows), else the
 * `link` it left, a Discord CDN address. Discord signs such addresses to expire within a day
 * (since 2023), but it is all the export keeps of the file, so it stays in the text as a link.
 */
function where(url: string | undefined): { media?: string; link?: string } {
  if (url === undefined || url === "") return {};
  return REMOTE.test(url) ? { link: url } : { media: url.replaceAll("\\", "/") };
}

/** The file name at the end of a path or address, without its query. */
export function lastPart(path: string | undefined): string | undefined {
  if (path === undefined) return undefined;
  const bare = path.split("?")[0]!;
  return bare.slice(bare.lastIndexOf("/") + 1) || undefined;
}

function size(value: unknown): number | undefined {
  return typeof value === "number" && Number.isSafeInteger(value) && value >= 0 ? value : undefined;
}

/** What a message's files and cards add: attachments, and the links and titles kept as text. */
export interface Extras {
  attachments: Attachment[];
  lines: string[];
}

/** `attachments`: each a file, its type by extension; `fileSizeBytes` is its size. */
export function addAttachments(value: unknown, extras: Extras): void {
  if (!Array.isArray(value)) return;
  for (const item of value) {
    const a = record(item);
    if (!a) continue;
    const { media, link } = where(str(a.url));
    const name = str(a.fileName) || lastPart(media ?? link);
    const attachment: Attachment = { type: typeFromName(name ?? "") };
    if (name) attachment.name = name;
    if (media) attachment.media = media;
    const bytes = size(a.fileSizeBytes);
    if (bytes !== undefined) attachment.size = bytes;
    extras.attachments.push(attachment);
    if (link) extras.lines.push(link);
  }
}

/** `stickers`: each a sticker attachment by its name; a Lottie sticker's file is JSON, kept as a file all the same. */
export function addStickers(value: unknown, extras: Extras): void {
  if (!Array.isArray(value)) return;
  for (const item of value) {
    const s = record(item);
    if (!s) continue;
    const { media } = where(str(s.sourceUrl));
    const attachment: Attachment = { type: "sticker" };
    const name = str(s.name);
    if (name) attachment.name = name;
    if (media) attachment.media = media;
    extras.attachments.push(attachment);
  }
}

/**
 * `embeds`: the card Discord shows under a link or a bot's message. A preview of a link the
 * message holds keeps its title (the page's summary is the page's, not anyone's words); any
 * other card is what someone or some bot said, and keeps its title, link, description and each
 * field as "name: value", so nothing it says is lost.
 */
export function addEmbeds(value: unknown, content: string, extras: Extras): void {
  if (!Array.isArray(value)) return;
  for (const item of value) {
    const e = record(item);
    if (!e) continue;
    const title = str(e.title)?.trim() || undefined;
    const url = str(e.url) || undefined;
    if (title !== undefined) extras.lines.push(title);
    if (url !== undefined && content.includes(url)) continue;
    if (url !== undefined) extras.lines.push(url);
    const description = str(e.description)?.trim();
    if (description) extras.lines.push(description);
    for (const field of Array.isArray(e.fields) ? e.fields : []) {
      const f = record(field);
      const [name, text] = [str(f?.name)?.trim() ?? "", str(f?.value)?.trim() ?? ""];
      if (name || text) extras.lines.push(name && text ? `${name}: ${text}` : name || text);
    }
  }
}

/** A reaction's emoji as the message text writes one: the character, or `:name:` for a server's own. */
function emojiOf(value: unknown): string {
  const e = record(value);
  const name = str(e?.name) ?? "";
  const custom = (str(e?.id) ?? "") !== "";
  if (custom) return `:${name}:`;
  return name || "[reaction]";
}

export interface Reactions {
  named: { emoji: string; by: string }[];
  counted: { emoji: string; count: number }[];
}

/**
 * `reactions`: each person in `users` (DCE since 2.40) reacted; where the export gives only a
 * `count`, or fewer users than it, the rest are counted, not named: nobody is made up.
 */
export function reactionsOf(value: unknown, senders: Senders): Reactions {
  const out: Reactions = { named: [], counted: [] };
  if (!Array.isArray(value)) return out;
  for (const item of value) {
    const r = record(item);
    if (!r) continue;
    const emoji = emojiOf(r.emoji);
    const users = Array.isArray(r.users) ? r.users : [];
    for (const user of users) out.named.push({ emoji, by: senders.of(user) });
    const count = size(r.count) ?? 0;
    if (count > users.length) out.counted.push({ emoji, count: count - users.length });
  }
  return out;
}
