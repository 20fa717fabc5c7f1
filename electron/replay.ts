/**
 * The app's side of a Telegram bot replay (src/targets/telegram/replay/):
 * the "test connection" check, and the plan and the run as jobs. Tokens stay
 * in the main process: the handlers keep them, and the worker thread that
 * sends gets the token in its job.
 */
import { Api, NetworkError, TelegramApiError, TimeoutError } from "node-telegram-bot-api";
import { ChatFerryError } from "../src/errors.js";
import { translator, type Lang } from "../src/i18n/index.js";
import { readConversations, type Conversation } from "../src/pipeline.js";
import { journalPath, peekJournal } from "../src/targets/telegram/replay/journal.js";
import { guessChatKind, paceMs } from "../src/targets/telegram/replay/pacing.js";
import { planReplay, runReplay } from "../src/targets/telegram/replay/replay.js";
import { replayWords } from "../src/targets/telegram/replay/words.js";
import type { BotCheck, JobResult } from "./ipc.js";
import { readOptions, type JobContext, type Reading } from "./jobs.js";

/** What the handlers add to a replay job: where the journal lives, the server, and the test knobs. */
export interface ReplaySettings {
  stateDir: string;
  apiRoot?: string;
  /** Shrinks every wait (tests only). */
  scale?: number;
  timeoutMs?: number;
}

export interface ReplayJob extends Reading {
  input: string;
  chat: string;
  pack: boolean;
  lang: Lang;
  settings: ReplaySettings;
}

const CHECK_TIMEOUT_MS = 15_000;

/**
 * getMe, getChat, then the bot's own membership: whether the token works, the
 * chat exists for this bot, and the bot may post there. Nothing is sent.
 */
export async function checkBot(token: string, chat: string, settings: ReplaySettings): Promise<BotCheck> {
  const api = new Api(token, { ...(settings.apiRoot === undefined ? {} : { apiRoot: settings.apiRoot }), maxRetries: 0, timeoutMs: CHECK_TIMEOUT_MS });
  const scrub = (text: string) => text.split(token).join("…");
  try {
    const me = await api.getMe();
    const found = await api.getChat({ chat_id: chat });
    const title = found.title ?? ([found.first_name, found.last_name].filter(Boolean).join(" ") || found.username || null);
    let canPost: boolean | null = true;
    if (found.type !== "private") {
      // Telegram says what the bot may do there; a server that cannot tell leaves it unknown.
      const member = (await api.getChatMember({ chat_id: chat, user_id: me.id }).catch(() => null)) as Record<string, unknown> | null;
      canPost = member === null ? null : canPostAs(found.type, member);
    }
    return { bot: me.username ? `@${me.username}` : me.first_name, chat: { type: found.type, title }, canPost };
  } catch (err) {
    if (err instanceof TelegramApiError) {
      if (err.errorCode === 401) throw new ChatFerryError("E_TELEGRAM_AUTH");
      throw new ChatFerryError("E_TELEGRAM_CHAT", { chat, reason: scrub(err.description) });
    }
    if (err instanceof NetworkError || err instanceof TimeoutError) throw new ChatFerryError("E_TELEGRAM_NETWORK", { reason: scrub(err.message), sent: 0 });
    throw err;
  }
}

function canPostAs(type: string, member: Record<string, unknown>): boolean {
  const { status } = member;
  if (status === "creator") return true;
  if (type === "channel") return status === "administrator" && member.can_post_messages === true;
  if (status === "administrator" || status === "member") return true;
  return status === "restricted" && member.can_send_messages === true;
}

/** What a replay will send and how long it takes; what an earlier run already sent counts as done. */
export async function planJob(job: ReplayJob, ctx: JobContext): Promise<JobResult> {
  // What a bot sends cannot be taken back: the plan refuses what the send would refuse.
  const read = (): AsyncIterable<Conversation> =>
    readConversations(job.input, { ...readOptions(job, "refuse", ctx), onProgress: (p) => ctx.progress({ phase: "read", done: p.done, total: p.total, messages: 0 }) });
  const plan = await planReplay(read, { input: job.input, pack: job.pack, words: replayWords(translator(job.lang)), journal: { stateDir: job.settings.stateDir, chat: job.chat } });
  const journal = await peekJournal(journalPath(job.settings.stateDir, plan.conversationId, job.chat));
  const done = Math.min(plan.items, journal?.next ?? 0);
  // Time scales with Telegram messages (an album of n is n), spread evenly over the sends left.
  const left = Math.round((plan.telegramMessages * (plan.items - done)) / Math.max(1, plan.items));
  return {
    kind: "replayPlan",
    title: plan.title,
    messages: plan.messages,
    items: plan.items,
    telegramMessages: plan.telegramMessages,
    texts: plan.texts,
    albums: plan.albums,
    media: plan.media,
    bytes: plan.bytes,
    done,
    skipped: plan.skipped,
    durationMs: { private: paceMs(left, "private"), group: paceMs(left, "group") },
    guessedKind: guessChatKind(job.chat),
  };
}

/** Plans, then sends what the journal does not have yet; an interrupted run continues where it stopped. */
export async function replayJob(job: ReplayJob & { token: string }, ctx: JobContext): Promise<JobResult> {
  // The first pass (planning) shows as reading; the second goes with the sending and shows as that.
  let planning = true;
  const read = (): AsyncIterable<Conversation> =>
    readConversations(job.input, {
      ...readOptions(job, "refuse", ctx),
      onProgress: (p) => planning && ctx.progress({ phase: "read", done: p.done, total: p.total, messages: 0 }),
    });
  const options = { pack: job.pack, words: replayWords(translator(job.lang)) };
  // Planned as the CLI plans: what earlier replays into the chat delivered is left out, and a journal either began is continued by both.
  const plan = await planReplay(read, { ...options, input: job.input, journal: { stateDir: job.settings.stateDir, chat: job.chat } });
  planning = false;
  let chatTitle: string | null = null;
  const report = await runReplay(read, plan, {
    ...options,
    chat: job.chat,
    token: async () => job.token,
    stateDir: job.settings.stateDir,
    signal: ctx.signal,
    ...(job.settings.apiRoot === undefined ? {} : { apiRoot: job.settings.apiRoot }),
    ...(job.settings.scale === undefined ? {} : { scale: job.settings.scale }),
    ...(job.settings.timeoutMs === undefined ? {} : { timeoutMs: job.settings.timeoutMs }),
    onStart: ({ chat }) => (chatTitle = chat.title),
    onProgress: ({ done, items, etaMs }) => ctx.progress({ phase: "send", done, total: items, messages: plan.messages, etaMs }),
  });
  return {
    kind: "replay",
    files: [],
    replay: {
      title: plan.title,
      chatTitle,
      messages: plan.messages,
      telegramMessages: plan.telegramMessages,
      items: report.items,
      sent: report.sent,
      failed: report.failed,
      uncertain: report.uncertain,
      complete: report.complete,
    },
  };
}
