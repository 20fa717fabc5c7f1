import { JsonCursor, Token, type Container, type Reading } from "./json-cursor.js";
import type { ParseContext } from "./types.js";

/** A key being read is no purpose of a scanner's own: the scanner sets it on its object. */
const KEY = "key";

/**
 * What every streaming scanner does alike: feeds chunks through the cursor, keeps the stack of
 * open containers, reads keys, and hands each value it was told to read to `take` once it ends.
 * A scanner says what the document means: how its root opens, what each value and element is
 * read for (its purpose `P`), and what is done with it.
 */
export abstract class JsonScanner<C extends Container, P extends number> {
  protected readonly cursor: JsonCursor;
  /** The containers open, innermost last. */
  protected readonly open: C[] = [];
  private rootDone = false;
  private pending: P | typeof KEY | null = null;

  constructor(
    ctx: ParseContext,
    /** What the file must hold, named in the refusal of one that holds none. */
    private readonly document: string,
    repair?: (slice: string) => string,
  ) {
    this.cursor = new JsonCursor(ctx, repair);
  }

  push(chunk: string): void {
    if (chunk === "") return;
    this.cursor.next(chunk);
    this.run();
  }

  /** The input is over: anything still open means the file was cut short. */
  end(): void {
    if (this.open.length > 0) throw this.cursor.cutShort();
    if (!this.rootDone) throw this.cursor.fail(`the file holds no ${this.document}`);
  }

  /** The root starts at the cursor, its first character `c`: enter it, or refuse it. */
  protected abstract root(c: number): void;
  /** A value of the innermost object starts at the cursor, its key `container.key`: enter it or read it. */
  protected abstract value(container: C, c: number): void;
  /** An element of the innermost array starts at the cursor: enter it or read it. */
  protected abstract element(container: C, c: number): void;
  /** A value read for `purpose` has ended: its text (empty where it was skipped) and the line it starts on. */
  protected abstract take(purpose: P, slice: string, line: number): void;

  /** A container has closed (it is no longer in `open`). */
  protected closed?(container: C): void;

  /** Opens the container whose bracket is at the cursor. */
  protected enter(container: C): void {
    this.open.push(container);
    this.cursor.pos++;
  }

  /** Reads the value at the cursor for `purpose`. */
  protected read(purpose: P, reading: Reading): void {
    this.pending = purpose;
    this.cursor.begin(reading);
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
        this.root(c);
        continue;
      }
      switch (cursor.step(container, c)) {
        case Token.Key:
          this.pending = KEY;
          cursor.begin("value");
          break;
        case Token.Value:
          this.value(container, c);
          break;
        case Token.Element:
          this.element(container, c);
          break;
        case Token.Close:
          this.open.pop();
          this.closed?.(container);
          if (this.open.length === 0) this.rootDone = true;
          break;
      }
    }
  }

  /** Scans on in the pending value; false when the chunk runs out first. */
  private finishValue(): boolean {
    const cursor = this.cursor;
    const line = cursor.line;
    const slice = cursor.finish();
    if (slice === null) return false;
    const purpose = this.pending!;
    this.pending = null;
    if (purpose === KEY) this.open[this.open.length - 1]!.key = cursor.parse(slice, line, "a key") as string;
    else this.take(purpose, slice, line);
    return true;
  }
}
