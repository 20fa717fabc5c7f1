/**
 * Parsers of the flags whose values the command line checks as it reads them. Kept apart from
 * the commands, and free of zod and the readers, so that every run need not load those first.
 */
import { ChatFerryError } from "../errors.js";
import type { Translate } from "../i18n/index.js";
import type { LineRange } from "../redact/sample.js";
import type { DateOrder } from "../schema/index.js";
import { DATE_ORDERS } from "../schema/version.js";

/** `--date-order`: one of DATE_ORDERS. */
export function dateOrderOption(t: Translate): (value: string) => DateOrder {
  return (value) => {
    if (!(DATE_ORDERS as readonly string[]).includes(value)) throw new ChatFerryError("E_USAGE", { detail: t("usage.dateOrder", { name: value }) });
    return value as DateOrder;
  };
}

const RANGE = /^(\d{1,9})-(\d{1,9})$/;

/** `--lines A-B`: the first and last line, 1-based, the last not before the first. */
export function lineRangeOption(t: Translate): (value: string) => LineRange {
  return (value) => {
    const m = RANGE.exec(value);
    const [first, last] = m ? [Number(m[1]), Number(m[2])] : [0, 0];
    if (first < 1 || last < first) throw new ChatFerryError("E_USAGE", { detail: t("usage.lines", { name: value }) });
    return { first, last };
  };
}
