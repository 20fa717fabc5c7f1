/**
 * The app's UI over HTTP on 127.0.0.1, for where Electron cannot start (no
 * binary, no display), and for the end-to-end tests, which therefore test
 * exactly this. The page is the built renderer, unchanged; a small bridge
 * script gives it the same `window.chatferry` the preload gives it in
 * Electron, over fetch and Server-Sent Events.
 *
 * Who may talk to it: only a browser that opened the printed URL. That URL
 * carries a per-run secret, swapped at once for an HttpOnly, SameSite=Strict
 * cookie that every request must present. The Host header must name this
 * server exactly (no DNS rebinding), any Origin must be this server's own (no
 * CORS, no cross-site requests), and it listens on loopback only: the
 * LoopbackGate of src/loopback.ts, which the archive viewer shares.
 *
 * How long a client may take: see ServerTimeouts. A refusal closes the
 * connection, so a body nobody will read cannot keep it open.
 */
import { randomUUID } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pipeline } from "node:stream/promises";
import { listenLoopback, LOOPBACK_TIMEOUTS, LoopbackGate, type LoopbackTimeouts } from "../src/loopback.js";
import { safeName } from "../src/targets/safe-name.js";
import { CHANNELS } from "./channels.js";
import type { App } from "./handlers.js";
import type { AppEvent } from "./ipc.js";
import { contentType, CSP, isPathInside } from "./paths.js";

/**
 * How long a client may take, in milliseconds. There is no limit on a whole
 * request (Node's requestTimeout is off): an upload takes as long as its file's
 * size and the disk it comes from need, and any fixed limit would either cut a
 * large export or be too long to guard anything. An upload must keep moving instead.
 */
export interface ServerTimeouts extends LoopbackTimeouts {
  /** The longest pause in a request body the server reads (an upload, an IPC call). */
  bodyIdle: number;
}

export const SERVER_TIMEOUTS: ServerTimeouts = { ...LOOPBACK_TIMEOUTS, bodyIdle: 60_000 };

export interface ServerOptions {
  /** The built renderer (out/renderer). */
  root: string;
  /** Builds the app with the function that sends events to the page. */
  app(emit: (event: AppEvent) => void): App;
  /** SERVER_TIMEOUTS unless given (tests give shorter ones). */
  timeouts?: ServerTimeouts;
}

export interface RunningServer {
  /** What to open: carries the secret, once. */
  url: string;
  origin: string;
  close(): Promise<void>;
}

/** IPC messages are small; a passphrase or a list of recipients at most. */
const MAX_BODY = 1024 * 1024;

/** The bridge the page gets instead of Electron's preload: one method per channel, like preload.ts. */
export function bridgeScript(): string {
  const invoked = CHANNELS.filter((c) => c !== "dropInput");
  return `"use strict";
(() => {
  const failed = (code) => ({ ok: false, error: { code, params: {} } });
  const answer = (response) => response.ok ? response.json() : failed("E_DISCONNECTED");
  const call = (channel, input) =>
    fetch("/__ipc/" + channel, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(input === undefined ? {} : input) })
      .then(answer, () => failed("E_DISCONNECTED"));
  const api = {};
  for (const channel of ${JSON.stringify(invoked)}) api[channel] = (input) => call(channel, input);
  // A browser gives no path for a dropped file: its bytes go to the server, which keeps a private copy.
  api.dropInput = (file) =>
    fetch("/__drop", { method: "POST", headers: { "x-file-name": encodeURIComponent(file.name) }, body: file })
      .then(answer, () => failed("E_DISCONNECTED"));
  const listeners = new Set();
  let source = null;
  api.onEvent = (listener) => {
    listeners.add(listener);
    if (source === null) {
      source = new EventSource("/__events");
      source.onmessage = (message) => {
        const event = JSON.parse(message.data);
        for (const each of listeners) each(event);
      };
    }
    return () => void listeners.delete(listener);
  };
  Object.defineProperty(window, "chatferry", { value: Object.freeze(api) });
})();
`;
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const timeouts = options.timeouts ?? SERVER_TIMEOUTS;
  const clients = new Set<ServerResponse>();
  const app = options.app((event) => {
    const data = `data: ${JSON.stringify(event)}\n\n`;
    for (const client of clients) client.write(data);
  });
  const index = (await readFile(join(options.root, "index.html"), "utf8")).replace(
    /<script type="module"/,
    '<script src="/__bridge.js"></script>\n    <script type="module"',
  );
  const bridge = bridgeScript();
  let drops: Promise<string> | undefined;
  const dropDir = () => (drops ??= mkdtemp(join(tmpdir(), "chatferry-drop-")));

  const { server, port } = await listenLoopback(timeouts);
  const gate = new LoopbackGate(port, "chatferry");
  server.on("request", (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) refuse(res, 500);
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!gate.admit(req, res)) return;
    const url = new URL(req.url ?? "/", gate.origin);

    if (req.method === "POST" && url.pathname.startsWith("/__ipc/")) {
      const channel = url.pathname.slice("/__ipc/".length);
      // Paths come from dialogs or drops, never from the page.
      const result =
        channel === "dropInput"
          ? { ok: false, error: { code: "E_CHANNEL", params: { channel } } }
          : await app.dispatch(channel, await arriving(req, timeouts.bodyIdle, () => jsonBody(req)));
      return json(res, result);
    }
    if (req.method === "POST" && url.pathname === "/__drop") {
      const name = uploadName(req.headers["x-file-name"]);
      if (name === null) return refuse(res, 400);
      // A folder for each upload: two files of the same name never meet.
      const dir = join(await dropDir(), randomUUID());
      await mkdir(dir, { mode: 0o700 });
      const path = join(dir, name);
      try {
        await arriving(req, timeouts.bodyIdle, () => pipeline(req, createWriteStream(path, { mode: 0o600, flags: "wx" })));
      } catch (err) {
        await rm(dir, { recursive: true, force: true });
        throw err;
      }
      return json(res, await app.dispatch("dropInput", { path }));
    }
    if (req.method === "GET" && url.pathname === "/__events") {
      res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-store", connection: "keep-alive" });
      res.write(": connected\n\n");
      clients.add(res);
      req.on("close", () => clients.delete(res));
      return;
    }
    if (req.method !== "GET") return refuse(res, 405);
    if (url.pathname === "/__bridge.js") return send(res, bridge, contentType("bridge.js")!);
    if (url.pathname === "/" || url.pathname === "/index.html") return send(res, index, contentType("index.html")!);
    const file = join(options.root, decodeURIComponent(url.pathname));
    const type = contentType(file);
    if (!isPathInside(file, options.root) || type === undefined) return refuse(res, 404);
    const body = await readFile(file).catch(() => null);
    if (body === null) return refuse(res, 404);
    return send(res, body, type);
  }

  return {
    url: gate.url,
    origin: gate.origin,
    async close() {
      for (const client of clients) client.end();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await app.dispose();
      if (drops) await rm(await drops, { recursive: true, force: true });
    },
  };
}

/** Answers with an error status and closes the connection: whatever body the request still has is never read. */
function refuse(res: ServerResponse, status: number): void {
  res.writeHead(status, { connection: "close" }).end();
}

/** Reads a request's body with `read`, dropping the connection when the body stops arriving for `idle` ms. */
async function arriving<T>(req: IncomingMessage, idle: number, read: () => Promise<T>): Promise<T> {
  req.setTimeout(idle);
  try {
    return await read();
  } finally {
    // The answer may take long to compute (an IPC call); the client waits for it, silent.
    req.setTimeout(0);
  }
}

/**
 * The name of an uploaded file, from the header the bridge sends (percent-encoded, so any
 * name fits in a header), made safe by safeName; null when it is not percent-encoding.
 */
function uploadName(header: string | string[] | undefined): string | null {
  try {
    return safeName(decodeURIComponent(typeof header === "string" ? header : ""), "dropped-file");
  } catch {
    return null;
  }
}

function send(res: ServerResponse, body: string | Buffer, type: string): void {
  res.writeHead(200, {
    "content-type": type,
    "content-security-policy": CSP,
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "no-referrer",
    "cross-origin-resource-policy": "same-origin",
    "cache-control": "no-store",
  });
  res.end(body);
}

function json(res: ServerResponse, value: unknown): void {
  res.writeHead(200, { "content-type": "application/json", "cache-control": "no-store", "x-content-type-options": "nosniff" });
  res.end(JSON.stringify(value));
}

async function jsonBody(req: IncomingMessage): Promise<unknown> {
  const parts: Buffer[] = [];
  let length = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    length += chunk.length;
    if (length > MAX_BODY) return null;
    parts.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(parts).toString("utf8")) as unknown;
  } catch {
    // Not JSON: the channel's validation refuses it with E_INPUT.
    return null;
  }
}
