/**
 * The viewer's copy of the messages. A page opened from file:// may not fetch
 * its neighbours, but it may load scripts; so the messages come as small script
 * files, loaded on demand, each a call with a few thousand compact messages.
 */
import type { ConversationHeader, Message, Summary } from "../../schema/index.js";
import { isSafePath } from "./zip.js";

/** Messages per script: small enough to load at once, few enough files for 1M messages (500). */
export const VIEWER_CHUNK = 2000;

export const viewerChunkPath = (id: string, index: number) => `viewer/${id}/${index}.js`;
export const VIEWER_CATALOG = "viewer/catalog.js";

const KINDS = { text: 0, media: 1, system: 2, deleted: 3 } as const;

/** What the viewer knows of one conversation before loading any message. */
export interface CatalogConversation {
  id: string;
  title: string | null;
  timezone: string;
  platform: string;
  messages: number;
  first: string | null;
  last: string | null;
  chunk: number;
  senders: string[];
  /** [local date, index of its first message], in message order. */
  days: [string, number][];
  /** Media paths the messages name that are not in the archive: the viewer shows their names, not broken links. */
  missing: string[];
}

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
        days: this.days,
        missing,
      },
    };
  }

  /**
   * Compact, but still plain JSON a person can read: t time, s sender index, k kind, x text,
   * a attachments, e edited, r reactions, f who a forward came from, c a call
   * (m voice/video, o outcome, d seconds).
   */
  private compact(m: Message): object {
    const row: Record<string, unknown> = { t: m.time, s: m.sender === null ? -1 : this.sender(m.sender), k: KINDS[m.kind], x: m.text };
    if (m.attachments?.length) {
      // m is the path inside the input; the viewer finds the file at media/<id>/<m>.
      row.a = m.attachments.map((a) => ({ y: a.type, n: a.name ?? null, m: a.media && isSafePath(a.media) ? a.media : null }));
    }
    if (m.edited) row.e = m.edited;
    if (m.reactions?.length) row.r = m.reactions.map((r) => r.emoji);
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
    const script = `cfChunk(${JSON.stringify(this.header.id)},${this.chunks++},[\n${this.rows.join(",\n")}\n]);\n`;
    this.rows = [];
    return Buffer.from(script);
  }
}

export function catalogScript(conversations: CatalogConversation[], meta: { chatferry: string; created: string }): string {
  return `cfCatalog(${JSON.stringify({ version: 1, ...meta, conversations })});\n`;
}
