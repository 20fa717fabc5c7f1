import type { AttachmentType } from "../schema/index.js";

const BY_EXTENSION: Record<string, AttachmentType> = {
  jpg: "photo", jpeg: "photo", png: "photo", webp: "photo", heic: "photo", heif: "photo", bmp: "photo",
  gif: "gif",
  mp4: "video", mov: "video", m4v: "video", avi: "video", "3gp": "video", mkv: "video", webm: "video",
  m4a: "audio", mp3: "audio", aac: "audio", wav: "audio", flac: "audio", amr: "audio",
  opus: "voice", ogg: "voice", oga: "voice",
  vcf: "contact",
};

/** The attachment type a file name suggests; "file" when the extension says nothing. */
export function typeFromName(name: string): AttachmentType {
  const dot = name.lastIndexOf(".");
  if (dot < 0) return "file";
  return BY_EXTENSION[name.slice(dot + 1).toLowerCase()] ?? "file";
}
