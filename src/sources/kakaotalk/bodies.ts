import { typeFromName } from "../../normalize/media.js";
import type { Attachment, AttachmentType } from "../../schema/index.js";

/** What a KakaoTalk message body turns out to be. */
export type Body =
  | { kind: "text" }
  | { kind: "deleted" }
  | { kind: "media"; attachments: Attachment[]; text: string };

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
/** The feed notice without author (KakaoTalk 25.7, Aug 2025), and the CSV's English one. */
const DELETED_NOTICE = new Set(["메시지가 삭제되었습니다.", "The message has been deleted."]);

/** Android "all messages" exports name each media file by 64 hex digits. */
export const HEX_MEDIA = /^[0-9a-f]{64}\.[0-9A-Za-z]{2,5}$/;

const PHOTO_COUNT = /^사진 (\d{1,3})장$/;
const FILE_PREFIXES = ["파일: ", "File: "];
const EMOTICON_PREFIX = "(이모티콘) ";

export function classifyBody(body: string): Body {
  // Most bodies are plain text; the checks below are cheap and fail fast.
  const placeholder = PLACEHOLDERS.get(body);
  if (placeholder) return media([{ type: placeholder }]);
  if (DELETED_BY_SENDER.has(body)) return { kind: "deleted" };
  if (body.length >= 67 && body.length <= 70 && HEX_MEDIA.test(body)) return media([hexAttachment(body)]);
  for (const prefix of FILE_PREFIXES) {
    if (body.startsWith(prefix)) return media([{ type: "file", name: fileName(body.slice(prefix.length)) }]);
  }
  if (body.startsWith(EMOTICON_PREFIX)) return media([{ type: "emoticon" }], body.slice(EMOTICON_PREFIX.length));
  const photos = PHOTO_COUNT.exec(body);
  if (photos) return media(Array.from({ length: Number(photos[1]) }, () => ({ type: "photo" as const })));
  return { kind: "text" };
}

export function isDeletionNotice(text: string): boolean {
  return DELETED_NOTICE.has(text);
}

export function hexAttachment(name: string): Attachment {
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

const SYSTEM_SUFFIXES = [
  "님이 나갔습니다.",
  "님이 들어왔습니다.",
  "님을 초대했습니다.",
  "님을 초대하였습니다.",
  "님을 내보냈습니다.",
  "님이 방장이 되었습니다.",
  "님이 부방장이 되었습니다.",
  " left this chatroom.",
  " joined this chatroom.",
  " has been removed from this chatroom.",
];
const SYSTEM_TEXTS = new Set([
  "관리자가 메시지를 가렸습니다.",
  "운영정책을 위반한 메시지로 신고 접수 시 카카오톡 이용에 제한이 있을 수 있습니다.",
]);
const EN_INVITE = / invited .+\.$/;

/**
 * Notices that arrive without a timestamp (Windows PC) or in a sender's row
 * (CSV): recognised by their fixed wording.
 */
export function isSystemNotice(text: string): boolean {
  if (SYSTEM_TEXTS.has(text)) return true;
  for (const suffix of SYSTEM_SUFFIXES) if (text.endsWith(suffix) && text.length > suffix.length) return true;
  return text.length < 300 && EN_INVITE.test(text);
}
