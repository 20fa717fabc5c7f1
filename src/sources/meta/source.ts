import type { Platform } from "../../schema/index.js";
import type { Detection, Source, TextHead, Threads } from "../types.js";
import { detectMeta, type MetaPlatform } from "./detect.js";
import { metaHtml } from "./html.js";
import { FAILED_MEDIA } from "./media.js";
import { NOTICE_WORDS } from "./notices.js";
import { PART_FILE } from "./part-file.js";
import { PASSES, readThread } from "./thread.js";

/** One conversation is every message_N.json of one folder. */
export const metaThreads: Threads = {
  partOf(path) {
    const part = PART_FILE.exec(path.slice(path.lastIndexOf("/") + 1));
    return part ? { key: "meta.message", part: Number(part[1]) } : null;
  },
  passes: PASSES,
  parse: readThread,
};

/** The folders beside a thread file that hold its media (the E2EE download: `media/` beside every file). */
const MEDIA_FOLDERS = ["photos", "videos", "audio", "files", "gifs", "media"];

/** Keys whose strings are the format's own (src/redact/). */
const STRUCTURAL = new Set(["type", "thread_type", "reaction"]);

/**
 * A source of Meta's JSON download for one platform. `platforms`: the detections it takes; the
 * Messenger source takes the files nothing tells apart, and says so in their variant ("meta.json").
 */
export function metaSource(platform: Platform, label: string, platforms: readonly MetaPlatform[]): Source {
  return {
    id: `${platform}.json`,
    platform,
    label,
    clock: "utc",
    mediaBy: "path",
    mediaFolders: MEDIA_FOLDERS,
    redaction: {
      layout: "json",
      words: [...NOTICE_WORDS, ...MEDIA_FOLDERS, "messages", "inbox", "stickers_used", "your_facebook_activity", "your_instagram_activity", FAILED_MEDIA],
      structural: (key) => STRUCTURAL.has(key),
      personal: () => false,
    },
    detect(head: TextHead): Detection | null {
      const found = detectMeta(head);
      if (!found || !platforms.includes(found.platform)) return null;
      const { platform: _, ...detection } = found;
      return detection;
    },
    parse: (input, ctx) => readThread([{ file: ctx.file, input }], ctx),
    threads: metaThreads,
    unreadable: metaHtml,
  };
}
