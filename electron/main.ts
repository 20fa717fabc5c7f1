/**
 * Electron's main process: one window (and one per archive viewer the user
 * opens), hardened as Electron's security checklist asks (../shared/electron.md
 * §2a), and one IPC handler per channel that checks the sender and hands the
 * call to handlers.ts.
 * Everything the app does lives there; this file only wires Electron in.
 */
import { randomUUID } from "node:crypto";
import { readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { Readable } from "node:stream";
import { app, BrowserWindow, dialog, ipcMain, protocol, safeStorage, session, shell, type IpcMainInvokeEvent, type Session } from "electron";
import { stateDir } from "../src/targets/telegram/replay/journal.js";
import { APP_ORIGIN, CHANNELS, EVENT_CHANNEL } from "./channels.js";
import { createApp, type Host, type SecretStore } from "./handlers.js";
import { contentType, CSP, isPathInside } from "./paths.js";
import { workerRunner } from "./runner.js";

const RENDERER = join(import.meta.dirname, "../renderer");
const PRELOAD = join(import.meta.dirname, "../preload/preload.cjs");

/** An archive's viewer, each in a window and a session of its own (host.openViewer). */
const VIEWER_SCHEME = "chatferry-viewer";

// The page is served from app://chatferry, not file:// (checklist item 18).
protocol.registerSchemesAsPrivileged([
  { scheme: "app", privileges: { standard: true, secure: true, supportFetchAPI: true } },
  { scheme: VIEWER_SCHEME, privileges: { standard: true, secure: true } },
]);

let window: BrowserWindow | null = null;

/** A remembered bot token, encrypted by the OS keychain through safeStorage; never written in clear. */
const tokenFile = () => join(app.getPath("userData"), "telegram-bot-token");
const keychain: SecretStore = {
  async save(secret) {
    await writeFile(tokenFile(), safeStorage.encryptString(secret), { mode: 0o600 });
  },
  async load() {
    const sealed = await readFile(tokenFile()).catch(() => null);
    return sealed === null ? null : safeStorage.decryptString(sealed);
  },
  async clear() {
    await rm(tokenFile(), { force: true });
  },
};

/** On Linux without a keyring, safeStorage falls back to a fixed key ("basic_text"): that is no place for a token. */
function keychainWorks(): boolean {
  return safeStorage.isEncryptionAvailable() && (process.platform !== "linux" || safeStorage.getSelectedStorageBackend() !== "basic_text");
}

const host: Host = {
  shell: "electron",
  version: app.getVersion(),
  lang: () => ((app.getPreferredSystemLanguages()[0] ?? app.getLocale()).toLowerCase().startsWith("ko") ? "ko" : "en"),
  async chooseInput(kind) {
    const filters = kind === "file" ? [{ name: "Chat export", extensions: ["txt", "csv", "json", "zip"] }, { name: "*", extensions: ["*"] }] : [];
    const result = await dialog.showOpenDialog(window!, { properties: [kind === "file" ? "openFile" : "openDirectory"], filters });
    return result.canceled ? null : (result.filePaths[0] ?? null);
  },
  async chooseOutput(purpose, suggestedName) {
    if (purpose === "folder") {
      const result = await dialog.showOpenDialog(window!, { properties: ["openDirectory", "createDirectory"] });
      return result.canceled ? null : (result.filePaths[0] ?? null);
    }
    const result = await dialog.showSaveDialog(window!, { defaultPath: join(app.getPath("documents"), suggestedName ?? "ChatFerry") });
    return result.canceled ? null : (result.filePath ?? null);
  },
  async chooseArchive() {
    const filters = [{ name: "ChatFerry archive", extensions: ["age"] }];
    const result = await dialog.showOpenDialog(window!, { properties: ["openFile"], filters });
    return result.canceled ? null : (result.filePaths[0] ?? null);
  },
  async showInFolder(path) {
    shell.showItemInFolder(path);
  },
  async openViewer(site) {
    // In memory (no "persist:" partition): nothing the viewer shows reaches a cache on disk,
    // and only this window reaches this archive.
    const viewerSession = session.fromPartition(`viewer-${randomUUID()}`, { cache: false });
    lockDown(viewerSession);
    viewerSession.protocol.handle(VIEWER_SCHEME, async (request) => {
      const { status, headers, body } = await site.respond({ method: request.method, path: new URL(request.url).pathname });
      return new Response(body instanceof Readable ? (Readable.toWeb(body) as ReadableStream<Uint8Array>) : body, { status, headers });
    });
    // The same hardening as the app's window, written out: the audit reads these options where they are given.
    const viewer = new BrowserWindow({
      width: 1000,
      height: 800,
      title: "ChatFerry",
      webPreferences: {
        session: viewerSession,
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        experimentalFeatures: false,
        disableBlinkFeatures: "Auxclick",
        spellcheck: false,
      },
    });
    viewer.on("closed", () => void site.close());
    await viewer.loadURL(`${VIEWER_SCHEME}://archive/`);
    return async () => {
      if (!viewer.isDestroyed()) viewer.destroy();
    };
  },
  get secrets() {
    return keychainWorks() ? keychain : null;
  },
  async openHelp(topic) {
    // The allow-list of checklist item 15: one literal address per topic, nothing variable reaches openExternal.
    switch (topic) {
      case "telegram-import":
        await shell.openExternal("https://telegram.org/blog/move-history");
        return;
    }
  },
};

const chatferry = createApp({
  host,
  runner: workerRunner(new URL("./job-worker.js", import.meta.url)),
  emit: (event) => window?.webContents.send(EVENT_CHANNEL, event),
  replay: { stateDir: stateDir() },
});

/** Checklist item 17: only our own page, in our own window's main frame, may call. */
function fromOurPage(event: IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame;
  return window !== null && event.sender === window.webContents && frame !== null && frame === window.webContents.mainFrame && new URL(frame.url).origin === APP_ORIGIN;
}

for (const channel of CHANNELS) {
  ipcMain.handle(channel, (event, raw: unknown) =>
    fromOurPage(event) ? chatferry.dispatch(channel, raw) : { ok: false, error: { code: "E_SENDER", params: {} } },
  );
}

app.on("web-contents-created", (_, contents) => {
  contents.on("will-navigate", (event) => event.preventDefault());
  contents.on("will-redirect", (event) => event.preventDefault());
  contents.on("will-attach-webview", (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: "deny" }));
});

app.on("window-all-closed", () => {
  void chatferry.dispose().finally(() => app.quit());
});

/** No permission, and no remote content: a page has nothing to fetch beyond its own scheme (http, https, ws and wss all match "*"). */
function lockDown(target: Session): void {
  target.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  target.setPermissionCheckHandler(() => false);
  target.webRequest.onBeforeRequest({ urls: ["*://*/*"] }, (_details, callback) => callback({ cancel: true }));
}

void app.whenReady().then(() => {
  lockDown(session.defaultSession);
  protocol.handle("app", async (request) => {
    const url = new URL(request.url);
    const file = join(RENDERER, decodeURIComponent(url.pathname === "/" ? "/index.html" : url.pathname));
    const type = contentType(file);
    if (url.host !== "chatferry" || !isPathInside(file, RENDERER) || type === undefined) return new Response(null, { status: 404 });
    const body = await readFile(file).catch(() => null);
    if (body === null) return new Response(null, { status: 404 });
    return new Response(body, { headers: { "content-type": type, "content-security-policy": CSP } });
  });

  window = new BrowserWindow({
    width: 1120,
    height: 800,
    minWidth: 720,
    minHeight: 560,
    show: false,
    title: "ChatFerry",
    webPreferences: {
      preload: PRELOAD,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      disableBlinkFeatures: "Auxclick",
      spellcheck: false,
    },
  });
  window.once("ready-to-show", () => window?.show());
  window.on("closed", () => (window = null));
  void window.loadURL(`${APP_ORIGIN}/index.html`);
});
