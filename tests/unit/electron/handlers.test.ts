// The IPC handlers as main and the loopback server call them: dispatch(channel, raw input),
// with a scripted Host for the dialogs and jobs run in this thread.
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { browserHost } from "../../../electron/browser-host.js";
import { createApp, type App, type Host } from "../../../electron/handlers.js";
import type { AppEvent, JobResult, Result } from "../../../electron/ipc.js";
import { runJob } from "../../../electron/jobs.js";
import { readConversations } from "../../../src/pipeline.js";
import { redactInput } from "../../../src/redact/sample.js";
import type { ViewerSite } from "../../../src/targets/archive/site.js";
import { VIEWER_HTML } from "../../../src/targets/archive/viewer.js";
import { writeArchive } from "../../../src/targets/archive/write.js";
import { safeName } from "../../../src/targets/safe-name.js";
import { writeKakaoAndroid } from "../../bench/kakao-export.js";
import { ageKeygen } from "../../helpers/age.js";
import { forgeArchive } from "../../helpers/forge.js";
import { FAKE_TOKEN, startFakeBotApi, type FakeBotApi } from "../../helpers/fake-bot-api.js";

const FIXTURES = join(import.meta.dirname, "../../fixtures");
const KAKAO = join(FIXTURES, "kakaotalk/android-ko.txt");
const dir = mkdtempSync(join(tmpdir(), "chatferry-handlers-"));
const BIG = join(dir, "KakaoTalkChats.txt");
const BIG_MESSAGES = 200_000;

interface Dialogs {
  inputs: string[];
  outputs: string[];
  archives: string[];
  /** The viewers the app showed. */
  viewers: ViewerSite[];
}
let dialogs: Dialogs;
let events: AppEvent[];
let app: App;
/** The OS keychain's stand-in: what a remembered token survives in, from one app instance to the next. */
let kept: string | null = null;
const keychain = { save: async (s: string) => void (kept = s), load: async () => kept, clear: async () => void (kept = null) };

let fake: FakeBotApi | undefined;
const state = mkdtempSync(join(dir, "state-"));

function newApp(): App {
  const replay = { stateDir: state, scale: 0.001, timeoutMs: 2000, ...(fake ? { apiRoot: fake.url } : {}) };
  return createApp({ host: host(), runner: runJob, emit: (event) => events.push(event), replay });
}

function host(): Host {
  const next = (queue: string[]) => queue.shift() ?? null;
  return {
    shell: "browser",
    version: "0.0.0-test",
    lang: () => "ko",
    chooseInput: async () => next(dialogs.inputs),
    chooseOutput: async () => next(dialogs.outputs),
    chooseArchive: async () => next(dialogs.archives),
    showInFolder: async () => undefined,
    openViewer: async (site) => (dialogs.viewers.push(site), async () => undefined),
    openHelp: async () => undefined,
    secrets: keychain,
  };
}

function value<T>(result: Result<unknown>): T {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.error)}`);
  return result.value as T;
}

async function code(result: Promise<Result<unknown>>): Promise<string> {
  const settled = await result;
  return settled.ok ? "ok" : settled.error.code;
}

async function choose(path: string): Promise<string> {
  dialogs.inputs.push(path);
  return value<{ input: string }>(await app.dispatch("chooseInput", { kind: "file" })).input;
}

async function output(path: string): Promise<string> {
  dialogs.outputs.push(path);
  return value<{ output: string }>(await app.dispatch("chooseOutput", { purpose: "folder" })).output;
}

async function job(spec: unknown): Promise<{ jobId: string; result: Result<unknown> }> {
  const { jobId } = value<{ jobId: string }>(await app.dispatch("startJob", spec));
  return { jobId, result: await app.dispatch("waitJob", { jobId }) };
}

beforeAll(async () => {
  await writeKakaoAndroid(BIG, BIG_MESSAGES);
}, 60_000);

beforeEach(() => {
  dialogs = { inputs: [], outputs: [], archives: [], viewers: [] };
  events = [];
  app = newApp();
});

afterEach(async () => {
  await app.dispose();
});

describe("validation", () => {
  it("answers a channel that does not exist with E_CHANNEL, whatever its name", async () => {
    for (const name of ["nope", "__proto__", "constructor", "toString", ""]) expect(await code(app.dispatch(name, {}))).toBe("E_CHANNEL");
  });

  it("refuses bad input with E_INPUT before anything runs", async () => {
    const token = "00000000-0000-4000-8000-000000000000";
    const bad: [string, unknown][] = [
      ["appInfo", { extra: 1 }],
      ["chooseInput", { kind: "anything" }],
      ["chooseInput", null],
      ["dropInput", { path: 42 }],
      ["startJob", { kind: "format-disk" }],
      ["startJob", { kind: "check", input: "../../etc/passwd", timezone: "Asia/Seoul" }],
      ["startJob", { kind: "check", input: token, timezone: "Asia/Seoul", path: "/etc/passwd" }],
      ["startJob", { kind: "archive", input: token, timezone: "UTC", output: token, key: { passphrase: "" } }],
      ["startJob", { kind: "export", input: token, timezone: "UTC", output: token, format: "exe" }],
      ["previewPage", { input: token, conversation: "abc", from: 0, count: 10 }],
      ["previewPage", { input: token, conversation: "0123456789ab", from: 0, count: 100_000 }],
      ["openHelp", { topic: "https://example.com/" }],
      ["openHelp", { url: "https://telegram.org/blog/move-history" }],
    ];
    for (const [channel, input] of bad) expect([channel, await code(app.dispatch(channel, input))]).toEqual([channel, "E_INPUT"]);
    expect(dialogs.viewers).toEqual([]);
  });

  it("answers tokens it never gave out with E_GONE", async () => {
    const token = "00000000-0000-4000-8000-000000000000";
    expect(await code(app.dispatch("startJob", { kind: "check", input: token, timezone: "UTC" }))).toBe("E_GONE");
    expect(await code(app.dispatch("waitJob", { jobId: token }))).toBe("E_GONE");
    expect(await code(app.dispatch("cancelJob", { jobId: token }))).toBe("E_GONE");
    expect(await code(app.dispatch("previewPage", { input: token, conversation: "0123456789ab", from: 0, count: 10 }))).toBe("E_GONE");
  });

  it("takes only absolute paths from the preload's drop", async () => {
    expect(await code(app.dispatch("dropInput", { path: "relative/file.txt" }))).toBe("E_INPUT");
    expect(value<{ name: string }>(await app.dispatch("dropInput", { path: KAKAO })).name).toBe("android-ko.txt");
  });

  it("says which language and time zone to start in", async () => {
    const info = value<{ lang: string; timezone: string; shell: string }>(await app.dispatch("appInfo", {}));
    expect(info).toMatchObject({ lang: "ko", shell: "browser" });
    expect(info.timezone).not.toBe("");
  });

  it("returns null when a dialog is cancelled", async () => {
    expect(value(await app.dispatch("chooseInput", { kind: "folder" }))).toBeNull();
    expect(value(await app.dispatch("chooseOutput", { purpose: "archive", suggestedName: "x.chatferry.age" }))).toBeNull();
  });
});

describe("check", () => {
  it("reports what the export holds and pages through its preview", async () => {
    const input = await choose(KAKAO);
    const { result } = await job({ kind: "check", input, timezone: "Asia/Seoul" });
    const check = value<Extract<JobResult, { kind: "check" }>>(result);
    expect(check.input).toEqual({ name: "android-ko.txt", container: "file" });
    const [c] = check.conversations;
    expect(c).toMatchObject({ platform: "kakaotalk", variant: "kakaotalk.android.ko", encoding: "utf-8", clock: "wall", messages: 15, timezone: "Asia/Seoul" });
    expect(c!.participants.map((p) => p.name)).toContain("김민지");
    expect(c!.media.found + c!.media.missing).toBeGreaterThan(0);
    const page = value<{ messages: { seq: number; text: string }[] }>(await app.dispatch("previewPage", { input, conversation: c!.id, from: 1, count: 3 }));
    expect(page.messages.map((m) => m.seq)).toEqual([1, 2, 3]);
    expect(page.messages[0]!.text).toContain("초대");
  });

  it("says a Telegram export records exact moments, so the time zone only decides how they are shown", async () => {
    const { result } = await job({ kind: "check", input: await choose(join(FIXTURES, "telegram/chat")), timezone: "UTC" });
    expect(value<Extract<JobResult, { kind: "check" }>>(result).conversations.map((c) => c.clock)).toEqual(["utc"]);
  });

  it("pages anywhere in a large export, across index blocks, and reports progress", async () => {
    const input = await choose(BIG);
    const { jobId, result } = await job({ kind: "check", input, timezone: "Asia/Seoul" });
    const check = value<Extract<JobResult, { kind: "check" }>>(result);
    const { id, messages } = check.conversations[0]!;
    expect(messages).toBe(BIG_MESSAGES);
    const mine = events.filter((e) => e.jobId === jobId);
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((e) => e.done <= e.total)).toBe(true);
    for (const from of [0, 255, 256, 1000, 123_457, BIG_MESSAGES - 500]) {
      const page = value<{ messages: { seq: number }[] }>(await app.dispatch("previewPage", { input, conversation: id, from, count: 500 }));
      expect(page.messages.map((m) => m.seq)).toEqual(Array.from({ length: 500 }, (_, i) => from + i));
    }
    const tail = value<{ messages: unknown[] }>(await app.dispatch("previewPage", { input, conversation: id, from: BIG_MESSAGES - 2, count: 10 }));
    expect(tail.messages).toHaveLength(2);
  });

  it("stops a job on cancel: E_INTERRUPTED", async () => {
    const input = await choose(BIG);
    const { jobId } = value<{ jobId: string }>(await app.dispatch("startJob", { kind: "check", input, timezone: "UTC" }));
    await expect.poll(() => events.some((e) => e.jobId === jobId && e.messages > 0), { timeout: 20_000 }).toBe(true);
    expect(value(await app.dispatch("cancelJob", { jobId }))).toEqual({ cancelled: true });
    expect(await code(app.dispatch("waitJob", { jobId }))).toBe("E_INTERRUPTED");
  });

  it("tells a file that is no chat by its code, with its name", async () => {
    const png = join(dir, "photo.png");
    writeFileSync(png, Buffer.from("89504e470d0a1a0a0000000d4948445200000001000000010806000000", "hex"));
    const { result } = await job({ kind: "check", input: await choose(png), timezone: "UTC" });
    expect(result).toEqual({ ok: false, error: { code: "E_BINARY", params: { file: "photo.png" } } });
  });

  it("refuses a time zone that does not exist", async () => {
    const { result } = await job({ kind: "check", input: await choose(KAKAO), timezone: "Mars/Olympus" });
    expect(result.ok ? "ok" : result.error.code).toBe("E_TIMEZONE");
  });
});

describe("targets", () => {
  it("writes a Telegram import package and counts every message", async () => {
    const out = mkdtempSync(join(dir, "package-"));
    const { jobId, result } = await job({ kind: "package", input: await choose(KAKAO), timezone: "Asia/Seoul", output: await output(out) });
    const done = value<Extract<JobResult, { kind: "package" }>>(result);
    expect(done.files.map((f) => f.slice(out.length + 1))).toEqual(["WhatsApp Chat with 주말 등산 모임.zip", "WhatsApp Chat with 주말 등산 모임.txt"]);
    expect(done.files.every(existsSync)).toBe(true);
    expect(done.report).toMatchObject({ conversations: 1, read: 15, written: 15, checkedBy: "writer" });
    expect(done.seenAs).toEqual(["group"]);
    expect(value(await app.dispatch("showInFolder", { jobId }))).toEqual({});
  });

  it("says what the export tells of who is who, and writes the one the user is under their Telegram name", async () => {
    const input = await choose(join(FIXTURES, "kakaotalk/android-ko-2013-noon.txt"));
    const checked = value<Extract<JobResult, { kind: "check" }>>((await job({ kind: "check", input, timezone: "Asia/Seoul" })).result);
    // A one-to-one title names the other person: the other writer exported it.
    expect(checked.conversations.map((c) => [c.kind, c.self])).toEqual([["direct", "서준"]]);
    const out = mkdtempSync(join(dir, "me-as-"));
    const spec = { kind: "package", input, timezone: "Asia/Seoul", output: await output(out), me: "서준", meAs: "Seojun Park" } as const;
    const done = value<Extract<JobResult, { kind: "package" }>>((await job(spec)).result);
    expect(done.seenAs).toEqual(["direct"]);
    const chat = readFileSync(done.files[1]!, "utf8");
    expect(chat).toContain("] Seojun Park: ");
    expect(chat).not.toContain("] 서준: ");
    // A name nobody writes under is refused by the pipeline, as on the command line.
    const wrong = await job({ ...spec, me: "Nobody", output: await output(mkdtempSync(join(dir, "me-as-"))) });
    expect(wrong.result.ok ? "ok" : wrong.result.error.code).toBe("E_ME_UNKNOWN");
  });

  it("writes a folder for Signal with its guide in the user's language, every message kept and counted", async () => {
    const out = mkdtempSync(join(dir, "signal-"));
    const input = await choose(join(FIXTURES, "kakaotalk/android-ko-2013-noon.txt"));
    const { result } = await job({ kind: "signal", input, timezone: "Asia/Seoul", output: await output(out), lang: "ko" });
    const done = value<Extract<JobResult, { kind: "signal" }>>(result);
    expect(done.report).toMatchObject({ read: 7, written: 7, checkedBy: "writer" });
    expect(done.guides.map((g) => g.slice(out.length + 1))).toEqual([join(basename(done.files[0]!), "시그널-안내.txt")]);
    const exported = JSON.parse(readFileSync(join(done.files[0]!, "result.json"), "utf8"));
    expect(exported.type).toBe("personal_chat");
    expect(exported.messages).toHaveLength(7);
    expect(readFileSync(done.guides[0]!, "utf8")).toContain("--importtelegram");
  });

  it("exports NDJSON and reads it back", async () => {
    const file = join(dir, "chat.ndjson");
    dialogs.outputs.push(file);
    const out = value<{ output: string }>(await app.dispatch("chooseOutput", { purpose: "export", suggestedName: "chat.ndjson" })).output;
    const { result } = await job({ kind: "export", input: await choose(KAKAO), timezone: "Asia/Seoul", output: out, format: "ndjson" });
    expect(value<{ report: unknown }>(result).report).toMatchObject({ read: 15, written: 15, checkedBy: "readBack" });
    expect(readFileSync(file, "utf8").split("\n")[0]).toContain('"type":"conversation"');
  });

  it("exports a Telegram Desktop folder with its media and reads it back", async () => {
    const out = mkdtempSync(join(dir, "tg-"));
    const { result } = await job({ kind: "export", input: await choose(join(FIXTURES, "telegram/chat")), timezone: "UTC", output: await output(out), format: "telegram-json" });
    const done = value<Extract<JobResult, { kind: "export" }>>(result);
    expect(done.report.checkedBy).toBe("readBack");
    expect(done.report.written).toBe(done.report.read);
    expect(done.report.mediaCopied).toBeGreaterThan(0);
    expect(existsSync(join(done.files[0]!, "result.json"))).toBe(true);
  });

  it("refuses to overwrite: E_EXISTS names the file", async () => {
    const out = mkdtempSync(join(dir, "twice-"));
    const input = await choose(KAKAO);
    await job({ kind: "package", input, timezone: "UTC", output: await output(out) });
    const { result } = await job({ kind: "package", input, timezone: "UTC", output: await output(out) });
    expect(result.ok ? "ok" : result.error.code).toBe("E_EXISTS");
  });

  it("writes an archive, then opens its viewer without asking for the passphrase again", async () => {
    const file = join(dir, "chat.chatferry.age");
    dialogs.outputs.push(file);
    const out = value<{ output: string }>(await app.dispatch("chooseOutput", { purpose: "archive" })).output;
    const written = await job({ kind: "archive", input: await choose(KAKAO), timezone: "Asia/Seoul", output: out, key: { passphrase: "눈 덮인 산 correct horse battery" } });
    expect(value<{ report: unknown }>(written.result).report).toMatchObject({ read: 15, written: 15, checkedBy: "verify" });
    const opened = await job({ kind: "open", archive: written.jobId });
    expect(value(opened.result)).toEqual({ kind: "open", conversations: 1, messages: 15 });
    expect(dialogs.viewers).toHaveLength(1);
    expect((await dialogs.viewers[0]!.respond({ method: "GET", path: "/" })).body).toBe(VIEWER_HTML);

    dialogs.archives.push(file);
    const chosen = value<{ archive: string; lock: string }>(await app.dispatch("chooseArchive", {}));
    expect(chosen.lock).toBe("passphrase");
    expect(await code(app.dispatch("startJob", { kind: "open", archive: chosen.archive }))).toBe("E_NEEDS_PASSPHRASE");
    const wrong = await job({ kind: "open", archive: chosen.archive, passphrase: "wrong" });
    expect(wrong.result.ok ? "ok" : wrong.result.error.code).toBe("E_PASSPHRASE");
  }, 60_000);

  it("adds a newer export to an archive it has: a new archive with the overlap once, the old one untouched", async () => {
    const passphrase = "눈 덮인 산 correct horse battery";
    const old = join(dir, "first.chatferry.age");
    await job({ kind: "archive", input: await choose(KAKAO), timezone: "Asia/Seoul", output: await output(old), key: { passphrase } });
    const before = readFileSync(old);
    // The same chat exported again two messages later.
    const newer = join(mkdtempSync(join(dir, "newer-")), "KakaoTalkChats.txt");
    writeFileSync(newer, `${readFileSync(KAKAO, "utf8").trimEnd()}\n2024년 1월 1일 오후 2:10, 김민지 : 새해 복 많이 받으세요\n2024년 1월 1일 오후 2:11, 박서준 : 올해도 같이 가요\n`);
    dialogs.archives.push(old);
    const chosen = value<{ archive: string; lock: string }>(await app.dispatch("chooseArchive", {}));
    const spec = { kind: "archive", input: await choose(newer), timezone: "Asia/Seoul", update: chosen.archive, key: { passphrase } } as const;
    const updated = await job({ ...spec, output: await output(join(dir, "second.chatferry.age")) });
    const done = value<Extract<JobResult, { kind: "archive" }>>(updated.result);
    expect(done.updated).toEqual({ merged: 1, before: 1 });
    expect(done.report).toMatchObject({ read: 17, written: 17, checkedBy: "verify" });
    expect(readFileSync(old).equals(before)).toBe(true);
    const opened = await job({ kind: "open", archive: updated.jobId });
    expect(value(opened.result)).toEqual({ kind: "open", conversations: 1, messages: 17 });
    // The old archive's passphrase is what unlocks it: a wrong one writes nothing.
    const wrongOut = join(dir, "third.chatferry.age");
    const wrong = await job({ ...spec, key: { passphrase: "wrong" }, output: await output(wrongOut) });
    expect(wrong.result.ok ? "ok" : wrong.result.error.code).toBe("E_PASSPHRASE");
    expect(existsSync(wrongOut)).toBe(false);
  }, 60_000);

  it("writes an archive for age recipients, and opens it only with a matching identity file", async () => {
    const { identity, recipient } = ageKeygen();
    const file = join(dir, "keys.chatferry.age");
    const out = await output(file);
    const written = await job({ kind: "archive", input: await choose(KAKAO), timezone: "UTC", output: out, key: { recipients: [recipient] } });
    expect(value<{ report: unknown }>(written.result).report).toMatchObject({ written: 15, checkedBy: "verify" });
    dialogs.archives.push(file);
    const chosen = value<{ archive: string; lock: string }>(await app.dispatch("chooseArchive", {}));
    expect(chosen.lock).toBe("recipients");
    expect(await code(app.dispatch("startJob", { kind: "open", archive: chosen.archive }))).toBe("E_NEEDS_IDENTITY");
    const notKeys = await choose(KAKAO);
    expect(await code(app.dispatch("startJob", { kind: "open", archive: chosen.archive, identity: notKeys }))).toBe("E_IDENTITY_FILE");
    const keyFile = join(dir, "key.txt");
    writeFileSync(keyFile, identity);
    const opened = await job({ kind: "open", archive: chosen.archive, identity: await choose(keyFile) });
    expect(value(opened.result)).toMatchObject({ kind: "open", messages: 15 });
  });

  it("refuses a recipient that is no age key, naming it", async () => {
    const out = await output(join(dir, "r.chatferry.age"));
    const result = await app.dispatch("startJob", { kind: "archive", input: await choose(KAKAO), timezone: "UTC", output: out, key: { recipients: ["age1nope"] } });
    expect(result).toEqual({ ok: false, error: { code: "E_RECIPIENT", params: { recipient: "age1nope" } } });
  });

  it("says a file that is no archive is none", async () => {
    dialogs.archives.push(KAKAO);
    expect(await code(app.dispatch("chooseArchive", {}))).toBe("E_NOT_ARCHIVE");
  });

  it("makes up a passphrase of ten words", async () => {
    const { passphrase } = value<{ passphrase: string }>(await app.dispatch("generatePassphrase", {}));
    expect(passphrase.split("-")).toHaveLength(10);
  });
});

describe("Telegram bot replay", () => {
  beforeAll(async () => {
    fake = await startFakeBotApi({ "42": "private", "-1001": "supergroup" });
  });
  afterAll(async () => {
    await fake?.close();
  });
  beforeEach(() => {
    fake!.delivered.length = 0;
    fake!.script = () => ({ kind: "ok" });
  });

  it("keeps the token in main: checked, remembered only when asked, never handed back", async () => {
    expect(await code(app.dispatch("testBot", { chat: "42" }))).toBe("E_NEEDS_TOKEN");
    expect(await app.dispatch("setBotToken", { token: "not a token", remember: false })).toEqual({ ok: false, error: { code: "E_TELEGRAM_TOKEN", params: { source: "" } } });
    expect(value(await app.dispatch("setBotToken", { token: ` ${FAKE_TOKEN}\n`, remember: false }))).toEqual({ remembered: false });
    expect(kept).toBeNull();
    expect(value(await app.dispatch("setBotToken", { token: FAKE_TOKEN, remember: true }))).toEqual({ remembered: true });
    expect(kept).toBe(FAKE_TOKEN);
    const next = newApp();
    expect(value(await next.dispatch("appInfo", {}))).toMatchObject({ canRemember: true, botRemembered: true });
    expect(value(await next.dispatch("testBot", { chat: "42" }))).toMatchObject({ bot: "@fake_bot" });
    expect(JSON.stringify(await next.dispatch("appInfo", {}))).not.toContain(FAKE_TOKEN.split(":")[1]);
    await next.dispatch("forgetBotToken", {});
    expect(kept).toBeNull();
    expect(await code(next.dispatch("testBot", { chat: "42" }))).toBe("E_NEEDS_TOKEN");
    await next.dispose();
  });

  it("tests the connection: the bot, the chat, whether it may post", async () => {
    await app.dispatch("setBotToken", { token: FAKE_TOKEN, remember: false });
    expect(value(await app.dispatch("testBot", { chat: "42" }))).toEqual({ bot: "@fake_bot", chat: { type: "private", title: "Mina" }, canPost: true });
    // The fake server cannot say what a bot may do in a group: unknown, not a guess.
    expect(value(await app.dispatch("testBot", { chat: "-1001" }))).toEqual({ bot: "@fake_bot", chat: { type: "supergroup", title: "Hikers archive" }, canPost: null });
    expect(await code(app.dispatch("testBot", { chat: "7" }))).toBe("E_TELEGRAM_CHAT");
    expect(await code(app.dispatch("testBot", { chat: "not a chat" }))).toBe("E_INPUT");
    await app.dispatch("setBotToken", { token: `${FAKE_TOKEN}x`, remember: false });
    expect(await code(app.dispatch("testBot", { chat: "42" }))).toBe("E_TELEGRAM_AUTH");
  });

  it("plans, sends, stops on cancel, and continues where it stopped without sending anything twice", async () => {
    await app.dispatch("setBotToken", { token: FAKE_TOKEN, remember: false });
    const input = await choose(join(FIXTURES, "telegram/chat"));
    const spec = { input, timezone: "UTC", chat: "42", pack: false, lang: "en" };
    const planned = value<{ items: number; telegramMessages: number; done: number; durationMs: { private: number } }>((await job({ kind: "replayPlan", ...spec })).result);
    expect(planned.items).toBeGreaterThan(5);
    expect(planned.done).toBe(0);
    expect(planned.durationMs.private).toBe(planned.telegramMessages * 1100);

    // Every send is answered late: slow enough to cancel in the middle.
    fake!.script = () => ({ kind: "late", ms: 150 });
    const { jobId } = value<{ jobId: string }>(await app.dispatch("startJob", { kind: "replay", ...spec }));
    await expect.poll(() => events.some((e) => e.jobId === jobId && e.phase === "send" && e.done >= 2), { timeout: 20_000 }).toBe(true);
    await app.dispatch("cancelJob", { jobId });
    const stopped = await app.dispatch("waitJob", { jobId });
    expect(stopped.ok ? "ok" : stopped.error.code).toBe("E_TELEGRAM_INTERRUPTED");
    const before = fake!.delivered.length;
    expect(before).toBeGreaterThan(0);

    // A new app (as after a restart) sees the earlier run in its plan, then finishes it.
    const again = newApp();
    await again.dispatch("setBotToken", { token: FAKE_TOKEN, remember: false });
    dialogs.inputs.push(join(FIXTURES, "telegram/chat"));
    const input2 = value<{ input: string }>(await again.dispatch("chooseInput", { kind: "folder" })).input;
    const spec2 = { ...spec, input: input2 };
    const started = value<{ jobId: string }>(await again.dispatch("startJob", { kind: "replayPlan", ...spec2 }));
    const replanned = value<{ done: number }>(await again.dispatch("waitJob", started));
    expect(replanned.done).toBeGreaterThan(0);
    fake!.script = () => ({ kind: "ok" });
    const resumed = value<{ jobId: string }>(await again.dispatch("startJob", { kind: "replay", ...spec2 }));
    const report = value<{ replay: { sent: number; items: number; failed: unknown[]; uncertain: unknown[]; complete: boolean } }>(await again.dispatch("waitJob", resumed)).replay;
    expect(report).toMatchObject({ items: planned.items, sent: planned.items, failed: [], complete: false });
    // Nothing twice, except a send cut off by the cancel, which the report names as possibly doubled.
    expect(fake!.delivered.length).toBe(planned.telegramMessages + report.uncertain.length);
    await again.dispose();
  }, 60_000);
});

describe("what a page or an archive can make the app do (issue 11)", () => {
  it("a name the page suggests never leaves the output folder, whatever the host (browser fallback shown)", async () => {
    const home = mkdtempSync(join(dir, "home-"));
    const saved = { HOME: process.env.HOME, PATH: process.env.PATH };
    // No zenity, no kdialog: the browser fallback joins the name onto ~/ChatFerry itself.
    Object.assign(process.env, { HOME: home, PATH: "" });
    const fallback = createApp({ host: browserHost("0.0.0-test"), runner: runJob, emit: () => undefined, replay: { stateDir: state } });
    try {
      for (const attack of ["../../evil", "..\\..\\evil", "CON", "nul.txt", "a\0b.chatferry.age", "/etc/cron.d/x", ".."]) {
        const { path } = value<{ path: string }>(await fallback.dispatch("chooseOutput", { purpose: "archive", suggestedName: attack }));
        expect([attack, dirname(path)]).toEqual([attack, join(home, "ChatFerry")]);
        expect([attack, basename(path)]).toEqual([attack, safeName(attack, "ChatFerry")]);
        expect(basename(path)).not.toMatch(/^(con|nul)(\.|$)|[\\/\0]/i);
      }
    } finally {
      Object.assign(process.env, saved);
      await fallback.dispose();
    }
    expect(readdirSync(home)).toEqual(["ChatFerry"]);
  });

  it("shows a forged archive in ChatFerry's own viewer, runs none of its scripts, and writes nothing decrypted", async () => {
    const { identity, recipient } = ageKeygen();
    const genuine = join(dir, "genuine.chatferry.age");
    const { manifest } = await writeArchive(genuine, readConversations(KAKAO, { timezone: "Asia/Seoul" }), { keying: { recipients: [recipient] }, chatferry: "test" });
    const id = manifest.conversations[0]!.id;
    const forged = join(dir, "forged.chatferry.age");
    await forgeArchive(
      genuine,
      { identities: identity.split("\n").filter((line) => line.startsWith("AGE-SECRET-KEY-")) },
      {
        "index.html": '<!doctype html><title>forged</title><script src="viewer/evil.js"></script>',
        "viewer/evil.js": "document.title = 'PWNED';\n",
        [`viewer/${id}/0.js`]: `cfChunk(${JSON.stringify(id)},0,(document.title = "PWNED", []));\n`,
      },
      recipient,
      forged,
    );
    const keyFile = join(dir, "forged-key.txt");
    writeFileSync(keyFile, identity);
    dialogs.archives.push(forged);
    const chosen = value<{ archive: string }>(await app.dispatch("chooseArchive", {}));
    const identityToken = await choose(keyFile);

    const temp = mkdtempSync(join(dir, "tmp-"));
    const saved = process.env.TMPDIR;
    process.env.TMPDIR = temp;
    try {
      const opened = await job({ kind: "open", archive: chosen.archive, identity: identityToken });
      expect(value(opened.result)).toMatchObject({ kind: "open", conversations: 1 });
      // Nothing of the archive was unpacked to show it.
      expect(readdirSync(temp)).toEqual([]);
    } finally {
      process.env.TMPDIR = saved;
    }
    const site = dialogs.viewers[0]!;
    const get = (path: string) => site.respond({ method: "GET", path });
    const page = await get("/");
    expect([page.status, page.body]).toEqual([200, VIEWER_HTML]);
    expect(page.headers["content-security-policy"]).toContain("script-src 'self' 'sha256-");
    // The archive's own scripts are not served, and a "data" script holding code is refused, not rewritten.
    expect((await get("/viewer/evil.js")).status).toBe(404);
    expect((await get(`/viewer/${id}/0.js`)).status).toBe(422);
    const catalog = await get("/viewer/catalog.js");
    expect(catalog.status).toBe(200);
    expect(String(catalog.body)).toMatch(/^cfCatalog\(\{"version":1,.*\}\);\n$/);
  }, 60_000);
});

describe("a sample for support (issue 13)", () => {
  it("previews the first lines redacted: no name anyone wrote, the export's own stamps kept", async () => {
    const { result } = await job({ kind: "redactPreview", input: await choose(KAKAO) });
    const preview = value<Extract<JobResult, { kind: "redactPreview" }>>(result);
    expect(preview.file).toBe("android-ko.txt");
    expect(preview.lines.length).toBeGreaterThan(10);
    expect(preview.lines.length).toBeLessThanOrEqual(30);
    const text = preview.lines.join("\n");
    for (const name of ["김민지", "박서준", "이하은", "주말 등산 모임", "해돋이"]) expect(text).not.toContain(name);
    expect(text).toContain("저장한 날짜 : 2024년 1월 2일 오후 11:10");
    expect(text).toContain("2023년 12월 31일 오후 9:10, ");
    // No path but the file's name leaves main.
    expect(text).not.toContain(dir);
  });

  it("writes the sample redactInput makes, byte for byte, to the chosen file", async () => {
    const file = join(dir, "sample.txt");
    dialogs.outputs.push(file);
    const chosen = value<{ output: string; path: string }>(await app.dispatch("chooseOutput", { purpose: "sample", suggestedName: "sample.txt" }));
    expect(chosen.path).toBe(file);
    const { jobId, result } = await job({ kind: "redact", input: await choose(KAKAO), output: chosen.output });
    const done = value<Extract<JobResult, { kind: "redact" }>>(result);
    expect(done).toMatchObject({ files: [file], file: "android-ko.txt" });
    expect(done.replaced).toBeGreaterThan(0);
    const sample = await redactInput(KAKAO);
    const expected: Buffer[] = [];
    for await (const chunk of sample.bytes()) expected.push(chunk);
    expect(readFileSync(file).equals(Buffer.concat(expected))).toBe(true);
    expect(done.lines).toBe(sample.tally.lines);
    expect(readdirSync(dir).filter((f) => f.startsWith("sample.txt") && f !== "sample.txt")).toEqual([]);
    expect(value(await app.dispatch("showInFolder", { jobId }))).toEqual({});
  });

  it("never writes a sample over its input: E_OUTPUT_IS_INPUT", async () => {
    const copy = join(dir, "input-copy.txt");
    writeFileSync(copy, readFileSync(KAKAO));
    const input = await choose(copy);
    dialogs.outputs.push(copy);
    const { output: out } = value<{ output: string }>(await app.dispatch("chooseOutput", { purpose: "sample" }));
    const { result } = await job({ kind: "redact", input, output: out });
    expect(result.ok ? "ok" : result.error.code).toBe("E_OUTPUT_IS_INPUT");
    expect(readFileSync(copy).equals(readFileSync(KAKAO))).toBe(true);
  });

  it("samples a file in no known format by its stamps alone, and refuses tokens it never gave out", async () => {
    const notes = join(dir, "notes.txt");
    writeFileSync(notes, "2024-03-01 10:15 Mina: shopping list\nmilk 2L\n");
    const preview = value<Extract<JobResult, { kind: "redactPreview" }>>((await job({ kind: "redactPreview", input: await choose(notes) })).result);
    expect(preview.lines).toEqual(["2024-03-01 10:15 Xxxx: xxxxxxxx xxxx", "xxxx 0X"]);
    expect(await code(app.dispatch("startJob", { kind: "redact", input: await choose(KAKAO), output: "00000000-0000-4000-8000-000000000000" }))).toBe("E_GONE");
    expect(await code(app.dispatch("startJob", { kind: "redactPreview", input: "../etc/passwd" }))).toBe("E_INPUT");
  });
});
