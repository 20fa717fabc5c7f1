import { readFileSync } from "node:fs";
import { join } from "node:path";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { readAll } from "../../helpers/read.js";
import { FIXTURES, layouts, reading, redactedPair } from "../../helpers/redact.js";

/**
 * A sample is written in the input's own encoding, with its BOM and its line breaks: the
 * fixtures in every encoding and line ending exports come in, built here from their text.
 */

function text(fixture: string): string {
  return readFileSync(join(FIXTURES, fixture), "utf8").replace(/^\ufeff/, "");
}

/** The lines with breaks taken in turn from `breaks`: files edited on several systems mix them. */
function withBreaks(source: string, breaks: readonly string[]): string {
  return source
    .split(/\r\n|\r|\n/)
    .map((line, i, all) => (i === all.length - 1 ? line : line + breaks[i % breaks.length]))
    .join("");
}

const BOMS = { "utf-8": [0xef, 0xbb, 0xbf], "utf-16le": [0xff, 0xfe], "utf-16be": [0xfe, 0xff] } as const;

function encoded(source: string, encoding: string, bom: boolean): Buffer {
  const body = iconv.encode(source, encoding);
  return bom ? Buffer.concat([Buffer.from(BOMS[encoding as keyof typeof BOMS]), body]) : body;
}

const KAKAO = text("kakaotalk/android-ko.txt");
const WHATSAPP = text("whatsapp/ios-en-us/_chat.txt");
const LINE_JA = text("line/[LINE] 週末ハイキング.txt");

const CASES: { what: string; name: string; bytes: Buffer; encoding: string }[] = [
  { what: "UTF-16LE with BOM, CRLF", name: "KakaoTalkChats.txt", bytes: encoded(withBreaks(KAKAO, ["\r\n"]), "utf-16le", true), encoding: "utf-16le" },
  { what: "UTF-16BE with BOM, LF", name: "KakaoTalkChats.txt", bytes: encoded(KAKAO, "utf-16be", true), encoding: "utf-16be" },
  { what: "UTF-16LE without BOM, CR", name: "KakaoTalkChats.txt", bytes: encoded(withBreaks(KAKAO, ["\r"]), "utf-16le", false), encoding: "utf-16le" },
  { what: "CP949 (Windows \"ANSI\"), CRLF", name: "KakaoTalkChats.txt", bytes: encoded(withBreaks(KAKAO, ["\r\n"]), "cp949", false), encoding: "cp949" },
  { what: "UTF-8 with BOM, CRLF, LF and CR mixed", name: "_chat.txt", bytes: encoded(withBreaks(WHATSAPP, ["\r\n", "\n", "\r"]), "utf-8", true), encoding: "utf-8" },
  { what: "Shift_JIS", name: "[LINE] 週末ハイキング.txt", bytes: encoded(LINE_JA, "shift_jis", false), encoding: "shift_jis" },
];

describe("a sample keeps the input's encoding and line breaks", () => {
  it.each(CASES)("$what", async ({ name, bytes, encoding }) => {
    const pair = await redactedPair({ name, bytes });
    expect(pair.sample.encoding).toBe(encoding);
    const [before, after] = layouts(bytes, pair.bytes);
    expect(after).toEqual(before);
    const [original, redacted] = await Promise.all([readAll(pair.original), readAll(pair.redacted)]);
    expect(original[0]!.header.source.encoding).toBe(encoding);
    expect(reading(redacted)).toEqual(reading(original));
    // Same-width scripts throughout: every line as long as it was, so the sample is as large.
    expect(pair.bytes.length).toBe(bytes.length);
  });

  it("bytes the input's encoding cannot read stay unreadable, as many, where they were", async () => {
    const good = encoded(withBreaks(KAKAO, ["\r\n"]), "cp949", false);
    const at = good.indexOf(iconv.encode("하산하고", "cp949"));
    const bytes = Buffer.concat([good.subarray(0, at), Buffer.from([0xff]), good.subarray(at)]);
    const pair = await redactedPair({ name: "KakaoTalkChats.txt", bytes });
    expect(pair.bytes[at]).toBe(0xff);
    expect(pair.bytes.length).toBe(bytes.length);
    const [original, redacted] = await Promise.all([readAll(pair.original), readAll(pair.redacted)]);
    expect(original[0]!.summary.warnings).toContainEqual(expect.objectContaining({ code: "decode-replaced", count: 1 }));
    expect(reading(redacted)).toEqual(reading(original));
  });
});
