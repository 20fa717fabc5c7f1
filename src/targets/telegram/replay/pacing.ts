import { setTimeout as sleep } from "node:timers/promises";

/**
 * ChatFerry paces itself below Telegram's limits (telegram.md §2.1) rather
 * than running into 429s: about one message a second into a private chat,
 * 20 a minute into a group or channel, 30 a second overall. Each limit is a
 * schedule of the earliest time the next message may go (a token bucket of
 * depth one); a send of n messages (an album) pushes it n intervals on.
 */

export type ChatKind = "private" | "group";

/** Milliseconds per message. A little over a second: the FAQ warns that bursts at the limit end in 429s. */
const INTERVAL_MS: Record<ChatKind, number> = { private: 1100, group: 3000 };
const GLOBAL_INTERVAL_MS = 1000 / 30;

export interface Clock {
  now(): number;
  /** Rejects with the signal's reason when it aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const realClock: Clock = {
  now: () => performance.now(),
  sleep: async (ms, signal) => {
    if (ms > 0) await sleep(ms, undefined, { signal });
    else signal?.throwIfAborted();
  },
};

/** Bot chat ids: users are positive, groups and channels negative; `@name` is a public channel or group. */
export function guessChatKind(chat: string): ChatKind {
  return chat.startsWith("-") || chat.startsWith("@") ? "group" : "private";
}

/** From getChat's `type`: private, group, supergroup or channel. */
export function chatKindOf(type: string): ChatKind {
  return type === "private" ? "private" : "group";
}

export class Pacer {
  private chatNext = -Infinity;
  private globalNext = -Infinity;

  /** `scale` shrinks every wait alike; tests run the real schedule a thousand times faster. */
  constructor(
    readonly kind: ChatKind,
    private readonly clock: Clock,
    private readonly scale = 1,
  ) {}

  get intervalMs(): number {
    return INTERVAL_MS[this.kind] * this.scale;
  }

  /** Waits until `count` messages may go, and books them. */
  async acquire(count: number, signal?: AbortSignal): Promise<void> {
    const wait = Math.max(this.chatNext, this.globalNext) - this.clock.now();
    if (wait > 0) await this.clock.sleep(wait, signal);
    const now = this.clock.now();
    this.chatNext = Math.max(now, this.chatNext) + count * this.intervalMs;
    this.globalNext = Math.max(now, this.globalNext) + count * GLOBAL_INTERVAL_MS * this.scale;
  }

  /** After Telegram's own wait (a 429's retry_after) the schedule starts again from now. */
  restart(): void {
    this.chatNext = this.globalNext = this.clock.now();
  }
}

/** What sending `count` messages takes at this pace, for the plan and the ETA. */
export function paceMs(count: number, kind: ChatKind): number {
  return count * INTERVAL_MS[kind];
}
