import { typeFromName } from "../../normalize/media.js";
import type { Attachment, AttachmentType } from "../../schema/index.js";
import { rawMessage, type MessageAccumulator } from "../accumulator.js";
import { anyOf } from "../literal.js";
import { readCall, type CallEvent } from "./calls.js";
import { isDeletionNotice, trimTrailing } from "./notices.js";

/** What a KakaoTalk message body turns out to be. */
export type Body =
  | { kind: "text" }
  | { kind: "deleted"; text: string }
  | { kind: "media"; attachments: Attachment[]; text: string }
  | { kind: "call"; call: CallEvent; text: string };

/**
 * Whole-body placeholders, Korean and English UI (formats.md §1.3, §1.4, §1.6). The
 * `(이모티콘)` family, with its titles, packs and words, is read by `emoticonAt`.
 */
const PLACEHOLDERS = new Map<string, AttachmentType>([
  ["사진", "photo"],
  ["<사진>", "photo"],
  ["(사진)", "photo"],
  ["동영상", "video"],
  ["이모티콘", "emoticon"],
  ["음성메시지", "voice"],
  ["음성 메시지", "voice"], // [M] spaced as in 2013's "<음성 메시지 읽지 않음>"
  ["Photo", "photo"],
  ["photo", "photo"], // 2015, both UIs
  ["video", "video"], // [M] beside 2015's "photo"
  ["<Photo>", "photo"],
  ["(Photo)", "photo"],
  ["Video", "video"],
  ["Emoticon", "emoticon"],
  ["Emoticons", "emoticon"],
  ["Voice Message", "voice"],
]);

/** The sender's own tombstone (pre-2025 display). */
const DELETED_BY_SENDER = new Set(["삭제된 메시지입니다.", "This message was deleted."]);

/** Android "all messages" exports name each media file by 64 hex digits. */
const HEX_NAME = "[0-9a-f]{64}\\.[0-9A-Za-z]{2,5}";
const HEX_MEDIA = new RegExp(`^${HEX_NAME}$`);
/** The same name where it stands in a line (src/redact/ keeps it whole). */
export const MADE_NAMES = new RegExp(HEX_NAME, "y");

/**
 * Android writes media it never downloaded as `<사진 읽지 않음>` / `<Photo Unread>` (seen
 * once as `‹사진 읽지 않음>`; 2013 writes `<음성 메시지 읽지 않음>` with a space). Types are
 * looked up without spaces and in lower case, so every spacing of every type is read [M].
 */
const UNREAD_TYPES = new Map<string, AttachmentType>([
  ["사진", "photo"],
  ["동영상", "video"],
  ["음성메시지", "voice"],
  ["파일", "file"],
  ["이모티콘", "emoticon"],
  ["photo", "photo"],
  ["video", "video"],
  ["voicemessage", "voice"],
  ["file", "file"],
  ["emoticon", "emoticon"],
]);
const UNREAD_SUFFIXES = ["읽지 않음", "읽지않음", "Unread", "unread"];
const CONTACT_WORDS = ["연락처", "Contact"]; // English [M]
const UNREAD_CONTACT = new RegExp(`^${anyOf(CONTACT_WORDS)} ?:`);
const SPACES = / /g;

/** "사진 3장" (PC, Mac), "동영상 2개" (a parser's list). */
const COUNTED = /^(사진|동영상) (\d{1,3})(장|개)$/;
/**
 * The emoticon marker, by its first character, in both UIs and both cases: `(이모티콘)`,
 * `(emoticon)` (2013 Android, 2015 iOS), `(Emoticon)` (2013 iOS, 2015 Mac CSV).
 */
const EMOTICON_MARKERS = new Map<number, string>([
  [0xc774 /* 이 */, "이모티콘"],
  [101 /* e */, "emoticon"],
  [69 /* E */, "Emoticon"],
]);
/** Emoticon titles are a few words ("최고", "Have a good day"); longer runs are someone writing. */
const MAX_TITLE = 24;
/** A poll posted on the chat's board (PC 2023–2025); its question follows. */
const BOARD_POLL = "톡게시판 '투표': ";
/** A file's name follows these. */
const FILE_KO = "파일: ";
const FILE_EN = "File: ";

/** The export's own words in bodies, for a redacted sample (src/redact/). */
export const BODY_WORDS: readonly string[] = [
  ...PLACEHOLDERS.keys(),
  ...DELETED_BY_SENDER,
  ...UNREAD_TYPES.keys(),
  ...UNREAD_SUFFIXES,
  ...CONTACT_WORDS,
  ...EMOTICON_MARKERS.values(),
  BOARD_POLL,
  FILE_KO,
  FILE_EN,
];

/** Most bodies are plain text: one shared answer, nothing allocated. */
const TEXT: Body = { kind: "text" };

/** `body` as the export writes it; placeholders are matched without trailing spaces (iOS adds one). */
export function classifyBody(body: string): Body {
  const last = body.charCodeAt(body.length - 1);
  const bare = last === 32 || last === 9 ? trimTrailing(body) : body;
  const placeholder = PLACEHOLDERS.get(bare);
  if (placeholder) return media([{ type: placeholder }]);
  if (DELETED_BY_SENDER.has(bare) || isDeletionNotice(bare)) return { kind: "deleted", text: bare };
  return byFirstCharacter(body, bare) ?? titledEmoticon(body) ?? TEXT;
}

/** Every other shape is told by its first character; most text fails right there. */
function byFirstCharacter(body: string, bare: string): Body | null {
  switch (bare.charCodeAt(0)) {
    case 60 /* < */:
    case 0x2039 /* ‹ */: {
      const inner = unreadInner(bare);
      if (inner === null) return null;
      const type = unreadType(inner);
      if (type) return media([{ type }]);
      // A contact card keeps the name it shows: "<연락처:민지 읽지 않음>" (2013).
      return UNREAD_CONTACT.test(inner) ? media([{ type: "contact" }], inner) : null;
    }
    case 40 /* ( */:
      return emoticonAt(body, 0);
    case 0xd30c /* 파 */:
      return bare.startsWith(FILE_KO) ? media([{ type: "file", name: fileName(bare.slice(FILE_KO.length)) }]) : null;
    case 0xc0ac /* 사 */:
    case 0xb3d9 /* 동 */: {
      const counted = COUNTED.exec(bare);
      if (!counted) return null;
      const type = counted[1] === "사진" ? "photo" : "video";
      return media(Array.from({ length: Number(counted[2]) }, () => ({ type }) as Attachment));
    }
    case 0xd1a1 /* 톡 */:
      // The question is kept with the board's words, which say what was posted.
      return bare.startsWith(BOARD_POLL) && bare.length > BOARD_POLL.length ? media([{ type: "poll" }], bare) : null;
    case 70 /* F */:
      if (bare.startsWith(FILE_EN)) return media([{ type: "file", name: fileName(bare.slice(FILE_EN.length)) }]);
      return called(bare);
    case 0xbcf4 /* 보 */:
    case 0xd398 /* 페 */:
    case 0xbd80 /* 부 */:
    case 86 /* V */:
    case 77 /* M */:
      return called(bare);
    default:
      return bare.length >= 67 && bare.length <= 70 && HEX_MEDIA.test(bare) ? media([hexAttachment(bare)]) : null;
  }
}

/**
 * Whether a body is all the app's own text: a placeholder ("사진 3장", a hex file name), a
 * call ("보이스톡 0:17") or a deletion, with nothing anyone wrote in it (src/redact/ keeps it whole).
 */
export function isAppBody(body: string): boolean {
  const found = classifyBody(body);
  if (found.kind === "deleted" || found.kind === "call") return true;
  return found.kind === "media" && found.text === "" && found.attachments.every((a) => a.name === undefined || HEX_MEDIA.test(a.name));
}

function called(bare: string): Body | null {
  const call = readCall(bare);
  return call ? { kind: "call", call, text: bare } : null;
}

/**
 * An emoticon whose title stands before the marker ("최고(이모티콘)", "Cool~(Emoticon) ").
 * Only the first few characters are looked at, and only a "(" right after a non-space
 * starts a marker, so ordinary text costs a short loop and "저 (이모티콘) 뭐야" stays text.
 */
function titledEmoticon(body: string): Body | null {
  const end = Math.min(body.length - 6, MAX_TITLE); // the shortest marker, "(이모티콘)", is 6 long
  for (let i = 1; i <= end; i++) {
    if (body.charCodeAt(i) !== 40 /* ( */) continue;
    const before = body.charCodeAt(i - 1);
    return before === 32 || before === 9 ? null : emoticonAt(body, i);
  }
  return null;
}

/**
 * The emoticon placeholder whose "(" is at `open`, in every shape the exports write:
 * `(이모티콘)`, a pack's name after "_" (2013–2014: `(이모티콘_카카오프렌즈)`,
 * `(emoticon_Muzi and Friends) `), a title before it, words after it (`(이모티콘)반가워요`,
 * `(이모티콘) 좋아요`). The title is the emoticon's own text ("최고"): kept as the message's
 * text, on a line of its own above any words. A pack's name is not a file name and is
 * left out: given as one, media linking would look for it.
 */
function emoticonAt(body: string, open: number): Body | null {
  const marker = EMOTICON_MARKERS.get(body.charCodeAt(open + 1));
  if (marker === undefined || !body.startsWith(marker, open + 1)) return null;
  let close = open + 1 + marker.length;
  if (body.charCodeAt(close) === 95 /* _ */) {
    const end = body.indexOf(")", close + 2);
    if (end < 0 || end - close > 41) return null;
    close = end;
  } else if (body.charCodeAt(close) !== 41 /* ) */) {
    return null;
  }
  const words = wordsAfter(body, close + 1);
  if (open === 0) return media([{ type: "emoticon" }], words);
  const title = body.slice(0, open).trim();
  return media([{ type: "emoticon" }], words === "" ? title : title === "" ? words : `${title}\n${words}`);
}

/** The words after a placeholder, as written, less the one space that parts them from it. */
function wordsAfter(body: string, at: number): string {
  const start = body.charCodeAt(at) === 32 ? at + 1 : at;
  for (let i = start; i < body.length; i++) if (body.charCodeAt(i) !== 32) return body.slice(start);
  return "";
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
  const inner = unreadInner(text);
  const type = inner === null ? undefined : unreadType(inner);
  return type ? { type } : null;
}

/** What `<사진 읽지 않음>` and its kin hold before the "unread" words; null for any other text. */
function unreadInner(text: string): string | null {
  const end = text.charCodeAt(text.length - 1);
  if (end !== 62 /* > */ && end !== 0x203a /* › */) return null;
  const inner = text.slice(1, -1);
  for (const suffix of UNREAD_SUFFIXES) if (inner.endsWith(suffix)) return trimTrailing(inner.slice(0, -suffix.length));
  return null;
}

function unreadType(inner: string): AttachmentType | undefined {
  return UNREAD_TYPES.get(inner.replace(SPACES, "").toLowerCase());
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
