import { ChatFerryError } from "../errors.js";
import { closingQuote } from "../sources/json-extent.js";
import type { Redaction } from "../sources/types.js";
import type { Redactor } from "./words.js";

type JsonRedaction = Extract<Redaction, { layout: "json" }>;

/**
 * An object or array the reading is inside: an object's last key and whether a key comes
 * next; an array's `field`, the key of the member it is the value of.
 */
type Frame = { array: false; key: string | null; expectKey: boolean } | { array: true; field: string | null };

const QUOTE = 34;

/**
 * Redacts a JSON export line by line: keys, structure, numbers and whitespace stay byte for
 * byte, and so do the strings of structural keys; every other string is people's words
 * (names, texts, file names: a string a key does not vouch for is redacted). JSON strings
 * hold no raw line breaks, so every string starts and ends on its line.
 */
export function jsonLines(redaction: JsonRedaction, redactor: Redactor, file: string): (text: string, n: number) => string {
  const stack: Frame[] = [];
  const field = (): string | null => {
    const top = stack[stack.length - 1];
    return top === undefined ? null : top.array ? top.field : top.key;
  };
  return (text, n) => {
    let out = "";
    let copied = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      const top = stack[stack.length - 1];
      if (c === QUOTE) {
        const close = closingQuote(text, i + 1);
        if (close < 0) throw new ChatFerryError("E_READ", { file, reason: `invalid JSON at line ${n}: a string runs past the end of its line` });
        const raw = text.slice(i + 1, close);
        if (top && !top.array && top.expectKey) {
          top.key = decode(raw, file, n).value;
        } else {
          const key = field();
          if (key === null || !redaction.structural(key)) {
            out += text.slice(copied, i + 1) + redactString(raw, redactor, file, n);
            copied = close;
          }
        }
        i = close;
      } else if (c === 123 /* { */ || c === 91 /* [ */) {
        stack.push(c === 91 ? { array: true, field: field() } : { array: false, key: null, expectKey: true });
      } else if (c === 125 /* } */ || c === 93 /* ] */) {
        stack.pop();
      } else if (c === 58 /* : */ && top && !top.array) {
        top.expectKey = false;
      } else if (c === 44 /* , */ && top && !top.array) {
        top.expectKey = true;
      } else if (c >= 48 && c <= 57 && top && (top.array || !top.expectKey)) {
        const key = field();
        if (key !== null && redaction.personal(key)) {
          out += text.slice(copied, i) + zeroed(text, i);
          copied = i + 1;
          redactor.replaced++;
        }
      }
    }
    return out + text.slice(copied);
  };
}

/** A digit of a number as 0, but where JSON forbids a leading 0 ("37.658" → "10.000"). */
function zeroed(text: string, at: number): string {
  const before = text.charCodeAt(at - 1);
  const leads = !(before >= 48 && before <= 57) && before !== 46 /* . */;
  const next = text.charCodeAt(at + 1);
  return leads && next >= 48 && next <= 57 ? "1" : "0";
}

/** The one-character escapes JSON has, and what they stand for. */
const SHORT_ESCAPES: Record<string, string> = { '"': '"', "\\": "\\", "/": "/", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t" };

/**
 * A string's content as the parse reads it (escapes decoded, tdesktop's `\xNN` too), with
 * how each escaped character was written, by its place among the characters.
 */
function decode(raw: string, file: string, n: number): { value: string; escapes: Map<number, string> } {
  const escapes = new Map<number, string>();
  if (!raw.includes("\\")) return { value: raw, escapes };
  let value = "";
  let count = 0;
  let i = 0;
  while (i < raw.length) {
    const at = raw.indexOf("\\", i);
    const plain = raw.slice(i, at < 0 ? raw.length : at);
    value += plain;
    count += [...plain].length;
    if (at < 0) break;
    const kind = raw[at + 1] ?? "";
    let end = at + 2;
    let char = SHORT_ESCAPES[kind];
    if (kind === "u" || kind === "x") {
      end = at + (kind === "u" ? 6 : 4);
      const hex = raw.slice(at + 2, end);
      let unit = /^[0-9A-Fa-f]+$/.test(hex) && hex.length === end - at - 2 ? parseInt(hex, 16) : NaN;
      // A surrogate pair is one character written as two escapes.
      if (unit >= 0xd800 && unit <= 0xdbff && raw.startsWith("\\u", end) && /^[dD][c-fC-F][0-9A-Fa-f]{2}$/.test(raw.slice(end + 2, end + 6))) {
        unit = 0x10000 + ((unit - 0xd800) << 10) + (parseInt(raw.slice(end + 2, end + 6), 16) - 0xdc00);
        end += 6;
      }
      char = Number.isNaN(unit) ? undefined : String.fromCodePoint(unit);
    }
    if (char === undefined) throw new ChatFerryError("E_READ", { file, reason: `invalid JSON at line ${n}: a bad escape in a string` });
    escapes.set(count++, raw.slice(at, end));
    value += char;
    i = end;
  }
  return { value, escapes };
}

/**
 * Names and words are found in the decoded text, as the parse sees it, so a name written
 * `Jos\u00e9` gets the pseudonym "José" gets elsewhere; each character is then written as it
 * was (raw, or escaped the same way, a replaced letter in a `\u` escape of its own).
 * Redaction changes letters into letters, one for one: the places line up.
 */
function redactString(raw: string, redactor: Redactor, file: string, n: number): string {
  const { value, escapes } = decode(raw, file, n);
  const redacted = redactor.words(value, 0, value.length);
  if (escapes.size === 0) return redacted;
  let out = "";
  let index = 0;
  const before = [...value];
  for (const char of redacted) {
    const written = escapes.get(index);
    if (written === undefined) out += char;
    else if (char === before[index]) out += written;
    else out += [...char].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`).join("");
    index++;
  }
  return out;
}
