import { ChatFerryError } from "../../../errors.js";
import type { Conversation } from "../../../pipeline.js";
import type { Message } from "../../../schema/index.js";
import { supportedFormats } from "../../../sources/index.js";
import { Journal, journalPath, peekJournal, priorSends, type Prior } from "./journal.js";
import { realClock, type Clock } from "./pacing.js";
import { cost, PlanDigest, planMessages, type Item, type MediaMethod, type PlanOptions } from "./plan.js";
import { Sender, type ChatInfo } from "./sender.js";
import { Skipper } from "./skip.js";

/**
 * A replay reads the input twice. The first pass plans: it counts what will
 * be sent (for the dry run, the progress bar and its ETA), hashes the plan
 * (so a rerun can tell it is continuing the same plan) and notes which
 * messages are replied to. The second pass plans again, identically, and
 * sends every item the journal does not already have. Neither pass holds the
 * conversation: only counts, the digest, and the ids of replied-to messages
 * (a set of strings, one per message that has a reply).
 *
 * Both passes leave out what earlier replays into the same chat delivered
 * (a newer export of a chat replayed before): see skip.ts.
 */

export interface PlanSummary {
  conversationId: string;
  title: string | null;
  /** Source messages to send. */
  messages: number;
  /** Source messages left out: earlier replays into the chat delivered them. */
  skipped: number;
  /** What earlier replays delivered, as this replay's journal has (or will have) it. */
  prior: Prior;
  /** Source ids of messages an earlier replay may have delivered: sent again and reported as possibly duplicated. */
  maybe: Set<string>;
  /** Plan items (API calls). */
  items: number;
  /** Telegram messages they make: an album of n is n. */
  telegramMessages: number;
  texts: number;
  albums: number;
  /** Files by how they are sent (album photos included). */
  media: Record<MediaMethod, number>;
  /** Sum of the sizes the input states; files of unknown size count 0. */
  bytes: number;
  digest: string;
  replyTargets: Set<string>;
}

/** Every conversation in the input, read anew on each call. */
export type Read = () => AsyncIterable<Conversation>;

/** Where the journals are and which chat is meant; without it, earlier replays are not looked for. */
export interface JournalPlace {
  stateDir: string;
  chat: string;
}

const NOTHING_SENT: Prior = { sent: [], maybe: [] };

/** A journal already begun keeps the prior it was made with; a new one takes what the chat's other journals hold now. */
async function priorFor(place: JournalPlace, conversationId: string): Promise<Prior> {
  const path = journalPath(place.stateDir, conversationId, place.chat);
  const own = await peekJournal(path);
  if (own?.plan) return own.plan.prior ?? NOTHING_SENT;
  return priorSends(place.stateDir, place.chat, path);
}

export async function planReplay(read: Read, options: PlanOptions & { input: string; journal?: JournalPlace }): Promise<PlanSummary> {
  let summary: PlanSummary | null = null;
  for await (const conversation of read()) {
    // A full account export holds many chats; pouring them all into one Telegram chat is never what is meant.
    if (summary !== null) throw new ChatFerryError("E_TELEGRAM_SEVERAL", { file: options.input });
    const prior = options.journal ? await priorFor(options.journal, conversation.header.id) : NOTHING_SENT;
    const skipper = new Skipper(prior);
    const replyTargets = new Set<string>();
    let messages = 0;
    async function* counted(): AsyncGenerator<readonly Message[]> {
      for await (const batch of skipper.filter(conversation.messages)) {
        messages += batch.length;
        for (const message of batch) if (message.replyTo !== undefined) replyTargets.add(message.replyTo);
        yield batch;
      }
    }
    const digest = new PlanDigest();
    const s = {
      conversationId: conversation.header.id,
      title: conversation.header.title,
      messages: 0,
      items: 0,
      telegramMessages: 0,
      texts: 0,
      albums: 0,
      media: { photo: 0, video: 0, voice: 0, audio: 0, document: 0 },
      bytes: 0,
      replyTargets,
    };
    for await (const item of planMessages(counted(), { ...options, self: conversation.header.self })) {
      digest.add(item);
      s.items++;
      s.telegramMessages += cost(item);
      if (item.kind === "text") s.texts++;
      else if (item.kind === "media") {
        s.media[item.method]++;
        s.bytes += item.file.size ?? 0;
      } else {
        s.albums++;
        s.media.photo += item.photos.length;
        for (const photo of item.photos) s.bytes += photo.file.size ?? 0;
      }
    }
    summary = { ...s, messages, skipped: skipper.skipped, prior, maybe: skipper.maybe, digest: digest.hex() };
  }
  if (summary === null) throw new ChatFerryError("E_NO_CHAT", { file: options.input, supported: supportedFormats() });
  return summary;
}

export interface ReplayStart {
  chat: ChatInfo;
  intervalMs: number;
  /** Items already finished by earlier runs. */
  done: number;
  items: number;
}

export interface ReplayProgress {
  done: number;
  items: number;
  /** What the remaining Telegram messages take at the chat's pace. */
  etaMs: number;
}

export interface ReplayOptions extends PlanOptions {
  chat: string;
  apiRoot?: string;
  /** Asked only when something is left to send. */
  token(): Promise<string>;
  stateDir: string;
  /** Shrinks every wait (tests); 1 otherwise. */
  scale?: number;
  timeoutMs?: number;
  clock?: Clock;
  signal?: AbortSignal;
  onStart?(start: ReplayStart): void;
  onProgress?(progress: ReplayProgress): void;
  onWait?(ms: number, why: "rate" | "network"): void;
}

export interface ReplayReport {
  items: number;
  sent: number;
  /** Source messages earlier replays into the chat had delivered. */
  skipped: number;
  failed: { label: string; reason: string }[];
  /** Items that may be in the chat twice (or more: one extra copy per uncertain send). */
  uncertain: { label: string; sends: number }[];
  uncertainSends: number;
  /** Nothing was left to send: an earlier run finished. */
  complete: boolean;
  journal: string;
}

export async function runReplay(read: Read, plan: PlanSummary, options: ReplayOptions): Promise<ReplayReport> {
  const path = journalPath(options.stateDir, plan.conversationId, options.chat);
  const prior = plan.prior.sent.length + plan.prior.maybe.length > 0 ? { prior: plan.prior } : {};
  const journal = await Journal.open(path, { digest: plan.digest, items: plan.items, chat: options.chat, ...prior });
  const { state } = journal;
  const complete = state.next >= plan.items;
  const clock = options.clock ?? realClock;
  const labels = new Map<number, string>();
  let sender: Sender | null = null;
  let costDone = 0;

  const start = async (conversation: Conversation): Promise<Sender> => {
    const started = new Sender({
      token: await options.token(),
      apiRoot: options.apiRoot,
      chat: options.chat,
      media: conversation.media,
      journal,
      clock,
      scale: options.scale ?? 1,
      timeoutMs: options.timeoutMs,
      replyTargets: plan.replyTargets,
      signal: options.signal,
      onWait: options.onWait,
    });
    const chat = await started.check();
    options.onStart?.({ chat, intervalMs: started.intervalMs, done: state.next, items: plan.items });
    return started;
  };
  const send = async (item: Item, conversation: Conversation): Promise<void> => {
    options.signal?.throwIfAborted();
    sender ??= await start(conversation);
    // An earlier run may have delivered this; marked once (before any attempt) so that it counts like a send cut off.
    if (!state.uncertain.has(item.n) && sourcesOf(item).some((id) => plan.maybe.has(id))) await journal.append({ t: "uncertain", n: item.n });
    await sender.deliver(item);
    options.onProgress?.({ done: item.n + 1, items: plan.items, etaMs: (plan.telegramMessages - costDone) * sender.intervalMs });
  };

  try {
    for await (const conversation of read()) {
      for await (const item of planMessages(new Skipper(plan.prior).filter(conversation.messages), { ...options, self: conversation.header.self })) {
        costDone += cost(item);
        if (item.n >= state.next) await send(item, conversation);
        if (state.failed.has(item.n) || state.uncertain.has(item.n)) labels.set(item.n, item.label);
      }
    }
  } catch (err) {
    if (options.signal?.aborted) {
      throw new ChatFerryError("E_TELEGRAM_INTERRUPTED", { sent: state.sent, items: plan.items }, { cause: err });
    }
    throw err;
  } finally {
    await journal.close();
  }
  const label = (n: number) => labels.get(n) ?? `#${n + 1}`;
  return {
    items: plan.items,
    sent: state.sent,
    skipped: plan.skipped,
    failed: [...state.failed].map(([n, reason]) => ({ label: label(n), reason })),
    uncertain: [...state.uncertain].map(([n, sends]) => ({ label: label(n), sends })),
    uncertainSends: state.uncertainSends,
    complete,
    journal: path,
  };
}

function sourcesOf(item: Item): string[] {
  return item.kind === "album" ? item.photos.flatMap((photo) => (photo.source === undefined ? [] : [photo.source])) : item.sources;
}
