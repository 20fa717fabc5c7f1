const UTF8 = new TextDecoder("utf-8", { fatal: true });

/**
 * Meta's "Download your information" JSON writes each UTF-8 byte of a string as its own
 * `\u00XX` escape: "café" arrives as "cafÃ©". Such a string is repaired by reading its code
 * units as bytes (Latin-1) and those as UTF-8. Only a string that can be one is touched: every
 * unit ≤ U+00FF, one of them ≥ 0x80, and the bytes valid UTF-8. Anything else (text already
 * right, "é" alone, an emoji) stays as it is.
 */
export function repairText(text: string): string {
  let high = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c > 0xff) return text;
    if (c >= 0x80) high = true;
  }
  if (!high) return text;
  try {
    return UTF8.decode(Buffer.from(text, "latin1"));
  } catch {
    return text;
  }
}
