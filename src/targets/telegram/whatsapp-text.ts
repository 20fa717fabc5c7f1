import { posix } from "node:path";
import type { Attachment, Message } from "../../schema/index.js";
import { forwardedLine } from "../forwarded.js";
import { safeName } from "../safe-name.js";

/**
 * Messages written as a WhatsApp iOS chat export (`_chat.txt`), the format
 * Telegram's importer reads best (telegram.md §3.3):
 * `[2023/12/31, 21:10:00] Name: text`, attachments as
 * `‎<attached: 00000012-PHOTO-2023-12-31-21-10-00.jpg>`, notices in the
 * group's name after U+200E, as WhatsApp writes them.
 */

const LRM = "\u200e";
/** WhatsApp's own wording; Telegram's importer was written against it. */
export const DELETED_TEXT = "This message was deleted.";

const OMITTED: Record<Attachment["type"], string> = {
  photo: "image omitted",
  video: "video omitted",
  gif: "GIF omitted",
  audio: "audio omitted",
  voice: "audio omitted",
  sticker: "sticker omitted",
  emoticon: "sticker omitted",
  contact: "Contact card omitted",
  file: "document omitted",
  location: "Location omitted",
  poll: "POLL omitted",
  other: "document omitted",
};

const TEXTUAL = new Set<Attachment["type"]>(["location", "poll"]);

/** Zip names Telegram's apps type by pattern: `.jpg` photo, `N-VIDEO-….mp4`, `N-STICKER-….webp`, `N-AUDIO-….opus`. */
const TYPED: Partial<Record<Attachment["type"], { word: string; ext: string[] }>> = {
  photo: { word: "PHOTO", ext: [".jpg", ".jpeg"] },
  video: { word: "VIDEO", ext: [".mp4"] },
  sticker: { word: "STICKER", ext: [".webp"] },
  voice: { word: "AUDIO", ext: [".opus"] },
};

export interface PackedMedia {
  /** The name in the zip, exactly as `_chat.txt` references it. */
  name: string;
  /** Where the file is in the input (Attachment.media). */
  source: string;
}

/**
 * `2023-12-31T21:10:00+09:00` → `2023/12/31, 21:10:00`: the wall time the export showed,
 * year first, as iPhones in several locales write it. Day first, a chat whose days are
 * all 12 or less reads just as well month first, and Telegram's server would pick one
 * without saying; with the year first no reader has a choice to make.
 */
function stamp(time: string): string {
  return `${time.slice(0, 4)}/${time.slice(5, 7)}/${time.slice(8, 10)}, ${time.slice(11, 19)}`;
}

/** A line that would read as a new message is kept as text by a leading word joiner. */
function guardLine(line: string): string {
  return line.charCodeAt(0) === 91 /* [ */ && line.charCodeAt(1) >= 48 && line.charCodeAt(1) <= 57 ? `\u2060${line}` : line;
}

function body(text: string): string {
  return text.split("\n").map(guardLine).join("\n");
}

/**
 * A message's words, a forward's mark as their first line. WhatsApp writes a file
 * first and its caption below it, so on media the mark opens the caption.
 */
function said(message: Message): string {
  if (message.forwardedFrom === undefined) return message.text;
  return message.text ? `${forwardedLine(message.forwardedFrom)}\n${message.text}` : forwardedLine(message.forwardedFrom);
}

/** The user's own name in the chat and the name Telegram knows them by (`--me-as`). */
export interface Rename {
  from: string;
  to: string;
}

/** Writes messages one by one; numbers media files as WhatsApp does. */
export class WhatsAppWriter {
  private counter = 0;
  readonly media: PackedMedia[] = [];
  /**
   * Every name a line is written under. Telegram's server takes a file with two names for a
   * private chat and more for a group (telegram.md §3.1; filippz/telegram_import#5), so the
   * package's shape is told from these.
   */
  readonly names = new Set<string>();

  /**
   * `title` speaks notices, as the group does in a WhatsApp export (and the other person in a
   * one-to-one one, whose name a direct chat's title is). `rename` writes the user's own
   * messages under the name Telegram matches to the importing account, so they land on the
   * user's side.
   */
  constructor(
    private readonly title: string,
    private readonly rename?: Rename,
  ) {}

  /**
   * The `_chat.txt` lines of one message: one WhatsApp message per attachment, as WhatsApp has no albums.
   * A call stays a notice in the export's own words: WhatsApp's call lines ("Voice call, 3 min") are
   * not known to become anything but text in Telegram's importer, whose parser is not public.
   */
  lines(message: Message): string {
    const head = `[${stamp(message.time)}] `;
    const who = message.kind === "system" ? this.title : this.author(message.sender);
    this.names.add(who);
    switch (message.kind) {
      case "system":
        return `${head}${who}: ${LRM}${body(message.text)}\n`;
      case "deleted":
        return `${head}${who}: ${LRM}${DELETED_TEXT}\n`;
      case "text":
        return `${head}${who}: ${body(said(message))}\n`;
      case "media": {
        const attachments = message.attachments?.length ? message.attachments : [{ type: "other" as const }];
        const text = said(message);
        // WhatsApp writes a place or a poll as text ("Location: https://…"); there is no file to omit.
        const [only] = attachments;
        if (attachments.length === 1 && only!.media === undefined && TEXTUAL.has(only!.type) && text) {
          return `${head}${who}: ${body(text)}\n`;
        }
        return attachments
          .map((a, i) => {
            const caption = i === 0 && text ? `\n${body(text)}` : "";
            return `${head}${who}: ${LRM}${this.attachment(a, message.time)}${caption}\n`;
          })
          .join("");
      }
    }
  }

  private author(sender: string | null): string {
    if (sender === null || sender === "") return this.title;
    return this.rename !== undefined && sender === this.rename.from ? this.rename.to : sender;
  }

  private attachment(a: Attachment, time: string): string {
    if (a.media === undefined) return OMITTED[a.type];
    const n = String(++this.counter).padStart(8, "0");
    // A WhatsApp source's own number ("00000014-") gives way to this package's.
    const original = posix.basename(a.name ?? a.media).replace(/^\d{8}-/, "");
    const ext = posix.extname(original).toLowerCase();
    const typed = TYPED[a.type];
    const stampWord = time.slice(0, 19).replace(/[T:]/g, "-");
    // The number keeps names unique; safeName keeps the input's part from being a path, a
    // second line or a `>` that would end the `<attached: …>` reference early.
    const name =
      typed && typed.ext.includes(ext)
        ? `${n}-${typed.word}-${stampWord}${ext === ".jpeg" ? ".jpg" : ext}`
        : safeName(`${n}-${original}`);
    this.media.push({ name, source: a.media });
    return `<attached: ${name}>`;
  }
}
