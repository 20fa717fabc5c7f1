/**
 * What a letter or digit becomes in a redacted sample. Each script keeps its own: a
 * Hangul syllable becomes a Hangul syllable (아), a kana a kana, so the sample still shows
 * which scripts the chat was written in, and the line keeps its width (a syllable is two
 * bytes in CP949 and three in UTF-8, like the one it stands for). Every letter of a script
 * becomes one fixed letter; names become pseudonyms made of the script's other letters
 * (`names`), so that a pseudonym is never what plain redaction writes. Every letter here
 * exists in CP949 and, where the script does, in Shift_JIS: the sample is written in the
 * input's own encoding.
 *
 * Emoji, symbols, punctuation, spaces and marks (U+200E, U+202F, combining marks) stay:
 * they identify nobody, and exports build their lines from them.
 */
export interface Alphabet {
  /** What every letter of the script becomes. */
  readonly fixed: string;
  /** What pseudonyms are made of, in order; never `fixed`. */
  readonly names: readonly string[];
}

/**
 * UTF-16 without a BOM is told by where its zero bytes fall (input/decode.ts): a letter
 * with a zero byte (가 is U+AC00) would move them, so none is used.
 */
function zeroByte(char: string): boolean {
  const unit = char.charCodeAt(0);
  return (unit & 0xff) === 0 || unit >> 8 === 0;
}

function alphabet(fixed: string, ...names: string[]): Alphabet {
  return { fixed, names: [...new Set(names.flatMap((n) => [...n]))].filter((c) => c !== fixed && (c.charCodeAt(0) < 0x80 || !zeroByte(c))) };
}

/** Hangul syllables without a final consonant (나, 다, …, 히), so that one-syllable names stay apart. */
const OPEN_SYLLABLES = Array.from({ length: 19 * 21 }, (_, i) => String.fromCharCode(0xac00 + i * 28)).join("");

const LATIN_LOWER = alphabet("x", "abcdefghijklmnopqrstuvwyz");
const LATIN_UPPER = alphabet("X", "ABCDEFGHIJKLMNOPQRSTUVWYZ");
const DIGITS = alphabet("0", "123456789");
// Party A, B, C... of Korean contracts and the Chinese "heavenly stems" (then "earthly branches"):
// placeholders people read as such, first; more letters after them keep large groups apart.
const HANGUL = alphabet("아", "갑을병정무기경신임계", OPEN_SYLLABLES);
const JAMO = alphabet("ㅁ", "ㄱㄴㄷㄹㅂㅅㅇㅈㅊㅋㅌㅍㅎ");
const HAN = alphabet("某", "甲乙丙丁戊己庚辛壬癸", "子丑寅卯辰巳午未申酉戌亥");
const HIRAGANA = alphabet("あ", "いうえおかきくけこさしすせそ");
const KATAKANA = alphabet("ア", "イウエオカキクケコサシスセソ");
const HALFWIDTH_KATAKANA = alphabet("ｱ", "ｲｳｴｵｶｷｸｹｺ");
const FULLWIDTH_LOWER = alphabet("ｘ", "ａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｙｚ");
const FULLWIDTH_UPPER = alphabet("Ｘ", "ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＹＺ");
const FULLWIDTH_DIGITS = alphabet("０", "１２３４５６７８９");
const CYRILLIC_LOWER = alphabet("х", "абвгдежзийклмнопрстуфцчшщ");
const CYRILLIC_UPPER = alphabet("Х", "АБВГДЕЖЗИЙКЛМНОПРСТУФЦЧШЩ");
const GREEK_LOWER = alphabet("χ", "αβγδεζηθικλμνξοπρστυφψω");
const GREEK_UPPER = alphabet("Χ", "ΑΒΓΔΕΖΗΘΙΚΛΜΝΞΟΠΡΣΤΥΦΨΩ");
const THAI = alphabet("ก", "ขคงจฉชซ");
const ARABIC = alphabet("س", "ابتثجحخدذرز");
const HEBREW = alphabet("ש", "אבגדהוזחטיכלמנ");
const DEVANAGARI = alphabet("क", "खगघचछजझ");

/** Scripts by code point range; a letter of any other script is written as a Latin one. */
const RANGES: readonly (readonly [from: number, to: number, lower: Alphabet, upper: Alphabet])[] = [
  [0x00c0, 0x024f, LATIN_LOWER, LATIN_UPPER],
  [0x0370, 0x03ff, GREEK_LOWER, GREEK_UPPER],
  [0x0400, 0x052f, CYRILLIC_LOWER, CYRILLIC_UPPER],
  [0x0590, 0x05ff, HEBREW, HEBREW],
  [0x0600, 0x06ff, ARABIC, ARABIC],
  [0x0900, 0x097f, DEVANAGARI, DEVANAGARI],
  [0x0e00, 0x0e7f, THAI, THAI],
  [0x1100, 0x11ff, JAMO, JAMO],
  [0x1e00, 0x1eff, LATIN_LOWER, LATIN_UPPER],
  [0x1f00, 0x1fff, GREEK_LOWER, GREEK_UPPER],
  [0x3040, 0x309f, HIRAGANA, HIRAGANA],
  [0x30a0, 0x30ff, KATAKANA, KATAKANA],
  [0x3130, 0x318f, JAMO, JAMO],
  [0x3400, 0x4dbf, HAN, HAN],
  [0x4e00, 0x9fff, HAN, HAN],
  [0xf900, 0xfaff, HAN, HAN],
  [0xff21, 0xff3a, FULLWIDTH_UPPER, FULLWIDTH_UPPER],
  [0xff41, 0xff5a, FULLWIDTH_LOWER, FULLWIDTH_LOWER],
  [0xff66, 0xff9d, HALFWIDTH_KATAKANA, HALFWIDTH_KATAKANA],
  [0x20000, 0x3134f, HAN, HAN],
];

const LETTER = /^\p{L}$/u;
const DIGIT = /^\p{Nd}$/u;
/** Characters seen outside the fast paths: a chat uses a few hundred, so each is looked up once. */
const seen = new Map<number, Alphabet | null>();

/** The alphabet a code point's letter or digit belongs to; null for anything that stays as it is. */
export function alphabetOf(code: number): Alphabet | null {
  if (code < 0x80) {
    if (code >= 97 && code <= 122) return LATIN_LOWER;
    if (code >= 65 && code <= 90) return LATIN_UPPER;
    return code >= 48 && code <= 57 ? DIGITS : null;
  }
  if (code >= 0xac00 && code <= 0xd7a3) return HANGUL;
  let found = seen.get(code);
  if (found === undefined) {
    found = lookUp(code);
    if (seen.size < 65_536) seen.set(code, found);
  }
  return found;
}

function lookUp(code: number): Alphabet | null {
  const char = String.fromCodePoint(code);
  if (DIGIT.test(char)) return code >= 0xff10 && code <= 0xff19 ? FULLWIDTH_DIGITS : DIGITS;
  if (!LETTER.test(char)) return null;
  const upper = char !== char.toLowerCase();
  for (const [from, to, lower, up] of RANGES) if (code >= from && code <= to) return upper ? up : lower;
  return upper ? LATIN_UPPER : LATIN_LOWER;
}
