/** Where things are in an archive. The manifest's shape is in manifest-schema.ts, which only readers load. */
export type { Manifest } from "./manifest-schema.js";

/** Bumped only when a reader of the old layout could no longer make sense of an archive. */
export const ARCHIVE_FORMAT = "chatferry-archive/1";
export const MANIFEST = "manifest.json";

export const conversationPath = (id: string) => `conversations/${id}/messages.ndjson`;
/** Media keep their path inside the input (the attachment's `media`), under their conversation. */
export const mediaPath = (id: string, media: string) => `media/${id}/${media}`;
