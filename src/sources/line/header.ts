import { wallTime } from "../../normalize/time.js";
import { literal } from "../literal.js";
import type { KindEvidence } from "../types.js";
import { readClock, type Lang } from "./clock.js";

export interface Title {
  /** The chat's name. */
  title: string;
  lang: Lang | null;
  /** Starts with "[LINE]": the mark Telegram's importer itself sniffs. */
  marked: boolean;
  /**
   * Who the wording says the chat is between: LINE words a one-to-one chat's title
   * ("Chat history with X", X the other person) apart from a group's ("… in X"); null
   * where the wording says neither.
   */
  kind: KindEvidence | null;
}

/**
 * Wordings around the chat's name (formats.md §2). Korean has no confirmed
 * sample: "님과의 대화" (one-to-one) and " 대화" (group) are the likely
 * forms, so they decide nothing alone: "님과의" only hints at a pair (direct
 * when its two writers show it, normalize/who.ts). Any other "[LINE] …" line
 * is still taken as a title, whole.
 */
const WORDINGS: readonly { lang: Lang; before: string; after: string; bare: boolean; kind: KindEvidence | null }[] = [
  { lang: "en", before: "Chat history with ", after: "", bare: true, kind: "direct" },
  { lang: "en", before: "Chat history in ", after: "", bare: true, kind: "group" },
  { lang: "ja", before: "", after: "とのトーク履歴", bare: true, kind: "direct" },
  { lang: "ja", before: "", after: "のトーク履歴", bare: true, kind: "group" },
  { lang: "zh", before: "與", after: "的聊天記錄", bare: true, kind: "direct" },
  { lang: "zh", before: "与", after: "的聊天记录", bare: true, kind: "direct" },
  { lang: "zh", before: "", after: "的聊天記錄", bare: true, kind: "group" },
  { lang: "zh", before: "", after: "的聊天记录", bare: true, kind: "group" },
  { lang: "th", before: "ประวัติการแชทกับ ", after: "", bare: false, kind: "direct" },
  { lang: "th", before: "ประวัติการสนทนากับ ", after: "", bare: false, kind: "direct" },
  // KakaoTalk's titles also end in " 대화": Korean is only read after "[LINE]".
  { lang: "ko", before: "", after: "님과의 대화", bare: false, kind: "pair" },
  { lang: "ko", before: "", after: " 대화", bare: false, kind: null },
];

const MARK = "[LINE]";
/** Titles are short; a long first line is no title (and is not searched). */
const MAX_TITLE = 1000;

/** The title line; Android 2017 wrote it without the "[LINE] " mark. */
export function readTitle(line: string): Title | null {
  if (line.length > MAX_TITLE) return null;
  const marked = line.startsWith(MARK);
  const rest = marked ? line.slice(line.charCodeAt(MARK.length) === 32 ? MARK.length + 1 : MARK.length) : line;
  for (const w of WORDINGS) {
    if (!marked && !w.bare) continue;
    if (rest.length > w.before.length + w.after.length && rest.startsWith(w.before) && rest.endsWith(w.after)) {
      return { title: rest.slice(w.before.length, rest.length - w.after.length), lang: w.lang, marked, kind: w.kind };
    }
  }
  return marked && rest !== "" ? { title: rest, lang: null, marked, kind: null } : null;
}

export interface Saved {
  /** Wall time of the export. */
  wall: number | null;
  lang: Lang;
}

// "Saved on: 2017/09/05 12:12", "Saved on: 2026/03/08, 22:10", "保存日時：2024/08/01 00:00", "儲存日期：…".
const LABEL_LANG: Record<string, Lang> = {
  "Saved on": "en",
  保存日時: "ja",
  儲存日期: "zh",
  保存日期: "zh",
  "저장한 날짜": "ko",
  "저장 날짜": "ko",
  บันทึกวันที่: "th",
  บันทึกเมื่อ: "th",
};
const SAVED_LABEL = new RegExp(`^(${Object.keys(LABEL_LANG).map(literal).join("|")}) ?[:：] ?`);

/** The export's own words in the header, for a redacted sample (src/redact/): a title is otherwise a name. */
export const HEADER_WORDS: readonly string[] = [MARK, ...WORDINGS.flatMap((w) => [w.before, w.after]).filter((w) => w !== ""), ...Object.keys(LABEL_LANG)];

// Year first, or US-style "11/04/2025, 08:00" (month first unless the first number cannot be a month).
const SAVED_DATE = /^(?:(\d{4})[/.-](\d{1,2})[/.-](\d{1,2})|(\d{1,2})\/(\d{1,2})\/(\d{4})),? /;

/**
 * The "saved on" line. Its date must be in LINE's form: KakaoTalk's
 * "저장한 날짜 : 2024년 1월 2일 …" shares the label and must not pass.
 */
export function readSaved(line: string): Saved | null {
  const label = SAVED_LABEL.exec(line);
  if (!label) return null;
  const value = line.slice(label[0].length);
  const date = SAVED_DATE.exec(value);
  if (!date) return null;
  const clock = readClock(value.slice(date[0].length), true);
  if (!clock || date[0].length + clock.end !== value.length) return null;
  let y: number, mo: number, d: number;
  if (date[1] !== undefined) {
    [y, mo, d] = [Number(date[1]), Number(date[2]), Number(date[3])];
  } else {
    const a = Number(date[4]);
    const b = Number(date[5]);
    [y, mo, d] = a > 12 ? [Number(date[6]), b, a] : [Number(date[6]), a, b];
  }
  const day = wallTime(y, mo, d, 0, 0);
  const wall = day === null || clock.minutes === null ? null : day + clock.minutes * 60_000;
  return { wall, lang: LABEL_LANG[label[1]!] ?? "en" };
}

/** Title or "saved on" line: the export's header, which only the first two lines can be. */
export function isHeaderLine(line: string, n: number): boolean {
  return n <= 2 && (readTitle(line) !== null || readSaved(line) !== null);
}
