import { wallTime } from "../../normalize/time.js";
import { readStamp } from "./stamps.js";

/** Title lines of every variant (formats.md §1.3–§1.5); the capture is the chat name. */
const TITLES: RegExp[] = [
  /^(.*) 님과 카카오톡 대화$/, // PC and mobile, Korean ("A,B,C 4 님과 …" in old groups)
  /^(.*?) \d+ 카카오톡 대화$/, // Android group with member count
  /^(.*) 카카오톡 대화$/,
  /^KakaoTalk Chats with (.*?)(?: \(\d+\))?$/, // Android, English
  /^(.*) with KakaoTalk Chats$/, // PC, English
];
/** iOS English exports start with their own file name instead of a title. */
const IOS_FILE_TITLE = /^Talk_[\d. _:-]+(?:-\d+)?\.txt$/;

export function readTitle(line: string): { title: string | null } | null {
  if (IOS_FILE_TITLE.test(line)) return { title: null };
  for (const re of TITLES) {
    const m = re.exec(line);
    if (m) return { title: m[1] ?? null };
  }
  return null;
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

/** Title or "saved on" line: the export's header, which only the first two lines can be. */
export function isHeaderLine(line: string, n: number): boolean {
  return n <= 2 && (readTitle(line) !== null || readSaved(line) !== null);
}
