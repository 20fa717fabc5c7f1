import { JsonCursor, OPEN_BRACE, OPEN_BRACKET, Expect, Token, type Container, type Reading } from "./json-cursor.js";
import type { ParseContext } from "./types.js";

/** What the scanner finds, in file order. */
interface Finds {
  /**
   * A key of the root object other than the streamed array, with its parsed value; `line` is where
   * the value starts. Without it the root's other values are scanned past, unparsed.
   */
  field?(key: string, value: unknown, line: number): void;
  /** The streamed array begins. */
  start?(): void;
  /**
   * Whether the next element is wanted; one that is not is scanned past, neither held nor parsed,
   * and `skipped` is told. A reader that reads a file in windows (Meta's, newest first) takes only
   * the window it is after.
   */
  wants?(): boolean;
  skipped?(): void;
}

/** Each element, parsed; or its JSON text unparsed, for a reader that glances at it or parses it later (parseElement). */
type Elements = { element(value: unknown, line: number): void; elementText?: never } | { elementText(text: string, line: number): void; element?: never };

export type ElementSink = Finds & Elements;

const enum Purpose {
  Key,
  Field,
  Element,
  SkippedElement,
}

/**
 * Walks a JSON document whose bulk is one array, as it arrives chunk by chunk: either the root
 * itself is that array (Discord's data package), or the root object holds it under `arrayKey`
 * (DiscordChatExporter's and Meta's `messages`). Each element is cut out whole and handed to
 * JSON.parse alone; the root's other values are parsed one by one too. Only the value being read
 * and the unread rest of a chunk are held, each value no longer than a message may be.
 * (Telegram's scanner reads tdesktop's nested chat lists with the same cursor; this one knows no
 * nesting beyond the root.)
 */
export class ElementScanner {
  private readonly cursor: JsonCursor;
  /** The root object and the array inside it, or the root array: what is open, innermost last. */
  private readonly open: Container[] = [];
  private rootDone = false;
  private key = "";
  private pending: Purpose | null = null;

  constructor(
    ctx: ParseContext,
    private readonly arrayKey: string,
    private readonly sink: ElementSink,
    /** Rewrites an element's text before it is parsed (the package's numeric ids, see package.ts). */
    private readonly prepare: (slice: string) => string = (slice) => slice,
  ) {
    this.cursor = new JsonCursor(ctx);
  }

  push(chunk: string): void {
    if (chunk === "") return;
    this.cursor.next(chunk);
    this.run();
  }

  /** The input is over: anything still open means the file was cut short. */
  end(): void {
    if (this.open.length > 0) throw this.cursor.cutShort();
    if (!this.rootDone) throw this.cursor.fail("the file holds no JSON");
  }

  /** An element's text, as `elementText` hands it on, parsed as `element` would have it. */
  parseElement(text: string, line: number): unknown {
    return this.cursor.parse(this.prepare(text), line, "the message");
  }

  private run(): void {
    const cursor = this.cursor;
    for (;;) {
      if (this.pending !== null && !this.finishValue()) return;
      const c = cursor.skipSpace();
      if (c < 0) return;
      const container = this.open[this.open.length - 1];
      if (!container) {
        if (this.rootDone) throw cursor.unexpected("the end of the file");
        if (c === OPEN_BRACE) this.open.push({ expect: Expect.FirstKey });
        else if (c === OPEN_BRACKET) this.openArray();
        else throw cursor.fail("the file is not a JSON object or array");
        cursor.pos++;
        continue;
      }
      switch (cursor.step(container, c)) {
        case Token.Key:
          this.read(Purpose.Key, "value");
          break;
        case Token.Value:
          if (this.key === this.arrayKey && c === OPEN_BRACKET) {
            this.openArray();
            cursor.pos++;
          } else this.read(Purpose.Field, this.sink.field ? "value" : "skipped");
          break;
        case Token.Element:
          if (this.sink.wants?.() === false) this.read(Purpose.SkippedElement, "skipped message");
          else this.read(Purpose.Element, "message");
          break;
        case Token.Close:
          this.open.pop();
          if (this.open.length === 0) this.rootDone = true;
          break;
      }
    }
  }

  private openArray(): void {
    this.open.push({ expect: Expect.FirstElement });
    this.sink.start?.();
  }

  private read(purpose: Purpose, reading: Reading): void {
    this.pending = purpose;
    this.cursor.begin(reading);
  }

  /** Scans on in the pending value; false when the chunk runs out first. */
  private finishValue(): boolean {
    const cursor = this.cursor;
    const line = cursor.line;
    const slice = cursor.finish();
    if (slice === null) return false;
    const purpose = this.pending!;
    this.pending = null;
    const sink = this.sink;
    if (purpose === Purpose.Element) {
      if (sink.elementText) sink.elementText(slice, line);
      else sink.element(this.parseElement(slice, line), line);
    } else if (purpose === Purpose.SkippedElement) sink.skipped?.();
    else if (purpose === Purpose.Key) this.key = cursor.parse(slice, line, "a key") as string;
    else sink.field?.(this.key, cursor.parse(slice, line, `"${this.key}"`), line);
    return true;
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
