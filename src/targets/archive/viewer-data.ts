/**
 * The viewer's copy of the messages. A page opened from file:// may not fetch
 * its neighbours, but it may load scripts; so the messages come as small script
 * files, loaded on demand, each a call with a few thousand compact messages.
 */
import { z } from "zod";
import { CalendarDay, CalendarMonth, ConversationHeader, type Message, type Summary } from "../../schema/index.js";
import { gaps } from "../../normalize/findings.js";
import { isSafePath } from "./zip.js";

/** Messages per script: small enough to load at once, few enough files for 1M messages (500). */
export const VIEWER_CHUNK = 2000;

export const viewerChunkPath = (id: string, index: number) => `viewer/${id}/${index}.js`;
export const VIEWER_CATALOG = "viewer/catalog.js";

const KINDS = { text: 0, media: 1, system: 2, deleted: 3 } as const;

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

const Catalog = z.object({ version: z.literal(1), chatferry: z.string(), created: z.string(), conversations: z.array(CatalogConversation) });
type Catalog = z.infer<typeof Catalog>;

/**
 * One message as the viewer gets it. Compact, but still plain JSON a person can read: t time,
 * s sender index, k kind, x text, a attachments (y type, n name, m path in the input), e edited,
 * r reactions, f who a forward came from, c a call (m voice/video, o outcome, d seconds).
 */
const Row = z.object({
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
type Row = z.infer<typeof Row>;

/** Builds one conversation's chunk scripts as its messages stream past. */
export class ViewerConversation {
  private readonly senders = new Map<string, number>();
  private readonly days: [string, number][] = [];
  private rows: string[] = [];
  private count = 0;
  private chunks = 0;
  private lastDay = "";

  constructor(private readonly header: ConversationHeader) {}

  /** Adds a message; returns a finished chunk script when one is full. */
  add(message: Message): Buffer | null {
    // The ISO time carries the export's own wall clock, so its date is the day as the chat saw it.
    const day = message.time.slice(0, 10);
    if (day !== this.lastDay) {
      this.days.push([day, this.count]);
      this.lastDay = day;
    }
    this.rows.push(JSON.stringify(this.compact(message)));
    this.count++;
    return this.rows.length === VIEWER_CHUNK ? this.flush() : null;
  }

  /** The last, partial chunk (if any) and the catalog entry. */
  finish(summary: Summary, missing: string[]): { chunk: Buffer | null; catalog: CatalogConversation } {
    const chunk = this.rows.length > 0 ? this.flush() : null;
    const self = summary.self === undefined ? undefined : this.senders.get(summary.self);
    return {
      chunk,
      catalog: {
        id: this.header.id,
        title: this.header.title,
        timezone: this.header.timezone,
        platform: this.header.source.platform,
        messages: this.count,
        first: summary.first,
        last: summary.last,
        chunk: VIEWER_CHUNK,
        senders: [...this.senders.keys()],
        ...(self === undefined ? {} : { self }),
        days: this.days,
        missing,
        ...(summary.activity ? { months: summary.activity.months.map((m): [string, number] => [m.period, m.messages]) } : {}),
        ...(summary.findings ? { gaps: gaps(summary.findings) } : {}),
      },
    };
  }

  private compact(m: Message): Row {
    const row: Row = { t: m.time, s: m.sender === null ? -1 : this.sender(m.sender), k: KINDS[m.kind], x: m.text };
    if (m.attachments?.length) {
      // m is the path inside the input; the viewer finds the file at media/<id>/<m>.
      row.a = m.attachments.map((a) => ({ y: a.type, n: a.name ?? null, m: a.media && isSafePath(a.media) ? a.media : null }));
    }
    if (m.edited) row.e = m.edited;
    if (m.reactions?.length || m.reactionCounts?.length) {
      row.r = [...(m.reactions ?? []).map((r) => r.emoji), ...(m.reactionCounts ?? []).map((r) => `${r.emoji} ×${r.count}`)];
    }
    if (m.forwardedFrom !== undefined) row.f = m.forwardedFrom;
    if (m.call) row.c = m.call.seconds === undefined ? { m: m.call.media, o: m.call.outcome } : { m: m.call.media, o: m.call.outcome, d: m.call.seconds };
    return row;
  }

  private sender(name: string): number {
    let index = this.senders.get(name);
    if (index === undefined) this.senders.set(name, (index = this.senders.size));
    return index;
  }

  private flush(): Buffer {
    const script = chunkScript(this.header.id, this.chunks++, this.rows);
    this.rows = [];
    return Buffer.from(script);
  }
}

/** `rows`: each message's JSON already, as the writer makes them one by one. */
function chunkScript(id: string, index: number, rows: string[]): string {
  return `cfChunk(${JSON.stringify(id)},${index},[\n${rows.join(",\n")}\n]);\n`;
}

export function catalogScript(conversations: CatalogConversation[], meta: { chatferry: string; created: string }): string {
  return emitCatalog({ version: 1, ...meta, conversations });
}

function emitCatalog(catalog: Catalog): string {
  return `cfCatalog(${JSON.stringify(catalog)});\n`;
}

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
