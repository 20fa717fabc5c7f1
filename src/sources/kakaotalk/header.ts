import { wallTime } from "../../normalize/time.js";
import { anyOf, literal } from "../literal.js";
import type { KindEvidence, ParseContext } from "../types.js";
import { readStamp } from "./stamps.js";

/**
 * How a title writes a group's member count: not at all (it was in parentheses, or there
 * is none), bare after the room's name ("주말 등산 모임 4 카카오톡 대화"), or bare after a
 * list of members ("민지,서준,하은 4 님과 카카오톡 대화") where a 1:1 title's name may end in
 * a number of its own ("은진수 cls 10 님과 카카오톡 대화").
 */
type Count = "none" | "bare" | "listed";

/**
 * Who a title says the chat is between: "group" (only group chats get this title),
 * "pair" (a one-to-one chat's title, which PC and iOS give groups too: formats.md §1.3,
 * §1.5), or "count": a group if the title writes a member count (one-to-one titles never
 * do), else a pair.
 */
type TitleKind = "group" | "pair" | "count";

const KO_CHAT = "카카오톡 대화";
const KO_WITH = `님과 ${KO_CHAT}`;
const KO_COUNTED = `명)과 ${KO_CHAT}`;
const EN_CHATS = "KakaoTalk Chats";
const EN_CHATS_WITH = `${EN_CHATS} with `;
const EN_WITH_CHATS = ` with ${EN_CHATS}`;
/** Old iPhone exports start with their own file name. */
const TXT = ".txt";

/** Title lines of every variant (formats.md §1.3–§1.5); the capture holds the chat name. */
const TITLES: [RegExp, Count, TitleKind][] = [
  [new RegExp(`^(.*) ${KO_WITH}$`), "listed", "count"], // PC and mobile, Korean
  [new RegExp(`^(.*) ${KO_CHAT}$`), "bare", "group"], // Android group ("{room} {count} 카카오톡 대화"); its 1:1 says "님과"
  // Old iOS, Korean (2013–2015): its own file name, "{name}님과 …" or "{room} (4명)과 …", a copy's "-1".
  [new RegExp(`^(.+?)${KO_WITH}(?:-\\d{1,3})?${literal(TXT)}$`), "none", "pair"],
  [new RegExp(`^(.+?) \\(\\d{1,5}${literal(KO_COUNTED)}(?:-\\d{1,3})?${literal(TXT)}$`), "none", "group"],
  [new RegExp(`^${EN_CHATS} (?:with )?(.*)$`), "none", "count"], // Android, English; seen without "with"
  [new RegExp(`^(.*)${EN_WITH_CHATS}$`), "none", "pair"], // PC, English
];
/** iOS English exports start with their own file name instead of a title. */
const IOS_FILE_TITLE = /^Talk_[\d. _:-]+(?:-\d+)?\.txt$/;

// What is left around a room's name: a copy's file suffix, then a member count
// ("(4)", "(4명)", iOS English "(4 people)").
const FILE_SUFFIX = /(?:-\d{1,3}| \(\d{1,3}\))?\.(?:txt|csv)$/i;
const PEOPLE = ["명", " people", " person"];
const COUNT_IN_PARENS = new RegExp(` \\(\\d{1,5}${anyOf(PEOPLE)}?\\)$`);

/** The export's own words in titles, for a redacted sample (src/redact/): a title line is otherwise a name. */
export const TITLE_WORDS: readonly string[] = [KO_WITH, KO_CHAT, KO_COUNTED, EN_CHATS_WITH, EN_WITH_CHATS, EN_CHATS, TXT, ...PEOPLE.map((p) => `${p})`)];

const COUNT = / \d{1,4}$/;

export function readTitle(line: string): { title: string | null; kind?: KindEvidence } | null {
  if (IOS_FILE_TITLE.test(line)) return { title: null };
  for (const [pattern, count, kind] of TITLES) {
    const m = pattern.exec(line);
    if (!m) continue;
    const title = roomName(m[1]!, count);
    // roomName drops the member count: a name it shortened had one.
    const counted = title !== m[1]!.replace(FILE_SUFFIX, "").trimEnd();
    return { title, kind: kind === "count" ? (counted ? "group" : "pair") : kind };
  }
  return null;
}

/** The room's name alone, as a title line or a file name may carry it. */
export function roomName(raw: string, count: Count = "none"): string {
  let name = raw.replace(FILE_SUFFIX, "").replace(COUNT_IN_PARENS, "");
  if (count === "bare" || (count === "listed" && name.includes(","))) name = name.replace(COUNT, "");
  return name.trimEnd();
}

const SAVED_PREFIX = /^(?:저장한 날짜|Date Saved) ?: /;
const PC_SAVED = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

export type SavedStyle = "pc" | "mobile";

/** The "saved on" line: PC writes "2024-01-02 23:10:41", mobile the stamp style of its messages. */
export function readSaved(line: string): { style: SavedStyle; wall: number | null } | null {
  const prefix = SAVED_PREFIX.exec(line);
  if (!prefix) return null;
  const rest = line.slice(prefix[0].length);
  const pc = PC_SAVED.exec(rest);
  if (pc) {
    const [, y, mo, d, h, mi, s] = pc.map(Number) as number[];
    return { style: "pc", wall: wallTime(y!, mo!, d!, h!, mi!, s!) };
  }
  const stamp = readStamp(rest, null);
  return { style: "mobile", wall: stamp && stamp.end === rest.length ? stamp.wall : null };
}

/**
 * The export's header: title and "saved on" line, which only the first two lines can be.
 * A file someone trimmed lacks them but keeps every message: it is read all the same, and
 * what is missing is reported once, at the first line after where the header would be.
 */
export class Header {
  private title = false;
  private saved = false;
  private pending = true;

  constructor(private readonly ctx: ParseContext) {}

  /** True when line `n` (not empty) is a header line, to be skipped. */
  skip(text: string, n: number): boolean {
    if (!this.pending) return false;
    if (n <= 2) {
      if (!this.title && readTitle(text) !== null) return (this.title = true);
      if (!this.saved && readSaved(text) !== null) return (this.saved = true);
    }
    this.pending = false;
    const missing = [this.title ? null : "title", this.saved ? null : "saved date"].filter((w) => w !== null);
    if (missing.length > 0) this.ctx.warn({ code: "header-missing", file: this.ctx.file, text: missing.join(", ") });
    return false;
  }
}
