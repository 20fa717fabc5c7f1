import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { decodeChunks, detectEncoding, looksBinary, type Encoding } from "../../../src/input/decode.js";

const KOREAN = "[김민지] [오후 9:10] 다들 내일 해돋이 산행 올 거지?\r\n[이하은] [오후 9:11] 응 갈게\r\n";
const JAPANESE = "21:05\t佐藤美咲\t明日の初日の出ハイク、みんな来る？\r\n21:06\t田中\tもちろん行きます\r\n";

async function decodeAll(bytes: Buffer, encoding: Encoding, chunk: number): Promise<{ text: string; replaced: number }> {
  const parts: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += chunk) parts.push(bytes.subarray(i, i + chunk));
  let replaced = 0;
  let text = "";
  for await (const s of decodeChunks((async function* () { yield* parts; })(), encoding, (n) => (replaced += n))) text += s;
  return { text, replaced };
}

describe("detectEncoding", () => {
  it.each([
    ["UTF-8 with BOM", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(KOREAN)]), "utf-8", 3],
    ["UTF-8 without BOM", Buffer.from(KOREAN), "utf-8", 0],
    ["UTF-16 LE with BOM", Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(KOREAN, "utf-16le")]), "utf-16le", 2],
    ["UTF-16 BE with BOM", Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(KOREAN, "utf-16be")]), "utf-16be", 2],
    ["UTF-16 LE without BOM", iconv.encode("2024년 1월 1일 오후 3:04, Mina Kim : hello there, how are you", "utf-16le"), "utf-16le", 0],
    ["CP949", iconv.encode(KOREAN, "cp949"), "cp949", 0],
    ["EUC-KR text (a subset of CP949)", iconv.encode("안녕하세요 반갑습니다 내일 봐요", "euc-kr"), "cp949", 0],
    ["Shift_JIS", iconv.encode(JAPANESE, "shift_jis"), "shift_jis", 0],
  ] as const)("%s", (_, bytes, encoding, bom) => {
    const found = detectEncoding(bytes);
    expect(found.encoding).toBe(encoding);
    expect(found.bom).toBe(bom);
  });

  it("accepts a UTF-8 head cut inside a multi-byte character", () => {
    const bytes = Buffer.from("가나다라");
    expect(detectEncoding(bytes.subarray(0, 10)).encoding).toBe("utf-8");
  });

  it("calls a PNG binary", () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);
    expect(looksBinary(png, detectEncoding(png).encoding)).toBe(true);
    expect(looksBinary(Buffer.from(KOREAN), "utf-8")).toBe(false);
  });
});

describe("decodeChunks", () => {
  it.each(["utf-8", "cp949", "utf-16le"] as const)("decodes %s identically whatever the chunk size", async (encoding) => {
    const bytes = iconv.encode(KOREAN, encoding);
    for (const chunk of [1, 2, 3, 5, 7, 64]) {
      expect(await decodeAll(bytes, encoding, chunk)).toEqual({ text: KOREAN, replaced: 0 });
    }
  });

  it("counts bytes that are not valid in the encoding", async () => {
    const bytes = Buffer.concat([Buffer.from("안녕 "), Buffer.from([0xff, 0xfe, 0xfd]), Buffer.from(" 잘 가")]);
    const { text, replaced } = await decodeAll(bytes, "utf-8", 4);
    expect(replaced).toBe(3);
    expect(text.startsWith("안녕 ")).toBe(true);
    expect(text.endsWith(" 잘 가")).toBe(true);
  });
});
