// The loopback server of `npm start`'s fallback (and of the e2e tests), as an attacker on the
// same machine or a web page in the same browser would try it.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createApp, type App } from "../../../electron/handlers.js";
import { runJob } from "../../../electron/jobs.js";
import { SERVER_TIMEOUTS, startServer, type RunningServer, type ServerTimeouts } from "../../../electron/server.js";
import { safeName } from "../../../src/targets/safe-name.js";

const root = mkdtempSync(join(tmpdir(), "chatferry-server-"));
let server: RunningServer;
let secret: string;
let cookie: string;
/** The paths the server handed the app for dropped files, in order. */
const dropped: string[] = [];

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

/** The real app, with the drops it is given recorded. */
function recordingApp(emit: Parameters<typeof createApp>[0]["emit"]): App {
  const app = createApp({ host: { shell: "browser", version: "0", lang: () => "en", secrets: null } as never, runner: runJob, emit, replay: { stateDir: root } });
  return {
    ...app,
    dispatch(channel, raw) {
      if (channel === "dropInput") dropped.push((raw as { path: string }).path);
      return app.dispatch(channel, raw);
    },
  };
}

async function start(timeouts?: ServerTimeouts): Promise<{ server: RunningServer; cookie: string }> {
  const started = await startServer({ root, app: recordingApp, timeouts });
  const { port } = new URL(started.origin);
  const first = await new Promise<string>((resolve, reject) => {
    request({ host: "127.0.0.1", port, path: new URL(started.url).pathname + new URL(started.url).search, headers: { host: `127.0.0.1:${port}` } }, (res) => {
      res.resume();
      resolve(String(res.headers["set-cookie"]).split(";")[0]!);
    })
      .on("error", reject)
      .end();
  });
  return { server: started, cookie: first };
}

beforeAll(async () => {
  mkdirSync(join(root, "assets"));
  writeFileSync(join(root, "index.html"), '<!doctype html><html><head><script type="module" src="./assets/app.js"></script></head></html>');
  writeFileSync(join(root, "assets/app.js"), "void 0;");
  writeFileSync(join(tmpdir(), "chatferry-server-secret.txt"), "outside the root");
  ({ server, cookie } = await start());
  secret = new URL(server.url).searchParams.get("k")!;
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

});

describe("uploads", () => {
  const drop = (name: string, body: string) =>
    send("/__drop", { method: "POST", headers: withCookie({ "x-file-name": encodeURIComponent(name) }), body });

  it("keeps each dropped file under safeName's name, in the server's own folder, whatever name the page sends", async () => {
    const names = ["..\\..\\evil.txt", "../../KakaoTalkChats.txt", "CON", "nul.txt", "a\u0000b.txt", "evil\u202Egpj.exe", "chat.txt\u200F", "..", ""];
    const before = dropped.length;
    for (const [i, name] of names.entries()) {
      const answer = await drop(name, `content ${i}`);
      expect(JSON.parse(answer.body)).toMatchObject({ ok: true, value: { name: safeName(name, "dropped-file") } });
    }
    const paths = dropped.slice(before);
    const home = dirname(dirname(paths[0]!));
    for (const [i, path] of paths.entries()) {
      // <drop folder>/<one folder per upload>/<name>: nothing climbs out or lands beside another.
      expect(dirname(dirname(path))).toBe(home);
      expect(basename(path)).toBe(safeName(names[i]!, "dropped-file"));
      expect(readFileSync(path, "utf8")).toBe(`content ${i}`);
    }
    expect(paths.map((p) => basename(p))).toEqual(["_._.._evil.txt", "_._.._KakaoTalkChats.txt", "_CON", "_nul.txt", "a_b.txt", "evilgpj.exe", "chat.txt", "dropped-file", "dropped-file"]);
  });

  it("never lets two uploads of the same name overwrite each other", async () => {
    const before = dropped.length;
    await drop("KakaoTalkChats.txt", "first");
    await drop("KakaoTalkChats.txt", "second");
    const [first, second] = dropped.slice(before) as [string, string];
    expect(first).not.toBe(second);
    expect([readFileSync(first, "utf8"), readFileSync(second, "utf8")]).toEqual(["first", "second"]);
  });

  it("refuses a name that is not percent-encoding, keeping nothing", async () => {
    const before = dropped.length;
    const answer = await send("/__drop", { method: "POST", headers: withCookie({ "x-file-name": "%E0%A4%A" }), body: "x" });
    expect(answer.status).toBe(400);
    expect(dropped.length).toBe(before);
  });
});

/**
 * A raw TCP connection that sends `text`, then nothing or (`trickle`) a byte now and then, as a
 * slow client does; resolves with what the server said once the server closes the connection.
 */
function rawClient(origin: string, text: string, trickle = false): Promise<string> {
  const { port } = new URL(origin);
  return new Promise((resolve) => {
    const socket = connect(Number(port), "127.0.0.1", () => socket.write(text));
    const drip = trickle ? setInterval(() => socket.write("x"), 100) : undefined;
    const parts: Buffer[] = [];
    socket.on("data", (d: Buffer) => parts.push(d));
    // Writing to a connection the server closed fails; the close that follows is the answer.
    socket.on("error", () => undefined);
    socket.on("close", () => {
      clearInterval(drip);
      resolve(Buffer.concat(parts).toString());
    });
  });
}

describe("slow clients", () => {
  // Short enough that a test waits a second, not the minutes of Node's defaults.
  const timeouts: ServerTimeouts = { headers: 300, bodyIdle: 1000, keepAlive: 300 };
  let slow: RunningServer;
  let slowCookie: string;
  let host: string;
  beforeAll(async () => {
    ({ server: slow, cookie: slowCookie } = await start(timeouts));
    host = new URL(slow.origin).host;
  });
  afterAll(async () => {
    await slow.close();
  });

  it("has defaults that give a browser on loopback ample time", () => {
    expect(SERVER_TIMEOUTS.headers).toBeGreaterThanOrEqual(5_000);
    expect(SERVER_TIMEOUTS.bodyIdle).toBeGreaterThanOrEqual(30_000);
    expect(SERVER_TIMEOUTS.headers).toBeLessThanOrEqual(60_000);
  });

  it("closes a connection that never finishes its headers, or never sends any", async () => {
    const partial = await rawClient(slow.origin, `GET / HTTP/1.1\r\nHost: ${host}\r\nX-Slow: `);
    expect(partial).toMatch(/^HTTP\/1\.1 408 /);
    expect(await rawClient(slow.origin, "")).toMatch(/^(HTTP\/1\.1 408 |$)/);
  });

  it("answers a refused request and closes it, though its body keeps coming and never ends", async () => {
    const answer = await rawClient(slow.origin, `POST /__ipc/appInfo HTTP/1.1\r\nHost: ${host}\r\nContent-Length: 1000000\r\n\r\n{`, true);
    expect(answer).toMatch(/^HTTP\/1\.1 403 /);
  });

  it("drops an upload whose body stops arriving, and keeps none of it", async () => {
    const before = dropped.length;
    const answer = await rawClient(
      slow.origin,
      `POST /__drop HTTP/1.1\r\nHost: ${host}\r\nCookie: ${slowCookie}\r\nX-File-Name: stalled.txt\r\nContent-Length: 1000000\r\n\r\npart of it`,
    );
    // No answer: the connection is simply dropped, and the part that came is deleted.
    expect(answer).toBe("");
    expect(dropped.length).toBe(before);
    const home = await uploadHome();
    // The server deletes the part after it has dropped the connection: waited for, not raced.
    await vi.waitFor(() => expect(readdirSync(home, { recursive: true }).filter((p) => String(p).endsWith("stalled.txt"))).toEqual([]), { timeout: 5000 });
  });

  it("does not cut an upload that keeps arriving, however long it takes in all", async () => {
    const { port } = new URL(slow.origin);
    const pieces = Array.from({ length: 15 }, (_, i) => `piece ${i}\n`);
    const answer = await new Promise<string>((resolve, reject) => {
      const req = request(
        { host: "127.0.0.1", port, path: "/__drop", method: "POST", headers: { host, cookie: slowCookie, "x-file-name": "slow.txt", "content-length": pieces.join("").length } },
        (res) => {
          const parts: Buffer[] = [];
          res.on("data", (d: Buffer) => parts.push(d));
          res.on("end", () => resolve(Buffer.concat(parts).toString()));
        },
      );
      req.on("error", reject);
      // Longer in all than the headers and idle limits together, never idle for long.
      const next = (i: number) => (i === pieces.length ? req.end() : req.write(pieces[i], () => setTimeout(() => next(i + 1), 100)));
      next(0);
    });
    expect(JSON.parse(answer)).toMatchObject({ ok: true, value: { name: "slow.txt" } });
    expect(readFileSync(dropped.at(-1)!, "utf8")).toBe(pieces.join(""));
  });

  /** The folder the slow server keeps uploads in, learnt from an upload. */
  async function uploadHome(): Promise<string> {
    const { port } = new URL(slow.origin);
    await new Promise<void>((resolve, reject) => {
      request({ host: "127.0.0.1", port, path: "/__drop", method: "POST", headers: { host, cookie: slowCookie, "x-file-name": "probe.txt" } }, (res) => {
        res.resume();
        res.on("end", resolve);
      })
        .on("error", reject)
        .end("probe");
    });
    return dirname(dirname(dropped.at(-1)!));
  }
});
