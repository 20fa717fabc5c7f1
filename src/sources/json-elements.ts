import { Expect, type Container } from "./json-cursor.js";
import { OPEN_BRACE, OPEN_BRACKET } from "./json-extent.js";
import { JsonScanner } from "./json-scanner.js";
import type { ParseContext } from "./types.js";

/** What the scanner tells of the document, in file order, and asks of each element. */
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
  Field,
  Element,
  SkippedElement,
  Skip,
}

/**
 * Walks a JSON document whose bulk is one array, as it arrives chunk by chunk: either the root
 * itself is that array (Discord's data package), or the root object holds it under `arrayKey`
 * (DiscordChatExporter's and Meta's `messages`). Each element is cut out whole and handed to
 * JSON.parse alone; the root's other values are parsed one by one too. Only the value being read
 * and the unread rest of a chunk are held, each value no longer than a message may be.
 * (Telegram's scanner reads tdesktop's nested chat lists the same way; this one knows no
 * nesting beyond the root.)
 */
export class ElementScanner extends JsonScanner<Container, Purpose> {
  constructor(
    ctx: ParseContext,
    private readonly arrayKey: string,
    private readonly sink: ElementSink,
    /** Rewrites an element's text before it is parsed (the package's numeric ids, see package.ts). */
    private readonly prepare: (slice: string) => string = (slice) => slice,
  ) {
    super(ctx, "JSON");
  }

  /** An element's text, as `elementText` hands it on, parsed as `element` would have it. */
  parseElement(text: string, line: number): unknown {
    return this.cursor.parse(this.prepare(text), line, "the message");
  }

  protected root(c: number): void {
    if (c === OPEN_BRACE) this.enter({ expect: Expect.FirstKey, key: "" });
    else if (c === OPEN_BRACKET) this.enterArray();
    else throw this.cursor.fail("the file is not a JSON object or array");
  }

  protected value(container: Container, c: number): void {
    if (container.key === this.arrayKey && c === OPEN_BRACKET) this.enterArray();
    else if (this.sink.field) this.read(Purpose.Field, "value");
    else this.read(Purpose.Skip, "skipped");
  }

  protected element(): void {
    if (this.sink.wants?.() === false) this.read(Purpose.SkippedElement, "skipped message");
    else this.read(Purpose.Element, "message");
  }

  private enterArray(): void {
    this.enter({ expect: Expect.FirstElement, key: "" });
    this.sink.start?.();
  }

  protected take(purpose: Purpose, slice: string, line: number): void {
    const sink = this.sink;
    if (purpose === Purpose.Element) {
      if (sink.elementText) sink.elementText(slice, line);
      else sink.element(this.parseElement(slice, line), line);
    } else if (purpose === Purpose.SkippedElement) sink.skipped?.();
    else if (purpose === Purpose.Field) {
      const key = this.open[this.open.length - 1]!.key;
      sink.field?.(key, this.cursor.parse(slice, line, `"${key}"`), line);
    }
  }
}

/**
 * Feeds decoded chunks through a scanner whose sink pushes into `out`, handing out what each
 * chunk completed (and first what earlier chunks left there). Reading is driven by the
 * consumer: nothing is read ahead of the batch asked for.
 */
export async function* scanChunks<T>(chunks: AsyncIterator<string>, scanner: ElementScanner, out: T[]): AsyncGenerator<T[]> {
  try {
    for (;;) {
      if (out.length > 0) yield out.splice(0);
      const next = await chunks.next();
      if (next.done) break;
      scanner.push(next.value);
    }
    scanner.end();
    if (out.length > 0) yield out.splice(0);
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
