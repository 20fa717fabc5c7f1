import { alphabetOf } from "./letters.js";
import { isWordChar, Phrases } from "./phrases.js";
import { Pseudonyms } from "./pseudonyms.js";

const MARK = /^\p{M}$/u;
/**
 * The longest word of a name looked for in text: LINE's longest name (20 characters, 40
 * UTF-16 units for emoji; sources/line/senders.ts). Looking for a word costs up to its length
 * at each place of a text; longer words are redacted like any other.
 */
const LONGEST_WORD = 40;/** How many code units String.fromCharCode takes at once, well within any engine's argument limit. */
const AT_ONCE = 8192;

/** The words of a name: runs of letters and digits with the marks on them ("Anna Becker" → Anna, Becker). */
export function nameWords(name: string): string[] {
  const words: string[] = [];
  let word = "";
  for (const char of name) {
    if (alphabetOf(char.codePointAt(0)!) !== null || (word !== "" && MARK.test(char))) word += char;
    else if (word !== "") {
      words.push(word);
      word = "";
    }
  }
  if (word !== "") words.push(word);
  return words;
}

/**
 * Replaces what people wrote in stretches of text, keeping the export's own words (`fixed`),
 * the file names the app makes up (`madeNames`), and putting pseudonyms for names.
 */
export class Redactor {
  /** Letters and digits replaced so far. */
  replaced = 0;
  private readonly names = new Phrases("exact");

  constructor(
    private readonly fixed: Phrases,
    private readonly pseudonyms: Pseudonyms,
    private readonly madeNames: RegExp | null,
  ) {}

  /**
   * Gives each word of a name its pseudonym, to be put wherever the word stands; not a name the
   * export itself writes ("회원님"). A word longer than any name a messenger shows is no name:
   * looking for it at every place of a text would cost its length each time.
   */
  learnName(name: string): void {
    if (this.fixed.longest(name, 0, name.length) === name.length) return;
    for (const word of nameWords(name)) {
      if (word.length <= LONGEST_WORD && this.pseudonyms.of(word) !== null) this.names.add(word);
    }
  }

  /**
   * People's words from `from` to `to`: at each place the longest of the export's own words
   * (kept) or of the names' words (a pseudonym) wins, an export's word over a name as long
   * (someone named "Video" should not turn WhatsApp's "Video call" into text); any other
   * letter or digit becomes its script's fixed letter.
   */
  words(text: string, from: number, to: number): string {
    // Built a code unit at a time: a replacement is never longer than what it replaces.
    const out = new Uint16Array(to - from);
    let n = 0;
    const copy = (start: number, end: number) => {
      for (let k = start; k < end; k++) out[n++] = text.charCodeAt(k);
    };
    let i = from;
    while (i < to) {
      const c = text.charCodeAt(i);
      if (this.madeNames && isWordChar(c) && !isWordChar(text.charCodeAt(i - 1))) {
        this.madeNames.lastIndex = i;
        if (this.madeNames.test(text) && this.madeNames.lastIndex <= to) {
          copy(i, (i = this.madeNames.lastIndex));
          continue;
        }
      }
      const kept = this.fixed.longest(text, i, to);
      const named = this.names.longest(text, i, to);
      if (kept > 0 && kept >= named) {
        copy(i, (i += kept));
        continue;
      }
      if (named > 0) {
        const word = text.slice(i, (i += named));
        const pseudonym = this.pseudonyms.of(word)!;
        for (let k = 0; k < pseudonym.length; k++) out[n++] = pseudonym.charCodeAt(k);
        this.replaced += countLetters(word);
        continue;
      }
      const code = text.codePointAt(i)!;
      const width = code > 0xffff ? 2 : 1;
      const a = alphabetOf(code);
      if (a === null) copy(i, i + width);
      else {
        out[n++] = a.fixed.charCodeAt(0);
        this.replaced++;
      }
      i += width;
    }
    return fromUnits(out, n);
  }

  /** A stretch that is a name, from `from` to `to`: each word its pseudonym, even one no message showed. */
  name(text: string, from: number, to: number): string {
    const stretch = text.slice(from, to);
    let out = "";
    let at = 0;
    for (const word of nameWords(stretch)) {
      const start = stretch.indexOf(word, at);
      const pseudonym = this.pseudonyms.of(word);
      out += stretch.slice(at, start) + (pseudonym ?? this.words(word, 0, word.length));
      if (pseudonym !== null) this.replaced += countLetters(word);
      at = start + word.length;
    }
    return out + stretch.slice(at);
  }
}

/** The first `n` code units as a string, lone surrogates included (a TextDecoder would replace them). */
function fromUnits(units: Uint16Array, n: number): string {
  if (n <= AT_ONCE) return String.fromCharCode(...units.subarray(0, n));
  const parts: string[] = [];
  for (let at = 0; at < n; at += AT_ONCE) parts.push(String.fromCharCode(...units.subarray(at, Math.min(n, at + AT_ONCE))));
  return parts.join("");
}

function countLetters(word: string): number {
  let n = 0;
  for (const char of word) if (alphabetOf(char.codePointAt(0)!) !== null) n++;
  return n;
}
