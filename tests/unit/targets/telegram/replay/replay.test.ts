import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ChatFerryError } from "../../../../../src/errors.js";
import { translator } from "../../../../../src/i18n/index.js";
import { readConversations, type Conversation } from "../../../../../src/pipeline.js";
import type { Message } from "../../../../../src/schema/index.js";
import type { Clock } from "../../../../../src/targets/telegram/replay/pacing.js";
import { planReplay, runReplay, type ReplayOptions, type ReplayReport } from "../../../../../src/targets/telegram/replay/replay.js";
import { ROOT } from "../../../../helpers/cli.js";
import { startFakeBotApi, type Delivered, type FakeBotApi } from "../../../../helpers/fake-bot-api.js";
import { conversation, media, photo, text, WORDS } from "./messages.js";

/** Time that passes only when the replay sleeps: pacing and waits are exact, and cost nothing. */
function virtualClock(): Clock & { sleeps: number[] } {
  let now = 0;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => now,
    sleep: async (ms, signal) => {
      signal?.throwIfAborted();
      sleeps.push(ms);
      now += ms;
    },
  };
}

let api: FakeBotApi;
let clock: ReturnType<typeof virtualClock>;
/** The virtual time of every send call, as the server saw it arrive. */
let callTimes: number[];

beforeEach(async () => {
  api = await startFakeBotApi({ "42": "private", "-100123": "supergroup", "7": "blocked" });
  clock = virtualClock();
  callTimes = [];
});
afterEach(() => api.close());

/** Sets the server's script, noting when each call came. */
function script(fn: (index: number) => ReturnType<FakeBotApi["script"]> = () => ({ kind: "ok" })): void {
  api.script = (call) => {
    callTimes.push(clock.now());
    return fn(call.index);
  };
}

type Source = readonly Message[] | (() => AsyncIterable<Conversation>);

async function replay(source: Source, options: Partial<ReplayOptions> & { stateDir: string }): Promise<ReplayReport> {
  const read = typeof source === "function" ? source : async function* () {
    yield conversation(source);
  };
  const pack = options.pack ?? true;
  const plan = await planReplay(read, { input: "chat.txt", pack, words: WORDS, journal: { stateDir: options.stateDir, chat: options.chat ?? "42" } });
  return runReplay(read, plan, {
    chat: "42",
    apiRoot: api.url,
    token: async () => api.token,
    clock,
    words: WORDS,
    ...options,
    pack,
  });
}

async function failure(promise: Promise<unknown>): Promise<ChatFerryError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(err instanceof ChatFerryError)) throw new Error(`expected a ChatFerryError, got ${String(err)}`);
  return err;
}

const state = () => mkdtempSync(join(tmpdir(), "chatferry-replay-"));
const t = translator("en");

/** The distinct messages of a test input, each tagged so that deliveries can be traced to it. */
function tagged(count: number): Message[] {
  return Array.from({ length: count }, (_, i) => text(`[#${i}] 안녕 👋`));
}

/** Tags in the order they reached the chat (an item delivered twice shows its tags twice). */
function tagsOf(delivered: Delivered[]): number[] {
  return delivered.flatMap((d) => [...`${d.text ?? ""}${d.caption ?? ""}`.matchAll(/\[#(\d+)\]/g)].map((m) => Number(m[1])));
}

function firstSeen(tags: number[]): number[] {
  return [...new Set(tags)];
}

describe("replay pacing", () => {
  it("sends about one message a second into a private chat", async () => {
    script();
    const report = await replay(tagged(5), { stateDir: state(), pack: false });
    expect(report).toMatchObject({ items: 5, sent: 5, failed: [], uncertain: [] });
    expect(callTimes).toEqual([0, 1100, 2200, 3300, 4400]);
    expect(tagsOf(api.delivered)).toEqual([0, 1, 2, 3, 4]);
  });

  it("sends 20 a minute into a group, an album of n counting n", async () => {
    script();
    const album = [0, 1, 2].map((i) => media([photo(`p${i}.jpg`)], i === 0 ? "[#0]" : ""));
    await replay([...album, text("[#1]"), text("[#2]", { replyTo: album[0]!.id })], { stateDir: state(), chat: "-100123" });
    expect(api.calls.map((c) => c.method)).toEqual(["sendMediaGroup", "sendMessage", "sendMessage"]);
    expect(callTimes).toEqual([0, 9000, 12000]);
  });
});

describe("replay failures", () => {
  it("waits exactly retry_after on a 429 and sends again: nothing lost, nothing twice, nothing uncertain", async () => {
    script((i) => (i === 1 ? { kind: "rate", retryAfter: 7 } : { kind: "ok" }));
    const report = await replay(tagged(3), { stateDir: state(), pack: false });
    expect(callTimes).toEqual([0, 1100, 8100, 9200]);
    expect(clock.sleeps).toContain(7000);
    expect(tagsOf(api.delivered)).toEqual([0, 1, 2]);
    expect(report.uncertainSends).toBe(0);
  });

  it("retries a 5xx with backoff and reports it as uncertain: the server may have delivered it", async () => {
    script((i) => (i === 1 ? { kind: "error", status: 502, description: "Bad Gateway" } : { kind: "ok" }));
    const report = await replay(tagged(3), { stateDir: state(), pack: false });
    expect(tagsOf(api.delivered)).toEqual([0, 1, 2]);
    expect(clock.sleeps).toContain(1000);
    expect(report.uncertain).toEqual([{ label: expect.stringMatching(/^2024-01-15 \d\d:\d\d \S+$/), sends: 1 }]);
  });

  it("resends once after a timeout, delivering it twice, and names it in the report", async () => {
    // Generous against a busy machine: only the scripted answer may miss the timeout.
    script((i) => (i === 1 ? { kind: "late", ms: 1500 } : { kind: "ok" }));
    const report = await replay(tagged(3), { stateDir: state(), pack: false, timeoutMs: 500 });
    expect(tagsOf(api.delivered)).toEqual([0, 1, 1, 2]);
    expect(report.uncertainSends).toBe(1);
    expect(report.uncertain).toHaveLength(1);
    expect(report.sent).toBe(3);
  });

  it("stops after a second uncertain send of the same item; the rerun finishes with no more copies than uncertain sends", async () => {
    const dir = state();
    const messages = tagged(4);
    script((i) => (i === 1 || i === 2 ? { kind: "drop" } : { kind: "ok" }));
    const err = await failure(replay(messages, { stateDir: dir, pack: false }));
    expect(err.code).toBe("E_TELEGRAM_NETWORK");
    expect(err.exitCode).toBe(3);
    script();
    const report = await replay(messages, { stateDir: dir, pack: false });
    const tags = tagsOf(api.delivered);
    expect(firstSeen(tags)).toEqual([0, 1, 2, 3]);
    expect(tags.length - 4).toBe(2);
    expect(report.uncertainSends).toBe(2);
    expect(report.uncertain).toEqual([{ label: expect.any(String), sends: 2 }]);
  });

  it("records a 400 on one item and goes on; a rerun sends nothing", async () => {
    const dir = state();
    const messages = tagged(3);
    script((i) => (i === 1 ? { kind: "error", status: 400, description: "Bad Request: PHOTO_INVALID_DIMENSIONS" } : { kind: "ok" }));
    const report = await replay(messages, { stateDir: dir, pack: false });
    expect(tagsOf(api.delivered)).toEqual([0, 2]);
    expect(report.failed).toEqual([{ label: expect.any(String), reason: "400 Bad Request: PHOTO_INVALID_DIMENSIONS" }]);
    const calls = api.calls.length;
    const again = await replay(messages, { stateDir: dir, pack: false });
    expect(again).toMatchObject({ complete: true, sent: 2, failed: report.failed });
    expect(api.calls.length).toBe(calls);
  });

  it("sends as plain text when Telegram cannot parse the formatting", async () => {
    script((i) => (i === 0 ? { kind: "error", status: 400, description: "Bad Request: can't parse entities: unsupported type" } : { kind: "ok" }));
    const report = await replay(tagged(2), { stateDir: state() });
    expect(report).toMatchObject({ sent: 1, failed: [], uncertainSends: 0 });
    expect(api.delivered).toHaveLength(1);
    expect(api.delivered[0]!.entities).toEqual([]);
    expect(tagsOf(api.delivered)).toEqual([0, 1]);
  });

  it("stops on a bad token before sending anything, with a message that holds no token", async () => {
    script();
    const err = await failure(replay(tagged(2), { stateDir: state(), token: async () => "999:wrongwrongwrongwrongwrongwrongwrong" }));
    expect(err.code).toBe("E_TELEGRAM_AUTH");
    expect(api.calls).toHaveLength(0);
    expect(t(err.code, err.params)).toMatch(/BotFather/);
  });

  it("stops on 403 with what to fix, and the rerun continues where it stopped", async () => {
    const dir = state();
    const messages = tagged(5);
    script((i) => (i === 2 ? { kind: "error", status: 403, description: "Forbidden: bot was kicked from the supergroup chat" } : { kind: "ok" }));
    const err = await failure(replay(messages, { stateDir: dir, pack: false }));
    expect(err.code).toBe("E_TELEGRAM_CHAT");
    const line = t(err.code, err.params);
    expect(line).toContain("bot was kicked");
    expect(line).not.toContain(api.token);
    expect(line).not.toContain("\n");
    script();
    await replay(messages, { stateDir: dir, pack: false });
    expect(tagsOf(api.delivered)).toEqual([0, 1, 2, 3, 4]);
  });

  it("stops before sending when the chat does not exist or blocked the bot", async () => {
    script();
    expect((await failure(replay(tagged(1), { stateDir: state(), chat: "777" }))).params.reason).toMatch(/chat not found/);
    expect((await failure(replay(tagged(1), { stateDir: state(), chat: "7" }))).params.reason).toMatch(/blocked/);
    expect(api.calls).toHaveLength(0);
  });

  it("gives up on a refused connection after backing off, with nothing uncertain", async () => {
    const closed = await startFakeBotApi();
    const root = closed.url;
    await closed.close();
    const err = await failure(replay(tagged(1), { stateDir: state(), apiRoot: root }));
    expect(err.code).toBe("E_TELEGRAM_NETWORK");
    expect(err.params.reason).toBe("ECONNREFUSED");
    expect(clock.sleeps).toEqual([1000, 2000, 4000, 8000, 16000, 32000, 60000]);
  });

  it("stops between items on Ctrl-C; the rerun sends the rest, none twice", async () => {
    const dir = state();
    const abort = new AbortController();
    script((i) => {
      if (i === 2) abort.abort();
      return { kind: "ok" };
    });
    const messages = tagged(6);
    const err = await failure(replay(messages, { stateDir: dir, pack: false, signal: abort.signal }));
    expect(err.code).toBe("E_TELEGRAM_INTERRUPTED");
    expect(err.params).toEqual({ sent: 3, items: 6 });
    script();
    await replay(messages, { stateDir: dir, pack: false });
    expect(tagsOf(api.delivered)).toEqual([0, 1, 2, 3, 4, 5]);
  });
});

describe("replay of a real export", () => {
  it("sends Telegram Desktop's export with its media, replies and silent, preview-less messages", async () => {
    script();
    const read = () => readConversations(join(ROOT, "tests/fixtures/telegram/chat"), { timezone: "Asia/Seoul" });
    const report = await replay(read, { stateDir: state(), pack: false });
    expect(report).toMatchObject({ failed: [], uncertainSends: 0 });
    expect(api.delivered.every((d) => d.silent)).toBe(true);
    expect(api.delivered.filter((d) => d.method === "sendMessage").every((d) => d.previewDisabled)).toBe(true);
    expect(api.delivered.filter((d) => d.file).map((d) => [d.method, d.file!.name, d.file!.size])).toEqual([
      ["sendPhoto", "photo_1@01-01-2024_00-05-00.jpg", 18],
      ["sendDocument", "trail-map.pdf", 17],
      ["sendDocument", "sticker.webp", 18],
      ["sendVoice", "audio_1@01-01-2024_00-08-00.ogg", expect.any(Number)],
      ["sendDocument", "IMG_0420.MOV", 12],
    ]);
    expect(api.delivered.find((d) => d.method === "sendPhoto")!.caption).toBe("Mina Kim · 2024-01-01 00:05\nSummit at dawn");
    // Haeun's "Welcome!" answers Bob's first message: a Telegram reply to what Bob's message became.
    const bob = api.delivered.find((d) => d.text?.includes("Hola!"))!;
    const welcome = api.delivered.find((d) => d.text?.includes("Welcome!"))!;
    expect(welcome.replyTo).toBe(bob.messageId);
    expect(api.delivered.find((d) => d.text?.includes("Ridge walk"))!.text).toContain("📎 ridge.mp4 (not in the export)");
  });

  it("refuses an input that holds several conversations", async () => {
    const read = async function* () {
      yield conversation(tagged(1), "aaaaaaaaaaaa");
      yield conversation(tagged(1), "bbbbbbbbbbbb");
    };
    const err = await failure(planReplay(read, { input: "result.json", pack: true, words: WORDS }));
    expect(err.code).toBe("E_TELEGRAM_SEVERAL");
  });
});

/** The same messages as a newer export would give them: other ids (another conversation), same minute, sender and text. */
function reexported(messages: readonly Message[]): Message[] {
  return messages.map((m) => ({ ...m, id: `new-${m.id}` }));
}

function newer(messages: readonly Message[]): () => AsyncIterable<Conversation> {
  return async function* () {
    yield conversation(messages, "fedcba987654");
  };
}

describe("replay of a newer export into the same chat", () => {
  it("after an interrupted first run, sends only what never arrived: nothing twice, the skipped counted", async () => {
    const dir = state();
    const abort = new AbortController();
    // Two "ㅋㅋ" in one minute from one sender: a newer export with three of them sends one.
    const minute = { time: "2024-01-15T23:30:00+09:00", sender: "Alice" };
    const old = [...tagged(4), text("ㅋㅋ [#90]", minute), text("ㅋㅋ [#90]", minute), text("[#4] later"), text("[#5] later")];
    script((i) => {
      if (i === 5) abort.abort();
      return { kind: "ok" };
    });
    const err = await failure(replay(old, { stateDir: dir, pack: false, signal: abort.signal }));
    expect(err.code).toBe("E_TELEGRAM_INTERRUPTED");
    expect(tagsOf(api.delivered)).toEqual([0, 1, 2, 3, 90, 90]);

    const added = [text("ㅋㅋ [#90]", minute), text("[#100] new"), text("[#101] new")];
    const messages = reexported([...old, ...added]);
    script();
    const report = await replay(newer(messages), { stateDir: dir, pack: false });
    expect(report).toMatchObject({ skipped: 6, items: 5, sent: 5, uncertainSends: 0 });
    // The two the first run never sent, the third "ㅋㅋ", and the two new ones; each once.
    expect(tagsOf(api.delivered)).toEqual([0, 1, 2, 3, 90, 90, 4, 5, 90, 100, 101]);

    // Rerunning either export now sends nothing.
    const calls = api.calls.length;
    expect(await replay(newer(messages), { stateDir: dir, pack: false })).toMatchObject({ complete: true, skipped: 6 });
    expect(api.calls.length).toBe(calls);
  });

  it("matches by minute, kind, sender and text: an edit, another minute or another chat goes out", async () => {
    const dir = state();
    const old = tagged(3);
    script();
    await replay(old, { stateDir: dir });
    const changed = reexported(old);
    changed[0] = { ...changed[0]!, text: `${changed[0]!.text} (edited)` };
    changed[1] = { ...changed[1]!, time: "2024-01-15T11:59:00+09:00" };
    changed[2] = { ...changed[2]!, sender: "Someone else" } as Message;
    const before = api.delivered.length;
    const report = await replay(newer(changed), { stateDir: dir, pack: false });
    expect(report.skipped).toBe(0);
    expect(api.delivered.length - before).toBe(3);
    // Into another chat, the same newer export is new.
    const elsewhere = await replay(newer(reexported(old)), { stateDir: dir, chat: "-100123" });
    expect(elsewhere.skipped).toBe(0);
  });

  it("packs only the new messages, whatever the earlier run packed", async () => {
    const dir = state();
    const old = tagged(3);
    script();
    await replay(old, { stateDir: dir });
    expect(api.delivered).toHaveLength(1);
    await replay(newer(reexported([...old, ...tagged(2).map((m, i) => ({ ...m, text: `[#${10 + i}] more` }))])), { stateDir: dir });
    expect(api.delivered).toHaveLength(2);
    expect(tagsOf([api.delivered[1]!])).toEqual([10, 11]);
  });

  it("sends again, and lists as possibly duplicated, what the earlier run sent without an answer", async () => {
    const dir = state();
    const old = tagged(3);
    // Item 1 is delivered twice without an answer: the first run stops with it unconfirmed.
    script((i) => (i === 1 || i === 2 ? { kind: "drop" } : { kind: "ok" }));
    expect((await failure(replay(old, { stateDir: dir, pack: false }))).code).toBe("E_TELEGRAM_NETWORK");
    script();
    const report = await replay(newer(reexported(old)), { stateDir: dir, pack: false });
    expect(report.skipped).toBe(1);
    expect(report.uncertain).toEqual([{ label: expect.stringMatching(/^2024-01-15 \d\d:\d\d \S+$/), sends: 1 }]);
    expect(report.uncertainSends).toBe(1);
    expect(tagsOf(api.delivered)).toEqual([0, 1, 1, 1, 2]);
    // Its own rerun does not mark it a second time.
    expect(await replay(newer(reexported(old)), { stateDir: dir, pack: false })).toMatchObject({ complete: true, uncertainSends: 1 });
  });
});
