import { typeFromName } from "../../normalize/media.js";
import type { Attachment, AttachmentType } from "../../schema/index.js";
import { anyOf, literal } from "../literal.js";

const LRM = 0x200e;

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
  "medien weggelassen", // de
  "multimedia omitido", // es
  "archivo omitido", // es
  "médias omis", // fr
  "media omessi", // it
  "media omesso", // it
  "mídia omitida", // pt-BR
  "mídia oculta", // pt-BR
  "ficheiro não revelado", // pt-PT
  "media tidak disertakan", // id
  "media weggelaten", // nl
  "미디어 파일 제외됨", // ko
  "メディアなし", // ja
  "省略多媒体文件", // zh-CN
  "忽略多媒體檔", // zh-TW
  "без медиафайлов", // ru
  "medya dahil edilmedi", // tr
]);

/**
 * iOS exports without media name what was left out, after U+200E; some write it
 * in angle brackets (`<Video note omitted>`). Looked up as written and with the
 * first letter's case turned (`Video omitido`, `video omitido`).
 */
const IOS_OMITTED_WORDS: [string, AttachmentType][] = [
  ["image omitted", "photo"],
  ["video omitted", "video"],
  ["audio omitted", "audio"],
  ["GIF omitted", "gif"],
  ["sticker omitted", "sticker"],
  ["document omitted", "file"],
  ["Contact card omitted", "contact"],
  ["video note omitted", "video"],
  ["View once photo omitted", "photo"],
  ["View once video omitted", "video"],
  ["View once voice message omitted", "voice"],
  ["Bild weggelassen", "photo"],
  ["Video weggelassen", "video"],
  ["Sticker weggelassen", "sticker"],
  ["Audio weggelassen", "audio"],
  ["GIF weggelassen", "gif"],
  ["Dokument weggelassen", "file"],
  ["Kontaktkarte weggelassen", "contact"],
  ["Kontaktkarte ausgelassen", "contact"],
  ["Videonotiz weggelassen", "video"],
  ["Videonachricht weggelassen", "video"],
  ["imagen omitida", "photo"],
  ["video omitido", "video"],
  ["audio omitido", "audio"],
  ["GIF omitido", "gif"],
  ["sticker omitido", "sticker"],
  ["documento omitido", "file"],
  ["tarjeta de contacto omitida", "contact"], // [M]
  ["nota de video omitida", "video"], // [M]
  ["imagem ocultada", "photo"],
  ["imagem oculta", "photo"],
  ["vídeo ocultado", "video"],
  ["vídeo omitido", "video"],
  ["áudio ocultado", "audio"],
  ["figurinha omitida", "sticker"],
  ["Cartão do contato omitido", "contact"],
  ["recado de vídeo omitido", "video"], // [M]
  ["gambar tidak disertakan", "photo"],
  ["video tidak disertakan", "video"], // [M]
  ["audio tidak disertakan", "audio"], // [M]
  ["stiker tidak disertakan", "sticker"],
  ["GIF tidak disertakan", "gif"], // [M]
  ["dokumen tidak disertakan", "file"], // [M]
  ["kartu kontak tidak disertakan", "contact"], // [M]
  ["immagine omessa", "photo"],
  ["video omesso", "video"],
  ["audio omesso", "audio"],
  ["sticker omesso", "sticker"],
  ["sticker non incluso", "sticker"],
  ["GIF omessa", "gif"], // [M]
  ["documento omesso", "file"],
  ["scheda contatto omessa", "contact"], // [M]
  ["image omise", "photo"],
  ["image absente", "photo"], // [M]
  ["vidéo absente", "video"], // [M]
  ["audio omis", "audio"], // [M]
  ["autocollant omis", "sticker"], // [M]
  ["GIF retiré", "gif"], // [M]
  ["document omis", "file"], // [M]
  ["fiche contact omise", "contact"], // [M]
];
const flipFirst = (t: string) => (t[0] === t[0]!.toLowerCase() ? t[0]!.toUpperCase() : t[0]!.toLowerCase()) + t.slice(1);
const IOS_OMITTED = new Map<string, AttachmentType>(IOS_OMITTED_WORDS.flatMap(([t, type]) => [[flipFirst(t), type], [t, type]]));
const LONGEST_OMITTED = Math.max(...[...IOS_OMITTED.keys()].map((k) => k.length));

/**
 * iOS documents without media: `report.pdf • ‎3 pages ‎document omitted` (the page
 * count, and U+200E before it and the words, only where the document has pages).
 */
const DOCUMENT_OMITTED = ["document omitted", "Dokument weggelassen", "documento omitido", "documento omesso", "dokumen tidak disertakan", "document omis"];
const DOCUMENT_LAST = new Set(DOCUMENT_OMITTED.map((w) => w.charCodeAt(w.length - 1)));

/** The label of iOS's `<attached: 00000012-PHOTO-….jpg>`. */
const ATTACHED = new Set(["attached", "Anhang", "adjunto", "anexado", "allegato", "lampiran", "pièce jointe", "bijgevoegd"]); // it, id, fr, nl: [M]

/** Android's `IMG-20240115-WA0001.jpg (file attached)` (string `email_file_attached`). */
const FILE_ATTACHED = new Set([
  "file attached",
  "Datei angehängt",
  "archivo adjunto",
  "arquivo anexado",
  "fichier joint",
  "file allegato",
  "file terlampir", // [M]
  "bestand bijgevoegd", // [M]
]);

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
const MAPS = "https://maps.google.com/?q=";
const LOCATION_LINE = new RegExp(`^[^\\n]{0,300}: ${literal(MAPS)}-?[\\d.]{1,24},-?[\\d.]{1,24}$`);

/**
 * File names the app makes up, dated by the phone (order.ts reads those dates): Android's
 * `IMG-20240115-WA0001.jpg`, iOS's `00000012-PHOTO-2024-01-15-15-04-12.jpg` and the older
 * `2015-08-04-PHOTO-00004762.jpg`, where they stand in a line (src/redact/ keeps them whole).
 */
const EXTENSION = "\\.[0-9A-Za-z]{2,5}";
export const MADE_NAMES = new RegExp(
  `(?:${anyOf(Object.keys(ANDROID_PREFIX))}-\\d{8}-WA\\d{1,6}|\\d{8}-${anyOf(Object.keys(IOS_WORD))}-\\d{4}(?:-\\d{2}){5}|\\d{4}-\\d{2}-\\d{2}-${anyOf(Object.keys(IOS_WORD))}-\\d{8})${EXTENSION}`,
  "y",
);

/** The export's own words for media, for a redacted sample (src/redact/). */
export const MEDIA_WORDS: readonly string[] = [
  ...MEDIA_OMITTED,
  ...IOS_OMITTED.keys(),
  ...ATTACHED,
  ...FILE_ATTACHED,
  ...LIVE_LOCATION,
  MAPS,
];

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
  if (!DOCUMENT_LAST.has(last)) return null;
  for (const words of DOCUMENT_OMITTED) {
    if (!body.endsWith(words)) continue;
    const before = body.charCodeAt(n - words.length - 1);
    if (before === 32 || before === LRM) return { attachments: [{ type: "file", name: documentName(body.slice(0, n - words.length)) }], text: "" };
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
    const before = trimMarks(body.slice(0, open));
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

/** `report.pdf • ‎3 pages ‎` → `report.pdf`. */
function documentName(words: string): string {
  const dot = words.indexOf(" • ");
  return trimMarks(dot >= 0 ? words.slice(0, dot) : words);
}

/**
 * The attachment iOS puts at the end of a captioned message's last line
 * (`…caption ‎<attached: 00000012-PHOTO-….jpg>`), its caption being the lines
 * before it; null when the message ends otherwise.
 */
export function attachedAtEnd(text: string): Media | null {
  const lineStart = text.lastIndexOf("\n") + 1;
  if (lineStart === 0 || text.indexOf("<", lineStart) < 0) return null;
  const media = readAngled(text.slice(lineStart));
  if (!media || media.attachments[0]!.name === undefined) return null;
  const caption = trimMarks(text.slice(0, lineStart) + media.text);
  return { attachments: media.attachments, text: caption };
}

/** Spaces and U+200E/U+200F around words, which trim() keeps. */
function trimMarks(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && isPad(text.charCodeAt(start))) start++;
  while (end > start && isPad(text.charCodeAt(end - 1))) end--;
  return start === 0 && end === text.length ? text : text.slice(start, end);
}

function isPad(c: number): boolean {
  return c === 32 || c === 10 || c === LRM || c === 0x200f || c === 9;
}

/** U+200E/U+200F, which iOS puts before media and notices. */
export function stripMarks(text: string): string {
  let i = 0;
  let c = text.charCodeAt(0);
  while (c === LRM || c === 0x200f) c = text.charCodeAt(++i);
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
