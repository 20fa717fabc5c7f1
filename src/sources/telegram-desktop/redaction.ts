import type { Redaction } from "../types.js";
import { SKIPPED_WORDS } from "./media.js";

/**
 * What a redacted sample of a result.json keeps (src/redact/): its structure, keys, numbers and
 * every string that is the format's own; names and texts are replaced.
 */

/** Keys whose strings tdesktop writes from a fixed set or from the clock (types, actions, dates, ids). */
const STRUCTURAL = new Set(["type", "action", "discard_reason", "media_type", "mime_type", "category", "about", "emoji", "sticker_emoji", "date", "edited", "created", "last_active"]);
/** `from_id`, `actor_id`, `reply_to_peer_id`, `date_unixtime`, …: ids and instants. */
const STRUCTURAL_SUFFIX = /_(?:id|unixtime)$/;
/** A shared place: where someone was. */
const PERSONAL = new Set(["latitude", "longitude"]);

export function telegramRedaction(mediaFolders: readonly string[]): Redaction {
  return {
    layout: "json",
    // The folders media sit in stand in every path; the words for a file left out stand in its place.
    words: [...SKIPPED_WORDS, ...mediaFolders],
    structural: (key) => STRUCTURAL.has(key) || STRUCTURAL_SUFFIX.test(key),
    personal: (key) => PERSONAL.has(key),
  };
}
