import { createHash } from "node:crypto";
import type { Message } from "./schema/index.js";
import { MINUTE } from "./calendar.js";

/**
 * When two exports hold the same message: the rule `merge` applies and a
 * replay applies to what earlier replays sent. Minutes, because exports
 * disagree on seconds: phones write minutes, the Mac CSV seconds. Two copies
 * of one message fall in the same minute either way.
 */

export function minuteOf(message: Message): number {
  return Math.floor(Date.parse(message.time) / MINUTE);
}

/** Same minute aside: the same kind, sender and text. */
export function sameKey(message: Message): string {
  return `${message.kind}\u0000${message.sender ?? ""}\u0000${message.text}`;
}

/** The whole match (minute included) as a short digest, for records that must not hold chat text. */
export function matchDigest(message: Message): string {
  return createHash("sha256").update(`${minuteOf(message)}\u0000${sameKey(message)}`).digest("hex").slice(0, 20);
}
