import type { Attachment, AttachmentType } from "../../schema/index.js";
import { anyOf } from "../literal.js";
import { record, str, type TelegramMessage } from "./types.js";

/** A document's `media_type` as an attachment type; documents without one are plain files. */
const DOCUMENT_TYPES: Record<string, AttachmentType> = {
  sticker: "sticker",
  video_message: "video",
  voice_message: "voice",
  animation: "gif",
  video_file: "video",
  audio_file: "audio",
};

/**
 * What tdesktop writes instead of a path when it did not export the file,
 * optionally after the file's name: "(File not included. Change data
 * exporting settings to download.)", "(File exceeds maximum size. ...)",
 * "(File unavailable, please try again later)", and the same with "Photo".
 */
const SKIPPED_WHAT = ["File", "Photo"];
const SKIPPED_WHY = ["not included", "exceeds maximum size", "unavailable"];
const SKIPPED = new RegExp(`^(?:(.+) )?\\(${anyOf(SKIPPED_WHAT)} ${anyOf(SKIPPED_WHY)}\\b[^)]*\\)$`);

/** The export's own words where a file was left out, for a redacted sample (src/redact/). */
export const SKIPPED_WORDS: readonly string[] = SKIPPED_WHAT.flatMap((what) => SKIPPED_WHY.map((why) => `${what} ${why}`));

export interface MediaResult {
  attachments: Attachment[];
  /** Text for media that has no caption of its own (locations, contacts, polls). */
  text: string | null;
}

/** Reports a file the export names but did not include (the skip notice, or the name and notice). */
export type OnSkipped = (notice: string) => void;

/** The attachments of a message, or null when it has none. */
export function mediaOf(m: TelegramMessage, onSkipped: OnSkipped): MediaResult | null {
  const photo = str(m.photo);
  if (photo !== undefined) return { attachments: [fileAttachment("photo", photo, undefined, undefined, m.photo_file_size, onSkipped)], text: null };
  const file = str(m.file);
  if (file !== undefined) {
    const type = DOCUMENT_TYPES[str(m.media_type) ?? ""] ?? "file";
    return { attachments: [fileAttachment(type, file, str(m.file_name), str(m.mime_type), m.file_size, onSkipped)], text: null };
  }
  const contact = record(m.contact_information);
  if (contact) {
    const vcard = str(m.contact_vcard);
    const attachment = vcard === undefined ? { type: "contact" as const } : fileAttachment("contact", vcard, undefined, undefined, undefined, onSkipped);
    return { attachments: [attachment], text: describeContact(contact) };
  }
  const location = record(m.location_information);
  const place = str(m.place_name);
  if (location || place !== undefined) return { attachments: [{ type: "location" }], text: describeLocation(location, place, str(m.address)) };
  const poll = record(m.poll);
  if (poll) return { attachments: [{ type: "poll" }], text: str(poll.question) ?? "" };
  return null;
}

function fileAttachment(
  type: AttachmentType,
  path: string,
  fileName: string | undefined,
  mime: string | undefined,
  size: unknown,
  onSkipped: OnSkipped,
): Attachment {
  const skipped = SKIPPED.exec(path);
  const attachment: Attachment = { type };
  const name = fileName ?? (skipped ? skipped[1] : basename(path));
  if (name) attachment.name = name;
  if (skipped) onSkipped(name && !skipped[1] ? `${name} ${path}` : path);
  else attachment.media = path;
  if (mime) attachment.mime = mime;
  if (typeof size === "number" && Number.isSafeInteger(size) && size >= 0) attachment.size = size;
  return attachment;
}

function basename(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1);
}

function describeContact(contact: Record<string, unknown>): string {
  const name = [str(contact.first_name), str(contact.last_name)].filter(Boolean).join(" ");
  const phone = str(contact.phone_number);
  const details = [name, phone].filter(Boolean).join(", ");
  // Nothing to say is no text: an empty card must not gain a caption.
  return details ? `Contact: ${details}` : "";
}

function describeLocation(point: Record<string, unknown> | undefined, place: string | undefined, address: string | undefined): string {
  const where = [place, address].filter(Boolean).join(", ");
  const lat = point?.latitude;
  const lon = point?.longitude;
  const coordinates = typeof lat === "number" && typeof lon === "number" ? `${lat}, ${lon}` : "";
  if (where && coordinates) return `Location: ${where} (${coordinates})`;
  return where || coordinates ? `Location: ${where || coordinates}` : "";
}
