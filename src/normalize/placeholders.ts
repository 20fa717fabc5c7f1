import type { Warning } from "../schema/index.js";

/**
 * Bodies shaped like a placeholder: one short line in angle or square brackets
 * (`<Media omitted>`, `<Photo Unread>`, `[Sticker]`), `‹…›` included. Known
 * placeholders never get here (sources turn them into media); an unknown one
 * arrives as text. Words in parentheses are left out: people type them as
 * emoticon codes that their app draws as a picture (KakaoTalk's `(하트)`,
 * `(최고)`, Skype's `(y)`), so many senders share them and they are text.
 */
const SHAPE = /^[<[‹«][^\n<>()[\]‹›«»]{1,40}[>\]›»]$/;

/** How many different bodies are watched; past that, new ones are not (memory stays bounded). */
const WATCHED = 256;
/** "Many senders": a body typed by one person is their habit, not the export's. */
const SENDERS = 2;
const TIMES = 3;

interface Seen {
  count: number;
  line: number;
  senders: Set<string>;
}

/** Watches text bodies for probable placeholders ChatFerry does not know, and reports each once. */
export class PlaceholderWatch {
  private readonly seen = new Map<string, Seen>();

  add(text: string, sender: string | null, line: number): void {
    const n = text.length;
    if (n < 3 || n > 42 || sender === null || !SHAPE.test(text)) return;
    let entry = this.seen.get(text);
    if (!entry) {
      if (this.seen.size >= WATCHED) return;
      entry = { count: 0, line, senders: new Set() };
      this.seen.set(text, entry);
    }
    entry.count++;
    if (entry.senders.size < SENDERS) entry.senders.add(sender);
  }

  /** One warning for each body that several senders share often enough. */
  findings(file: string): Warning[] {
    const out: Warning[] = [];
    for (const [text, e] of this.seen) {
      if (e.senders.size >= SENDERS && e.count >= TIMES) out.push({ code: "unknown-placeholder", file, line: e.line, text, count: e.count });
    }
    return out;
  }
}
