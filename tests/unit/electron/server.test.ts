// The loopback server of `npm start`'s fallback (and of the e2e tests), as an attacker on the
// same machine or a web page in the same browser would try it.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../../electron/handlers.js";
import { runJob } from "../../../electron/jobs.js";
import { startServer, type RunningServer } from "../../../electron/server.js";

const root = mkdtempSync(join(tmpdir(), "chatferry-server-"));
let server: RunningServer;
let secret: string;
let cookie: string;

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A raw request: no client-side URL cleaning, every header as given. */
function send(path: string, options: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {}): Promise<Answer> {
  const { port } = new URL(server.origin);
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path, method: options.method ?? "GET", headers: { host: `127.0.0.1:${port}`, ...options.headers } }, (res) => {
      const parts: Buffer[] = [];
      res.on("data", (d: Buffer) => parts.push(d));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(parts).toString() }));
    });
    req.on("error", reject);
    req.end(options.body);
  });
}

const withCookie = (headers: Record<string, string> = {}) => ({ cookie, ...headers });
const ipc = (channel: string, body: unknown, headers: Record<string, string> = {}) =>
  send(`/__ipc/${channel}`, { method: "POST", headers: withCookie({ "content-type": "application/json", ...headers }), body: JSON.stringify(body) });

beforeAll(async () => {
  mkdirSync(join(root, "assets"));
  writeFileSync(join(root, "index.html"), '<!doctype html><html><head><script type="module" src="./assets/app.js"></script></head></html>');
  writeFileSync(join(root, "assets/app.js"), "void 0;");
  writeFileSync(join(tmpdir(), "chatferry-server-secret.txt"), "outside the root");
  server = await startServer({ root, app: (emit) => createApp({ host: { shell: "browser", version: "0", lang: () => "en", secrets: null } as never, runner: runJob, emit, replay: { stateDir: root } }) });
  secret = new URL(server.url).searchParams.get("k")!;
  const first = await send(`/?k=${secret}`);
  cookie = String(first.headers["set-cookie"]).split(";")[0]!;
});

afterAll(async () => {
  await server.close();
});

describe("loopback server", () => {
  it("listens on 127.0.0.1 at a random port and hands out its secret once, as an HttpOnly SameSite cookie", async () => {
    expect(server.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    const first = await send(`/?k=${secret}`);
    expect(first.status).toBe(303);
    expect(first.headers.location).toBe("/");
    expect(String(first.headers["set-cookie"])).toMatch(/HttpOnly; SameSite=Strict; Path=\//);
  });

  it("refuses every request without the secret", async () => {
    for (const path of ["/", "/index.html", "/assets/app.js", "/__bridge.js", "/__events", "/?k=nope", `/?k=${secret.slice(1)}`]) {
      expect([path, (await send(path)).status]).toEqual([path, 403]);
    }
    expect((await send("/__ipc/appInfo", { method: "POST", body: "{}" })).status).toBe(403);
    expect((await send("/", { headers: { cookie: `${cookie}x` } })).status).toBe(403);
  });

  it("serves the page with the bridge first and a strict policy", async () => {
    const page = await send("/", { headers: withCookie() });
    expect(page.status).toBe(200);
    expect(page.body.indexOf('<script src="/__bridge.js">')).toBeLessThan(page.body.indexOf('type="module"'));
    expect(page.headers["content-security-policy"]).toContain("default-src 'none'");
    expect(page.headers["x-frame-options"]).toBe("DENY");
    expect((await send("/assets/app.js", { headers: withCookie() })).status).toBe(200);
  });

  it("refuses another Host (DNS rebinding) and another Origin (cross-site requests)", async () => {
    const { port } = new URL(server.origin);
    for (const host of [`localhost:${port}`, `evil.example:${port}`, "127.0.0.1", `127.0.0.1:${Number(port) + 1}`]) {
      expect([host, (await send("/", { headers: withCookie({ host }) })).status]).toEqual([host, 403]);
    }
    for (const origin of ["http://evil.example", `http://localhost:${port}`, "null"]) {
      expect([origin, (await ipc("appInfo", {}, { origin })).status]).toEqual([origin, 403]);
    }
    expect((await ipc("appInfo", {}, { "sec-fetch-site": "cross-site" })).status).toBe(403);
    expect((await ipc("appInfo", {}, { "sec-fetch-site": "same-site" })).status).toBe(403);
    expect((await ipc("appInfo", {}, { origin: server.origin, "sec-fetch-site": "same-origin" })).status).toBe(200);
  });

  it("serves nothing outside the renderer's folder", async () => {
    for (const path of ["/../chatferry-server-secret.txt", "/assets/../../chatferry-server-secret.txt", "/%2e%2e/chatferry-server-secret.txt", "/assets/%2e%2e%2f%2e%2e%2fchatferry-server-secret.txt"]) {
      expect([path, (await send(path, { headers: withCookie() })).status]).toEqual([path, 404]);
    }
  });

  it("answers IPC as Results, and never takes a path from the page", async () => {
    const info = JSON.parse((await ipc("appInfo", {})).body);
    expect(info).toMatchObject({ ok: true, value: { shell: "browser", lang: "en" } });
    expect(JSON.parse((await ipc("nope", {})).body)).toMatchObject({ ok: false, error: { code: "E_CHANNEL" } });
    expect(JSON.parse((await ipc("dropInput", { path: "/etc/passwd" })).body)).toMatchObject({ ok: false, error: { code: "E_CHANNEL" } });
    const notJson = await send("/__ipc/appInfo", { method: "POST", headers: withCookie(), body: "{" });
    expect(JSON.parse(notJson.body)).toMatchObject({ ok: false, error: { code: "E_INPUT" } });
    expect((await send("/", { method: "DELETE", headers: withCookie() })).status).toBe(405);
  });

  it("keeps a dropped file under a safe name of its own", async () => {
    const dropped = await send("/__drop", { method: "POST", headers: withCookie({ "x-file-name": encodeURIComponent("../../KakaoTalkChats.txt") }), body: "hello" });
    expect(JSON.parse(dropped.body)).toMatchObject({ ok: true, value: { name: "KakaoTalkChats.txt" } });
  });
});
