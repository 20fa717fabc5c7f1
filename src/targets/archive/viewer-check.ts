/**
 * The viewer's data as a reader checks it: what an archive's scripts may hold, and their
 * rewriting from that data alone (see rewriteCatalog). Apart from the writer (viewer-data.ts),
 * which takes only the types: zod costs a tenth of a second to load, and writing needs none of it.
 */
import { z } from "zod";
import { CalendarDay, CalendarMonth, ConversationHeader } from "../../schema/index.js";
import { chunkScript, emitCatalog } from "./viewer-data.js";

/** What the viewer knows of one conversation before loading any message. */
export const CatalogConversation = z.object({
  id: ConversationHeader.shape.id,
  title: z.string().nullable(),
  timezone: z.string(),
  platform: z.string(),
  messages: z.number().int().nonnegative(),
  first: z.string().nullable(),
  last: z.string().nullable(),
  chunk: z.number().int().positive(),
  senders: z.array(z.string()),
  /** Which sender exported the chat (the summary's `self`), by index: the viewer starts with them on the right. */
  self: z.number().int().nonnegative().optional(),
  /** [local date, index of its first message], in message order. */
  days: z.array(z.tuple([z.string(), z.number().int().nonnegative()])),
  /** Media paths the messages name that are not in the archive: the viewer shows their names, not broken links. */
  missing: z.array(z.string()),
  /** [month, messages] for each month with messages, in time order: the viewer's timeline (absent in archives before it). */
  months: z.array(z.tuple([CalendarMonth, z.number().int().positive()])).optional(),
  /** [last day with messages, next day with messages] of each stretch the findings say the export may lack: shaded on the timeline. */
  gaps: z.array(z.tuple([CalendarDay, CalendarDay])).optional(),
});
export type CatalogConversation = z.infer<typeof CatalogConversation>;

export const Catalog = z.object({ version: z.literal(1), chatferry: z.string(), created: z.string(), conversations: z.array(CatalogConversation) });
export type Catalog = z.infer<typeof Catalog>;

/**
 * One message as the viewer gets it. Compact, but still plain JSON a person can read: t time,
 * s sender index, k kind, x text, a attachments (y type, n name, m path in the input), e edited,
 * r reactions, f who a forward came from, c a call (m voice/video, o outcome, d seconds).
 */
export const Row = z.object({
  t: z.string(),
  s: z.number().int().min(-1),
  k: z.number().int().min(0).max(3),
  x: z.string(),
  a: z.array(z.object({ y: z.string(), n: z.string().nullable(), m: z.string().nullable() })).optional(),
  e: z.string().optional(),
  r: z.array(z.string()).optional(),
  f: z.string().optional(),
  c: z.object({ m: z.string(), o: z.string(), d: z.number().int().nonnegative().optional() }).optional(),
});
export type Row = z.infer<typeof Row>;

/**
 * The arguments of `name(…);` as the writer writes it, when they are JSON and nothing else.
 * Parsed as JSON, not run: whatever a forged script holds, what comes out is data.
 */
function callArguments(script: string, name: string): unknown[] | null {
  const head = `${name}(`;
  const tail = ");\n";
  if (!script.startsWith(head) || !script.endsWith(tail)) return null;
  try {
    return JSON.parse(`[${script.slice(head.length, -tail.length)}]`) as unknown[];
  } catch {
    return null;
  }
}

/**
 * An archive's viewer scripts, rewritten by ChatFerry from the data in them: the viewer that
 * ChatFerry serves runs no script from an archive (anyone with a recipient's public key can
 * make one). Null when a script is not the plain data call the writer makes.
 */
export function rewriteCatalog(script: string): string | null {
  const args = callArguments(script, "cfCatalog");
  const catalog = args?.length === 1 ? Catalog.safeParse(args[0]) : null;
  return catalog?.success ? emitCatalog(catalog.data) : null;
}

/** As rewriteCatalog, for the chunk `index` of conversation `id` (a chunk claiming to be another is refused). */
export function rewriteChunk(script: string, id: string, index: number): string | null {
  const args = callArguments(script, "cfChunk");
  if (args?.length !== 3 || args[0] !== id || args[1] !== index) return null;
  const rows = z.array(Row).safeParse(args[2]);
  return rows.success ? chunkScript(id, index, rows.data.map((row) => JSON.stringify(row))) : null;
}
