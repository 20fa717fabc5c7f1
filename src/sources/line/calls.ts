import type { Call } from "../../schema/index.js";

/**
 * LINE writes a call as a message of the caller whose body starts with "☎"
 * (formats.md §2): "☎ Call time 0:42", "☎ 通話時間 1:02:03", "☎ 通話時間20:25"
 * (zh-TW, no space), "☎ Missed call", "☎ 不在着信". The wordings come from
 * public parsers written against real exports (linelog2py, ChatLab, Qiita and
 * zh-TW analysers); those marked [M] were not found in any export.
 */
const PHONE = 0x260e; /* ☎ */

/** Wordings followed by the call's length. */
const TIMED: readonly { words: string; media: Call["media"] }[] = [
  { words: "Call time", media: "voice" },
  { words: "通話時間", media: "voice" },
  { words: "通话时间", media: "voice" }, // [M] zh-CN
  { words: "통화시간", media: "voice" }, // [M]
  { words: "통화 시간", media: "voice" }, // [M]
  { words: "Video call time", media: "video" }, // [M]
  { words: "ビデオ通話時間", media: "video" }, // [M]
];

/** Wordings that are the whole rest of the body. */
const UNTIMED = new Map<string, { media: Call["media"]; outcome: Call["outcome"] }>();
function untimed(outcome: Call["outcome"], media: Call["media"], words: string[]): void {
  for (const w of words) UNTIMED.set(w, { media, outcome });
}
// "No answer" is the caller's side of a missed call.
untimed("missed", "voice", ["Missed call", "No answer", "不在着信", "通話に応答がありませんでした", "未接來電", "無人接聽", "未接来电"]);
untimed("missed", "voice", ["부재중 전화", "부재중 통화"]); // [M]
untimed("cancelled", "voice", ["Canceled call", "Cancelled call", "通話をキャンセルしました", "キャンセル", "取消通話", "您已取消通話"]);
untimed("cancelled", "voice", ["已取消通话", "통화 취소"]); // [M]
untimed("missed", "video", ["Missed video call", "ビデオ通話の不在着信"]); // [M]
untimed("cancelled", "video", ["Canceled video call", "Cancelled video call"]); // [M]

/** The export's own words for calls, for a redacted sample (src/redact/). */
export const CALL_WORDS: readonly string[] = [...TIMED.map((t) => t.words), ...UNTIMED.keys()];

/** The longest wording; longer bodies are never looked up. */
const MAX_UNTIMED = 24;

// H:MM:SS or M:SS, as LINE writes a call's length.
const LENGTH = /^(?:(\d{1,3}):)?(\d{1,2}):(\d{2})$/;

/** The call a body tells, or null when it is no call record. `by`: the sender column. */
export function readCall(body: string, by: string | null): Call | null {
  if (body.charCodeAt(0) !== PHONE) return null;
  const rest = body.charCodeAt(1) === 32 ? body.slice(2) : body.slice(1);
  const found = rest.length <= MAX_UNTIMED ? UNTIMED.get(rest) : undefined;
  if (found) return call(found.media, found.outcome, undefined, by);
  for (const { words, media } of TIMED) {
    if (!rest.startsWith(words)) continue;
    const at = rest.charCodeAt(words.length) === 32 ? words.length + 1 : words.length;
    const m = LENGTH.exec(rest.slice(at));
    if (!m) return null;
    const seconds = Number(m[1] ?? 0) * 3600 + Number(m[2]) * 60 + Number(m[3]);
    return Number(m[3]) > 59 ? null : call(media, "answered", seconds, by);
  }
  return null;
}

function call(media: Call["media"], outcome: Call["outcome"], seconds: number | undefined, by: string | null): Call {
  const c: Call = { media, outcome };
  if (seconds !== undefined) c.seconds = seconds;
  if (by !== null) c.by = by;
  return c;
}
