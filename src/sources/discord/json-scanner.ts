import { ChatFerryError } from "../../errors.js";
import { messageTooLong } from "../message-size.js";
import { ValueExtent } from "../telegram-desktop/extent.js";
import type { ParseContext } from "../types.js";

/** What the scanner finds, in file order. */
export interface ElementSink {
  /** A key of the root object other than the streamed array, with its parsed value; `line` is where the value starts. */
  field(key: string, value: unknown, line: number): void;
  /** The streamed array begins. */
  start(): void;
  /** One element of the streamed array, parsed; `line` is where it starts. */
  element(value: unknown, line: number): void;
}

const enum State {
  Root,
  FirstKey,
  Key,
  Colon,
  Value,
  AfterValue,
  FirstElement,
  Element,
  AfterElement,
  Done,
}

const enum Purpose {
  Key,
  Field,
  Element,
}

const NEWLINE = 10;
const SPACE = 32;
const TAB = 9;
const CR = 13;
const BOM = 0xfeff;
const COLON = 58;
const COMMA = 44;
const QUOTE = 34;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
const VALUE_START = /["{[\-0-9tfn]/;

/**
 * Walks a JSON document whose bulk is one array, as it arrives chunk by chunk: either the
 * root itself is that array (Discord's data package), or the root object holds it under
 * `arrayKey` (DiscordChatExporter's `messages`). Each element is cut out whole and handed to
 * JSON.parse alone; the root's other values are parsed one by one too. Only the value being
 * read and the unread rest of a chunk are held, each value no longer than a message may be.
 * (Telegram's scanner does the same for tdesktop's nested chat lists; this one knows no
 * nesting beyond the root, which is all Discord's formats have.)
 */
export class ElementScanner {
  private text = "";
  private pos = 0;
  /** The start of the value being read when it began in an earlier chunk. */
  private carry = "";
  private carried = false;
  /** Line of `pos`, 1-based. */
  private line = 1;
  private state = State.Root;
  /** Whether the elements being read are the root's own (the root is an array). */
  private rootArray = false;
  private key = "";
  private readonly extent = new ValueExtent();
  private pending: Purpose | null = null;
  private pendingLine = 1;

  constructor(
    private readonly ctx: ParseContext,
    private readonly arrayKey: string,
    private readonly sink: ElementSink,
    /** Rewrites an element's text before it is parsed (the package's numeric ids, see package.ts). */
    private readonly prepare: (slice: string) => string = (slice) => slice,
  ) {}

  push(chunk: string): void {
    if (chunk === "") return;
    if (this.pending !== null) {
      this.carry = this.carried ? this.carry + this.text : this.text.slice(this.extent.start);
      this.carried = true;
      if (this.carry.length > this.ctx.maxMessageChars) {
        if (this.pending === Purpose.Element) throw messageTooLong(this.ctx, this.pendingLine);
        throw this.fail(`the value at line ${this.pendingLine} is longer than ${this.ctx.maxMessageChars} characters`);
      }
      this.extent.nextText();
    }
    this.text = chunk;
    this.pos = 0;
    this.run();
  }

  /** The input is over: anything still open means the file was cut short. */
  end(): void {
    if (this.state === State.Root) throw this.fail("the file holds no JSON");
    if (this.state !== State.Done) {
      const where = this.pending === Purpose.Element ? "inside a message" : "before the JSON is complete";
      throw this.fail(`the file ends ${where} (line ${this.line}); it may be truncated`);
    }
  }

  private fail(reason: string): ChatFerryError {
    return new ChatFerryError("E_READ", { file: this.ctx.file, reason });
  }

  private unexpected(expected: string): ChatFerryError {
    const found = this.text.slice(this.pos, this.pos + 12).split("\n")[0];
    return this.fail(`invalid JSON at line ${this.line}: expected ${expected}, found "${found}"`);
  }

  private run(): void {
    for (;;) {
      if (this.pending !== null && !this.finishValue()) return;
      const c = this.skipSpace();
      if (c < 0) return;
      switch (this.state) {
        case State.Root:
          if (c === OPEN_BRACE) this.state = State.FirstKey;
          else if (c === OPEN_BRACKET) this.openArray(true);
          else throw this.fail("the file is not a JSON object or array");
          this.pos++;
          break;
        case State.FirstKey:
        case State.Key:
          if (c === QUOTE) {
            this.state = State.Colon;
            this.startValue(Purpose.Key);
          } else if (c === CLOSE_BRACE && this.state === State.FirstKey) this.finish();
          else throw this.unexpected("a key");
          break;
        case State.Colon:
          if (c !== COLON) throw this.unexpected('":"');
          this.state = State.Value;
          this.pos++;
          break;
        case State.Value:
          if (!VALUE_START.test(this.text[this.pos]!)) throw this.unexpected("a value");
          if (this.key === this.arrayKey && c === OPEN_BRACKET) {
            this.openArray(false);
            this.pos++;
          } else {
            this.state = State.AfterValue;
            this.startValue(Purpose.Field);
          }
          break;
        case State.AfterValue:
          if (c === COMMA) this.state = State.Key;
          else if (c === CLOSE_BRACE) this.finish();
          else throw this.unexpected('"," or "}"');
          this.pos++;
          break;
        case State.FirstElement:
        case State.Element:
          if (c === CLOSE_BRACKET && this.state === State.FirstElement) this.closeArray();
          else if (VALUE_START.test(this.text[this.pos]!)) {
            this.state = State.AfterElement;
            this.startValue(Purpose.Element);
          } else throw this.unexpected("a value");
          break;
        case State.AfterElement:
          if (c === COMMA) {
            this.state = State.Element;
            this.pos++;
          } else if (c === CLOSE_BRACKET) this.closeArray();
          else throw this.unexpected('"," or "]"');
          break;
        case State.Done:
          throw this.unexpected("the end of the file");
      }
    }
  }

  private openArray(root: boolean): void {
    this.rootArray = root;
    this.state = State.FirstElement;
    this.sink.start();
  }

  private closeArray(): void {
    this.pos++;
    if (this.rootArray) this.state = State.Done;
    else this.state = State.AfterValue;
  }

  private finish(): void {
    this.pos++;
    this.state = State.Done;
  }

  /** The code of the next character that is not whitespace, or -1 when the text runs out. */
  private skipSpace(): number {
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

  private startValue(purpose: Purpose): void {
    this.pending = purpose;
    this.pendingLine = this.line;
    this.carried = false;
    this.extent.begin(this.text, this.pos);
  }

  /** Scans on in the pending value; false when the text runs out first. */
  private finishValue(): boolean {
    const extent = this.extent;
    const end = extent.scan(this.text);
    if (end < 0) return false;
    const purpose = this.pending!;
    const line = this.pendingLine;
    this.pending = null;
    this.pos = end;
    this.line += extent.newlines;
    const slice = this.carried ? this.carry + this.text.slice(0, end) : this.text.slice(extent.start, end);
    this.carry = "";
    this.carried = false;
    if (purpose === Purpose.Element) this.sink.element(this.parse(this.prepare(slice), line, "the message"), line);
    else if (purpose === Purpose.Key) this.key = this.parse(slice, line, "a key") as string;
    else this.sink.field(this.key, this.parse(slice, line, `"${this.key}"`), line);
    return true;
  }

  private parse(slice: string, line: number, what: string): unknown {
    try {
      return JSON.parse(slice);
    } catch (err) {
      throw this.fail(`invalid JSON in ${what} at line ${line}: ${(err as Error).message}`);
    }
  }
}

/**
 * Feeds decoded chunks through a scanner, handing out what each chunk completed (and first
 * what earlier chunks left in `take`). Reading is driven by the consumer: nothing is read
 * ahead of the batch asked for.
 */
export async function* scanChunks<T>(chunks: AsyncIterator<string>, scanner: ElementScanner, take: () => T[]): AsyncGenerator<T[]> {
  try {
    for (;;) {
      const done = take();
      if (done.length > 0) yield done;
      const next = await chunks.next();
      if (next.done) break;
      scanner.push(next.value);
    }
    scanner.end();
    const rest = take();
    if (rest.length > 0) yield rest;
  } finally {
    await chunks.return?.();
  }
}

/** Feeds chunks until `ready` says so or the input ends (scanChunks goes on from there). */
export async function scanUntil(chunks: AsyncIterator<string>, scanner: ElementScanner, ready: () => boolean): Promise<void> {
  while (!ready()) {
    const next = await chunks.next();
    if (next.done) return;
    scanner.push(next.value);
  }
}
