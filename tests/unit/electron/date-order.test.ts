// The app's side of "no silent guesses", through dispatch as main and the loopback server call it:
// the check names the date order and its evidence, unread lines and unknown placeholders, and
// offers a message for the date question; the order the user picks flows into every job, and
// jobs that cannot be undone refuse a file whose order nobody decided.
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createApp, type App, type Host } from "../../../electron/handlers.js";
import type { CheckResult, PreviewMessage, Result } from "../../../electron/ipc.js";
import { runJob } from "../../../electron/jobs.js";
import { dateReadings, visible } from "../../../renderer/reading.js";

const FIXTURES = join(import.meta.dirname, "../../fixtures/whatsapp");
/** Every message on 3/4/24 (12-hour, en-US Android): 4 March or 3 April, the file does not say. */
const UNDECIDED = join(FIXTURES, "undecided/WhatsApp Chat with Tennis Club.txt");
/** 14/03/2024 decides day/month; lines 3 and 4 are pasted KakaoTalk lines; "<Status reply omitted>" ×3 from line 5. */
const GUESSES = join(FIXTURES, "guesses/WhatsApp Chat with Kim Family.txt");
const dir = mkdtempSync(join(tmpdir(), "chatferry-date-order-"));

let app: App;
let inputs: string[];
let outputs: string[];

function host(): Host {
  return {
    shell: "browser",
    version: "0.0.0-test",
    lang: () => "en",
    chooseInput: async () => inputs.shift() ?? null,
    chooseOutput: async () => outputs.shift() ?? null,
    chooseArchive: async () => null,
    showInFolder: async () => undefined,
    openViewer: async () => async () => undefined,
    openHelp: async () => undefined,
    secrets: null,
  };
}

beforeEach(() => {
  inputs = [];
  outputs = [];
  app = createApp({ host: host(), runner: runJob, emit: () => undefined, replay: { stateDir: mkdtempSync(join(dir, "state-")) } });
});

afterEach(async () => {
  await app.dispose();
});

function value<T>(result: Result<unknown>): T {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.error)}`);
  return result.value as T;
}

async function choose(path: string): Promise<string> {
  inputs.push(path);
  return value<{ input: string }>(await app.dispatch("chooseInput", { kind: "file" })).input;
}

async function output(path: string, purpose: "folder" | "export" | "archive"): Promise<string> {
  outputs.push(path);
  return value<{ output: string }>(await app.dispatch("chooseOutput", { purpose })).output;
}

async function job(spec: unknown): Promise<Result<unknown>> {
  const { jobId } = value<{ jobId: string }>(await app.dispatch("startJob", spec));
  return app.dispatch("waitJob", { jobId });
}

async function check(input: string, extra: object = {}): Promise<CheckResult> {
  return value<CheckResult>(await job({ kind: "check", input, timezone: "UTC", ...extra }));
}

async function preview(input: string, conversation: string): Promise<PreviewMessage[]> {
  return value<{ messages: PreviewMessage[] }>(await app.dispatch("previewPage", { input, conversation, from: 0, count: 50 })).messages;
}

/** The question's message: the first a person wrote (the notices before it have the same date). */
const SAMPLE = { seq: 3, sender: "Sam Park", kind: "text", text: "Court 3 is booked for tomorrow, 10 to 12", attachments: [], line: 4 };

describe("the check", () => {
  it("says when the file does not decide its date order, and offers a message someone wrote whose date the answer changes", async () => {
    const input = await choose(UNDECIDED);
    const result = await check(input);
    expect(result.dateOrder).toBeNull();
    const [c] = result.conversations;
    expect(c).toMatchObject({ messages: 8, dateOrder: { order: "mdy", by: "locale" }, unread: { count: 0, lines: [] }, placeholders: [] });
    expect(c!.dateSample).toEqual({ ...SAMPLE, time: "2024-03-04T18:05:00+00:00" });
    expect(c!.warnings).toEqual([{ code: "date-order-assumed", file: "WhatsApp Chat with Tennis Club.txt", text: "month/day" }]);
    expect((await preview(input, c!.id)).map((m) => [m.line, m.time])).toEqual([
      [1, "2024-03-04T18:02:00+00:00"],
      [2, "2024-03-04T18:02:00+00:00"],
      [3, "2024-03-04T18:03:00+00:00"],
      [4, "2024-03-04T18:05:00+00:00"],
      [5, "2024-03-04T18:07:00+00:00"],
      [6, "2024-03-04T18:09:00+00:00"],
      [7, "2024-03-04T18:10:00+00:00"],
      [9, "2024-03-04T21:41:00+00:00"],
    ]);
  });

  it("runs again with the user's answer: every date read that way, the question kept to be changed", async () => {
    const input = await choose(UNDECIDED);
    const result = await check(input, { dateOrder: "dmy" });
    expect(result.dateOrder).toBe("dmy");
    const [c] = result.conversations;
    expect(c).toMatchObject({ messages: 8, dateOrder: { order: "dmy", by: "option" }, first: "2024-04-03T18:02:00+00:00", last: "2024-04-03T21:41:00+00:00" });
    expect(c!.dateSample).toEqual({ ...SAMPLE, time: "2024-04-03T18:05:00+00:00" });
    expect(c!.warnings).toEqual([]);
    const times = (await preview(input, c!.id)).map((m) => m.time);
    expect(times).toHaveLength(8);
    expect(times.every((t) => t.startsWith("2024-04-03T"))).toBe(true);
  });

  it("names unread lines with their text and probable placeholders; a decided order asks nothing", async () => {
    const [c] = (await check(await choose(GUESSES))).conversations;
    expect(c).toMatchObject({ messages: 6, dateOrder: { order: "dmy", by: "dates" } });
    expect(c!.dateSample).toBeUndefined();
    expect(c!.unread).toEqual({
      count: 2,
      lines: [
        { line: 3, text: "2024. 3. 13. 오후 10:14, 아빠 : 일요일 저녁 우리집에서 먹자" },
        { line: 4, text: "2024. 3. 13. 오후 10:15, 아빠 : 1시까지 와" },
      ],
    });
    expect(c!.placeholders).toEqual([{ text: "<Status reply omitted>", count: 3, line: 5 }]);
    expect(c!.warningCount).toBe(3);
  });

  it("takes only a date order it knows", async () => {
    const input = await choose(UNDECIDED);
    for (const dateOrder of ["DMY", "d/m", "", 1]) {
      const r = await app.dispatch("startJob", { kind: "check", input, timezone: "UTC", dateOrder });
      expect(r.ok ? "ok" : r.error.code).toBe("E_INPUT");
    }
  });
});

describe("jobs", () => {
  it("a Telegram package refuses an undecided file unless it is given the user's order", async () => {
    const input = await choose(UNDECIDED);
    const out = mkdtempSync(join(dir, "package-"));
    const refused = await job({ kind: "package", input, timezone: "UTC", output: await output(out, "folder") });
    expect(refused).toEqual({ ok: false, error: { code: "E_DATE_ORDER", params: { file: "WhatsApp Chat with Tennis Club.txt" } } });
    expect(readdirSync(out)).toEqual([]);

    const done = value<{ files: string[]; report: { read: number; written: number } }>(
      await job({ kind: "package", input, timezone: "UTC", dateOrder: "dmy", output: await output(out, "folder") }),
    );
    expect(done.report).toMatchObject({ read: 8, written: 8 });
    expect(readFileSync(join(out, "WhatsApp Chat with Tennis Club.txt"), "utf8")).toContain("[2024/04/03, 21:41:00] Kim Lee: See you there!\n");
  });

  it("a replay's plan refuses likewise, and plans once told", async () => {
    const input = await choose(UNDECIDED);
    const spec = { kind: "replayPlan", input, timezone: "UTC", chat: "@tennisclub", pack: true, lang: "en" };
    const refused = await job(spec);
    expect(refused.ok ? "ok" : refused.error.code).toBe("E_DATE_ORDER");
    expect(value<{ messages: number }>(await job({ ...spec, dateOrder: "mdy" })).messages).toBe(8);
  });

  it("an export takes the order (and without one assumes the locale's, as reading does)", async () => {
    const input = await choose(UNDECIDED);
    const told = join(dir, "told.ndjson");
    value(await job({ kind: "export", input, timezone: "UTC", dateOrder: "dmy", format: "ndjson", output: await output(told, "export") }));
    const lines = readFileSync(told, "utf8").trimEnd().split("\n").map((l) => JSON.parse(l) as { type: string; time?: string });
    expect(lines.filter((l) => l.type === "message").map((l) => l.time!.slice(0, 10))).toEqual(Array(8).fill("2024-04-03"));
    const assumed = join(dir, "assumed.ndjson");
    value(await job({ kind: "export", input, timezone: "UTC", format: "ndjson", output: await output(assumed, "export") }));
    expect(readFileSync(assumed, "utf8")).toContain('"time":"2024-03-04T21:41:00+00:00"');
  });

  it("an archive takes the order", async () => {
    const input = await choose(UNDECIDED);
    const path = join(dir, "tennis.chatferry.age");
    const result = value<{ report: { read: number; written: number; checkedBy: string } }>(
      await job({ kind: "archive", input, timezone: "UTC", dateOrder: "dmy", output: await output(path, "archive"), key: { passphrase: "correct horse battery staple" } }),
    );
    expect(result.report).toMatchObject({ read: 8, written: 8, checkedBy: "verify" });
  });
});

describe("the readings the question offers (renderer/reading.ts)", () => {
  it("swaps day and month, and offers only dates that exist", () => {
    expect(dateReadings("2024-03-04T18:05:00+00:00", "mdy")).toEqual([
      { order: "dmy", date: "2024-04-03" },
      { order: "mdy", date: "2024-03-04" },
    ]);
    expect(dateReadings("2024-04-03T18:05:00+09:00", "dmy")).toEqual([
      { order: "dmy", date: "2024-04-03" },
      { order: "mdy", date: "2024-03-04" },
    ]);
    // 12/31 has no day/month reading: only one date is offered (the check would not ask).
    expect(dateReadings("2023-12-31T21:00:00+00:00", "mdy")).toEqual([{ order: "mdy", date: "2023-12-31" }]);
  });

  it("reads a year-first date (two-digit year, as WhatsApp writes) each way that gives a date", () => {
    // Written 24/3/4: 4 March 2024, 24 March 2004; month 24 does not exist.
    expect(dateReadings("2024-03-04T10:00:00+09:00", "ymd")).toEqual([
      { order: "dmy", date: "2004-03-24" },
      { order: "ymd", date: "2024-03-04" },
    ]);
  });

  it("shows control and bidi-override characters of export text as escapes", () => {
    expect(visible("a\u001b[31mb\u202ec\td")).toBe("a\\u001b[31mb\\u202ec\\u0009d");
    expect(visible("안녕 🎾 \u200e")).toBe("안녕 🎾 \u200e");
  });
});
