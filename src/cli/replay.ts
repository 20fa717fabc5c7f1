import { readFile } from "node:fs/promises";
import { ChatFerryError, fileError } from "../errors.js";
import { translator, type Translate } from "../i18n/index.js";
import { readConversations, type Conversation } from "../pipeline.js";
import { journalPath, peekJournal, stateDir } from "../targets/telegram/replay/journal.js";
import { guessChatKind, paceMs, type ChatKind } from "../targets/telegram/replay/pacing.js";
import type { MediaMethod } from "../targets/telegram/replay/plan.js";
import { planReplay, runReplay, type PlanSummary, type ReplayReport } from "../targets/telegram/replay/replay.js";
import { BOT_TOKEN, replayWords } from "../targets/telegram/replay/words.js";
import type { CliContext } from "./context.js";
import { secretPrompt } from "./secret-prompt.js";
import { readOptions, readWithProgress, type ReadFlags } from "./read.js";
import { printable } from "./terminal.js";

export interface ReplayCliOptions extends ReadFlags {
  chat: string;
  tokenFile?: string;
  apiRoot?: string;
  dryRun?: boolean;
  onePerMessage?: boolean;
}

const TOKEN_ENV = "CHATFERRY_TELEGRAM_TOKEN";
const CHAT = /^(-?\d+|@[A-Za-z][A-Za-z0-9_]{3,})$/;
const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);
const METHODS: readonly MediaMethod[] = ["photo", "video", "voice", "audio", "document"];

export async function telegramReplayCommand(input: string, options: ReplayCliOptions, ctx: CliContext): Promise<void> {
  const { t, stdout } = ctx;
  if (!CHAT.test(options.chat)) throw new ChatFerryError("E_USAGE", { detail: t("usage.chat") });
  const apiRoot = options.apiRoot === undefined ? undefined : checkApiRoot(options.apiRoot, t);
  // The token is read (and checked) before the long planning pass; the prompt waits until something is to be sent.
  const token = options.dryRun ? null : await tokenSource(options.tokenFile, ctx);
  // The chat gets names as they are; only the terminal needs them made printable.
  const plan = { input, pack: !options.onePerMessage, words: replayWords(translator(ctx.lang)) };

  let passes = 0;
  // What a bot sends cannot be taken back: a date order the file does not show is asked for, not assumed.
  const read = (): AsyncIterable<Conversation> =>
    passes++ === 0 ? readingWithBar(input, options, ctx) : readConversations(input, readOptions(options, "refuse"));
  const state = stateDir();
  const summary = await planReplay(read, { ...plan, journal: { stateDir: state, chat: options.chat } });
  const title = summary.title ?? input;

  if (token === null) {
    const done = (await peekJournal(journalPath(state, summary.conversationId, options.chat)))?.next ?? 0;
    printPlan(summary, title, guessChatKind(options.chat), done, ctx);
    return;
  }

  const bar = sendingBar(t, ctx.stderr);
  let report: ReplayReport;
  try {
    report = await runReplay(read, summary, {
      ...plan,
      chat: options.chat,
      apiRoot,
      token,
      stateDir: state,
      ...testKnobs(),
      signal: ctx.signal,
      onStart: ({ chat, intervalMs, done, items }) => {
        const left = items - done;
        const eta = (summary.telegramMessages * left * intervalMs) / Math.max(1, items);
        const kind = t(chat.type === "private" ? "replay.private" : "replay.group");
        stdout.write(`${t("replay.start", { title, chat: chat.title ?? options.chat, kind, left, items, duration: duration(eta, t) })}\n`);
        bar.update(done, items, eta);
      },
      onProgress: (p) => bar.update(p.done, p.items, p.etaMs),
      onWait: (ms, why) => bar.note(t(why === "rate" ? "replay.waitRate" : "replay.waitNetwork", { duration: duration(ms, t) })),
    });
  } finally {
    bar.done();
  }
  printReport(report, title, ctx);
  if (report.failed.length > 0) throw new ChatFerryError("E_TELEGRAM_FAILED", { failed: report.failed.length, items: report.items });
}

function checkApiRoot(value: string, t: Translate): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ChatFerryError("E_USAGE", { detail: t("usage.apiRoot") });
  }
  // The token travels in the URL path: in clear text only to this computer.
  const ok = url.protocol === "https:" || (url.protocol === "http:" && LOOPBACK.has(url.hostname));
  if (!ok || url.username || url.password) throw new ChatFerryError("E_USAGE", { detail: t("usage.apiRoot") });
  return value;
}

/** --token-file, then the environment, then a prompt that does not echo; the token itself is never shown. */
async function tokenSource(file: string | undefined, ctx: CliContext): Promise<() => Promise<string>> {
  const check = (token: string, source: string) => {
    if (!BOT_TOKEN.test(token)) throw new ChatFerryError("E_TELEGRAM_TOKEN", { source });
    return token;
  };
  if (file !== undefined) {
    let text: string;
    try {
      text = await readFile(file, "utf8");
    } catch (err) {
      throw fileError(err, file);
    }
    const token = check(text.trim(), file);
    return async () => token;
  }
  const env = process.env[TOKEN_ENV];
  if (env !== undefined && env !== "") {
    const token = check(env.trim(), `$${TOKEN_ENV}`);
    return async () => token;
  }
  const ask = secretPrompt(ctx, "usage.noToken");
  return async () => check((await ask("prompt.token")).trim(), ctx.t("prompt.token").replace(/:\s*$/, ""));
}

/** Test-only knobs: CHATFERRY_PACE_SCALE shrinks every wait, CHATFERRY_TIMEOUT_MS fixes the client timeout. */
function testKnobs(): { scale?: number; timeoutMs?: number } {
  const number = (name: string) => {
    const value = Number(process.env[name]);
    return Number.isFinite(value) && value > 0 ? value : undefined;
  };
  const scale = number("CHATFERRY_PACE_SCALE");
  const timeoutMs = number("CHATFERRY_TIMEOUT_MS");
  return { ...(scale === undefined ? {} : { scale: Math.min(1, scale) }), ...(timeoutMs === undefined ? {} : { timeoutMs }) };
}

/** The first pass reads with the usual "Reading" bar (large inputs take a moment). */
async function* readingWithBar(input: string, flags: ReadFlags, ctx: CliContext): AsyncGenerator<Conversation> {
  const { conversations, done } = await readWithProgress([input], flags, ctx, "refuse");
  try {
    yield* conversations;
  } finally {
    done();
  }
}

function printPlan(summary: PlanSummary, title: string, kind: ChatKind, done: number, { t, stdout }: CliContext): void {
  const media = METHODS.filter((m) => summary.media[m] > 0)
    .map((m) => `${t(`replay.media.${m}`)} ${summary.media[m]}`)
    .join(" · ");
  const lines = [
    t("replay.plan", { title, messages: summary.messages, telegram: summary.telegramMessages, items: summary.items }),
    t("replay.planParts", { texts: summary.texts, albums: summary.albums, media: media || t("out.none") }),
  ];
  if (summary.skipped > 0) lines.push(`  ${t("replay.skipped", { skipped: summary.skipped })}`);
  if (summary.maybe.size > 0) lines.push(t("replay.planMaybe", { maybe: summary.maybe.size }));
  if (summary.bytes > 0) lines.push(t("replay.planUpload", { mb: (summary.bytes / 1e6).toFixed(1) }));
  lines.push(t("replay.planTime", { kind: t(kind === "private" ? "replay.private" : "replay.group"), duration: duration(paceMs(summary.telegramMessages, kind), t) }));
  if (done > 0) {
    const left = (summary.telegramMessages * (summary.items - done)) / Math.max(1, summary.items);
    lines.push(t("replay.planDone", { done, items: summary.items, duration: duration(paceMs(left, kind), t) }));
  }
  lines.push(t("replay.dryRun"));
  stdout.write(`${lines.join("\n")}\n`);
}

function printReport(report: ReplayReport, title: string, { t, stdout }: CliContext): void {
  const lines: string[] = [];
  if (report.complete) lines.push(t("replay.complete"));
  lines.push(
    t("replay.report", {
      title,
      sent: report.sent,
      items: report.items,
      failed: report.failed.length,
      uncertain: report.uncertainSends,
    }),
  );
  if (report.skipped > 0) lines.push(t("replay.skipped", { skipped: report.skipped }));
  if (report.failed.length > 0) {
    lines.push(t("replay.failedHead"), ...report.failed.map((f) => `  ${printable(f.label)}: ${printable(f.reason)}`));
  }
  if (report.uncertain.length > 0) {
    lines.push(t("replay.uncertainHead"), ...report.uncertain.map((u) => `  ${printable(u.label)}${u.sends > 1 ? ` (×${u.sends})` : ""}`));
  }
  lines.push(t("replay.journal", { file: report.journal }));
  stdout.write(`${lines.join("\n")}\n`);
}

export function duration(ms: number, t: Translate): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h > 0) return t("dur.h", { h, m });
  if (m > 0) return t("dur.m", { m, s });
  return t("dur.s", { s });
}

interface SendingBar {
  update(done: number, items: number, etaMs: number): void;
  /** A wait to explain on the bar's line until the next update. */
  note(text: string): void;
  done(): void;
}

const WIDTH = 24;

/** One line on stderr, redrawn in place, only on a terminal. */
function sendingBar(t: Translate, stream: NodeJS.WriteStream): SendingBar {
  if (!stream.isTTY) return { update() {}, note() {}, done() {} };
  let last = "";
  let drawn = false;
  const draw = (line: string) => {
    drawn = true;
    stream.write(`\r\x1b[K${line}`);
  };
  return {
    update(done, items, etaMs) {
      const share = items > 0 ? done / items : 1;
      const filled = Math.round(share * WIDTH);
      last = `${t("replay.sending")} ${"█".repeat(filled)}${"░".repeat(WIDTH - filled)} ${Math.floor(share * 100)}% ${done}/${items} ETA ${duration(etaMs, t)}`;
      draw(last);
    },
    note(text) {
      draw(last ? `${last} · ${text}` : text);
    },
    done() {
      if (drawn) stream.write("\r\x1b[K");
    },
  };
}
