/**
 * A set of phrases found at a position of a text in one walk down a tree, in time
 * proportional to the longest phrase: a line is looked at once however many phrases there
 * are (WhatsApp's notices in a dozen languages, a group's names).
 */
interface Node {
  readonly next: Map<number, Node>;
  /** A phrase ends here. */
  end: boolean;
}

function node(): Node {
  return { next: new Map(), end: false };
}

/** Latin letters and digits, accented ones too: where a Latin word goes on, a phrase cannot end. */
export function isWordChar(c: number): boolean {
  if (c < 0x80) return (c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 122);
  return c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7;
}

export class Phrases {
  private readonly root = node();

  /**
   * `words`: the export's fixed words, matched ignoring the case of ASCII letters (Android
   * writes "<Media omitted>", the table "media omitted") and only as whole Latin words ("left"
   * is not in "leftover"); Korean, Japanese and Chinese have no spaces to stop at. Otherwise
   * exact matches anywhere (names, whose pseudonyms must follow their case).
   */
  constructor(private readonly kind: "words" | "exact") {}

  add(phrase: string): void {
    let at = this.root;
    for (let i = 0; i < phrase.length; i++) {
      const c = this.key(phrase.charCodeAt(i));
      let next = at.next.get(c);
      if (!next) at.next.set(c, (next = node()));
      at = next;
    }
    at.end = true;
  }

  /** The length of the longest phrase at `text[at]` that ends by `to`; 0 when none does. */
  longest(text: string, at: number, to: number): number {
    let here = this.root.next.get(this.key(text.charCodeAt(at)));
    if (!here) return 0;
    const words = this.kind === "words";
    if (words && at > 0 && isWordChar(text.charCodeAt(at)) && isWordChar(text.charCodeAt(at - 1))) return 0;
    let found = 0;
    for (let i = at + 1; ; i++) {
      if (here.end && !(words && isWordChar(text.charCodeAt(i - 1)) && isWordChar(text.charCodeAt(i)))) found = i - at;
      if (i >= to) return found;
      const next: Node | undefined = here.next.get(this.key(text.charCodeAt(i)));
      if (!next) return found;
      here = next;
    }
  }

  private key(c: number): number {
    return this.kind === "words" && c >= 65 && c <= 90 ? c | 32 : c;
  }
}
