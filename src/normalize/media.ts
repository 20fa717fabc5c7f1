import { posix } from "node:path";
import type { Entry } from "../input/container.js";
import type { Attachment, AttachmentType } from "../schema/index.js";

/** Media are copied in megabyte reads: a sixteenth of the round trips to the disk that 64 KiB pieces cost. */
export const MEDIA_CHUNK = 1024 * 1024;

const BY_EXTENSION: Record<string, AttachmentType> = {
  jpg: "photo", jpeg: "photo", png: "photo", webp: "photo", heic: "photo", heif: "photo", bmp: "photo",
  gif: "gif",
  mp4: "video", mov: "video", m4v: "video", avi: "video", "3gp": "video", mkv: "video", webm: "video",
  m4a: "audio", mp3: "audio", aac: "audio", wav: "audio", flac: "audio", amr: "audio",
  opus: "voice", ogg: "voice", oga: "voice",
  vcf: "contact",
};

/** The extensions whose type ChatFerry knows: a redacted sample keeps them on file names (src/redact/). */
export const MEDIA_EXTENSIONS: readonly string[] = Object.keys(BY_EXTENSION);

/** The attachment type a file name suggests; "file" when the extension says nothing. */
export function typeFromName(name: string): AttachmentType {
  const dot = name.lastIndexOf(".");
  if (dot < 0) return "file";
  return BY_EXTENSION[name.slice(dot + 1).toLowerCase()] ?? "file";
}

/**
 * The media files of an input (every entry that is not a chat file), found
 * by path relative to the chat file (Telegram's `photos/…`) or by file name
 * (Kakao's 64-hex names, WhatsApp's IMG-…), and opened as streams for targets.
 */
export class MediaIndex {
  private readonly byPath = new Map<string, Entry>();
  private readonly byName = new Map<string, Entry>();

  constructor(entries: readonly Entry[], chatPaths: ReadonlySet<string>) {
    for (const entry of entries) {
      if (chatPaths.has(entry.path)) continue;
      this.byPath.set(entry.path, entry);
      const name = posix.basename(entry.path);
      // The first of two same-named files wins: the shallowest path, as entries are sorted.
      if (!this.byName.has(name)) this.byName.set(name, entry);
    }
  }

  /** Whether the input carries media at all; a text-only export has nothing to miss. */
  get empty(): boolean {
    return this.byPath.size === 0;
  }

  /**
   * Sets `media` on each attachment whose file is in the input; returns the
   * names of those the input should have had but lacks (see Source.mediaBy).
   */
  link(attachments: Attachment[], chatPath: string, by: "name" | "path" = "name"): string[] {
    const missing: string[] = [];
    for (const attachment of attachments) {
      const wanted = by === "path" ? attachment.media : (attachment.media ?? attachment.name);
      if (wanted === undefined) continue;
      const entry =
        (attachment.media !== undefined && this.byPath.get(posix.join(posix.dirname(chatPath), attachment.media))) ||
        this.byName.get(posix.basename(wanted));
      if (entry) {
        attachment.media = entry.path;
        attachment.size ??= entry.size;
      } else {
        delete attachment.media;
        // A path says the export holds the file (Source.mediaBy): missing even from an input without media. A
        // name alone is only missed where the input carries media at all: a text-only export has nothing to miss.
        if (by === "path" || !this.empty) missing.push(wanted);
      }
    }
    return missing;
  }

  /** The bytes of a media file, by the path `link` set. */
  open(path: string, { lent = false }: { lent?: boolean } = {}): AsyncIterable<Buffer> {
    const entry = this.byPath.get(path);
    if (!entry) throw new Error(`no media file ${path} in this input`);
    return entry.read({ chunkSize: MEDIA_CHUNK, lent });
  }
}
