/**
 * Signs that an export may not hold the whole chat. A phone exports only what it still holds
 * (a new or restored phone, a chat cleared once), and WhatsApp only so many messages; such an
 * export looks as complete as any other. Each rule keeps its evidence, so the user can judge.
 */
import { DAY, dayName } from "../calendar.js";
import type { Finding, Platform } from "../schema/index.js";
import type { ActiveDays } from "./active-days.js";

/**
 * A silence is told when it lasts at least SILENCE_DAYS and SILENCE_FACTOR times the chat's
 * usual gap between days with messages (the median: half the gaps are no longer). Two months is
 * longer than holidays and busy spells keep even a daily family chat quiet; ten times the usual
 * gap keeps a chat that is active every few weeks from being flagged for its own rhythm (a
 * monthly chat needs ten months of quiet).
 */
export const SILENCE_DAYS = 60;
export const SILENCE_FACTOR = 10;
/** The longest silences told; more would say nothing new. */
export const SILENCES_TOLD = 3;
/** The opening notice is quoted up to this many characters. */
const NOTICE_CHARS = 200;

/**
 * How many messages a messenger puts in one export at most. WhatsApp's help centre: 40,000
 * without media, 10,000 with media; an export of exactly that many was very probably cut short
 * (the oldest messages left out).
 */
const EXPORT_CAPS: Partial<Record<Platform, { plain: number; withMedia: number }>> = { whatsapp: { plain: 40_000, withMedia: 10_000 } };

/** The longest silences that are long for this chat, in time order. */
export function silences(days: ActiveDays): Extract<Finding, { code: "silence" }>[] {
  // Gap lengths and how often each occurs: there are few different lengths, however many gaps.
  const lengths = new Map<number, number>();
  let gaps = 0;
  const longest: [number, number][] = [];
  const length = ([from, to]: [number, number]) => to - from;
  for (const gap of days.gaps()) {
    lengths.set(length(gap), (lengths.get(length(gap)) ?? 0) + 1);
    gaps++;
    if (longest.length < SILENCES_TOLD || length(gap) > length(longest.at(-1)!)) {
      longest.push(gap);
      longest.sort((a, b) => length(b) - length(a));
      longest.length = Math.min(longest.length, SILENCES_TOLD);
    }
  }
  if (gaps === 0) return [];
  const usual = median(lengths, gaps);
  const long = Math.max(SILENCE_DAYS, SILENCE_FACTOR * usual);
  return longest
    .filter((gap) => length(gap) >= long)
    .sort((a, b) => a[0] - b[0])
    .map(([from, to]) => ({ code: "silence", from: dayName(from), to: dayName(to), days: to - from, usual }));
}

/** The middle value of `count` values given as value → how many times. */
function median(histogram: Map<number, number>, count: number): number {
  let seen = 0;
  for (const [value, times] of [...histogram].sort((a, b) => a[0] - b[0])) {
    seen += times;
    if (seen * 2 >= count) return value;
  }
  throw new Error("median of nothing");
}

/**
 * Whether a chat opens with notices long before anyone writes: the notices (WhatsApp's "created
 * group", "added") keep the date they happened, while a phone restored or set up later exports
 * the messages only from then on. Watches the messages until the first one a person wrote.
 */
export class Opening {
  private notice: { text: string; at: string; instant: number } | null = null;
  private finding: Extract<Finding, { code: "late-start" }> | null = null;
  private open = true;

  /** False once a person's message has been seen: the rest of the chat costs one check a message. */
  get watching(): boolean {
    return this.open;
  }

  see(kind: string, text: string, instant: number, iso: string): void {
    if (kind === "system") {
      this.notice = { text: text.length > NOTICE_CHARS ? `${text.slice(0, NOTICE_CHARS)}…` : text, at: iso, instant };
      return;
    }
    this.open = false;
    const notice = this.notice;
    if (notice === null) return;
    const days = Math.floor((instant - notice.instant) / DAY);
    if (days >= SILENCE_DAYS) this.finding = { code: "late-start", notice: notice.text, at: notice.at, first: iso, days };
  }

  /** The late start, if the chat has one. */
  found(): Extract<Finding, { code: "late-start" }> | null {
    return this.finding;
  }
}

/** An export of exactly as many messages as its messenger exports at most; `withMedia`: the export names media files. */
export function exportCap(platform: Platform | null, messages: number, withMedia: boolean): Extract<Finding, { code: "export-cap" }> | null {
  const caps = platform === null ? undefined : EXPORT_CAPS[platform];
  if (caps === undefined) return null;
  if (messages === caps.plain) return { code: "export-cap", cap: caps.plain, media: false };
  if (withMedia && messages === caps.withMedia) return { code: "export-cap", cap: caps.withMedia, media: true };
  return null;
}

/**
 * Every finding, in the order a person reads them: whose messages the export holds, its size,
 * its start, its silences, its missing files. A silence that is the late start's own stretch is
 * said once, as the start.
 */
export function findings(parts: {
  /** The export's format holds one side of the chat only (Source.oneSided). */
  oneSided?: boolean;
  cap: Extract<Finding, { code: "export-cap" }> | null;
  start: Extract<Finding, { code: "late-start" }> | null;
  silences: Extract<Finding, { code: "silence" }>[];
  missingFiles: number;
}): Finding[] {
  const { cap, start, missingFiles } = parts;
  const quiet = parts.silences.filter((s) => !(start && s.from === start.at.slice(0, 10) && s.to === start.first.slice(0, 10)));
  return [
    ...(parts.oneSided ? [{ code: "one-sided" as const }] : []),
    ...(cap ? [cap] : []),
    ...(start ? [start] : []),
    ...quiet,
    ...(missingFiles > 0 ? [{ code: "media-missing" as const, files: missingFiles }] : []),
  ];
}

/**
 * The stretches the findings say the export may lack, each [last day with messages, next day
 * with messages]: a silence, and the wait between a late start's notices and its first message.
 * What a timeline shades.
 */
export function gaps(found: readonly Finding[]): [string, string][] {
  return found.flatMap((f): [string, string][] => {
    if (f.code === "silence") return [[f.from, f.to]];
    if (f.code === "late-start") return [[f.at.slice(0, 10), f.first.slice(0, 10)]];
    return [];
  });
}
