import { Readable } from "node:stream";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { splitLinesKeepingEnds } from "../../../src/input/lines.js";
import { alphabetOf } from "../../../src/redact/letters.js";
import { Phrases } from "../../../src/redact/phrases.js";
import { Pseudonyms } from "../../../src/redact/pseudonyms.js";
import { nameWords, Redactor } from "../../../src/redact/words.js";

function redactor(words: string[] = [], names: string[] = [], madeNames: RegExp | null = null): Redactor {
  const fixed = new Phrases("words");
  for (const w of words) fixed.add(w);
  const r = new Redactor(fixed, new Pseudonyms(), madeNames);
  for (const n of names) r.learnName(n);
  return r;
}
const redact = (text: string, words?: string[], names?: string[]) => redactor(words, names).words(text, 0, text.length);

describe("letters", () => {
  it("each script's letters become one letter of that script; case, digits and width are kept", () => {
    expect(redact("Hello World 2024")).toBe("Xxxxx Xxxxx 0000");
    // Thai's vowel signs and tone marks are marks on a letter, kept like the accent of a decomposed é.
    expect(redact("김민지 ㅋㅋ 東京 ひらがな カタカナ Привет Ωμέγα สวัสดี")).toBe("아아아 ㅁㅁ 某某 ああああ アアアア Хххххх Χχχχχ กกัก\u0e01\u0e35");
    expect(redact("ＡＢｃ１２")).toBe("ＸＸｘ００");
    expect(redact("Ünïcödé")).toBe("Xxxxxxx");
  });

  it("punctuation, spaces, emoji, invisible marks and combining marks stay as they are", () => {
    const marks = "\u200e\u200f\u202a\u202c\u202f\u00a0\u200b\ufeff";
    expect(redact(`a${marks}b 🧗‍♀️👍🏽 ☕ (…) «»`)).toBe(`x${marks}x 🧗‍♀️👍🏽 ☕ (…) «»`);
    expect(redact("e\u0301")).toBe("x\u0301");
  });

  it("a legacy encoding that has a script has every letter written for it, and none has a zero byte that would hide UTF-16", () => {
    const samples = ["a", "A", "0", "가", "ㅋ", "東", "ひ", "カ", "ｱ", "Ａ", "ａ", "１", "П", "п", "Ω", "ω"];
    const has = (text: string, encoding: string) => iconv.decode(iconv.encode(text, encoding), encoding) === text;
    for (const sample of samples) {
      const a = alphabetOf(sample.codePointAt(0)!)!;
      for (const letter of [a.fixed, ...a.names]) {
        if (letter.charCodeAt(0) < 0x80) continue;
        for (const encoding of ["cp949", "shift_jis"]) if (has(sample, encoding)) expect([letter, encoding, has(letter, encoding)]).toEqual([letter, encoding, true]);
        const unit = letter.charCodeAt(0);
        expect([letter, (unit & 0xff) !== 0 && unit >> 8 !== 0]).toEqual([letter, true]);
      }
    }
  });
});

describe("pseudonyms", () => {
  it("keep the script and length of each word, never look like plain redaction, and come back the same", () => {
    const r = redactor([], ["김민지", "Anna Becker", "+55 31 9812-3456", "佐藤美咲"]);
    const once = r.words("김민지 Anna Becker +55 31 9812-3456 佐藤美咲", 0, 37);
    expect(once).toMatch(/^[갑-힣]{3} [A-W][a-w]{3} [A-W][a-w]{5} \+[1-9]{2} [1-9]{2} [1-9]{4}-[1-9]{4} [甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥]{4}$/u);
    expect(once).not.toMatch(/[아xX0某]/);
    expect(r.words("Anna", 0, 4)).toBe(once.split(" ")[1]);
  });

  it("distinct words get distinct pseudonyms, also thousands of them of one shape", () => {
    const p = new Pseudonyms();
    const words = [
      ...Array.from({ length: 398 }, (_, i) => String.fromCharCode(0xac01 + i * 28)),
      ...Array.from({ length: 2000 }, (_, i) => `Name${String(i).padStart(4, "0")}`),
      ...Array.from({ length: 625 }, (_, i) => String.fromCharCode(65 + (i % 25)) + String.fromCharCode(97 + Math.floor(i / 25))),
    ];
    const made = words.map((w) => p.of(w));
    expect(new Set(made).size).toBe(words.length);
  });

  it("a name's words: letters and digits with their marks; what is between them is kept", () => {
    expect(nameWords("~\u202fAnn-Marie O'Neil (방장) 🐻")).toEqual(["Ann", "Marie", "O", "Neil", "방장"]);
    const r = redactor([], ["Ann"]);
    expect(r.words("~\u202fAnn", 0, 5)).toBe(`~\u202f${r.words("Ann", 0, 3)}`);
  });

  it("a name part: every word a pseudonym, even one no message showed", () => {
    const r = redactor();
    const made = r.name("7:00 natsumi_ x", 5, 13);
    expect(made).toMatch(/^[a-w]{7}_$/);
    expect(r.name("natsumi_", 0, 8)).toBe(made);
  });
});

describe("the export's own words", () => {
  it("are kept whole wherever they stand, matched without regard to ASCII case", () => {
    expect(redact("Bob: <Media omitted> then", ["media omitted"])).toBe("Xxx: <Media omitted> xxxx");
    expect(redact("김민지님이 들어왔습니다.", ["님이 들어왔습니다."])).toBe("아아아님이 들어왔습니다.");
  });

  it("a Latin word is one only where it stands alone: 'left' is not in 'leftover'", () => {
    expect(redact("Ann left, leftover, cleft", [" left", "left"])).toBe("Xxx left, xxxxxxxx, xxxxx");
  });

  it("the longest wins, and a fixed word wins over a name as long: someone named Video keeps 'Video call' a call", () => {
    const r = redactor(["Video call"], ["Video"]);
    expect(r.words("Video call, 3 min", 0, 17)).toBe("Video call, 0 xxx");
  });

  it("file names the app makes are kept whole", () => {
    const r = redactor([], [], /IMG-\d{8}-WA\d{4}\.jpg/y);
    expect(r.words("see IMG-20240101-WA0001.jpg xIMG-20240101-WA0001.jpg", 0, 52)).toBe("xxx IMG-20240101-WA0001.jpg xXXX-00000000-XX0000.xxx");
  });

  it("counts what it replaced", () => {
    const r = redactor(["Photo"], ["Bob"]);
    r.words("Bob sent Photo 2", 0, 16);
    expect(r.replaced).toBe(3 + 4 + 1);
  });
});

describe("lines with their breaks", () => {
  async function split(chunks: string[]) {
    const out: [string, string][] = [];
    for await (const batch of splitLinesKeepingEnds(Readable.from(chunks), "x.txt")) batch.lines.forEach((l, i) => out.push([l, batch.ends[i]!]));
    return out;
  }

  it("keeps CRLF, LF and CR, a CRLF cut between chunks, and a last line without a break", async () => {
    expect(await split(["a\r\nb\nc\rd\r", "\ne\r", "f"])).toEqual([
      ["a", "\r\n"],
      ["b", "\n"],
      ["c", "\r"],
      ["d", "\r\n"],
      ["e", "\r"],
      ["f", ""],
    ]);
    expect(await split(["x\r"])).toEqual([["x", "\r"]]);
    expect(await split(["lo", "ng", " line\n"])).toEqual([["long line", "\n"]]);
  });
});
