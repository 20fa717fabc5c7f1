/**
 * A page served from this process's memory to a browser on this computer, and to
 * nothing else: 127.0.0.1 only, behind a per-run secret. The printed URL carries the
 * secret once; the first request swaps it for an HttpOnly, SameSite=Strict cookie
 * that every later request must present. The Host header must name this server
 * exactly (no DNS rebinding) and any Origin must be its own (no cross-site requests).
 * Used by `chatferry open --view` and by the app's browser fallback to show an
 * archive's viewer; the same rules as the app's own loopback server (electron/server.ts).
 */
import { randomBytes, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";

export interface SiteRequest {
  method: string;
  /** The URL's path, still percent-encoded. */
  path: string;
}

export interface SiteResponse {
  status: number;
  headers: Record<string, string>;
  body: string | Buffer | Readable | null;
}

/** What a site answers; it never sees a request that has not passed the gate. */
export type Site = (request: SiteRequest) => Promise<SiteResponse>;

export interface Loopback {
  /** What to open: carries the secret, once. */
  url: string;
  origin: string;
  close(): Promise<void>;
}

/** The checks every request passes before a site sees it. */
export class LoopbackGate {
  private readonly secret = randomBytes(32).toString("hex");
  readonly host: string;
  readonly origin: string;
  /** Cookies ignore ports: the port in the name keeps two running servers apart. */
  private readonly cookie: string;

  constructor(port: number, cookiePrefix: string) {
    this.host = `127.0.0.1:${port}`;
    this.origin = `http://${this.host}`;
    this.cookie = `${cookiePrefix}-${port}`;
  }

  get url(): string {
    return `${this.origin}/?k=${this.secret}`;
  }

  /** True when the request may go on; otherwise it has been answered (403, or the redirect that swaps the secret for the cookie). */
  admit(req: IncomingMessage, res: ServerResponse): boolean {
    const url = new URL(req.url ?? "/", this.origin);
    if (!this.sameSite(req)) return refuse(res);
    if (req.method === "GET" && url.pathname === "/" && url.searchParams.has("k")) {
      if (!this.matches(url.searchParams.get("k") ?? "")) return refuse(res);
      // The secret leaves the address bar (and history) at once; the cookie carries it from here.
      res.writeHead(303, { location: "/", "set-cookie": `${this.cookie}=${this.secret}; HttpOnly; SameSite=Strict; Path=/`, "cache-control": "no-store" }).end();
      return false;
    }
    const given = req.headers.cookie
      ?.split(";")
      .map((part) => part.trim().split("="))
      .find(([name]) => name === this.cookie)?.[1];
    return given !== undefined && this.matches(given) ? true : refuse(res);
  }

  private sameSite(req: IncomingMessage): boolean {
    if (req.headers.host !== this.host) return false;
    const from = req.headers.origin;
    if (from !== undefined && from !== this.origin) return false;
    const site = req.headers["sec-fetch-site"];
    return site === undefined || site === "same-origin" || site === "none";
  }

  private matches(value: string): boolean {
    return value.length === this.secret.length && timingSafeEqual(Buffer.from(value), Buffer.from(this.secret));
  }
}

/** Refused: the connection closes, so a body nobody will read cannot keep it open. */
function refuse(res: ServerResponse): false {
  res.writeHead(403, { connection: "close" }).end();
  return false;
}

/**
 * How long a client may take, in milliseconds. A browser on this computer sends a
 * request's line and headers at once; a connection that does not is dropped rather
 * than held open for ever. There is no limit on a whole request (Node's
 * requestTimeout is off): an upload takes as long as its size needs.
 */
export interface LoopbackTimeouts {
  headers: number;
  /** An idle kept-alive connection. */
  keepAlive: number;
}

export const LOOPBACK_TIMEOUTS: LoopbackTimeouts = { headers: 10_000, keepAlive: 5_000 };

/** An HTTP server listening on 127.0.0.1, on a port the system picks, with `timeouts` applied. */
export async function listenLoopback(timeouts: LoopbackTimeouts = LOOPBACK_TIMEOUTS): Promise<{ server: Server; port: number }> {
  const server = createServer({
    headersTimeout: timeouts.headers,
    requestTimeout: 0,
    keepAliveTimeout: timeouts.keepAlive,
    // How often Node looks for connections past headersTimeout: by default every 30 s, three times the limit itself.
    connectionsCheckingInterval: Math.min(1000, timeouts.headers / 4),
  });
  server.listen(0, "127.0.0.1");
  await new Promise<void>((resolve, reject) => {
    server.once("listening", resolve);
    server.once("error", reject);
  });
  return { server, port: (server.address() as AddressInfo).port };
}

/** Serves `site` on 127.0.0.1 until closed; `cookiePrefix` names the secret's cookie. */
export async function serveLoopback(site: Site, cookiePrefix: string): Promise<Loopback> {
  const { server, port } = await listenLoopback();
  const gate = new LoopbackGate(port, cookiePrefix);
  async function answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!gate.admit(req, res)) return;
    const { status, headers, body } = await site({ method: req.method ?? "GET", path: new URL(req.url ?? "/", gate.origin).pathname });
    res.writeHead(status, headers);
    if (body instanceof Readable) await pipeline(body, res);
    else res.end(body ?? undefined);
  }
  server.on("request", (req: IncomingMessage, res: ServerResponse) => {
    answer(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500).end();
      else res.destroy();
    });
  });
  return {
    url: gate.url,
    origin: gate.origin,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
