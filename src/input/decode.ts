import iconv from "iconv-lite";

export type Encoding = "utf-8" | "utf-16le" | "utf-16be" | "cp949" | "shift_jis";

export interface DetectedEncoding {
  encoding: Encoding;
  /** Bytes of byte-order mark to skip. */
  bom: number;
  confidence: number;
}

const REPLACEMENT = "\uFFFD";

/**
 * BOM first; then strict UTF-8 (legacy encodings almost never form valid
 * UTF-8 by accident); then the legacy encoding whose decoding reads as the
 * most Hangul or Japanese text with the fewest undecodable bytes.
 */
export function detectEncoding(head: Buffer): DetectedEncoding {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: "utf-8", bom: 3, confidence: 1 };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: "utf-16le", bom: 2, confidence: 1 };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: "utf-16be", bom: 2, confidence: 1 };
  const utf16 = utf16WithoutBom(head);
  if (utf16) return { encoding: utf16, bom: 0, confidence: 0.8 };
  try {
    // stream: true lets a multi-byte character cut at the end of the head pass.
    new TextDecoder("utf-8", { fatal: true }).decode(head, { stream: true });
    return { encoding: "utf-8", bom: 0, confidence: head.some((b) => b >= 0x80) ? 1 : 0.9 };
  } catch {
    const { korean, japanese } = legacyEvidence(head);
    return korean >= japanese
      ? { encoding: "cp949", bom: 0, confidence: korean > 0 ? 0.9 : 0.3 }
      : { encoding: "shift_jis", bom: 0, confidence: 0.8 };
  }
}

/** Text with NUL bytes that is not UTF-16 is not a chat export. */
export function looksBinary(head: Buffer, encoding: Encoding): boolean {
  if (encoding === "utf-16le" || encoding === "utf-16be") return false;
  return head.includes(0);
}

function utf16WithoutBom(head: Buffer): Encoding | null {
  const pairs = Math.min(head.length >> 1, 512);
  if (pairs < 4) return null;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < pairs; i++) {
    if (head[2 * i] === 0) evenZero++;
    if (head[2 * i + 1] === 0) oddZero++;
  }
  if (oddZero > pairs * 0.6 && evenZero < pairs * 0.05) return "utf-16le";
  if (evenZero > pairs * 0.6 && oddZero < pairs * 0.05) return "utf-16be";
  return null;
}

/**
 * Counts byte pairs typical of each legacy encoding: common Hangul (the
 * KS X 1001 block CP949 shares with EUC-KR) against hiragana and katakana in
 * Shift_JIS. Each encoding can decode the other's bytes, but real text in one
 * almost never lands in the other's common block.
 */
function legacyEvidence(head: Buffer): { korean: number; japanese: number } {
  let korean = 0;
  let japanese = 0;
  for (let i = 0; i + 1 < head.length; i++) {
    const lead = head[i]!;
    if (lead < 0x80) continue;
    const trail = head[i + 1]!;
    if (lead >= 0xb0 && lead <= 0xc8 && trail >= 0xa1 && trail <= 0xfe) korean++;
    else if ((lead === 0x82 && trail >= 0x9f && trail <= 0xf1) || (lead === 0x83 && trail >= 0x40 && trail <= 0x96)) japanese++;
    i++;
  }
  return { korean, japanese };
}

/** Decodes a byte stream to text chunks; counts the bytes that could not be decoded. */
export async function* decodeChunks(
  bytes: AsyncIterable<Buffer>,
  encoding: Encoding,
  onReplaced: (count: number) => void,
): AsyncGenerator<string> {
  // TextDecoder is native and several times faster than iconv-lite for UTF-8.
  const utf8 = new TextDecoder("utf-8", { fatal: false, ignoreBOM: true });
  const decoder =
    encoding === "utf-8"
      ? { write: (b: Buffer) => utf8.decode(b, { stream: true }), end: () => utf8.decode() }
      : iconv.getDecoder(encoding, { stripBOM: false });
  const count = (text: string) => {
    if (text.includes(REPLACEMENT)) onReplaced(text.split(REPLACEMENT).length - 1);
  };
  for await (const chunk of bytes) {
    const text = decoder.write(chunk);
    count(text);
    if (text) yield text;
  }
  const rest = decoder.end() ?? "";
  count(rest);
  if (rest) yield rest;
}
