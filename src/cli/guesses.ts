/**
 * How the CLI speaks of what reading an export had to decide or could not read:
 * the date order and its evidence, lines kept unread, probable unknown
 * placeholders. The sources report values ("day/month", a raw line); these
 * turn them into the user's words and into text that is safe on one terminal line.
 */
import type { ErrorParams } from "../errors.js";
import type { MessageKey, Translate } from "../i18n/index.js";
import type { DateOrder, DateOrderDecision, Warning } from "../schema/index.js";
import { printable } from "./terminal.js";

/** The words for each date order. */
const ORDER_KEYS: Record<DateOrder, MessageKey> = { dmy: "order.dmy", mdy: "order.mdy", ymd: "order.ymd" };
/** The sources name an order in English words in `date-order-assumed` and E_STRICT_DATE_ORDER. */
const ORDER_BY_NAME: Record<string, DateOrder> = { "day/month": "dmy", "month/day": "mdy", "year/month/day": "ymd" };

/** "day/month (from dates inside attachment names)". */
export function describeDateOrder({ order, by }: DateOrderDecision, t: Translate): string {
  return `${t(ORDER_KEYS[order])} (${t(`by.${by}`)})`;
}

/** "Asia/Seoul (from --timezone)", or the zone said to be this computer's. */
export function describeZone(zone: string, chosenBy: "option" | "system", t: Translate): string {
  return t(chosenBy === "option" ? "out.timezoneOption" : "out.timezoneSystem", { zone });
}

/** An order as a source names it ("day/month"), in the user's words; other text unchanged. */
export function orderWords(text: string, t: Translate): string {
  const order = ORDER_BY_NAME[text];
  return order ? t(ORDER_KEYS[order]) : text;
}

const QUOTE_LIMIT = 80;

/** Input text on one terminal line: cut to a length, control characters (and line breaks) shown as escapes. */
export function quote(text: string): string {
  return printable(text.length > QUOTE_LIMIT ? `${text.slice(0, QUOTE_LIMIT)}…` : text);
}

/** The params of a --strict refusal, in the user's words and safe to print. */
export function strictParams(params: ErrorParams, t: Translate): ErrorParams {
  const text = params.text;
  return typeof text === "string" ? { ...params, text: quote(orderWords(text, t)) } : params;
}

/** How many line numbers a row names before it stops. */
const LINES_NAMED = 5;

/** "3 (lines 12, 40, 41)"; "none". A capped warning list ("more-warnings") makes the count a lower bound. */
export function unreadRow(warnings: readonly Warning[], t: Translate): string {
  const lines: number[] = [];
  let capped = false;
  for (const w of warnings) {
    if (w.code === "unread-line") lines.push(w.line ?? 0);
    else if (w.code === "more-warnings") capped = true;
  }
  if (lines.length === 0) return t(capped ? "out.noneListed" : "out.none");
  const named = lines.slice(0, LINES_NAMED).join(", ") + (lines.length > LINES_NAMED ? ", …" : "");
  return t("out.unreadLines", { count: `${lines.length}${capped ? "+" : ""}`, lines: named });
}

/** `"<Sticker Unread>" ×3 (from line 12)`, each probable placeholder once; "none". */
export function placeholdersRow(warnings: readonly Warning[], t: Translate): string {
  const found = warnings.filter((w) => w.code === "unknown-placeholder");
  if (found.length === 0) return t("out.none");
  return found.map((w) => t("out.placeholder", { text: quote(w.text ?? ""), count: w.count ?? 0, line: w.line ?? "?" })).join(", ");
}
