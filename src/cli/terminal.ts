/**
 * What the CLI prints for people passes through here. Titles, names, file
 * names, lines of a chat and a chat title from the Bot API are anyone's to
 * choose: raw, an ESC or C1 sequence in them would set the window title, clear
 * the screen or recolour it, and bidi controls would reorder what the user reads.
 * Data written on purpose (`parse --ndjson`, `export --to csv` to stdout) does
 * not come here and stays byte for byte what it is.
 */
import { translator, type Lang, type Translate } from "../i18n/index.js";

/**
 * C0 (with ESC, BEL and line breaks), DEL, C1 (0x9b is a one-byte CSI), the
 * Unicode line and paragraph separators, and the bidi embeddings, overrides and
 * isolates. LRM and RLM stay: they are marks, not controls, and WhatsApp puts
 * them in ordinary names.
 */
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * Text as a terminal may show it: every control character as its `\uXXXX`
 * escape. The escapes are printable, so a second pass changes nothing, and they
 * are JSON's own, so JSON stays JSON with the same value.
 */
export function printable(text: string): string {
  return text.replace(CONTROLS, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/**
 * The CLI's translator: every string filled into a message is printable, so no
 * message can carry input raw to the terminal. The catalogue's own text is
 * ours and keeps its line breaks.
 */
export function terminalTranslator(lang: Lang): Translate {
  const t = translator(lang);
  return (key, params = {}) =>
    t(key, Object.fromEntries(Object.entries(params).map(([name, value]) => [name, typeof value === "string" ? printable(value) : value])));
}

/** JSON for stdout: JSON.stringify leaves C1, the separators and bidi controls raw; escaped, the value is the same. */
export function printableJson(value: unknown): string {
  return printable(JSON.stringify(value));
}
