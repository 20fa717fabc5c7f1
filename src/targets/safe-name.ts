/**
 * The one way a name taken from input (an attachment's name, a chat title, a name a page
 * sends) becomes the name of a file ChatFerry writes. Whatever the input holds, the result
 * is one path component that every common file system accepts and that means the same on
 * Windows, macOS and Linux: a crafted `a\..\..\Startup\evil.bat` is a plain file name
 * here, not a way out of the output folder on Windows.
 */

/** Linux, macOS and Windows all stop at 255 (bytes on Linux, UTF-16 units elsewhere, fewer than UTF-8 bytes). */
export const MAX_NAME_BYTES = 255;

/** Separators of both kinds, the characters Windows refuses, and control characters (C0, DEL, C1). */
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\u0000-\u001f\u007f-\u009f/\\:*?"<>|]/g;

/** Half a surrogate pair: no file system stores it the same way. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Direction controls: invisible, and able to make `evil\u202Egpj.exe` read as `evilexe.jpg`. */
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** Names Windows gives to devices, with any extension (`nul.txt`, `COM1.tar.gz`) and any case. */
const RESERVED = /^(con|prn|aux|nul|com[0-9\u00b9\u00b2\u00b3]|lpt[0-9\u00b9\u00b2\u00b3]|conin\$|conout\$)$/i;

/** Windows drops trailing dots and spaces, so `a.` and `a` would be the same file there. */
const TRAILING = /[. ]+$/;

/** An extension worth keeping when the name is cut: short, after a stem. */
const EXTENSION = /\.[^.\s]{1,16}$/;

const utf8 = (text: string) => Buffer.byteLength(text, "utf8");

/** `text` cut to at most `bytes` bytes of UTF-8, never inside a character. */
export function cutToBytes(text: string, bytes: number): string {
  if (utf8(text) <= bytes) return text;
  let used = 0;
  let end = 0;
  for (const ch of text) {
    used += utf8(ch);
    if (used > bytes) break;
    end += ch.length;
  }
  return text.slice(0, end);
}

function splitExtension(name: string): [stem: string, ext: string] {
  const ext = EXTENSION.exec(name)?.[0] ?? "";
  return ext.length < name.length ? [name.slice(0, name.length - ext.length), ext] : [name, ""];
}

/** `stem` and `ext` together in `bytes`, the stem cut (and its new end tidied) if need be. */
function fit(stem: string, ext: string, bytes: number): string {
  if (utf8(ext) * 2 > bytes) return cutToBytes(stem + ext, bytes).replace(TRAILING, "");
  return cutToBytes(stem, bytes - utf8(ext)).replace(TRAILING, "") + ext;
}

/**
 * One safe, portable file name for `name`: no separators, control characters, bidi
 * controls or `:*?"<>|` (each becomes `_`, bidi controls are dropped), no leading dot
 * (no hidden files, no `.` or `..`), no trailing dot or space, no Windows device name,
 * at most 255 bytes of UTF-8 with the extension kept; `fallback` when nothing is left.
 */
export function safeName(name: string, fallback = "file"): string {
  let clean = name
    .replace(LONE_SURROGATE, "_")
    .normalize("NFC")
    .replace(BIDI, "")
    .replace(FORBIDDEN, "_")
    .trim()
    .replace(TRAILING, "")
    .replace(/^\./, "_");
  if (RESERVED.test(clean.split(".")[0]!.trimEnd())) clean = `_${clean}`;
  const [stem, ext] = splitExtension(clean);
  const fitted = fit(stem, ext, MAX_NAME_BYTES);
  return fitted === "" ? fallback : fitted;
}

/**
 * Names for the files of one folder, each unique however the file system compares names
 * (Windows and macOS ignore case): a second `a.pdf` becomes `a (2).pdf`, never a failure
 * half-way or one file over another.
 */
export class NameAllocator {
  private readonly taken = new Set<string>();

  /** `existing`: names already in the folder that must not be reused. */
  constructor(existing: Iterable<string> = []) {
    for (const name of existing) this.taken.add(key(name));
  }

  /** A safe name for `name`, unique in this folder. */
  take(name: string, fallback?: string): string {
    const safe = safeName(name, fallback);
    let candidate = safe;
    const [stem, ext] = splitExtension(safe);
    for (let n = 2; this.taken.has(key(candidate)); n++) candidate = fit(stem, ` (${n})${ext}`, MAX_NAME_BYTES);
    this.taken.add(key(candidate));
    return candidate;
  }
}

function key(name: string): string {
  return name.normalize("NFC").toLowerCase();
}
