import { createHash } from "node:crypto";
import type { MessageEntity } from "node-telegram-bot-api";
import { matchDigest } from "../../../match.js";
import type { Attachment, Message } from "../../../schema/index.js";
import {
  CAPTION_LIMIT,
  compose,
  ENTITY_LIMIT,
  header,
  join,
  senderName,
  splitMessage,
  TEXT_LIMIT,
  timeText,
  type Body,
  type Fragment,
  type ReplayWords,
} from "./render.js";

/**
 * The plan: what Telegram will receive, as numbered items, computed from the
 * conversation alone. The same input and options always give the same items
 * with the same numbers, which is what lets the journal say "items 0..n are
 * done" and a rerun pick up at n+1. Items stream out as messages stream in;
 * only the text being packed and the album being gathered are held.
 */

export type MediaMethod = "photo" | "video" | "voice" | "audio" | "document";

export interface FileRef {
  /** Attachment.media: where the file is in the input. */
  path: string;
  /** The name Telegram sees; its extension is all Telegram goes by. */
  name: string;
  /** As the export or the input states it; absent when neither does. */
  size?: number;
}

interface ItemBase {
  n: number;
  /** The first source message's time and sender: how the report names the item. */
  label: string;
  /** Source id of the message this item answers (Message.replyTo). */
  replyTo?: string;
  /**
   * Match digests (src/match.ts) of the messages this item finishes: once it
   * is sent they are whole in the chat, and a later export's copies of them
   * are not sent again.
   */
  ends: string[];
}

export interface TextItem extends ItemBase {
  kind: "text";
  text: string;
  entities: MessageEntity[];
  /** Source messages whose first words are in this item. */
  sources: string[];
}

export interface MediaItem extends ItemBase {
  kind: "media";
  method: MediaMethod;
  file: FileRef;
  caption?: Fragment;
  sources: string[];
}

export interface AlbumPhoto {
  file: FileRef;
  caption?: Fragment;
  /** The source message this photo opens, if it is the first of its message. */
  source?: string;
}

export interface AlbumItem extends ItemBase {
  kind: "album";
  photos: AlbumPhoto[];
}

export type Item = TextItem | MediaItem | AlbumItem;

export interface PlanOptions {
  /** Consecutive messages share one Telegram message (the default); false: one (or more) per source message. */
  pack: boolean;
  words: ReplayWords;
  /** The participant who exported the chat (the header's `self`): their messages are headed as the user's own. */
  self?: string;
}

/** Bot API upload ceilings (telegram.md §2.2). */
const PHOTO_MAX = 10 * 1024 * 1024;
const UPLOAD_MAX = 50 * 1024 * 1024;
const ALBUM_MAX = 10;

/** What each Bot API method accepts by extension; anything else goes as a document, which takes every file. */
const METHOD_EXTENSIONS: Record<Exclude<MediaMethod, "document">, ReadonlySet<string>> = {
  photo: new Set(["jpg", "jpeg", "png", "webp"]),
  video: new Set(["mp4"]),
  voice: new Set(["ogg", "oga", "opus", "mp3", "m4a"]),
  audio: new Set(["mp3", "m4a"]),
};

const METHOD_BY_TYPE: Partial<Record<Attachment["type"], Exclude<MediaMethod, "document">>> = {
  photo: "photo",
  video: "video",
  voice: "voice",
  audio: "audio",
};

/** Attachments whose content the message text already carries (Telegram's "Location: …"). */
const TEXTUAL = new Set<Attachment["type"]>(["location", "contact", "poll"]);

/** How many Telegram messages an item makes: what pacing counts (an album of n counts n). */
export function cost(item: Item): number {
  return item.kind === "album" ? item.photos.length : 1;
}

function methodFor(attachment: Attachment, name: string): MediaMethod {
  const method = METHOD_BY_TYPE[attachment.type];
  if (!method) return "document";
  const ext = name.slice(name.lastIndexOf(".") + 1).toLowerCase();
  if (!METHOD_EXTENSIONS[method].has(ext)) return "document";
  if (method === "photo" && (attachment.size ?? 0) > PHOTO_MAX) return "document";
  return method;
}

interface Rendered {
  head: Fragment;
  body: Body;
  files: { method: MediaMethod; file: FileRef }[];
}

function render(message: Message, words: ReplayWords): Rendered {
  const head = header(message);
  if (message.kind === "deleted") return { head, body: { text: words.deleted, italic: true }, files: [] };
  if (message.kind === "system") return { head, body: { text: message.text, italic: true }, files: [] };
  const notes: string[] = [];
  const files: Rendered["files"] = [];
  for (const attachment of message.attachments ?? []) {
    const name = attachment.name ?? (attachment.media === undefined ? undefined : attachment.media.split("/").pop());
    if (attachment.media === undefined || name === undefined) {
      if (!TEXTUAL.has(attachment.type)) notes.push(`📎 ${words.missing(name ?? attachment.type)}`);
    } else if ((attachment.size ?? 0) > UPLOAD_MAX) {
      notes.push(`📎 ${words.tooLarge(name, Math.round((attachment.size ?? 0) / (1024 * 1024)))}`);
    } else {
      const file: FileRef = { path: attachment.media, name };
      if (attachment.size !== undefined) file.size = attachment.size;
      files.push({ method: methodFor(attachment, name), file });
    }
  }
  const text = [message.text, ...notes].filter((s) => s !== "").join("\n");
  const body: Body = { text, italic: false };
  if (message.forwardedFrom !== undefined) body.lead = words.forwarded(message.forwardedFrom);
  return { head, body, files };
}

function label(message: Message): string {
  return `${timeText(message.time)} ${senderName(message) ?? ""}`.trimEnd();
}

interface Pack {
  ends: string[];
  fragments: Fragment[];
  length: number;
  entities: number;
  sources: string[];
  replyTo?: string;
  label: string;
}

interface Album {
  ends: string[];
  photos: AlbumPhoto[];
  replyTo?: string;
  label: string;
}

/** Turns messages, in order, into items; `push` and `end` return the items they complete. */
export class Planner {
  private n = 0;
  private pack: Pack | null = null;
  private album: Album | null = null;
  private out: Item[] = [];
  /** The `ends` of what the message being pushed went into last: its final part. */
  private last: string[] = [];

  constructor(private readonly options: PlanOptions) {}

  push(message: Message): Item[] {
    this.place(this.shown(message));
    this.last.push(matchDigest(message));
    return this.flush();
  }

  /**
   * The message as the chat shows it: a bot posts every message, so the user's own are told
   * apart in the header ("Minji (me)"). Matching and ids keep the export's sender.
   */
  private shown(message: Message): Message {
    const { self } = this.options;
    return self !== undefined && message.sender === self ? { ...message, sender: this.options.words.me(self) } : message;
  }

  private place(message: Message): void {
    const { head, body, files } = render(message, this.options.words);
    const whole = compose(head, body);
    if (files.length === 0) {
      this.addText(message, whole, body);
      return;
    }
    this.closeText();
    const fits = whole.text.length <= CAPTION_LIMIT;
    files.forEach(({ method, file }, i) => {
      const first = i === 0;
      const caption = first ? (fits ? whole : head) : undefined;
      if (method === "photo") {
        this.addPhoto(message, file, caption, first);
      } else {
        this.closeAlbum();
        // A later file of the same message keeps the header, so it is not read as someone else's.
        const item: MediaItem = { kind: "media", n: 0, label: label(message), ends: [], method, file, caption: caption ?? head, sources: first ? [message.id] : [] };
        if (first && message.replyTo !== undefined) item.replyTo = message.replyTo;
        this.emit(item);
      }
    });
    // A caption too long for the media goes right after it as text of its own.
    if (!fits && whole !== head) {
      this.closeAlbum();
      this.addText(message, whole, body, false);
    }
    if (!this.options.pack) this.closeAlbum();
  }

  end(): Item[] {
    this.closeText();
    this.closeAlbum();
    return this.flush();
  }

  private flush(): Item[] {
    const items = this.out;
    this.out = [];
    return items;
  }

  private emit(item: Item): void {
    item.n = this.n++;
    this.last = item.ends;
    this.out.push(item);
  }

  /** `opens`: this text is the message's first appearance, so a reply to it may point here. */
  private addText(message: Message, whole: Fragment, body: Body, opens = true): void {
    this.closeAlbum();
    const replyTo = opens ? message.replyTo : undefined;
    if (whole.text.length > TEXT_LIMIT || whole.entities.length > ENTITY_LIMIT) {
      this.closeText();
      splitMessage(message, body).forEach((part, i) => {
        const item: TextItem = { kind: "text", n: 0, label: label(message), ends: [], ...part, sources: opens && i === 0 ? [message.id] : [] };
        if (i === 0 && replyTo !== undefined) item.replyTo = replyTo;
        this.emit(item);
      });
      return;
    }
    const pack = this.pack;
    // A reply opens its own Telegram message: only a whole message can be a Telegram reply.
    const joins =
      pack !== null &&
      this.options.pack &&
      replyTo === undefined &&
      pack.length + 2 + whole.text.length <= TEXT_LIMIT &&
      pack.entities + whole.entities.length <= ENTITY_LIMIT;
    if (joins) {
      this.last = pack.ends;
      pack.fragments.push(whole);
      pack.length += 2 + whole.text.length;
      pack.entities += whole.entities.length;
      if (opens) pack.sources.push(message.id);
      return;
    }
    this.closeText();
    this.pack = {
      ends: [],
      fragments: [whole],
      length: whole.text.length,
      entities: whole.entities.length,
      sources: opens ? [message.id] : [],
      label: label(message),
    };
    if (replyTo !== undefined) this.pack.replyTo = replyTo;
    this.last = this.pack.ends;
    if (!this.options.pack) this.closeText();
  }

  private closeText(): void {
    const pack = this.pack;
    if (pack === null) return;
    this.pack = null;
    // The item shares the pack's `ends`, so a message still being pushed lands in it.
    const item: TextItem = { kind: "text", n: 0, label: pack.label, ends: pack.ends, ...join(pack.fragments), sources: pack.sources };
    if (pack.replyTo !== undefined) item.replyTo = pack.replyTo;
    this.emit(item);
  }

  private addPhoto(message: Message, file: FileRef, caption: Fragment | undefined, first: boolean): void {
    const replyTo = first ? message.replyTo : undefined;
    const photo: AlbumPhoto = { file };
    if (caption !== undefined) photo.caption = caption;
    if (first) photo.source = message.id;
    const album = this.album;
    const joins =
      album !== null && album.photos.length < ALBUM_MAX && replyTo === undefined && (this.options.pack || !first);
    if (joins) {
      album.photos.push(photo);
      this.last = album.ends;
      return;
    }
    this.closeAlbum();
    this.album = { ends: [], photos: [photo], label: label(message) };
    this.last = this.album.ends;
    if (replyTo !== undefined) this.album.replyTo = replyTo;
  }

  /** An album needs two photos at least; one goes as a plain photo. */
  private closeAlbum(): void {
    const album = this.album;
    if (album === null) return;
    this.album = null;
    const base = { n: 0, label: album.label, ends: album.ends, ...(album.replyTo === undefined ? {} : { replyTo: album.replyTo }) };
    const [only] = album.photos;
    if (album.photos.length === 1 && only) {
      const item: MediaItem = { ...base, kind: "media", method: "photo", file: only.file, sources: only.source === undefined ? [] : [only.source] };
      if (only.caption !== undefined) item.caption = only.caption;
      this.emit(item);
    } else {
      this.emit({ ...base, kind: "album", photos: album.photos });
    }
  }
}

/** Items of a whole message stream. */
export async function* planMessages(messages: AsyncIterable<readonly Message[]>, options: PlanOptions): AsyncGenerator<Item> {
  const planner = new Planner(options);
  for await (const batch of messages) {
    for (const message of batch) yield* planner.push(message);
  }
  yield* planner.end();
}

/** One hash over every item in order: a rerun that plans differently is caught before it sends anything. */
export class PlanDigest {
  private readonly hash = createHash("sha256");

  add(item: Item): void {
    // Without `ends`: they follow from what the item shows, and journals begun before they existed stay valid.
    this.hash.update(JSON.stringify({ ...item, ends: undefined })).update("\n");
  }

  hex(): string {
    return this.hash.digest("hex");
  }
}
