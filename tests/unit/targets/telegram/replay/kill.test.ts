import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "../../../../helpers/cli.js";
import { startFakeBotApi, type Action, type Delivered, type FakeBotApi } from "../../../../helpers/fake-bot-api.js";

/**
 * The promise that matters most: kill the process at any moment (SIGKILL, no
 * cleanup), run the same command again, and in the end every source message
 * is in the chat, in order, and nothing is there twice unless the report
 * lists it as an uncertain send. The server meanwhile answers with 429s,
 * 5xx, answers that come too late and dropped connections. The export, the
 * failures and the kill points come from a seeded generator; kills on a
 * timer land wherever the process happens to be, which is their purpose.
 */

const BIN = join(ROOT, "dist/cli/main.js");
const SEED = 20261128;
const MESSAGES = 120;
const KILLS = 6;
const MAX_RUNS = 25;

/** mulberry32: small, seedable, good enough to pick kill points. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const rand = random(SEED);
const between = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));

/** `[1/15/24, 9:05:00 AM]`, as WhatsApp for iPhone in US English writes it. */
function stamp(minutes: number): string {
  const h = 9 + Math.floor(minutes / 60);
  const m = String(minutes % 60).padStart(2, "0");
  return `[1/15/24, ${((h + 11) % 12) + 1}:${m}:00 ${h < 12 ? "AM" : "PM"}]`;
}

const fileTag = (i: number) => String(i).padStart(8, "0");

/**
 * A WhatsApp export folder of MESSAGES messages, each traceable: texts carry
 * `[#i]` on every line (so each part of a split message does), files are
 * named `0000000i-…`. Runs of photos make albums; some texts pass 4096 units.
 */
function writeExport(dir: string): void {
  const lines: string[] = [];
  for (let i = 0; i < MESSAGES; i++) {
    const who = i % 3 === 0 ? "김민지" : "Alice Chen";
    const kind = rand();
    if (kind < 0.2) {
      const name = `${fileTag(i)}-PHOTO-2024-01-15-09-00-00.jpg`;
      writeFileSync(join(dir, name), `photo ${i}`);
      lines.push(`\u200e${stamp(i)} ${who}: \u200e<attached: ${name}>`);
    } else if (kind < 0.25) {
      const name = `${fileTag(i)}-notes.pdf`;
      writeFileSync(join(dir, name), `%PDF ${i}`);
      lines.push(`\u200e${stamp(i)} ${who}: notes.pdf • 1 page \u200e<attached: ${name}>`);
    } else {
      const long = kind > 0.97;
      const count = long ? between(60, 90) : between(1, 12);
      const body = Array.from({ length: count }, (_, k) => `[#${i}] ${"산에 가자 🏔 ".repeat(long ? 10 : between(1, 30))}${k}`);
      lines.push(`${stamp(i)} ${who}: ${body.join("\n")}`);
    }
  }
  writeFileSync(join(dir, "_chat.txt"), `${lines.join("\n")}\n`);
}

/** Source message numbers in what a delivered message shows: its tags, or its file's name. */
function tags(d: Delivered): number[] {
  const fromText = [...`${d.text ?? ""}${d.caption ?? ""}`.matchAll(/\[#(\d+)\]/g)].map((m) => Number(m[1]));
  const fromFile = d.file ? [Number(d.file.name.slice(0, 8))] : [];
  return [...new Set([...fromText, ...fromFile])];
}

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

let api: FakeBotApi;
const dir = mkdtempSync(join(tmpdir(), "chatferry-replay-kill-"));
const input = join(dir, "WhatsApp Chat - Hikers");
const state = join(dir, "state");
const tokenFile = join(dir, "token");

beforeAll(async () => {
  if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run 'npm run build' first`);
  api = await startFakeBotApi();
  mkdirSync(input);
  writeExport(input);
  writeFileSync(tokenFile, api.token);
});
afterAll(() => api.close());

describe("telegram replay killed at random points", () => {
  it("delivers every message in order, with no more duplicates than the uncertain sends it reports", { timeout: 90_000 }, async () => {
    let kill: (() => void) | null = null;
    /** The send call at which to kill the running process, and whether its message gets through first. */
    let killAt: { call: number; delivered: boolean } | null = null;

    api.script = (call): Action => {
      if (killAt && call.index === killAt.call && kill) {
        const action: Action = killAt.delivered ? { kind: "late", ms: 5_000 } : { kind: "hang" };
        killAt = null;
        setImmediate(kill);
        return action;
      }
      const r = rand();
      if (r < 0.06) return { kind: "rate", retryAfter: 1 + Math.floor(r * 50) };
      if (r < 0.1) return { kind: "error", status: 502, description: "Bad Gateway" };
      if (r < 0.13) return { kind: "late", ms: 600 };
      if (r < 0.15) return { kind: "drop" };
      return { kind: "ok" };
    };

    const runs: Run[] = [];
    /** Messages in the chat when the last run started: what the killed runs had delivered. */
    let deliveredBefore = 0;
    for (let n = 0; n < MAX_RUNS; n++) {
      deliveredBefore = api.delivered.length;
      const killing = n < KILLS;
      // Half the kills land mid-request (the message in or not); the others at any moment: planning, journaling, pacing.
      const timed = killing && n % 2 === 1;
      const run = start();
      kill = () => run.child.kill("SIGKILL");
      if (killing && !timed) killAt = { call: api.calls.length + between(1, 12), delivered: rand() < 0.5 };
      const timer = timed ? setTimeout(kill, between(150, 1200)) : undefined;
      const result = await run.done;
      clearTimeout(timer);
      killAt = null;
      runs.push(result);
      if (result.code === 0) break;
      // Killed, or stopped by two uncertain sends in a row (exit 3): either way, run it again.
      expect(result.signal === "SIGKILL" || result.code === 3, result.stderr).toBe(true);
    }

    const last = runs.at(-1)!;
    expect(last.code, last.stderr).toBe(0);
    expect(runs.filter((r) => r.signal === "SIGKILL").length).toBeGreaterThanOrEqual(3);
    const report = /: (\d+) of (\d+) sent, (\d+) refused, (\d+) possibly duplicated\./.exec(last.stdout);
    expect(report, last.stdout).not.toBeNull();
    const [, sent, items, refused, uncertain] = report!.map(Number);
    expect(sent).toBe(items);
    expect(refused).toBe(0);

    // Every source message arrived, first appearances in source order.
    const seen = api.delivered.flatMap(tags);
    expect([...new Set(seen)]).toEqual(Array.from({ length: MESSAGES }, (_, i) => i));

    // Copies: send calls that delivered exactly what an earlier call delivered.
    const calls = new Map<number, string>();
    for (const d of api.delivered) {
      const what = JSON.stringify([d.method, d.text, d.caption, d.file?.name, d.entities]);
      calls.set(d.call, (calls.get(d.call) ?? "") + what);
    }
    const duplicates = calls.size - new Set(calls.values()).size;
    expect(duplicates).toBeLessThanOrEqual(uncertain!);
    // Not vacuous: the kills and failures did make uncertain sends, and the killed runs did deliver.
    // (A timed kill may come after a run that had little left has finished: that run is the last.)
    expect(uncertain).toBeGreaterThan(0);
    expect(deliveredBefore).toBeGreaterThan(0);
    if (process.env.CHATFERRY_TEST_VERBOSE) {
      process.stdout.write(`${runs.length} runs, ${items} sends, ${api.calls.length} calls, ${calls.size} delivered, ${duplicates} duplicates, ${uncertain} uncertain\n`);
    }
  });
});

function start(): { child: ReturnType<typeof spawn>; done: Promise<Run> } {
  const child = spawn(
    process.execPath,
    [BIN, "telegram", "replay", input, "--chat", "42", "--token-file", tokenFile, "--api-root", api.url, "--timezone", "Asia/Seoul"],
    {
      env: { PATH: process.env.PATH ?? "", LANG: "C.UTF-8", TZ: "UTC", CHATFERRY_STATE_DIR: state, CHATFERRY_PACE_SCALE: "0.001", CHATFERRY_TIMEOUT_MS: "250" },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  child.stdout!.on("data", (b: Buffer) => out.push(b));
  child.stderr!.on("data", (b: Buffer) => err.push(b));
  const done = new Promise<Run>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ code, signal, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString() }));
  });
  return { child, done };
}
