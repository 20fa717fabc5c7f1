import type { Call } from "../../schema/index.js";
import { flag, str, type TelegramMessage } from "./types.js";

/**
 * How a call ended, from tdesktop's `discard_reason` (export_output_json.cpp).
 * "busy" is how Telegram records a call the other side turned down (its apps say
 * "Declined call"). A caller who gives up before an answer is "missed" too: the
 * export cannot tell that from nobody picking up, so it stays "missed".
 * "hangup", "disconnect" and "migrate_conference_all" say only how the line
 * closed, not whether anyone answered; the duration says that.
 */
const OUTCOMES: ReadonlyMap<string, Call["outcome"]> = new Map([
  ["missed", "missed"],
  ["busy", "declined"],
]);

/**
 * The call a service message records, or undefined for any other action.
 * tdesktop's export does not write whether a call had video (the API's flag is
 * dropped on export), so every Telegram call reads as a voice call; the text,
 * "Bob Kim called (2:05)", claims neither. The caller is the service message's
 * actor; tdesktop writes null for a deleted account, and then nobody is named.
 */
export function callOf(m: TelegramMessage): Call | undefined {
  const action = m.action;
  if (action !== "phone_call" && action !== "conference_call") return undefined;
  const seconds = typeof m.duration_seconds === "number" && m.duration_seconds > 0 ? Math.round(m.duration_seconds) : 0;
  let outcome: Call["outcome"];
  if (seconds > 0) outcome = "answered";
  else if (action === "conference_call") outcome = flag(m.is_missed) ? "missed" : "unknown";
  else outcome = OUTCOMES.get(str(m.discard_reason) ?? "") ?? "unknown";
  // The schema's key order, so every source's calls serialize alike.
  return { media: "voice", outcome, seconds: seconds > 0 ? seconds : undefined, by: str(m.actor) };
}
