/**
 * LINE wraps a multi-line body in double quotes: the opening one starts the
 * body, the closing one ends its last line, and inner quotes are written as
 * they are (no file shows them doubled). A body that starts with a quote may
 * as well be literal (a reply quoting someone), and the first line of a
 * wrapped body may itself end with a quote, so no line decides alone: the
 * lines after such a body are held until
 *   - a line ends with a quote: the body was wrapped, the held lines are its text;
 *   - a message line comes, the input ends, or the held text passes
 *     QUOTE_LIMIT characters: the quote was literal, and the held lines are
 *     read again as ordinary lines (headings among them count again).
 * Every line is held at most once per quote, and memory stays bounded.
 * LINE caps a message at 10,000 characters; the limit leaves room for more.
 */
export const QUOTE_LIMIT = 20_000;

const QUOTE = 34;

export function opensQuote(body: string): boolean {
  return body.charCodeAt(0) === QUOTE;
}

export function closesQuote(line: string): boolean {
  return line.charCodeAt(line.length - 1) === QUOTE;
}

/** The lines held while a quote may still close. */
export class HeldLines {
  readonly texts: string[] = [];
  readonly numbers: number[] = [];
  private size = 0;

  /** Holds a line; false when the held text has grown past the limit. */
  hold(text: string, n: number): boolean {
    this.texts.push(text);
    this.numbers.push(n);
    this.size += text.length + 1;
    return this.size <= QUOTE_LIMIT;
  }
}
