/**
 * The app as the end-to-end tests drive it: the built renderer served by
 * `npm start`'s own loopback server (electron/server.ts), jobs in the built
 * worker, and a Host whose dialogs answer from a script instead of a person.
 * Chromium is Debian's; every request that leaves 127.0.0.1 is aborted.
 */
import { existsSync, mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { createApp, type Host } from "../../electron/handlers.js";
import type { ReplaySettings } from "../../electron/replay.js";
import { workerRunner } from "../../electron/runner.js";
import { startServer, type RunningServer } from "../../electron/server.js";
import { serveLoopback } from "../../src/loopback.js";
import { ROOT } from "../helpers/cli.js";

export const CHROMIUM = "/usr/bin/chromium";
export const SHOTS = join(ROOT, "test-artifacts/e2e");
const RENDERER = join(ROOT, "out/renderer");
const WORKER = join(ROOT, "out/main/job-worker.js");

/** What the scripted dialogs answer, in order, and what the app asked the system to open (`opened`: viewer URLs). */
export interface Script {
  inputs: (string | null)[];
  outputs: (string | null)[];
  archives: (string | null)[];
  opened: string[];
  shown: string[];
  help: string[];
  secret: string | null;
}

export function requireBuiltApp(): void {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: run 'apt-get install -y chromium fonts-nanum' (.ci/run installs them)`);
  if (!existsSync(join(RENDERER, "index.html")) || !existsSync(WORKER)) throw new Error("out/ is missing: run 'npm run build' (npm test does it first)");
}

export function scriptedHost(lang: "ko" | "en", script: Script): Host {
  const next = (queue: (string | null)[]) => {
    if (queue.length === 0) throw new Error("the test gave the dialog no answer");
    return queue.shift()!;
  };
  return {
    shell: "browser",
    version: "0.0.0-test",
    lang: () => lang,
    chooseInput: async () => next(script.inputs),
    chooseOutput: async () => next(script.outputs),
    chooseArchive: async () => next(script.archives),
    showInFolder: async (path) => void script.shown.push(path),
    // As the browser fallback's host does, short of starting a browser: the test opens the URL.
    async openViewer(site) {
      const served = await serveLoopback(site.respond, "chatferry-viewer");
      script.opened.push(served.url);
      return served.close;
    },
    openHelp: async (topic) => void script.help.push(topic),
    // A stand-in for the OS keychain: the flow is the same, the storage is this process's memory.
    secrets: {
      save: async (secret) => void (script.secret = secret),
      load: async () => script.secret,
      clear: async () => void (script.secret = null),
    },
  };
}

export function newScript(): Script {
  return { inputs: [], outputs: [], archives: [], opened: [], shown: [], help: [], secret: null };
}

/** `replay`: the Bot API server (a fake one), how much to shrink its waits, and where journals go (a fresh folder unless given). */
export async function startTestServer(lang: "ko" | "en", script: Script, replay: Partial<ReplaySettings> = {}): Promise<RunningServer> {
  const stateDir = replay.stateDir ?? mkdtempSync(join(tmpdir(), "chatferry-state-"));
  return startServer({
    root: RENDERER,
    app: (emit) => createApp({ host: scriptedHost(lang, script), runner: workerRunner(WORKER), emit, replay: { ...replay, stateDir } }),
  });
}

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
  });
}

export interface AppPage {
  page: Page;
  context: BrowserContext;
  /** Console errors, page errors and failed requests seen so far: the tests expect none. */
  problems: string[];
  shot(name: string): Promise<void>;
}

/** A fresh browser context on the app, with nothing allowed beyond loopback. */
export async function openApp(browser: Browser, server: RunningServer, options: { colorScheme?: "light" | "dark"; prefix: string }): Promise<AppPage> {
  mkdirSync(SHOTS, { recursive: true });
  const context = await browser.newContext({ viewport: { width: 1100, height: 860 }, colorScheme: options.colorScheme ?? "light", locale: "en-US" });
  await context.route(/^(?!http:\/\/127\.0\.0\.1[:/])/, (route) => route.abort());
  const page = await context.newPage();
  const problems: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error" || message.type() === "warning") problems.push(`console ${message.type()}: ${message.text()}`);
  });
  page.on("pageerror", (err) => problems.push(`page error: ${err.message}`));
  page.on("requestfailed", (request) => problems.push(`request failed: ${request.url()}`));
  // Long tasks (the page's thread busy over 50 ms) are what a person feels as a freeze.
  await page.addInitScript({
    content: `window.longTasks = []; new PerformanceObserver((l) => l.getEntries().forEach((e) => window.longTasks.push(e.duration))).observe({ type: "longtask", buffered: true });`,
  });
  await page.goto(server.url);
  let n = 0;
  return {
    page,
    context,
    problems,
    shot: async (name) => {
      await page.screenshot({ path: join(SHOTS, `${options.prefix}-${String(++n).padStart(2, "0")}-${name}.png`), fullPage: true });
    },
  };
}
