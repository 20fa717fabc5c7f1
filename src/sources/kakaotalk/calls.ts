import type { Call } from "../../schema/index.js";
import { literal } from "../literal.js";

/** A call as the export words it; the caller (`by`) is the sender of the line. */
export type CallEvent = Omit<Call, "by">;

/**
 * 보이스톡 (voice) and 페이스톡 (video) lines. Evidence: PC 2021 `보이스톡 해요` then
 * `보이스톡 0:17`; `보이스톡 취소`, `페이스톡 해요` in several parsers' skip lists; 부재중
 * in Kakao's own notification wording. English wordings are best guesses [M].
 */
const KINDS = [
  ["voice", "보이스톡", "Voice Talk"],
  ["video", "페이스톡", "Face Talk"],
] as const;
const FIXED = new Map<string, CallEvent>();
for (const [media, ko, en] of KINDS) {
  // The call was placed; how it ended is on a later line.
  FIXED.set(`${ko} 해요`, { media, outcome: "unknown" });
  FIXED.set(`${ko} 해요.`, { media, outcome: "unknown" });
  FIXED.set(`${ko} 취소`, { media, outcome: "cancelled" });
  FIXED.set(`부재중 ${ko}`, { media, outcome: "missed" });
  FIXED.set(`${ko} 부재중`, { media, outcome: "missed" }); // [M]
  FIXED.set(`${ko} 응답 없음`, { media, outcome: "missed" }); // [M]
  FIXED.set(`${en} Canceled`, { media, outcome: "cancelled" }); // [M]
  FIXED.set(`${en} Cancelled`, { media, outcome: "cancelled" }); // [M]
  FIXED.set(`Missed ${en}`, { media, outcome: "missed" }); // [M]
  FIXED.set(`${en} Missed`, { media, outcome: "missed" }); // [M]
  FIXED.set(`${en} No Answer`, { media, outcome: "missed" }); // [M]
}

const NAMES = KINDS.flatMap(([, ko, en]) => [ko, en]);
/** An answered call with its length: "보이스톡 0:17", "페이스톡 1:02:03", "Voice Talk 00:23" [M]. */
const LASTED = new RegExp(`^(${NAMES.map(literal).join("|")}) (\\d{1,2}):(\\d{2})(?::(\\d{2}))?$`);

/** The export's own words for calls, for a redacted sample (src/redact/). */
export const CALL_WORDS: readonly string[] = [...FIXED.keys(), ...NAMES];

/**
 * The call a whole message body reports, or null. `body` has no trailing spaces; callers
 * ask only for bodies starting with 보 페 부 V F M (see classifyBody).
 */
export function readCall(body: string): CallEvent | null {
  const fixed = FIXED.get(body);
  if (fixed) return fixed;
  const m = LASTED.exec(body);
  if (!m) return null;
  // "m:ss", or "h:mm:ss" when it lasted an hour or more.
  const [a, b, c] = [Number(m[2]), Number(m[3]), m[4] === undefined ? null : Number(m[4])];
  if (b > 59 || (c !== null && c > 59)) return null;
  const seconds = c === null ? a * 60 + b : (a * 60 + b) * 60 + c;
  return { media: KINDS.find(([, ko, en]) => m[1] === ko || m[1] === en)![0], outcome: "answered", seconds };
}
