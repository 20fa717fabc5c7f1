import { once } from "node:events";
import { mkdir } from "node:fs/promises";
import { posix, join } from "node:path";
import { createHash } from "node:crypto";
import { ChatFerryError } from "../../errors.js";
import { drain, type Conversation } from "../../pipeline.js";
import type { Attachment, Call, ChatKind, Message, Summary } from "../../schema/index.js";
import { atomicFile, writeError } from "../atomic.js";
import { SignalProfile, type Author, type Copied } from "../signal/profile.js";
import type { SignalWords } from "../signal/words.js";
import { MediaFolders } from "./telegram-media.js";

/**
 * A conversation as Telegram Desktop exports one (`result.json` and media
 * folders; core.telegram.org/import-export), so it can go wherever those go:
 * signalbackup-tools `--importtelegram` turns it into a Signal backup, best with the
 * Signal profile (targets/signal/profile.ts), with which it keeps every message.
 */

/** tdesktop's folder per kind of file. */
const FOLDERS: Partial<Record<Attachment["type"], { folder: string; mediaType?: string }>> = {
  photo: { folder: "photos" },
  video: { folder: "video_files", mediaType: "video_file" },
  gif: { folder: "video_files", mediaType: "animation" },
  voice: { folder: "voice_messages", mediaType: "voice_message" },
  audio: { folder: "files", mediaType: "audio_file" },
  sticker: { folder: "stickers", mediaType: "sticker" },
  // Telegram has no emoticons; a sticker is the nearest thing.
  emoticon: { folder: "stickers", mediaType: "sticker" },
};
const MEDIA_FOLDERS = new Set(["files", ...Object.values(FOLDERS).map((f) => f.folder)]);
const NOT_INCLUDED = "(File not included. Change data exporting settings to download.)";

/**
 * tdesktop's chat `type`: a direct chat's, else a group's, as every chat was before ChatFerry
 * knew the kind (a channel's messages are written under their senders, as a group's). The
 * two are the same length, so that a chat found direct only once its messages are read
 * (normalize/who.ts) is corrected in place.
 */
function chatType(kind: ChatKind | undefined): "personal_chat" | "private_group" {
  return kind === "direct" ? "personal_chat" : "private_group";
}

/** Telegram ids are numbers: a name's stable number stands in for the user id the source lacks. */
function userId(name: string): string {
  return `user${parseInt(createHash("sha256").update(name).digest("hex").slice(0, 10), 16)}`;
}

/** Sources with their own message ids (Telegram) keep them, so replies still point right. */
function numericId(id: string, seq: number): number {
  return ownNumber(id) ?? seq + 1;
}

/**
 * The number of a source's own message id, where it has one. An id past what a JSON number holds
 * exactly is a Discord snowflake: its time (bits 22 and up, milliseconds since 2015) and its
 * per-process counter (the low 12 bits) are kept and the worker bits between them dropped,
 * which fits in 53 bits until about 2084 and stays in order and distinct within a channel; the
 * same for a message and the replies to it.
 */
function ownNumber(id: string): number | undefined {
  const own = /-n(\d+)$/.exec(id);
  if (!own) return undefined;
  const n = Number(own[1]);
  if (Number.isSafeInteger(n)) return n;
  const snowflake = BigInt(own[1]!);
  const kept = Number(((snowflake >> 22n) << 12n) | (snowflake & 0xfffn));
  return Number.isSafeInteger(kept) ? kept : undefined;
}

/** Someone result.json names as an author or a reactor. */
export interface Person {
  id: string;
  name: string;
  /** Whether `from` names them: signalbackup-tools finds a person by name only from what they wrote. */
  wrote: boolean;
}

export interface TelegramJsonResult {
  dir: string;
  summary: Summary;
  media: number;
  /** Entries of result.json's `messages`: a message each, and in the Signal profile one for each further file of a message. */
  records: number;
  /** The chat's `id` in result.json, which signalbackup-tools maps to a Signal conversation. */
  chatId: number;
  /** Everyone with a `from_id` in result.json, in order of appearance. */
  people: Person[];
}

export interface TelegramJsonOptions {
  force?: boolean;
  /** Writes every message in a shape signalbackup-tools keeps (targets/signal/profile.ts), in these words. */
  signal?: SignalWords;
}

/**
 * Writes the export into `dir`, which the user chose (or which was made for this export):
 * `dir` itself is taken as given, while nothing beneath it is followed if it is a link.
 */
export async function writeTelegramJson(conversation: Conversation, dir: string, options: TelegramJsonOptions = {}): Promise<TelegramJsonResult> {
  await mkdir(dir, { recursive: true }).catch((err: unknown) => {
    throw writeError(err, dir);
  });
  const force = options.force ?? false;
  const signal = options.signal && new SignalProfile(options.signal);
  const media = await MediaFolders.open(dir, MEDIA_FOLDERS, force);
  const result = await atomicFile(join(dir, "result.json"), force);
  const copy = async (a: Attachment): Promise<Copied | null> => {
    if (a.media === undefined) return null;
    // The name is the input's: MediaFolders makes it safe, and result.json names the file as written.
    const file = await media.add(FOLDERS[a.type]?.folder ?? "files", posix.basename(a.name ?? a.media), conversation.media.open(a.media, { lent: true }));
    return { attachment: a, ...file };
  };
  const people = new Map<string, Person>();
  const author = ({ name, id = userId(name) }: Author, wrote = true) => {
    const person = people.get(id) ?? { id, name, wrote };
    person.wrote ||= wrote;
    people.set(id, person);
    return { from: name, from_id: id };
  };

  const record = async (m: Message): Promise<object[]> => {
    const date = m.time.slice(0, 19);
    const out: Record<string, unknown> = {
      id: numericId(m.id, m.seq),
      type: m.kind === "system" && !signal ? "service" : "message",
      date,
      date_unixtime: signal ? signal.unixtime(m.time) : String(Math.floor(Date.parse(m.time) / 1000)),
    };
    if (m.edited) {
      out.edited = m.edited.slice(0, 19);
      out.edited_unixtime = String(Math.floor(Date.parse(m.edited) / 1000));
    }
    let text: string;
    const folded: object[] = [];
    if (signal) {
      const written: Copied[] = [];
      for (const a of m.attachments ?? []) {
        const file = await copy(a);
        if (file) written.push(file);
      }
      const shaped = signal.message(m, written);
      Object.assign(out, author(shaped.from));
      text = shaped.text;
      const fileRecord = (f: Copied) => ({ ...(f.attachment.type === "photo" ? { photo: f.path } : fileFields(f.attachment, f.path)), mime_type: signal.mime(f) });
      const [first, ...more] = shaped.files;
      if (first) Object.assign(out, fileRecord(first));
      // Same sender, same instant, no text, no reply: the tool adds these files to the message above.
      for (const f of more) folded.push({ type: "message", date, date_unixtime: out.date_unixtime, ...author(shaped.from), text: "", text_entities: [], ...fileRecord(f) });
    } else {
      const call = m.kind === "system" ? m.call : undefined;
      if (call) {
        Object.assign(out, callFields(call, author));
      } else if (m.kind === "system") {
        Object.assign(out, { actor: null, information_text: m.text });
      } else {
        Object.assign(out, author({ name: m.sender ?? "" }));
        if (m.forwardedFrom !== undefined) out.forwarded_from = m.forwardedFrom;
      }
      const [first, ...more] = m.attachments ?? [];
      if (first) Object.assign(out, await mediaFields(first, copy));
      // Telegram messages hold one file; further ones of the same message are named in the text.
      const extra = more.map((a) => `[${a.type}${a.name ? `: ${a.name}` : ""}]`).join("\n");
      // A call keeps the export's own words in `text`, which the Telegram source reads before describing the call.
      text = [m.kind === "system" && !call ? "" : m.text, extra].filter(Boolean).join("\n");
    }
    if (m.replyTo) {
      const target = ownNumber(m.replyTo);
      if (target !== undefined) out.reply_to_message_id = target;
    }
    out.text = text;
    out.text_entities = text ? [{ type: "plain", text }] : [];
    if (m.reactions?.length || m.reactionCounts?.length) {
      const byEmoji = new Map<string, { by: string[]; more: number }>();
      const of = (emoji: string) => byEmoji.get(emoji) ?? byEmoji.set(emoji, { by: [], more: 0 }).get(emoji)!;
      for (const r of m.reactions ?? []) of(r.emoji).by.push(r.by);
      for (const r of m.reactionCounts ?? []) of(r.emoji).more += r.count;
      out.reactions = [...byEmoji].map(([emoji, { by, more }]) => ({ type: "emoji", count: by.length + more, emoji, recent: by.map((from) => ({ ...author({ name: from }, false), date })) }));
    }
    return [out, ...folded];
  };

  try {
    const header = conversation.header;
    const write = async (text: string) => {
      if (!result.stream.write(text)) await once(result.stream, "drain");
    };
    const chatId = parseInt(header.id.slice(0, 10), 16);
    const beforeType = `{\n "name": ${JSON.stringify(header.title ?? "")},\n "type": "`;
    const type = chatType(header.kind);
    await write(`${beforeType}${type}",\n "id": ${chatId},\n "messages": [`);
    let records = 0;
    const summary = await drain(conversation, async (batch) => {
      for (const m of batch) {
        for (const r of await record(m)) await write(`${records++ === 0 ? "\n  " : ",\n  "}${JSON.stringify(r)}`);
      }
    });
    await write("\n ]\n}\n");
    result.stream.end();
    await once(result.stream, "finish");
    const known = chatType(summary.kind);
    if (known !== type) await result.overwrite(Buffer.byteLength(beforeType), Buffer.from(known));
    await result.sync();
    await media.sync();
    await result.commit();
    return { dir, summary, media: media.count, records, chatId, people: [...people.values()] };
  } catch (err) {
    await result.abort();
    await media.discard();
    throw err instanceof ChatFerryError ? err : writeError(err, join(dir, "result.json"));
  }
}

/**
 * tdesktop's `discard_reason` for an outcome. A call its caller gave up on is
 * recorded by Telegram as missed; an unknown outcome has no reason, as tdesktop
 * writes none. Telegram's export has no word for video, so a video call goes
 * as a call.
 */
const DISCARD_REASONS: Record<Call["outcome"], string | undefined> = {
  answered: "hangup",
  missed: "missed",
  cancelled: "missed",
  declined: "busy",
  unknown: undefined,
};

/** A call as tdesktop writes one: a `phone_call` service message, the caller as its actor where known. */
function callFields(call: Call, author: (who: Author, wrote: boolean) => { from: string; from_id: string }): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  if (call.by !== undefined) {
    const { from, from_id } = author({ name: call.by }, false);
    Object.assign(fields, { actor: from, actor_id: from_id });
  }
  fields.action = "phone_call";
  if (call.seconds) fields.duration_seconds = call.seconds;
  const reason = DISCARD_REASONS[call.outcome];
  if (reason !== undefined) fields.discard_reason = reason;
  return fields;
}

async function mediaFields(a: Attachment, copy: (a: Attachment) => Promise<Copied | null>): Promise<Record<string, unknown>> {
  const path = (await copy(a))?.path ?? (a.name ? `${a.name} ${NOT_INCLUDED}` : NOT_INCLUDED);
  switch (a.type) {
    case "photo":
      return { photo: path };
    case "location":
      return { location_information: {} };
    case "contact":
      return { contact_information: {} };
    case "poll":
      return { poll: { question: "", closed: true, total_voters: 0, answers: [] } };
    default:
      return fileFields(a, path);
  }
}

/** A file as tdesktop describes one: where it is, its name, what kind of media, its MIME type. */
function fileFields(a: Attachment, path: string): Record<string, unknown> {
  const fields: Record<string, unknown> = { file: path };
  if (a.name) fields.file_name = a.name;
  const mediaType = FOLDERS[a.type]?.mediaType;
  if (mediaType) fields.media_type = mediaType;
  if (a.mime) fields.mime_type = a.mime;
  return fields;
}
