import type { Attachment, AttachmentType } from "../../schema/index.js";
import { anyOf } from "../literal.js";

/** What a body in a sender's row turns out to be. */
export type Body =
  | { kind: "text" }
  | { kind: "deleted" }
  | { kind: "media"; attachments: Attachment[]; text: string };

/**
 * Placeholder words, without their brackets, in the exporting phone's UI
 * language (formats.md §2). `rest`: what may follow "[Word] " — a file name
 * ("name"), or words about the item kept as the message text ("text").
 * The Korean words are unconfirmed (no Korean export found): LINE's Korean UI names.
 */
const PLACEHOLDERS = new Map<string, { type: AttachmentType; rest?: "name" | "text" }>();
function placeholders(type: AttachmentType, rest: "name" | "text" | undefined, words: string[]): void {
  for (const word of words) PLACEHOLDERS.set(word, rest ? { type, rest } : { type });
}
placeholders("photo", undefined, ["Photo", "写真", "사진", "照片"]);
placeholders("video", undefined, ["Video", "動画", "동영상", "影片", "视频"]);
placeholders("sticker", undefined, ["Sticker", "スタンプ", "스티커", "貼圖", "贴图"]);
placeholders("voice", undefined, ["Voice message", "ボイスメッセージ", "음성 메시지", "음성메시지", "語音訊息", "语音信息"]);
placeholders("gif", undefined, ["GIF"]);
placeholders("file", "name", ["File", "ファイル", "파일", "檔案", "文件"]);
placeholders("location", "text", ["Location", "位置情報", "위치 정보", "위치정보", "位置"]);
placeholders("contact", "text", ["Contact", "連絡先", "연락처", "聯絡資訊", "联系人"]);
// An album is a set of photos under a name; a note is a post; both may carry their title.
placeholders("photo", "text", ["Album", "アルバム", "앨범", "相簿", "相册"]);
placeholders("other", "text", ["Note", "Notes", "ノート", "노트", "記事本", "记事本"]);

/**
 * The Windows desktop "Save chat" writes plural words without brackets
 * ("16:27 Bob Photos"): meyfa/line-chat-parser README, ChatLab's first LINE parser.
 */
const DESKTOP_WORDS = new Map<string, AttachmentType>([
  ["Photos", "photo"],
  ["Videos", "video"],
  ["Stickers", "sticker"],
  ["Audio", "voice"],
]);

/** The longest placeholder word, bracket to bracket; a "]" further in is not one. */
const MAX_WORD = 16;

/**
 * A location whose name LINE did not have: "[null] https://maps.google.com/…"
 * (ChatLab's LINE tests). Only a map link is taken: "[null]" before anything
 * else says nothing about what it was.
 */
const NULL_MARK = "[null] ";
const SCHEMES = ["https://", "http://"];
/** What shows a link is a map: "maps.google.com", "google.com/maps/…". */
const MAP_MARKS = ["maps.", "map.", ...["/maps", "/map"].flatMap((m) => [`${m}/`, `${m}?`, `${m}.`])];
const MAP_LINK = new RegExp(`^${anyOf(SCHEMES)}[^\\s/]{0,80}${anyOf(MAP_MARKS)}`, "i");

/**
 * `bare`: the space-separated forms, which write the word without brackets
 * ("23:43 natsumi_ スタンプ", "16:27 Bob Photos"); a bare word is taken only as the whole body.
 */
export function classifyBody(body: string, bare: boolean): Body {
  if (body.charCodeAt(0) === 91 /* [ */) {
    const close = body.indexOf("]", 1);
    if (close > 0 && close <= MAX_WORD) {
      const found = PLACEHOLDERS.get(body.slice(1, close));
      if (found) {
        if (close === body.length - 1) return media({ type: found.type }, "");
        if (found.rest && body.charCodeAt(close + 1) === 32 && close + 2 < body.length) {
          const rest = body.slice(close + 2);
          return found.rest === "name" ? media({ type: found.type, name: rest }, "") : media({ type: found.type }, rest);
        }
      } else if (body.startsWith(NULL_MARK) && MAP_LINK.test(body.slice(NULL_MARK.length))) {
        return media({ type: "location" }, body.slice(NULL_MARK.length));
      }
    }
  } else if (bare && body.length <= MAX_WORD) {
    const found = PLACEHOLDERS.get(body)?.type ?? DESKTOP_WORDS.get(body);
    if (found) return media({ type: found }, "");
  }
  return unsentBy(body) === undefined ? { kind: "text" } : { kind: "deleted" };
}

/** Whether a body is a placeholder and nothing else, bracketed or bare: the end of a line that shows where its sender ends. */
export function isPlaceholderOnly(body: string): boolean {
  if (body.length > MAX_WORD + 1) return false;
  if (body.charCodeAt(0) === 91 /* [ */) return body.charCodeAt(body.length - 1) === 93 /* ] */ && PLACEHOLDERS.has(body.slice(1, -1));
  return PLACEHOLDERS.has(body) || DESKTOP_WORDS.has(body);
}

function media(attachment: Attachment, text: string): Body {
  return { kind: "media", attachments: [attachment], text };
}

/**
 * Unsend notices: "X unsent a message.", "Xがメッセージの送信を取り消しました",
 * "X已收回訊息"; Korean ("X님이 메시지 전송을 취소했습니다.") is unconfirmed.
 * `joiners`: the particles between the name and the wording.
 */
const UNSENT: readonly { wording: string; joiners: string[] }[] = [
  { wording: " unsent a message", joiners: [""] },
  { wording: "メッセージの送信を取り消しました", joiners: ["が", ""] },
  { wording: "메시지 전송을 취소했습니다", joiners: ["님이 ", "이 ", "가 ", ""] },
  { wording: "已收回訊息", joiners: [""] },
  { wording: "撤回了一条消息", joiners: [""] },
  { wording: "已收回讯息", joiners: [""] },
];
const UNSENT_ALONE = new Set(["Message unsent", "メッセージの送信を取り消しました", "메시지 전송을 취소했습니다"]);
/** The exporter is not named: "You unsent a message." gives no display name. */
const YOU = new Set(["You", "あなた", "你", "您"]);
/** Notices are short; longer bodies are never searched. */
const MAX_NOTICE = 300;

/**
 * The unsender named by an unsend notice: a name, null when the notice
 * names nobody (or only "You"), undefined when the text is no such notice.
 */
export function unsentBy(text: string): string | null | undefined {
  if (text.length > MAX_NOTICE) return undefined;
  const last = text.charCodeAt(text.length - 1);
  const bare = last === 46 /* . */ || last === 0x3002 /* 。 */ ? text.slice(0, -1) : text;
  if (UNSENT_ALONE.has(bare)) return null;
  for (const { wording, joiners } of UNSENT) {
    if (!bare.endsWith(wording)) continue;
    const before = bare.slice(0, bare.length - wording.length);
    for (const joiner of joiners) {
      if (before.length > joiner.length && before.endsWith(joiner)) {
        const name = before.slice(0, before.length - joiner.length);
        return YOU.has(name) ? null : name;
      }
    }
  }
  return undefined;
}

/**
 * A space-separated line of one word after its time has no sender column: a
 * Japanese notice, which needs no spaces ("山田がアルバムを作成しました"); every
 * LINE notice wording ends in the polite past. Any other such line may as well
 * be the next line of a message ("7:00 sharp").
 */
const POLITE_PAST = "ました";

/**
 * Group events in the space-separated form, where no empty sender column
 * marks them (formats.md §2 system texts). The English ones are the TAB
 * exports' wordings; that the desktop writes them so is [M].
 */
const SPACED_EVENTS = [
  "がグループに参加しました",
  "をグループに追加しました",
  "を招待しました",
  "がグループを退会しました",
  "が退出しました",
  " joined the group",
  " left the group",
  " to the group",
];

/** See POLITE_PAST. */
export function isSpacedNotice(word: string): boolean {
  const end = word.charCodeAt(word.length - 1) === 0x3002 /* 。 */ ? word.length - 1 : word.length;
  return end > POLITE_PAST.length && word.startsWith(POLITE_PAST, end - POLITE_PAST.length);
}

/**
 * The export's own words in bodies and notices, for a redacted sample (src/redact/). An
 * unsend notice's particle is kept only with its wording: alone, "이 " is everyone's.
 */
export const BODY_WORDS: readonly string[] = [
  ...PLACEHOLDERS.keys(),
  ...DESKTOP_WORDS.keys(),
  NULL_MARK,
  ...SCHEMES,
  ...MAP_MARKS,
  ...UNSENT.flatMap(({ wording, joiners }) => joiners.map((j) => j + wording)),
  ...UNSENT_ALONE,
  ...YOU,
  ...SPACED_EVENTS,
  POLITE_PAST,
];

export function isSpacedEvent(text: string): boolean {
  if (text.length > MAX_NOTICE) return false;
  const last = text.charCodeAt(text.length - 1);
  const bare = last === 0x3002 /* 。 */ || last === 46 /* . */ ? text.slice(0, -1) : text;
  return SPACED_EVENTS.some((e) => bare.endsWith(e)) || unsentBy(text) !== undefined;
}
