/** Character codes of JSON's structure (the cursor reads by them too). */
export const QUOTE = 34;
const BACKSLASH = 92;
export const OPEN_BRACE = 123;
export const CLOSE_BRACE = 125;
export const OPEN_BRACKET = 91;
export const CLOSE_BRACKET = 93;
export const NEWLINE = 10;
export const COMMA = 44;
export const SPACE = 32;
export const TAB = 9;
export const CR = 13;

/**
 * The index of the quote that closes a JSON string, searching from `from`,
 * or -1. `from` must start an escape sequence (the string's content start,
 * or just past an escape that straddled chunks): a run of backslashes then
 * starts an escape, so its length alone says whether the quote after it is
 * escaped. Counting stops at `from`, as text before it may belong to an
 * earlier chunk.
 */
export function closingQuote(text: string, from: number): number {
  let quote = text.indexOf('"', from);
  while (quote >= 0) {
    let k = quote - 1;
    while (k >= from && text.charCodeAt(k) === BACKSLASH) k--;
    if (((quote - 1 - k) & 1) === 0) return quote;
    quote = text.indexOf('"', quote + 1);
  }
  return -1;
}

/** Whether text ending inside a string leaves the next chunk's first character escaped. */
function endsInEscape(text: string, from: number): boolean {
  let k = text.length - 1;
  while (k >= from && text.charCodeAt(k) === BACKSLASH) k--;
  return ((text.length - 1 - k) & 1) === 1;
}

/**
 * Finds where one JSON value ends in text that arrives in pieces, without
 * parsing it: string contents are jumped with indexOf, only the characters
 * between strings are looked at one by one. Brackets are counted, not
 * matched; whoever keeps the value has JSON.parse check it.
 */
export class ValueExtent {
  /** Where the value starts in the text it began in. */
  start = 0;
  /** Newlines inside the value (all outside strings: JSON strings cannot hold raw ones). */
  newlines = 0;
  private pos = 0;
  private depth = 0;
  private inString = false;
  /** The text ended just after a backslash inside a string. */
  private escaped = false;
  private scalar = false;

  /** Starts on the value whose first character is at `start`. */
  begin(text: string, start: number): void {
    const c = text.charCodeAt(start);
    this.start = start;
    this.newlines = 0;
    this.depth = 0;
    this.inString = c === QUOTE;
    this.escaped = false;
    this.scalar = c !== QUOTE && c !== OPEN_BRACE && c !== OPEN_BRACKET;
    this.pos = this.inString ? start + 1 : start;
  }

  /** The text ran out (scan returned -1): go on at the start of the next text. */
  nextText(): void {
    this.pos = this.escaped ? 1 : 0;
    this.escaped = false;
  }

  /** The index just past the value, or -1 when the text ends first (then nextText() and scan the next). */
  scan(text: string): number {
    if (this.scalar) return this.scanScalar(text);
    let i = this.pos;
    if (this.inString) {
      const quote = closingQuote(text, i);
      if (quote < 0) return this.stopInString(text, i);
      this.inString = false;
      i = quote + 1;
      if (this.depth === 0) return i;
    }
    let depth = this.depth;
    let newlines = this.newlines;
    const n = text.length;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === QUOTE) {
        const quote = closingQuote(text, i + 1);
        if (quote < 0) {
          this.depth = depth;
          this.newlines = newlines;
          this.inString = true;
          return this.stopInString(text, i + 1);
        }
        i = quote + 1;
        continue;
      }
      if (c === OPEN_BRACE || c === OPEN_BRACKET) depth++;
      else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
        if (--depth === 0) {
          this.newlines = newlines;
          return i + 1;
        }
      } else if (c === NEWLINE) newlines++;
      i++;
    }
    this.depth = depth;
    this.newlines = newlines;
    return -1;
  }

  private stopInString(text: string, from: number): number {
    // The pending escape can only be known where the search started; an escape before it is resolved.
    this.escaped = from < text.length && endsInEscape(text, from);
    this.pos = text.length;
    return -1;
  }

  /** Numbers, true, false, null: up to the next delimiter. */
  private scanScalar(text: string): number {
    const n = text.length;
    for (let i = this.pos; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c === COMMA || c === CLOSE_BRACE || c === CLOSE_BRACKET || c === SPACE || c === NEWLINE || c === TAB || c === CR) return i;
    }
    return -1;
  }
}
