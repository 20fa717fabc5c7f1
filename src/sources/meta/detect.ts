import type { Detection, TextHead } from "../types.js";
import { PART_FILE } from "./part-file.js";

const OBJECT = /^\uFEFF?\s*\{/;
/** The download's message keys (every message has both). */
const SENDER = /"sender_name"\s*:/;
const STAMP = /"timestamp_ms"\s*:\s*\d/;
/** Keys of a thread, around its messages. */
const THREAD = /"(?:participants|thread_path|magic_words|is_still_participant|thread_type|joinable_mode|title)"\s*:/;
/** The E2EE download's message keys, and its thread's. */
const E2EE_SENDER = /"senderName"\s*:/;
const E2EE_STAMP = /"timestamp"\s*:\s*\d/;
const E2EE_THREAD = /"(?:threadName|participants)"\s*:/;
/**
 * What tells Instagram's download from Facebook's: the folder each puts its activity in (in the
 * path, and in every media uri, from 2023 on), and the join links of their groups. Before 2023 both
 * wrote `messages/inbox/<thread>/…` and the same keys: nothing in such a file tells which it is.
 */
const INSTAGRAM = /your_instagram_activity\/|ig\.me\/j\//;
const FACEBOOK = /your_facebook_activity\/|m\.me\/j\//;
/** Where that evidence may stand: a media uri, and a group's join link (not a link someone sent, which may be anything). */
const URI = /"uri"\s*:\s*"([^"\\]*)"/g;
const JOIN_LINK = /"joinable_mode"\s*:\s*\{[^}]*"link"\s*:\s*"([^"\\]*)"/;
/** A thread's people, as its head lists them: parts of one thread list them alike. */
const PARTICIPANTS = /"participants"\s*:\s*\[[^\]]*\]/;

export type MetaPlatform = "messenger" | "instagram" | "undecided";

export interface MetaDetection extends Detection {
  platform: MetaPlatform;
}

/**
 * A Meta thread file by content: a JSON object with the download's message keys (`sender_name`,
 * `timestamp_ms`) or the E2EE download's (`senderName`, `timestamp`), which only Messenger has.
 * The head may be one line of a minified file, cut short, so keys are looked for anywhere in it.
 */
export function detectMeta(head: TextHead): MetaDetection | null {
  const text = head.lines.join("\n");
  if (!OBJECT.test(text)) return null;
  const named = PART_FILE.test(head.name) ? 0.05 : 0;
  if (SENDER.test(text) && STAMP.test(text)) {
    const evidence = [head.path ?? head.name, ...Array.from(text.matchAll(URI), (m) => m[1]), JOIN_LINK.exec(text)?.[1] ?? ""].join("\n");
    const instagram = INSTAGRAM.test(evidence);
    const facebook = FACEBOOK.test(evidence);
    const platform: MetaPlatform = instagram === facebook ? "undecided" : instagram ? "instagram" : "messenger";
    const variant = platform === "undecided" ? "meta.json" : `${platform}.json`;
    return { variant, platform, confidence: (THREAD.test(text) ? 0.9 : 0.8) + named, title: null, exportedAt: null, ...threadOf(text) };
  }
  if (E2EE_SENDER.test(text) && E2EE_STAMP.test(text) && E2EE_THREAD.test(text)) {
    return { variant: "messenger.e2ee.json", platform: "messenger", confidence: 0.9, title: null, exportedAt: null, ...threadOf(text) };
  }
  return null;
}

/** The thread a head shows, by its people as written, where the head lists them (Meta writes them first). */
function threadOf(text: string): { thread?: string } {
  const people = PARTICIPANTS.exec(text);
  if (!people) return {};
  try {
    return { thread: JSON.stringify(JSON.parse(`{${people[0]}}`)) };
  } catch {
    return {};
  }
}
