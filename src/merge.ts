import { createHash } from "node:crypto";
import { ChatFerryError } from "./errors.js";
import { minuteOf, sameKey } from "./match.js";
import { SummaryCounter, Warnings } from "./normalize/summary.js";
import { wallOfIso } from "./normalize/time.js";
import { whoAtEnd, type Who } from "./normalize/who.js";
import { readConversations, type Conversation, type MediaStore, type ReadOptions } from "./pipeline.js";
import { SCHEMA_VERSION, type ConversationHeader, type Message, type Summary } from "./schema/index.js";

/** Messages of one input, read ahead one minute at a time. */
class Cursor {
  private batch: readonly Message[] = [];
  private index = 0;
  private ended = false;
  summary: Summary | null = null;

  constructor(private readonly source: AsyncGenerator<readonly Message[], Summary, undefined>) {}

  /** The minute of the next message, or null when the input is used up. */
  async peekMinute(): Promise<number | null> {
    while (this.index >= this.batch.length) {
      if (this.ended) return null;
      const next = await this.source.next();
      if (next.done) {
        this.ended = true;
        this.summary = next.value;
        return null;
      }
      this.batch = next.value;
      this.index = 0;
    }
    return minuteOf(this.batch[this.index]!);
  }

  /** Every next message within `minute`, in order. */
  async takeMinute(minute: number): Promise<Message[]> {
    const taken: Message[] = [];
    while ((await this.peekMinute()) === minute) taken.push(this.batch[this.index++]!);
    return taken;
  }
}

/**
 * One minute of the same conversation as several exports saw it. A message
 * is the same in two exports when its kind, sender and text match; a
 * message sent twice in that minute ("ㅋㅋ", "ㅋㅋ") counts as often as the
 * export that has it most often. The fullest export sets the order; what
 * only others have follows, in their order.
 */
export function mergeMinute(copies: readonly Message[][]): { kept: Message[]; dropped: number } {
  const total = copies.reduce((n, c) => n + c.length, 0);
  if (copies.length === 1) return { kept: [...copies[0]!], dropped: 0 };
  const fullest = copies.reduce((best, c) => (c.length > best.length ? c : best));
  const kept = [...fullest];
  const counts = new Map<string, number>();
  for (const m of fullest) counts.set(sameKey(m), (counts.get(sameKey(m)) ?? 0) + 1);
  for (const copy of copies) {
    if (copy === fullest) continue;
    const seen = new Map<string, number>();
    for (const m of copy) {
      const key = sameKey(m);
      const n = (seen.get(key) ?? 0) + 1;
      seen.set(key, n);
      if (n > (counts.get(key) ?? 0)) {
        kept.push(m);
        counts.set(key, n);
      }
    }
  }
  return { kept, dropped: total - kept.length };
}

export interface Merged {
  header: ConversationHeader;
  messages: AsyncGenerator<readonly Message[], Summary, undefined>;
  media: MediaStore;
  /** Copies removed, known once the messages are read. */
  dropped(): number;
}

/**
 * The same conversation exported several times (phone and PC, or two dates)
 * as one, in time order, the overlap kept once. Each input must hold one
 * conversation; they are read side by side, a minute at a time.
 */
export async function merge(paths: readonly string[], options: ReadOptions = {}): Promise<Merged> {
  const inputs = paths.map((path) => readConversations(path, options));
  const conversations: Conversation[] = [];
  for (const [i, input] of inputs.entries()) {
    const first = await input.next();
    if (first.done) throw new ChatFerryError("E_NO_CHAT", { file: paths[i]!, supported: "" });
    conversations.push(first.value);
  }
  return mergeConversations(conversations, async () => {
    // An input with a second conversation cannot be merged as one.
    for (const [i, input] of inputs.entries()) {
      if (!(await input.next()).done) throw new ChatFerryError("E_MERGE_SEVERAL", { file: paths[i]! });
    }
  });
}

/** Conversations known to be the same chat, merged as `merge` merges inputs; `finish` runs once their messages are read. */
export function mergeConversations(conversations: readonly Conversation[], finish: () => Promise<void> = async () => undefined): Merged {
  const headers = conversations.map((c) => c.header);
  const header: ConversationHeader = {
    schema: SCHEMA_VERSION,
    id: createHash("sha256").update(headers.map((h) => h.id).join("+")).digest("hex").slice(0, 12),
    title: headers.find((h) => h.title !== null)?.title ?? null,
    source: {
      platform: headers[0]!.source.platform,
      variant: unique(headers.map((h) => h.source.variant)).join("+"),
      files: headers.flatMap((h) => h.source.files),
      encoding: unique(headers.map((h) => h.source.encoding)).join("+"),
      exportedAt: headers.map((h) => h.source.exportedAt).reduce((a, b) => (b !== null && (a === null || b > a) ? b : a), null),
    },
    timezone: headers[0]!.timezone,
    ...agreedWho(headers),
  };
  const media: MediaStore = {
    open(path, options) {
      for (const c of conversations) {
        try {
          return c.media.open(path, options);
        } catch {
          // not in this input; try the next
        }
      }
      throw new Error(`no media file ${path} in these inputs`);
    },
  };
  let dropped = 0;
  async function* messages(): AsyncGenerator<readonly Message[], Summary, undefined> {
    const cursors = conversations.map((c) => new Cursor(c.messages));
    const warnings = new Warnings();
    const counter = new SummaryCounter(warnings);
    let seq = 0;
    for (;;) {
      const minutes = await Promise.all(cursors.map((c) => c.peekMinute()));
      const present = minutes.filter((m): m is number => m !== null);
      if (present.length === 0) break;
      const minute = Math.min(...present);
      const copies = await Promise.all(cursors.filter((_, i) => minutes[i] === minute).map((c) => c.takeMinute(minute)));
      const result = mergeMinute(copies);
      dropped += result.dropped;
      const batch = result.kept.map((m) => {
        counter.add(m, Date.parse(m.time), m.time, wallOfIso(m.time));
        return { ...m, seq: seq++ };
      });
      yield batch;
    }
    for (const cursor of cursors) {
      for (const w of cursor.summary?.warnings ?? []) warnings.add(w);
      for (const f of cursor.summary?.findings ?? []) if (f.code === "media-missing") counter.missingMedia(f.files);
    }
    await finish();
    const summary = counter.summary();
    const start = agreedWho(cursors.map((c) => c.summary ?? {}));
    return { ...summary, ...whoAtEnd(start, { title: header.title, participants: summary.participants }) };
  }
  return { header, messages: messages(), media, dropped: () => dropped };
}

/**
 * `kind` and `self` where the exports that say agree; where two say different things
 * (one export's "direct", another's "group"), neither is taken: nothing is guessed.
 */
function agreedWho(sides: readonly Who[]): Who {
  const kind = agreed(sides.map((w) => w.kind));
  const self = agreed(sides.map((w) => w.self));
  return { ...(kind !== undefined ? { kind } : {}), ...(self !== undefined ? { self } : {}) };
}

function agreed<T>(values: readonly (T | undefined)[]): T | undefined {
  const said = unique(values.filter((v): v is T => v !== undefined));
  return said.length === 1 ? said[0] : undefined;
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}
