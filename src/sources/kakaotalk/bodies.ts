import { typeFromName } from "../../normalize/media.js";
import type { Attachment, AttachmentType } from "../../schema/index.js";
import { rawMessage, type MessageAccumulator } from "../accumulator.js";
import { readCall, type CallEvent } from "./calls.js";
import { isDeletionNotice, trimTrailing } from "./notices.js";

/** What a KakaoTalk message body turns out to be. */
export type Body =
  | { kind: "text" }
  | { kind: "deleted"; text: string }
  | { kind: "media"; attachments: Attachment[]; text: string }
  | { kind: "call"; call: CallEvent; text: string };

/** Whole-body placeholders, Korean and English UI (formats.md §1.3, §1.4, §1.6). */
const PLACEHOLDERS = new Map<string, AttachmentType>([
  ["사진", "photo"],
  ["<사진>", "photo"],
  ["(사진)", "photo"],
  ["동영상", "video"],
  ["이모티콘", "emoticon"],
  ["(이모티콘)", "emoticon"],
  ["음성메시지", "voice"],
  ["Photo", "photo"],
  ["photo", "photo"], // 2015, both UIs
  ["video", "video"], // [M] beside 2015's "photo"
  ["<Photo>", "photo"],
  ["(Photo)", "photo"],
  ["Video", "video"],
  ["Emoticon", "emoticon"],
  ["Emoticons", "emoticon"],
  ["(emoticon)", "emoticon"],
  ["Voice Message", "voice"],
]);

/** The sender's own tombstone (pre-2025 display). */
const DELETED_BY_SENDER = new Set(["삭제된 메시지입니다.", "This message was deleted."]);

/** Android "all messages" exports name each media file by 64 hex digits. */
const HEX_MEDIA = /^[0-9a-f]{64}\.[0-9A-Za-z]{2,5}$/;

/**
 * Android writes media it never downloaded as `<사진 읽지 않음>` / `<Photo Unread>` (seen
 * once as `‹사진 읽지 않음>`); the other types follow the same pattern [M].
 */
const UNREAD_TYPES = new Map<string, AttachmentType>([
  ["사진", "photo"],
  ["동영상", "video"],
  ["음성메시지", "voice"],
  ["파일", "file"],
  ["이모티콘", "emoticon"],
  ["Photo", "photo"],
  ["Video", "video"],
  ["Voice Message", "voice"],
  ["File", "file"],
  ["Emoticon", "emoticon"],
]);
const UNREAD_SUFFIXES = [" 읽지 않음", " Unread", " unread"];

/** "사진 3장" (PC, Mac), "동영상 2개" (a parser's list). */
const COUNTED = /^(사진|동영상) (\d{1,3})(장|개)$/;
const EMOTICON_PACK = "(이모티콘_";

/** Most bodies are plain text: one shared answer, nothing allocated. */
const TEXT: Body = { kind: "text" };

/** `body` as the export writes it; placeholders are matched without trailing spaces (iOS adds one). */
export function classifyBody(body: string): Body {
  const last = body.charCodeAt(body.length - 1);
  const bare = last === 32 || last === 9 ? trimTrailing(body) : body;
  const placeholder = PLACEHOLDERS.get(bare);
  if (placeholder) return media([{ type: placeholder }]);
  if (DELETED_BY_SENDER.has(bare) || isDeletionNotice(bare)) return { kind: "deleted", text: bare };
  // Every other shape is told by its first character; most text fails right there.
  const first = bare.charCodeAt(0);
  switch (first) {
    case 60 /* < */:
    case 0x2039 /* ‹ */: {
      const unread = unreadMedia(bare);
      return unread ? media([unread]) : TEXT;
    }
    case 40 /* ( */:
      return emoticonWithWords(body, "(이모티콘) ") ?? emoticonWithWords(body, "(emoticon) ") ?? emoticonOfPack(body) ?? TEXT;
    case 0xc774 /* 이 */:
      return emoticonWithWords(body, "이모티콘 ") ?? TEXT;
    case 0xd30c /* 파 */:
      return bare.startsWith("파일: ") ? media([{ type: "file", name: fileName(bare.slice(4)) }]) : TEXT;
    case 0xc0ac /* 사 */:
    case 0xb3d9 /* 동 */: {
      const counted = COUNTED.exec(bare);
      if (!counted) return TEXT;
      const type = counted[1] === "사진" ? "photo" : "video";
      return media(Array.from({ length: Number(counted[2]) }, () => ({ type }) as Attachment));
    }
    case 70 /* F */:
      if (bare.startsWith("File: ")) return media([{ type: "file", name: fileName(bare.slice(6)) }]);
      return called(bare);
    case 0xbcf4 /* 보 */:
    case 0xd398 /* 페 */:
    case 0xbd80 /* 부 */:
    case 86 /* V */:
    case 77 /* M */:
      return called(bare);
    default:
      return bare.length >= 67 && bare.length <= 70 && HEX_MEDIA.test(bare) ? media([hexAttachment(bare)]) : TEXT;
  }
}

function called(bare: string): Body {
  const call = readCall(bare);
  return call ? { kind: "call", call, text: bare } : TEXT;
}

/** An emoticon sent with words: the words are the message, as written. */
function emoticonWithWords(body: string, prefix: string): Body | null {
  return body.startsWith(prefix) ? media([{ type: "emoticon" }], body.slice(prefix.length)) : null;
}

/** 2013: the emoticon's pack in the placeholder, "(이모티콘_카카오프렌즈)", words may follow. */
function emoticonOfPack(body: string): Body | null {
  if (!body.startsWith(EMOTICON_PACK)) return null;
  const close = body.indexOf(")");
  if (close <= EMOTICON_PACK.length) return null;
  // The pack's name is not a file name: given as one, media linking would look for it.
  const words = body.slice(close + 1);
  return media([{ type: "emoticon" }], words.charCodeAt(0) === 32 ? words.slice(1) : words);
}

/**
 * A line that adds an attachment to the media message before it: Android writes the
 * second and later photos sent at once one a line, by file name or as unread.
 */
export function followingAttachment(line: string): Attachment | null {
  const first = line.charCodeAt(0);
  if (first === 60 || first === 0x2039) return unreadMedia(line);
  return line.length >= 67 && line.length <= 70 && HEX_MEDIA.test(line) ? hexAttachment(line) : null;
}

function unreadMedia(text: string): Attachment | null {
  const end = text.charCodeAt(text.length - 1);
  if (end !== 62 /* > */ && end !== 0x203a /* › */) return null;
  const inner = text.slice(1, -1);
  for (const suffix of UNREAD_SUFFIXES) {
    if (!inner.endsWith(suffix)) continue;
    const type = UNREAD_TYPES.get(inner.slice(0, -suffix.length));
    return type ? { type } : null;
  }
  return null;
}

function hexAttachment(name: string): Attachment {
  return { type: typeFromName(name), name };
}

function media(attachments: Attachment[], text = ""): Body {
  return { kind: "media", attachments, text };
}

/** Android writes some file names URL-encoded (`파일: %EA%B3%B5….pdf`). */
function fileName(raw: string): string {
  if (!/%[0-9A-Fa-f]{2}/.test(raw)) return raw;
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/**
 * Starts the message a sender's line holds. A call is an event, not something said:
 * kind "system", no sender, the caller in `call.by`.
 */
export function startSenderMessage(acc: MessageAccumulator, sender: string, wall: number, text: string, line: number, inferred = false): void {
  const body = classifyBody(text);
  switch (body.kind) {
    case "media":
      acc.start(rawMessage("media", sender, wall, body.text, body.attachments, line, inferred), body.text !== "");
      return;
    case "deleted":
      acc.start(rawMessage("deleted", sender, wall, body.text, null, line, inferred));
      return;
    case "call": {
      const { media, outcome, seconds } = body.call;
      const message = rawMessage("system", null, wall, body.text, null, line, inferred);
      message.call = seconds === undefined ? { media, outcome, by: sender } : { media, outcome, seconds, by: sender };
      acc.start(message);
      return;
    }
    default:
      acc.start(rawMessage("text", sender, wall, text, null, line, inferred));
  }
}
