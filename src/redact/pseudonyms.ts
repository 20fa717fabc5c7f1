import { alphabetOf, type Alphabet } from "./letters.js";

/**
 * Names in a redacted sample: every word of a name becomes a pseudonym of the same script
 * and length ("김민지" → "갑을병", "Anna Becker" → "Abcd Abcdef"), the same one wherever it
 * stands (as a sender, inside a notice, in the title), and no two words the same one. Words,
 * not whole names: "Bob" and "Bob Smith" stay a name and its first word, "~ Ann" and "Ann"
 * the same name, so everything a source reads from names reads the same in the sample, and
 * distinct names stay distinct, so the sample has as many participants as the chat.
 *
 * A word is a run of letters, digits and the marks on them; what stands between words
 * (spaces, "~", direction marks, emoji) is kept.
 */
export class Pseudonyms {
  private readonly words = new Map<string, string>();
  /** Per shape (the alphabets of a word's letters, in order), how many words have one. */
  private readonly counts = new Map<string, number>();

  /** Memory stays bounded by this many words; later ones are redacted like any other text. */
  static readonly LIMIT = 100_000;

  /** The pseudonym of a word; the first call for a word gives it one. Null past LIMIT. */
  of(word: string): string | null {
    const known = this.words.get(word);
    if (known !== undefined) return known;
    if (this.words.size >= Pseudonyms.LIMIT) return null;
    const made = this.make(word);
    this.words.set(word, made);
    return made;
  }

  /**
   * The k-th word of a shape gets k written in mixed radix over its letters, last letter
   * first, each letter offset by its place: "갑을병", "갑을정", … Distinct k, distinct
   * pseudonym, up to the product of the alphabets' sizes (25 one-letter capitals, 398
   * one-syllable Hangul names, 25^4 four-letter Latin ones); past that, pseudonyms repeat.
   */
  private make(word: string): string {
    const alphabets: (Alphabet | null)[] = [];
    const chars: string[] = [];
    let shape = "";
    for (const char of word) {
      const a = alphabetOf(char.codePointAt(0)!);
      alphabets.push(a);
      chars.push(char);
      shape += a === null ? `=${char}` : `${a.fixed}`;
    }
    const k = this.counts.get(shape) ?? 0;
    this.counts.set(shape, k + 1);
    let rest = k;
    let place = alphabets.filter((a) => a !== null).length;
    for (let i = chars.length - 1; i >= 0; i--) {
      const a = alphabets[i];
      if (!a) continue;
      place--;
      const size = a.names.length;
      chars[i] = a.names[(place + (rest % size)) % size]!;
      rest = Math.floor(rest / size);
    }
    return chars.join("");
  }
}
