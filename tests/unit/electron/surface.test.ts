// The IPC surface, end to end on paper: the preload's methods, the browser bridge's methods,
// the channel map, the handlers and main's registered channels are one list; nothing that
// tests or the browser fallback run may import Electron.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { runInNewContext } from "node:vm";
import { describe, expect, it, vi } from "vitest";
import { CHANNELS, HELP_PAGES } from "../../../electron/channels.js";
import { createApp } from "../../../electron/handlers.js";
import { channels } from "../../../electron/ipc.js";
import { runJob } from "../../../electron/jobs.js";
import { CSP } from "../../../electron/paths.js";
import { bridgeScript } from "../../../electron/server.js";
import { ROOT } from "../../helpers/cli.js";

/** What preload.ts and main.ts hand to Electron, caught by a stand-in (the real module would try to download Electron). */
const electron = vi.hoisted(() => ({ exposed: {} as Record<string, Record<string, unknown>>, handled: [] as string[] }));
vi.mock("electron", () => {
  const noop = () => undefined;
  return {
    contextBridge: { exposeInMainWorld: (name: string, api: Record<string, unknown>) => (electron.exposed[name] = api) },
    ipcRenderer: { invoke: noop, on: noop, removeListener: noop },
    webUtils: { getPathForFile: () => "" },
    ipcMain: { handle: (channel: string) => electron.handled.push(channel) },
    app: { getVersion: () => "0.0.0", on: noop, whenReady: () => new Promise(noop), getPreferredSystemLanguages: () => [], getLocale: () => "en" },
    protocol: { registerSchemesAsPrivileged: noop, handle: noop },
    BrowserWindow: class {},
    dialog: {},
    session: {},
    shell: {},
  };
});

const sorted = (names: Iterable<string>) => [...names].sort();
const METHODS = sorted([...CHANNELS, "onEvent"]);

describe("IPC surface", () => {
  it("the channel map and the handlers cover exactly CHANNELS", () => {
    expect(sorted(Object.keys(channels))).toEqual(sorted(CHANNELS));
    const app = createApp({ host: {} as never, runner: runJob, emit: () => undefined, replay: { stateDir: tmpdir() } });
    expect(sorted(Object.keys(app.handlers))).toEqual(sorted(CHANNELS));
  });

  it("the preload exposes one method per channel, and onEvent", async () => {
    await import("../../../electron/preload.js");
    expect(Object.keys(electron.exposed)).toEqual(["chatferry"]);
    expect(sorted(Object.keys(electron.exposed.chatferry!))).toEqual(METHODS);
  });

  it("main registers a handler for every channel, and nothing else", async () => {
    await import("../../../electron/main.js");
    expect(sorted(electron.handled)).toEqual(sorted(CHANNELS));
  });

  it("the browser bridge gives the page the same methods, frozen", () => {
    const window: Record<string, unknown> = {};
    runInNewContext(bridgeScript(), { window });
    const api = window.chatferry as Record<string, unknown>;
    expect(sorted(Object.keys(api))).toEqual(METHODS);
    expect(Object.isFrozen(api)).toBe(true);
  });

  it("main opens exactly the help pages of HELP_PAGES, each by a literal address", () => {
    const main = readFileSync(join(ROOT, "electron/main.ts"), "utf8");
    const opened = [...main.matchAll(/case "([^"]+)":\s*await shell\.openExternal\("([^"]+)"\)/g)].map(([, topic, url]) => [topic, url]);
    expect(Object.fromEntries(opened)).toEqual(HELP_PAGES);
    expect(main.match(/openExternal\(/g)).toHaveLength(Object.keys(HELP_PAGES).length);
  });

  it("the page's CSP meta tag is the policy the servers send", () => {
    const html = readFileSync(join(ROOT, "renderer/index.html"), "utf8");
    expect(/http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1]).toBe(CSP);
    expect(CSP).toContain("default-src 'none'");
    expect(CSP).not.toMatch(/unsafe|https?:|\*/);
  });
});

describe("process boundaries", () => {
  const files = (dir: string): string[] =>
    readdirSync(join(ROOT, dir)).flatMap((name) => {
      const path = join(dir, name);
      return statSync(join(ROOT, path)).isDirectory() ? files(path) : /\.tsx?$/.test(name) ? [path] : [];
    });
  const importsElectron = (file: string) => /from\s+["']electron["']|require\(["']electron["']\)|import\(["']electron["']\)/.test(readFileSync(join(ROOT, file), "utf8"));

  it("only electron/main.ts and electron/preload.ts import Electron", () => {
    const all = [...files("src"), ...files("electron"), ...files("renderer")];
    expect(all.length).toBeGreaterThan(40);
    expect(all.filter(importsElectron).map((f) => relative(".", f)).sort()).toEqual(["electron/main.ts", "electron/preload.ts"]);
  });

  it("the renderer reaches main only through bridge.ts, and imports no Node module", () => {
    for (const file of files("renderer")) {
      const text = readFileSync(join(ROOT, file), "utf8");
      expect([file, /from\s+["']node:/.test(text)]).toEqual([file, false]);
      if (!file.endsWith("bridge.ts")) expect([file, text.includes("window.chatferry")]).toEqual([file, false]);
      // Values from electron/ only through the zod-free channel list; ipc.ts is for types.
      for (const [, type, from] of text.matchAll(/^import\s+(type\s+)?[^;]*?from\s+"([^"]+)";/gm)) {
        if (from!.includes("electron/")) expect([file, from, type !== undefined || from!.endsWith("/channels.js")]).toEqual([file, from, true]);
      }
    }
  });
});
