/**
 * Messages per period (month, week), split by who wrote them, counted in one pass in bounded
 * memory. Which participants a chart will show (the busiest in the whole chat) is known only at
 * the end, so each period keeps its own busiest writers by name: at most KEPT of them, whatever
 * the number of participants, and everyone else only in its total.
 */

/** Writers a period keeps by name: twice the people a chart shows, so those rarely fall out. */
export const KEPT = 10;

/** How many levels of periods count at once (months and weeks): the slots of a Writer. */
type Level = 0 | 1;

/** The counts of one period: all messages, and its busiest writers' own. */
interface Bucket {
  readonly key: number;
  messages: number;
  readonly kept: Map<string, number>;
}

/**
 * A participant as the counts see them. Each level's count for the current period lives here,
 * so counting a message costs no lookup beyond the one that finds the writer.
 */
export class Writer {
  messages = 0;
  /** Per level: the period `counted` is for (null: none open). */
  readonly at: [Bucket | null, Bucket | null] = [null, null];
  readonly counted: [number, number] = [0, 0];

  constructor(readonly name: string) {}
}

/** The periods of one level, each entered as messages reach it; a period entered again (time went back) goes on counting. */
export class Periods {
  private readonly buckets = new Map<number, Bucket>();
  private current: Bucket | null = null;
  /** The writers counted in the current period since it was entered. */
  private writers: Writer[] = [];

  constructor(private readonly level: Level) {}

  /** Messages from now on fall in the period `key`. */
  enter(key: number): void {
    this.close();
    let bucket = this.buckets.get(key);
    if (bucket === undefined) this.buckets.set(key, (bucket = { key, messages: 0, kept: new Map() }));
    this.current = bucket;
  }

  /** One message of the current period; `writer` null for the chat's own notices. */
  count(writer: Writer | null): void {
    const bucket = this.current!;
    bucket.messages++;
    if (writer === null) return;
    const level = this.level;
    if (writer.at[level] !== bucket) {
      writer.at[level] = bucket;
      writer.counted[level] = 0;
      this.writers.push(writer);
    }
    writer.counted[level]++;
  }

  /** Each period in time order: its messages, and those of each of `people` (0 where the period did not keep them). */
  rows<P extends string>(people: readonly string[], label: (key: number) => P): { period: P; messages: number; by: number[] }[] {
    this.close();
    return [...this.buckets.values()]
      .sort((a, b) => a.key - b.key)
      .map((bucket) => ({ period: label(bucket.key), messages: bucket.messages, by: people.map((name) => bucket.kept.get(name) ?? 0) }));
  }

  /** The current period's writers into its kept counts, busiest first, until KEPT names are kept. */
  private close(): void {
    const bucket = this.current;
    if (bucket === null) return;
    const level = this.level;
    this.writers.sort((a, b) => b.counted[level] - a.counted[level]);
    for (const writer of this.writers) {
      const before = bucket.kept.get(writer.name);
      if (before !== undefined) bucket.kept.set(writer.name, before + writer.counted[level]);
      else if (bucket.kept.size < KEPT) bucket.kept.set(writer.name, writer.counted[level]);
      writer.at[level] = null;
    }
    this.writers = [];
    this.current = null;
  }
}
