import { anyOf } from "../literal.js";

/**
 * Polls as exports write them (iOS marks the first line with U+200E, the option
 * lines too; Android writes the same without the marks):
 *
 *   [02/03/24, 18:05:10] Ann: ‎POLL:
 *   Who brings what?
 *   ‎OPTION: Salad (3 votes)
 *   ‎OPTION: Bread (1 vote)
 *
 * German writes `UMFRAGE:` and `OPTION: … (25 Stimmen)`. Heads and option words
 * marked [M] are unconfirmed translations.
 */

const HEADS = new Set([
  "POLL:",
  "UMFRAGE:",
  "ENCUESTA:", // [M]
  "ENQUETE:", // [M] pt
  "SONDAGGIO:", // [M]
  "SONDAGE:", // [M]
  "PEILING:", // [M]
  "POLLING:", // [M] id
  "ANKET:", // [M]
]);
/** Most messages fail on their first character, before any slicing. */
const HEAD_FIRST = new Set([...HEADS].map((h) => h.charCodeAt(0)));
const LONGEST_HEAD = Math.max(...[...HEADS].map((h) => h.length));

const OPTIONS = ["OPTION", "OPCIÓN", "OPÇÃO", "OPZIONE", "OPTIE", "OPSI", "SEÇENEK"];
/** `OPTION: Salad (3 votes)`: the option word, the option, its count and a vote word (space or U+00A0 before it). */
const OPTION_LINE = new RegExp(`^${anyOf(OPTIONS)}: [^\\n]{0,300}\\(\\d{1,9}[ \\u00a0\\u202f][^\\s()]{1,12}\\)$`);

/** The export's own words in polls, for a redacted sample (src/redact/). */
export const POLL_WORDS: readonly string[] = [...HEADS, ...OPTIONS];

/**
 * The question and options of a poll (the head line dropped: the attachment says
 * it is a poll), or null when the message is no poll. Needs the whole message:
 * the last line must be an option.
 */
export function readPoll(text: string): string | null {
  if (!HEAD_FIRST.has(text.charCodeAt(0))) return null;
  const nl = text.indexOf("\n");
  if (nl < 0 || nl > LONGEST_HEAD || !HEADS.has(text.slice(0, nl))) return null;
  return OPTION_LINE.test(text.slice(text.lastIndexOf("\n") + 1)) ? text.slice(nl + 1) : null;
}
