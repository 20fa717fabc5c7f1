import { posix } from "node:path";

/**
 * MIME types by extension, for the files a Signal export carries. signalbackup-tools
 * reads a file's type from its bytes only for JPEG, PNG, GIF and WebP; any other file
 * without a `mime_type` is skipped (tgSetAttachment), and the message with it when it
 * has no text. Signal shows images, videos and audio by these types.
 */
const BY_EXTENSION: Record<string, string> = {
  jpg: "image/jpeg", jpeg: "image/jpeg", png: "image/png", gif: "image/gif", webp: "image/webp",
  heic: "image/heic", heif: "image/heif", bmp: "image/bmp",
  mp4: "video/mp4", m4v: "video/mp4", mov: "video/quicktime", "3gp": "video/3gpp", mkv: "video/x-matroska",
  webm: "video/webm", avi: "video/x-msvideo",
  m4a: "audio/mp4", mp3: "audio/mpeg", aac: "audio/aac", wav: "audio/wav", flac: "audio/flac", amr: "audio/amr",
  opus: "audio/ogg", ogg: "audio/ogg", oga: "audio/ogg",
  vcf: "text/vcard", txt: "text/plain", pdf: "application/pdf", zip: "application/zip",
};

/** What a file is, by its name; a file of a type nobody names still arrives, as a download. */
export function mimeOf(name: string): string {
  const ext = posix.extname(name).slice(1).toLowerCase();
  return BY_EXTENSION[ext] ?? "application/octet-stream";
}
