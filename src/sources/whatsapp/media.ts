import { typeFromName } from "../../normalize/media.js";
import type { Attachment, AttachmentType } from "../../schema/index.js";

/**
 * Media in a WhatsApp message body (formats.md §3.3). Strings are written as
 * exports write them; those marked [M] follow the confirmed ones of the same
 * locale by analogy and are unconfirmed.
 */

export interface Media {
  attachments: Attachment[];
  /** What the body says besides the media; "" for none (a caption may follow on the next line). */
  text: string;
}

/** Android exports without media: `<Media omitted>`, compared in lower case (Android string `email_media_omitted`). */
const MEDIA_OMITTED = new Set([
  "media omitted", // en
  "medien ausgeschlossen", // de
  "multimedia omitido", // es
  "médias omis", // fr
  "media omessi", // it
  "mídia omitida", // pt-BR
  "media weggelaten", // nl
  "미디어 파일 제외됨", // ko
  "メディアなし", // ja
  "省略多媒体文件", // zh-CN
  "忽略多媒體檔", // zh-TW
  "без медиафайлов", // ru
  "medya dahil edilmedi", // tr
]);

/** iOS exports without media name what was left out. */
const IOS_OMITTED = new Map<string, AttachmentType>([
  ["image omitted", "photo"],
  ["video omitted", "video"],
  ["audio omitted", "audio"],
  ["GIF omitted", "gif"],
  ["sticker omitted", "sticker"],
  ["document omitted", "file"],
  ["Contact card omitted", "contact"],
  ["Bild weggelassen", "photo"],
  ["Video weggelassen", "video"],
  ["Sticker weggelassen", "sticker"],
  ["Audio weggelassen", "audio"], // [M]
  ["GIF weggelassen", "gif"], // [M]
  ["Dokument weggelassen", "file"], // [M]
  ["Kontaktkarte weggelassen", "contact"], // [M]
  ["imagen omitida", "photo"],
  ["video omitido", "video"],
  ["audio omitido", "audio"],
  ["GIF omitido", "gif"],
  ["sticker omitido", "sticker"],
  ["documento omitido", "file"],
  ["tarjeta de contacto omitida", "contact"], // [M]
]);
const LONGEST_OMITTED = Math.max(...[...IOS_OMITTED.keys()].map((k) => k.length));

/** iOS documents without media: `report.pdf • 3 pages document omitted`. */
const DOCUMENT_OMITTED = [" document omitted", " Dokument weggelassen", " documento omitido"];

/** The label of iOS's `<attached: 00000012-PHOTO-….jpg>`. */
const ATTACHED = new Set(["attached", "Anhang", "adjunto"]);

/** Android's `IMG-20240115-WA0001.jpg (file attached)` (string `email_file_attached`). */
const FILE_ATTACHED = new Set(["file attached", "Datei angehängt", "archivo adjunto", "fichier joint"]);

/** Android's name prefixes: IMG-20240115-WA0001.jpg. */
const ANDROID_PREFIX: Record<string, AttachmentType> = {
  IMG: "photo",
  VID: "video",
  PTT: "voice",
  AUD: "audio",
  STK: "sticker",
  GIF: "gif",
  DOC: "file",
};

/** iOS's media words: 00000012-PHOTO-2024-01-15-15-04-12.jpg, and the older 2015-08-04-PHOTO-00004762.jpg. */
const IOS_WORD: Record<string, AttachmentType> = { PHOTO: "photo", VIDEO: "video", AUDIO: "audio", GIF: "gif", STICKER: "sticker" };
const IOS_NAME = /^(?:\d{8}|\d{4}-\d{2}-\d{2})-([A-Z]{3,7})-/;

const LIVE_LOCATION = new Set(["live location shared"]);
const LOCATION_LINE = /^[^\n]{0,300}: https:\/\/maps\.google\.com\/\?q=-?[\d.]{1,24},-?[\d.]{1,24}$/;
const MAPS = "https://maps.google.com/?q=";

/** The attachment type an exported file name says. */
function typeOfName(name: string): AttachmentType {
  if (name.charCodeAt(3) === 45 /* - */) {
    const type = ANDROID_PREFIX[name.slice(0, 3)];
    if (type) return type;
  }
  const word = IOS_NAME.exec(name);
  const type = word ? IOS_WORD[word[1]!] : undefined;
  if (type === "audio") return /\.opus$/i.test(name) ? "voice" : "audio";
  return type ?? typeFromName(name);
}

/** The media a message's first line names, or null for plain text. */
export function readMedia(body: string): Media | null {
  const n = body.length;
  const last = body.charCodeAt(n - 1);
  if (last === 62 /* > */) return readAngled(body);
  if (last === 41 /* ) */) return readFileAttached(body);
  if (n <= LONGEST_OMITTED) {
    const type = IOS_OMITTED.get(body);
    if (type) return { attachments: [{ type }], text: "" };
    if (LIVE_LOCATION.has(body)) return { attachments: [{ type: "location" }], text: body };
  }
  for (const suffix of DOCUMENT_OMITTED) {
    if (body.endsWith(suffix)) return { attachments: [{ type: "file", name: documentName(body.slice(0, n - suffix.length)) }], text: "" };
  }
  return null;
}

/** `<Media omitted>`, `<attached: name>`, `name.pdf • 2 pages <attached: 00000011-name.pdf>`, `name.jpg <‎attached>`. */
function readAngled(body: string): Media | null {
  const open = body.lastIndexOf("<");
  if (open < 0) return null;
  const inner = body.slice(open + 1, -1).trim();
  const colon = inner.indexOf(": ");
  if (colon > 0 && ATTACHED.has(inner.slice(0, colon))) {
    const before = stripMarks(body.slice(0, open).trim());
    // The words before a document repeat its name and page count.
    const text = before.includes(" • ") ? "" : before;
    const name = inner.slice(colon + 2).trim();
    return { attachments: [{ type: typeOfName(name), name }], text };
  }
  if (open === 0 && inner.length <= 40) {
    if (MEDIA_OMITTED.has(inner.toLowerCase())) return { attachments: [{ type: "other" }], text: "" };
    const type = IOS_OMITTED.get(inner);
    if (type) return { attachments: [{ type }], text: "" };
  }
  if (open > 0 && ATTACHED.has(stripMarks(inner))) {
    const name = body.slice(0, open).trim();
    return { attachments: [{ type: typeOfName(name), name }], text: "" };
  }
  return null;
}

function readFileAttached(body: string): Media | null {
  const open = body.lastIndexOf(" (");
  if (open <= 0 || !FILE_ATTACHED.has(body.slice(open + 2, -1))) return null;
  const name = body.slice(0, open);
  return { attachments: [{ type: typeOfName(name), name }], text: "" };
}

/** `report.pdf • 3 pages` → `report.pdf`. */
function documentName(words: string): string {
  const dot = words.indexOf(" • ");
  return dot >= 0 ? words.slice(0, dot) : words;
}

/** U+200E/U+200F, which iOS puts before media and notices. */
export function stripMarks(text: string): string {
  let i = 0;
  let c = text.charCodeAt(0);
  while (c === 0x200e || c === 0x200f) c = text.charCodeAt(++i);
  return i === 0 ? text : text.slice(i);
}

/**
 * Android shares a place as three lines (name, address, `location: https://maps…`),
 * so a location is known only when its message is complete.
 */
export function isLocationText(text: string): boolean {
  const lineStart = text.lastIndexOf("\n") + 1;
  const at = text.indexOf(MAPS, lineStart);
  return at > lineStart && LOCATION_LINE.test(lineStart === 0 ? text : text.slice(lineStart));
}
