import { ChatFerryError } from "../errors.js";
import { CLOSE_BRACE, CLOSE_BRACKET, COMMA, CR, NEWLINE, QUOTE, SPACE, TAB, ValueExtent } from "./json-extent.js";
import { messageTooLong } from "./message-size.js";
import type { ParseContext } from "./types.js";

/**
 * What a value is read for. A kept value ("message", "value") has its text held across chunks,
 * no longer than a message may be; a skipped one is only scanned past, whatever its size. Whether
 * it is a message says how its overflow, and a file cut inside it, are reported.
 */
export type Reading = "message" | "value" | "skipped message" | "skipped";

/** What an object or array being read expects next. */
export const enum Expect {
  FirstKey,
  Key,
  Colon,
  Value,
  AfterValue,
  FirstElement,
  Element,
  AfterElement,
}

/** An object or array being read. */
export interface Container {
  expect: Expect;
  /** An object's key whose value is next or being read. */
  key: string;
}

/** What `step` found at the cursor; punctuation it takes itself. */
export const enum Token {
  Punctuation,
  /** A key starts at `pos`. */
  Key,
  /** A value of an object starts at `pos`; the object now expects what follows it. */
  Value,
  /** An element of an array starts at `pos`; the array now expects what follows it. */
  Element,
  /** The container's closing bracket, taken. */
  Close,
}

const BOM = 0xfeff;
const COLON = 58;
const VALUE_START = /["{[\-0-9tfn]/;

/**
 * Reads JSON text as it arrives, chunk by chunk, for a scanner that knows what the document
 * means: where it stands (chunk, position, line), its punctuation, and each value it is told to
 * read, found whole by ValueExtent without being parsed. The chunk is scanned as it is: joining
 * it to the rest of the previous one would copy every chunk once more, so only a value being
 * kept carries over.
 */
export class JsonCursor {
  /** The chunk being scanned. */
  text = "";
  pos = 0;
  /** Line of `pos`, 1-based; while a value is read, the line it starts on. */
  line = 1;
  /** The value being read, if any. */
  private reading: Reading | null = null;
  private readonly extent = new ValueExtent();
  /** The start of the kept value when it began in an earlier chunk. */
  private carry = "";
  private carried = false;

  constructor(
    private readonly ctx: ParseContext,
    /** Rewrites a value that does not parse, for another try (tdesktop's `\xNN` escapes). */
    private readonly repair?: (slice: string) => string,
  ) {}

  /** Moves on to the next chunk, carrying over the start of a kept value it continues. */
  next(chunk: string): void {
    if (this.reading !== null) {
      if (this.reading === "message" || this.reading === "value") {
        this.carry = this.carried ? this.carry + this.text : this.text.slice(this.extent.start);
        this.carried = true;
        // Keys and names are held to a message's limit too.
        if (this.carry.length > this.ctx.maxMessageChars) {
          if (this.reading === "message") throw messageTooLong(this.ctx, this.line);
          throw this.fail(`the value at line ${this.line} is longer than ${this.ctx.maxMessageChars} characters`);
        }
      }
      this.extent.nextText();
    }
    this.text = chunk;
    this.pos = 0;
  }

  /** The code of the next character that is not whitespace, or -1 when the chunk runs out. */
  skipSpace(): number {
    const text = this.text;
    const n = text.length;
    let i = this.pos;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === NEWLINE) this.line++;
      else if (c !== SPACE && c !== TAB && c !== CR && c !== BOM) {
        this.pos = i;
        return c;
      }
      i++;
    }
    this.pos = n;
    return -1;
  }

  /** Reads the token at `pos` (its first character `c`) as the container's grammar allows. */
  step(container: Container, c: number): Token {
    switch (container.expect) {
      case Expect.FirstKey:
      case Expect.Key:
        if (c === QUOTE) {
          container.expect = Expect.Colon;
          return Token.Key;
        }
        if (c === CLOSE_BRACE && container.expect === Expect.FirstKey) return this.pass(Token.Close);
        throw this.unexpected("a key");
      case Expect.Colon:
        if (c !== COLON) throw this.unexpected('":"');
        container.expect = Expect.Value;
        return this.pass(Token.Punctuation);
      case Expect.AfterValue:
      case Expect.AfterElement: {
        const object = container.expect === Expect.AfterValue;
        if (c === COMMA) {
          container.expect = object ? Expect.Key : Expect.Element;
          return this.pass(Token.Punctuation);
        }
        if (c === (object ? CLOSE_BRACE : CLOSE_BRACKET)) return this.pass(Token.Close);
        throw this.unexpected(object ? '"," or "}"' : '"," or "]"');
      }
      case Expect.Value:
        if (!VALUE_START.test(this.text[this.pos]!)) throw this.unexpected("a value");
        container.expect = Expect.AfterValue;
        return Token.Value;
      case Expect.FirstElement:
      case Expect.Element:
        if (c === CLOSE_BRACKET && container.expect === Expect.FirstElement) return this.pass(Token.Close);
        if (!VALUE_START.test(this.text[this.pos]!)) throw this.unexpected("a value");
        container.expect = Expect.AfterElement;
        return Token.Element;
    }
  }

  /** Passes the one-character token at `pos`. */
  private pass(token: Token): Token {
    this.pos++;
    return token;
  }

  /** Starts reading the value at `pos`. */
  begin(reading: Reading): void {
    this.reading = reading;
    this.carried = false;
    this.extent.begin(this.text, this.pos);
  }

  /**
   * Scans on in the value being read: its text once it ends ("" for one skipped), or null when
   * the chunk runs out first. `line` is where the value starts until then.
   */
  finish(): string | null {
    const extent = this.extent;
    const end = extent.scan(this.text);
    if (end < 0) return null;
    const kept = this.reading === "message" || this.reading === "value";
    this.reading = null;
    this.pos = end;
    this.line += extent.newlines;
    if (!kept) return "";
    const slice = this.carried ? this.carry + this.text.slice(0, end) : this.text.slice(extent.start, end);
    this.carry = "";
    this.carried = false;
    return slice;
  }

  /** A value's JSON text parsed; invalid JSON fails with the line it starts on. */
  parse(slice: string, line: number, what: string): unknown {
    try {
      return JSON.parse(slice);
    } catch (err) {
      const repaired = this.repair?.(slice) ?? slice;
      if (repaired !== slice) {
        try {
          return JSON.parse(repaired);
        } catch {
          // The repair was not the problem; report the original error.
        }
      }
      throw this.fail(`invalid JSON in ${what} at line ${line}: ${(err as Error).message}`);
    }
  }

  /** The refusal of input that ends inside the document. */
  cutShort(): ChatFerryError {
    const where = this.reading === "message" || this.reading === "skipped message" ? "inside a message" : "before the JSON is complete";
    return this.fail(`the file ends ${where} (line ${this.line}); it may be truncated`);
  }

  fail(reason: string): ChatFerryError {
    return new ChatFerryError("E_READ", { file: this.ctx.file, reason });
  }

  unexpected(expected: string): ChatFerryError {
    const found = this.text.slice(this.pos, this.pos + 12).split("\n")[0];
    return this.fail(`invalid JSON at line ${this.line}: expected ${expected}, found "${found}"`);
  }
}
