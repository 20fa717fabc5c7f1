import { matchDigest } from "../../../match.js";
import type { Message } from "../../../schema/index.js";
import type { Prior } from "./journal.js";

/**
 * Takes out of an export what earlier replays into the same chat delivered,
 * matched the way `merge` matches two exports (kind, sender, text, minute)
 * and as often as it was delivered: two "ㅋㅋ" sent in one minute skip two of
 * a newer export's three. A message an earlier run may or may not have
 * delivered is neither skipped nor resent quietly: it goes again, and the
 * report lists it with the possibly duplicated.
 */
export class Skipper {
  skipped = 0;
  /** Source ids of the messages that go again although an earlier run may have delivered them. */
  readonly maybe = new Set<string>();
  private readonly sent: Map<string, number>;
  private readonly unsure: Map<string, number>;

  constructor(prior: Prior) {
    this.sent = counts(prior.sent);
    this.unsure = counts(prior.maybe);
  }

  async *filter(batches: AsyncIterable<readonly Message[]>): AsyncGenerator<readonly Message[]> {
    for await (const batch of batches) {
      const kept = batch.filter((message) => this.keep(message));
      if (kept.length > 0) yield kept;
    }
  }

  private keep(message: Message): boolean {
    const key = matchDigest(message);
    if (take(this.sent, key)) {
      this.skipped++;
      return false;
    }
    if (take(this.unsure, key)) this.maybe.add(message.id);
    return true;
  }
}

function counts(keys: readonly string[]): Map<string, number> {
  const map = new Map<string, number>();
  for (const key of keys) map.set(key, (map.get(key) ?? 0) + 1);
  return map;
}

/** Uses up one copy of `key`, if one is left. */
function take(map: Map<string, number>, key: string): boolean {
  const left = map.get(key) ?? 0;
  if (left === 0) return false;
  map.set(key, left - 1);
  return true;
}
