/**
 * The manifest as a reader checks it. Apart from the paths (manifest.ts), so that writing an
 * archive, which needs only its type, does not load zod (a tenth of a second).
 */
import { z } from "zod";
import { IsoTime, Platform } from "../../schema/index.js";
import { ARCHIVE_FORMAT } from "./manifest.js";

const Sources = z.array(
  z.object({
    platform: Platform,
    variant: z.string(),
    files: z.array(z.string()),
    encoding: z.string(),
    conversations: z.array(z.string()),
  }),
);

export const Manifest = z.object({
  format: z.literal(ARCHIVE_FORMAT),
  /** The NDJSON schema of the conversations. */
  schema: z.string(),
  chatferry: z.string(),
  created: z.string(),
  /** The inputs this archive was written from. */
  sources: Sources,
  /**
   * An archive updated with a newer export (`archive --update`) names the
   * archives before it, newest first, and what they were written from: the
   * whole history of its sources, since the ids of merged conversations change.
   */
  previous: z.array(z.object({ created: z.string(), chatferry: z.string(), sources: Sources })).optional(),
  conversations: z.array(
    z.object({
      id: z.string(),
      title: z.string().nullable(),
      path: z.string(),
      messages: z.number().int().nonnegative(),
      first: IsoTime.nullable(),
      last: IsoTime.nullable(),
      /** Media files stored under media/<id>/, and those the messages name but the input lacked. */
      media: z.object({ stored: z.number().int().nonnegative(), missing: z.array(z.string()) }),
    }),
  ),
  /** Every entry but the manifest itself, in the order written. */
  entries: z.array(z.object({ path: z.string(), size: z.number().int().nonnegative(), sha256: z.string().regex(/^[0-9a-f]{64}$/) })),
});
export type Manifest = z.infer<typeof Manifest>;
