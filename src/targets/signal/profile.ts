import type { Attachment, Message } from "../../schema/index.js";
import { mimeOf } from "./mime.js";
import type { SignalWords } from "./words.js";

/**
 * The Telegram-JSON export shaped for signalbackup-tools `--importtelegram`, so that
 * every message arrives in Signal. Read from its source (signalbackup/tgimportmessages.cc,
 * tgsetattachment.cc, tgmapcontacts.cc, jsondatabase/jsondatabase.cc), the tool
 *
 * - skips every record whose `type` is not "message": service messages, calls among them;
 * - skips every record with a `poll`;
 * - deletes a message without text whose file it cannot attach ("Failed to set attachment
 *   on otherwise empty message"): a file that is missing, empty, over Signal's 100 MiB,
 *   or of a type it cannot tell from the bytes (anything but JPEG, PNG, GIF and WebP)
 *   when the record gives no `mime_type`;
 * - inserts a message with neither text nor file as an empty bubble ("Maybe inserted empty
 *   message"): a location or contact without coordinates or vCard, a message whose text
 *   the export left empty;
 * - stops the whole chat at a `from_id` nobody mapped to a Signal recipient;
 * - drops `forwarded_from` (unless told `--jsonprependforward`, in English), and reads the
 *   text from `text_entities` only;
 * - folds a record without text, reply or caption but with a file into the message before it
 *   when both have the same sender and the same `date_unixtime` (its way to carry albums).
 *
 * So every message here is a "message" from someone, with a text whenever no file of its
 * own will arrive, and with its files typed. Notices and calls become text from the
 * notices' sender (NOTICES_ID, which the user maps to themselves), the caller where known;
 * what the export lacks reads `[Photo]`; a poll, location or contact is its text; a forward
 * starts with its origin in the user's language. A message's further files go on records
 * of their own that the tool folds into it, and no other two messages share an instant.
 */

/** signalbackup-tools' limit: a larger file is skipped (tgSetAttachment), as is an empty one. */
const SIGNAL_FILE_LIMIT = 100 * 1024 * 1024;

/** Notices' from_id: Telegram's user ids start at 1, and ChatFerry's stand-ins are hashes of names. */
export const NOTICES_ID = "user0";

/** An attachment's file as written into the export. */
export interface Copied {
  attachment: Attachment;
  /** As result.json names it, relative to its folder. */
  path: string;
  size: number;
}

/** Who a record is from: a name, and the notices' own id where it is the notices' sender. */
export interface Author {
  name: string;
  id?: string;
}

export interface SignalMessage {
  from: Author;
  /** Never empty unless `files` has one. */
  text: string;
  /** Files Signal will attach, the first on the message's own record, the rest on records that fold into it. */
  files: Copied[];
}

export class SignalProfile {
  private second = Number.NaN;
  private index = 0;

  constructor(private readonly words: SignalWords) {}

  /**
   * The record's `date_unixtime`, in milliseconds (the tool reads 12 digits and more so).
   * Messages in one second (every message of a minute, in a minute-precision export) get
   * one millisecond each in their order: Signal then keeps them in that order, and the
   * tool never folds one into the other. The shift stays inside the second unless a
   * second holds a thousand messages; time running back starts a new count.
   */
  unixtime(time: string): string {
    const second = Math.floor(Date.parse(time) / 1000);
    this.index = second === this.second ? this.index + 1 : 0;
    this.second = second;
    return String(second * 1000 + this.index);
  }

  /** The message in a shape the tool keeps, given the files of it that were written. */
  message(m: Message, written: readonly Copied[]): SignalMessage {
    const { words } = this;
    const files = written.filter((c) => c.size > 0 && c.size <= SIGNAL_FILE_LIMIT);
    const arriving = new Set(files.map((c) => c.attachment));
    const lines: string[] = [];
    if (m.forwardedFrom !== undefined) lines.push(words.forwarded(m.forwardedFrom));
    if (m.kind === "system") lines.push(words.notice(m.text));
    else if (m.kind === "deleted") lines.push(m.text || words.deleted);
    else if (m.text !== "") lines.push(m.text);
    for (const a of m.attachments ?? []) if (!arriving.has(a)) lines.push(words.attachment(a.type, a.name));
    const text = lines.length === 0 && files.length === 0 ? words.empty : lines.join("\n");
    return { from: this.author(m), text, files };
  }

  /** Always given: without it the tool skips every file but JPEG, PNG, GIF and WebP. */
  mime(file: Copied): string {
    return file.attachment.mime ?? mimeOf(file.path);
  }

  private author(m: Message): Author {
    const notices = { name: this.words.notices, id: NOTICES_ID };
    if (m.kind === "system") return m.call?.by ? { name: m.call.by } : notices;
    return m.sender ? { name: m.sender } : notices;
  }
}
