import type { Attachment, Message } from "../../src/schema/index.js";

/**
 * Other parsers' expectations (../shared/peer-fixtures/*.expected.json and friends) as
 * rows ChatFerry's messages can be compared with. A field a row leaves out is one the
 * peer does not assert, and is not compared.
 */

/** When: a wall time as written to the minute or second, only the clock ("15:04"), or an instant. */
export type PeerTime = { wall: string } | { clock: string } | { unix: number };

/** "link": a kind ChatFerry has no counterpart for (see the table of deliberate differences). */
export type PeerKind = Message["kind"] | "link";

export interface PeerRow {
  time?: PeerTime;
  sender?: string | null;
  kind?: PeerKind;
  text?: string;
  /** Type and/or name of each attachment, as far as the peer gives them; [] asserts none. */
  attachments?: { type?: Attachment["type"]; name?: string }[];
}

/** A message seen through a row: only the fields the row asserts, in the row's shape. */
export function view(m: Message, row: PeerRow): PeerRow {
  const seen: PeerRow = {};
  if (row.time) {
    if ("wall" in row.time) seen.time = { wall: m.time.slice(0, row.time.wall.length) };
    else if ("clock" in row.time) seen.time = { clock: m.time.slice(11, 16) };
    else seen.time = { unix: Date.parse(m.time) / 1000 };
  }
  if ("sender" in row) seen.sender = m.sender;
  if (row.kind) seen.kind = m.kind;
  if (row.text !== undefined) seen.text = m.text;
  if (row.attachments) {
    const [shape] = row.attachments;
    seen.attachments = (m.attachments ?? []).map((a) => {
      const part: { type?: Attachment["type"]; name?: string } = {};
      if (!shape || shape.type) part.type = a.type;
      if (!shape || shape.name !== undefined) part.name = a.name;
      return part;
    });
  }
  return seen;
}

/** chat-analytics' attachment names. */
const ATTACHMENT_TYPES: Record<string, Attachment["type"]> = { Other: "other", Image: "photo" };

/** ChatLab's media kinds. */
const MEDIA_KINDS: Record<string, Attachment["type"]> = { "media(image)": "photo" };

/** The transcriber's notes inside a value, e.g. `text (chat-analytics joins parts …)`. */
const NOTE = / \((?:chat-analytics|Pustur) [^()]*\)$/;

/** What the shared `messages` arrays of the expected files say (chat-analytics, ChatLab, Pustur, meyfa, line-history-py). */
export interface PeerMessage {
  t?: string;
  unix?: number;
  author?: string | null;
  text?: string;
  kind?: string;
  attachments?: string[];
  attachment?: string | null;
  text_second_line?: string;
}

export function rowOfPeer(p: PeerMessage): PeerRow {
  const row: PeerRow = {};
  if (p.t !== undefined) {
    const t = p.t.replace(" (local)", "");
    row.time = /^\d\d:\d\d$/.test(t) ? { clock: t } : { wall: t };
  }
  if (p.unix !== undefined) row.time = { unix: p.unix };
  if ("author" in p) row.sender = p.author ?? null;
  if (p.text !== undefined) row.text = p.text.replace(NOTE, "");
  if (p.kind !== undefined) {
    const media = MEDIA_KINDS[p.kind];
    if (media) {
      row.kind = "media";
      row.attachments = [{ type: media }];
    } else {
      row.kind = p.kind as PeerKind;
    }
  }
  if (p.attachments) {
    row.kind = "media";
    row.attachments = p.attachments.map((a) => {
      const type = ATTACHMENT_TYPES[a];
      if (!type) throw new Error(`unknown chat-analytics attachment ${a}`);
      return { type };
    });
  }
  if (p.attachment !== undefined) {
    row.kind = p.attachment === null ? "text" : "media";
    row.attachments = p.attachment === null ? [] : [{ name: p.attachment }];
  }
  if (p.text_second_line !== undefined) row.text = p.text_second_line;
  return row;
}

/** chat-miner's target.json: `{ timestamp, author, message }`. */
export function rowOfChatMiner(p: { timestamp: string; author: string; message: string }): PeerRow {
  return { time: { wall: p.timestamp }, sender: p.author, text: p.message };
}

/** ChatLab's LINE types (FILE, LINK, LOCATION, SYSTEM) laid over its rows. */
export function withChatLabType(row: PeerRow, type: string): PeerRow {
  switch (type) {
    case "FILE":
      return { ...row, kind: "media", attachments: [{ type: "file" }] };
    case "LOCATION":
      return { ...row, kind: "media", attachments: [{ type: "location" }] };
    case "LINK":
      return { ...row, kind: "link" };
    case "SYSTEM":
      return { ...row, kind: "system" };
    default:
      throw new Error(`unknown ChatLab type ${type}`);
  }
}
