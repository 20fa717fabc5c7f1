import type { MessageEntity } from "node-telegram-bot-api";
import type { Message } from "../../../schema/index.js";

/**
 * How one source message reads in Telegram: a header (bold sender, then the
 * original time as a `date_time` entity over its literal text, telegram.md
 * §2.3) and a plain body. Entities are built by hand, never parse_mode, so
 * nothing in the chat text can be read as markup. All lengths are UTF-16
 * units, JavaScript's own `.length`, as the Bot API counts them.
 */

export const TEXT_LIMIT = 4096;
export const CAPTION_LIMIT = 1024;
/** Telegram ignores formatting past about 100 entities in one message (telegram.md §2.2). */
export const ENTITY_LIMIT = 100;
/**
 * Long date and short time in the viewer's own locale and zone; the entity's
 * text stays the source's wall time for clients that do not know the entity.
 */
const DATE_FORMAT = "Dt";
/** Room kept in the header of a split message for " (12/13)". */
const PART_SUFFIX_ROOM = 16;

export interface Fragment {
  text: string;
  entities: MessageEntity[];
}

/** The few words the replay itself writes into the chat, in the user's language. */
export interface ReplayWords {
  deleted: string;
  /** An attachment the export names but does not contain. */
  missing(name: string): string;
  /** An attachment over what a bot may upload. */
  tooLarge(name: string, mb: number): string;
  /** The first line of a forwarded message, naming who wrote it first. */
  forwarded(name: string): string;
  /** The header name of the user's own messages. */
  me(name: string): string;
}

export interface Body {
  text: string;
  /** Deletion notices and system events read as notes, not as someone's words. */
  italic: boolean;
  /** A note on a line of its own above the text, in italics: who a forward came from. */
  lead?: string;
}

/** `2024-01-15T15:04:00+09:00` → `2024-01-15 15:04` (seconds only when the export has them). */
export function timeText(iso: string): string {
  const seconds = iso.slice(17, 19);
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)}${seconds === "00" ? "" : `:${seconds}`}`;
}

/** Telegram's own names stop at 64 characters; a longer one (a damaged export) is cut, so a header always leaves room. */
const NAME_MAX = 64;

export function senderName(message: Message): string | null {
  const name = message.sender?.trim();
  if (!name) return null;
  const chars = Array.from(name);
  return chars.length > NAME_MAX ? `${chars.slice(0, NAME_MAX).join("")}…` : name;
}

/** `Sender · 2024-01-15 15:04`, or only the time for system events and unnamed senders. */
export function header(message: Message, suffix = ""): Fragment {
  const time = timeText(message.time);
  const name = senderName(message);
  const entities: MessageEntity[] = [];
  let text = "";
  if (name !== null) {
    entities.push({ type: "bold", offset: 0, length: name.length });
    text = `${name} · `;
  }
  entities.push({
    type: "date_time",
    offset: text.length,
    length: time.length,
    unix_time: Math.floor(Date.parse(message.time) / 1000),
    date_time_format: DATE_FORMAT,
  });
  return { text: text + time + suffix, entities };
}

/**
 * The header on its own line, then the body's lead and text, each on a line of its own;
 * Telegram trims trailing space, so the body loses it here.
 */
export function compose(head: Fragment, body: Body): Fragment {
  const text = body.text.trimEnd();
  if (text === "" && body.lead === undefined) return head;
  const entities = [...head.entities];
  let out = head.text;
  if (body.lead !== undefined) {
    entities.push({ type: "italic", offset: out.length + 1, length: body.lead.length });
    out += `\n${body.lead}`;
  }
  if (text !== "") {
    if (body.italic) entities.push({ type: "italic", offset: out.length + 1, length: text.length });
    out += `\n${text}`;
  }
  return { text: out, entities };
}

/** Fragments one after another, a blank line between, entities moved to their new offsets. */
export function join(fragments: readonly Fragment[]): Fragment {
  let text = "";
  const entities: MessageEntity[] = [];
  for (const fragment of fragments) {
    if (text !== "") text += "\n\n";
    for (const entity of fragment.entities) entities.push({ ...entity, offset: entity.offset + text.length });
    text += fragment.text;
  }
  return { text, entities };
}

/**
 * A message too long for one Telegram message: parts of at most `limit`, each under the header
 * with "(k/n)", the lead in the first.
 */
export function splitMessage(message: Message, body: Body, limit = TEXT_LIMIT): Fragment[] {
  const lead = body.lead === undefined ? 0 : body.lead.length + 1;
  const room = limit - header(message).text.length - 1 - PART_SUFFIX_ROOM - lead;
  const chunks = splitText(body.text.trimEnd(), room);
  return chunks.map((chunk, i) => {
    const part: Body = { text: chunk, italic: body.italic };
    if (i === 0 && body.lead !== undefined) part.lead = body.lead;
    return compose(header(message, ` (${i + 1}/${chunks.length})`), part);
  });
}

const graphemes = new Intl.Segmenter(undefined, { granularity: "grapheme" });
/** Clusters longer than this (stacked diacritics) may be cut; nothing real comes close. */
const CLUSTER_LOOKAHEAD = 64;

/**
 * Cuts text into chunks of at most `limit` units: at a line break in the
 * second half of the window if there is one, else at a space there, else at
 * the last whole character (never inside a surrogate pair or emoji sequence).
 * The break where it cuts is dropped; nothing else is.
 */
export function splitText(text: string, limit: number): string[] {
  const chunks: string[] = [];
  let rest = text;
  while (rest.length > limit) {
    const window = rest.slice(0, limit + 1);
    let cut = window.lastIndexOf("\n");
    if (cut < limit / 2) cut = Math.max(window.lastIndexOf(" "), window.lastIndexOf("\t"));
    if (cut >= limit / 2) {
      chunks.push(rest.slice(0, cut));
      rest = rest.slice(cut + 1);
      continue;
    }
    cut = lastBoundary(rest, limit);
    chunks.push(rest.slice(0, cut));
    rest = rest.slice(cut);
  }
  chunks.push(rest);
  return chunks;
}

/** The last grapheme boundary at or before `limit`. */
function lastBoundary(text: string, limit: number): number {
  let best = 0;
  for (const { index } of graphemes.segment(text.slice(0, limit + CLUSTER_LOOKAHEAD))) {
    if (index > limit) break;
    best = index;
  }
  if (best > 0) return best;
  // One cluster longer than the limit: cut it, but not between the halves of a surrogate pair.
  const code = text.charCodeAt(limit - 1);
  return code >= 0xd800 && code <= 0xdbff ? limit - 1 : limit;
}
