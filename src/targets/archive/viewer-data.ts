/**
 * The viewer's copy of the messages. A page opened from file:// may not fetch
 * its neighbours, but it may load scripts; so the messages come as small script
 * files, loaded on demand, each a call with a few thousand compact messages.
 */
import type { ConversationHeader, Message, Summary } from "../../schema/index.js";
import { gaps } from "../../normalize/findings.js";
import type { Catalog, CatalogConversation, Row } from "./viewer-check.js";
import { isSafePath } from "./zip.js";

/** Messages per script: small enough to load at once, few enough files for 1M messages (500). */
export const VIEWER_CHUNK = 2000;

export const viewerChunkPath = (id: string, index: number) => `viewer/${id}/${index}.js`;
export const VIEWER_CATALOG = "viewer/catalog.js";

const KINDS = { text: 0, media: 1, system: 2, deleted: 3 } as const;

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
export function chunkScript(id: string, index: number, rows: string[]): string {
  return `cfChunk(${JSON.stringify(id)},${index},[\n${rows.join(",\n")}\n]);\n`;
}

export function catalogScript(conversations: CatalogConversation[], meta: { chatferry: string; created: string }): string {
  return emitCatalog({ version: 1, ...meta, conversations });
}

export function emitCatalog(catalog: Catalog): string {
  return `cfCatalog(${JSON.stringify(catalog)});\n`;
}
