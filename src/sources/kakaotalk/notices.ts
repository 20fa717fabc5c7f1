import { rawMessage, type MessageAccumulator } from "../accumulator.js";
import { anyOf, literal } from "../literal.js";

/**
 * KakaoTalk's system notices by their fixed wording: Windows PC writes them without a
 * time on a line of their own, the CSV in a sender's row, and phones write the open-chat
 * policy notices on the line after a join, without a stamp (formats.md §1.3, §1.4).
 */

const SYSTEM_SUFFIXES = [
  "님이 나갔습니다.",
  "님이 들어왔습니다.",
  "님을 초대했습니다.",
  "님을 초대하였습니다.",
  "님을 내보냈습니다.",
  "님이 방장이 되었습니다.",
  "님이 부방장이 되었습니다.",
  "님이 부방장에서 해제되었습니다.",
  " left this chatroom.",
  " joined this chatroom.",
  " has been removed from this chatroom.",
];
const INVITED = " invited ";
const EN_INVITE = new RegExp(`${literal(INVITED)}.+\\.$`);
/**
 * A manager hid messages: "채팅방 관리자가 메시지를 가렸습니다." (iOS 2018, PC), "관리자가 …",
 * "… 3개의 메시지를 가렸습니다." (a parser's skip list), 방장/부방장/님이 forms [M].
 */
const HIDERS = ["관리자가", "방장이", "부방장이"];
const HID = "메시지를 가렸습니다.";
const HOW_MANY = "개의 ";
const HIDDEN = new RegExp(`^(?:(?:채팅방 )?${anyOf(HIDERS)}|[^\\n]{1,40}님이) (?:\\d{1,4}${literal(HOW_MANY)})?${literal(HID)}$`);

/**
 * Open-chat notices Kakao adds after a join (PC 2024 real files: glued to the join line,
 * "…님이 들어왔습니다.타인, 기관 등의 사칭에 유의해 주세요. …"), each read by its opening words.
 * The heading of the illegal-footage notice is followed by its paragraph on the next line,
 * which stays with it as its text.
 */
const POLICY_OPENERS = [
  "타인, 기관 등의 사칭에 유의",
  "운영정책을 위반한 메시지로 신고 접수 시",
  "불법촬영물등 식별 및 게재제한 조치 안내",
  "Beware of impersonation", // [M]
  "If a message is reported for violating the Operation Policy", // [M]
];
/** The feed notice without author (KakaoTalk 25.7, Aug 2025), and the CSV's English one. */
const DELETED_NOTICE = new Set(["메시지가 삭제되었습니다.", "The message has been deleted."]);

/** What a join ends with when a policy notice is glued to it. */
const JOIN_ENDINGS = ["님이 들어왔습니다.", " joined this chatroom."];

/** Trailing spaces and tabs, which iOS and some notices carry, are not part of the wording. */
export function trimTrailing(text: string): string {
  let end = text.length;
  while (end > 0) {
    const c = text.charCodeAt(end - 1);
    if (c !== 32 && c !== 9) break;
    end--;
  }
  return end === text.length ? text : text.slice(0, end);
}

export function isDeletionNotice(text: string): boolean {
  return DELETED_NOTICE.has(text);
}

export function isPolicyNotice(text: string): boolean {
  const c = text.charCodeAt(0);
  // 타 운 불 B I: most lines fail on their first character.
  if (c !== 0xd0c0 && c !== 0xc6b4 && c !== 0xbd88 && c !== 66 && c !== 73) return false;
  for (const opener of POLICY_OPENERS) if (text.startsWith(opener)) return true;
  return false;
}

/**
 * Notices recognised by their wording, deletion notices among them. `text` has no
 * trailing spaces (see trimTrailing).
 */
export function isSystemNotice(text: string): boolean {
  const last = text.charCodeAt(text.length - 1);
  if (last !== 46 /* . */) return isPolicyNotice(text);
  if (DELETED_NOTICE.has(text)) return true;
  for (const suffix of SYSTEM_SUFFIXES) if (text.endsWith(suffix) && text.length > suffix.length) return true;
  if (text.endsWith(HID) && text.length < 80 && HIDDEN.test(text)) return true;
  return isPolicyNotice(text) || (text.length < 300 && EN_INVITE.test(text)) || splitGluedNotice(text) !== null;
}

/**
 * Starts the notice a line without sender holds: a deletion notice is kind "deleted", and a
 * join with a policy notice glued to it is two notices of the same time.
 */
export function startNotice(acc: MessageAccumulator, wall: number, text: string, line: number, inferred = false): void {
  const bare = trimTrailing(text);
  const glued = splitGluedNotice(bare);
  if (glued) {
    acc.start(rawMessage("system", null, wall, glued[0], null, line, inferred));
    acc.start(rawMessage("system", null, wall, glued[1], null, line, inferred));
    return;
  }
  acc.start(rawMessage(isDeletionNotice(bare) ? "deleted" : "system", null, wall, bare, null, line, inferred));
}

/** A join with a policy notice glued to it, as two texts; null for anything else. */
function splitGluedNotice(text: string): [string, string] | null {
  for (const ending of JOIN_ENDINGS) {
    const at = text.indexOf(ending);
    if (at <= 0) continue;
    const end = at + ending.length;
    let rest = end;
    while (text.charCodeAt(rest) === 32) rest++;
    if (rest < text.length && isPolicyNotice(text.slice(rest))) return [text.slice(0, end), text.slice(rest)];
  }
  return null;
}

// Notices all say who did what to whom in a few words and end in a formal past tense.
const PARTICLES = ["이", "을", "에게", "께서"];
const ROOM_WORDS = ["채팅방", "방장", "부방장", "관리자", "톡게시판"];
const FORMAL_END = "습니다.";
const NOTICE_SHAPED = new RegExp(
  `^(?:[^\\n]{1,40}님${anyOf(PARTICLES)} |${anyOf(ROOM_WORDS)}[^\\n]{0,40} )[^\\n]{0,40}${literal(FORMAL_END)}$`,
);
const ROOMS_EN = [" this chatroom", " the chatroom", " this chat"];
const NOTICE_SHAPED_EN = new RegExp(`${anyOf(ROOMS_EN)}\\.$`);

/** The export's own words in notices, for a redacted sample (src/redact/). */
export const NOTICE_WORDS: readonly string[] = [
  ...SYSTEM_SUFFIXES,
  INVITED,
  ...HIDERS,
  HID,
  HOW_MANY,
  ...POLICY_OPENERS,
  ...DELETED_NOTICE,
  ...PARTICLES.map((p) => `님${p} `),
  ...ROOM_WORDS,
  FORMAL_END,
  ...ROOMS_EN,
];

/**
 * An untimed line no rule reads that is worded like a notice ("…님이 …했습니다."): kept
 * as text of the message before it, but counted, so a notice ChatFerry does not know is
 * never joined into a message silently. Short lines only; long text is someone writing.
 */
export function looksLikeNotice(text: string): boolean {
  if (text.length > 90 || text.charCodeAt(text.length - 1) !== 46 /* . */) return false;
  return text.endsWith(FORMAL_END) ? NOTICE_SHAPED.test(text) : NOTICE_SHAPED_EN.test(text);
}
