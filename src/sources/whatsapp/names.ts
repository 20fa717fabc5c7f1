/**
 * Who wrote a message, as one name whatever the exporter's phone knew of them.
 *
 * iOS marks a member who is not in the exporter's contacts with "~" and U+202F
 * (`~ Ann`), and wraps a phone number shown as a name in bidi controls
 * (`U+202A+55 31 9812‑3456U+202C`). The same person saved as a contact, or
 * exported from another phone, has neither; so both are dropped from names
 * and from the name opening a notice. The non-breaking spaces and hyphens of
 * a phone number are the number's own spelling and are kept.
 */

const LRM = 0x200e;
const TILDE = 126;

/** U+200E/U+200F, U+202A–U+202E and U+2066–U+2069: direction controls, never part of a name. */
function isFormat(c: number): boolean {
  return c >= LRM && (c <= 0x200f || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069));
}

const FORMAT = /[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** After the tilde of the "not in contacts" marker: U+202F (older exports: a space or U+00A0). */
function isGap(c: number): boolean {
  return c === 0x202f || c === 32 || c === 0xa0;
}

function hasContactMarker(text: string): boolean {
  return text.charCodeAt(0) === TILDE && isGap(text.charCodeAt(1));
}

/**
 * The name written from `start` to `end` of a line, without the contact marker and the
 * direction controls around it; as written if nothing else is left. Both sit at a name's
 * ends, so a name costs a few character tests and one slice, as it did before.
 */
export function senderName(line: string, start: number, end: number): string {
  let s = start;
  let e = end;
  while (s < e && isFormat(line.charCodeAt(s))) s++;
  if (e - s > 2 && line.charCodeAt(s) === TILDE && isGap(line.charCodeAt(s + 1))) {
    s += 2;
    while (s < e && isFormat(line.charCodeAt(s))) s++;
  }
  while (e > s && isFormat(line.charCodeAt(e - 1))) e--;
  return s < e ? line.slice(s, e) : line.slice(start, end);
}

/** A notice's words without direction controls, and without the contact marker on the name it opens with. */
export function noticeText(text: string): string {
  const clean = text.replace(FORMAT, "");
  return hasContactMarker(clean) ? clean.slice(2) : clean;
}

/** A notice body as its opening name compares with a cleaned sender; most bodies are returned as they are. */
export function noticeLead(body: string): string {
  const c = body.charCodeAt(0);
  return c === TILDE || isFormat(c) ? noticeText(body) : body;
}

/** iOS's ": ‎" between an author and words the app wrote (a notice, a placeholder). */
const MARKED_SEPARATOR = ": \u200e";
/** Longer than any name a phone shows; beyond it a later ": ‎" is in the message's own words. */
const LONGEST_NAME = 100;

/**
 * Where an iOS author ends, for names that hold ": " themselves (`Tomás: Road Warrior`).
 * Lines are split at the first ": " unless the words after it are unmarked while a later
 * ": " is followed by U+200E (the app's own words: a notice, a deletion, a placeholder);
 * a name learned that way splits that author's unmarked messages too. One look per line.
 */
export class Authors {
  /** Names holding ": ", as written in the file. Almost always empty. */
  private readonly colonNames: string[] = [];

  /** Index of the ": " that ends the author of `text` (author from `from`), or -1. */
  end(text: string, from: number, ios: boolean): number {
    const sep = text.indexOf(": ", from);
    if (sep < 0 || !ios || text.charCodeAt(sep + 2) === LRM) return sep;
    const names = this.colonNames;
    for (let i = 0; i < names.length; i++) {
      const name = names[i]!;
      if (text.startsWith(name, from) && text.startsWith(": ", from + name.length)) return from + name.length;
    }
    const later = markedSeparator(text, sep);
    if (later < 0) return sep;
    names.push(text.slice(from, later));
    return later;
  }
}

/**
 * A later ": ‎" near the start, not before an attachment tag (a caption may end
 * with a colon: `Look: ‎<attached: …>`); -1 when there is none.
 */
export function markedSeparator(text: string, sep: number): number {
  const later = text.indexOf(MARKED_SEPARATOR, sep + 2);
  if (later < 0 || later - sep > LONGEST_NAME || text.charCodeAt(later + 3) === 60 /* < */) return -1;
  return later;
}
