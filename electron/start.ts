/**
 * `npm start`: opens the app in Electron. Where Electron cannot start (its
 * binary cannot be downloaded, or there is no display), says so in one line
 * and serves the same app on 127.0.0.1 instead, printing the address.
 * Plain Node: no Electron import.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { langFromEnv } from "../src/i18n/index.js";
import { stateDir } from "../src/targets/telegram/replay/journal.js";
import { browserHost } from "./browser-host.js";
import { createApp } from "./handlers.js";
import { workerRunner } from "./runner.js";
import { startServer } from "./server.js";

const resolveFrom = createRequire(import.meta.url);
const ROOT = join(import.meta.dirname, "../..");
const ko = langFromEnv() === "ko";
const say = (en: string, korean: string) => (ko ? korean : en);

/** The Electron executable, downloading it on a first run; null when it cannot be had. */
function electronBinary(): string | null {
  const pkg = dirname(resolveFrom.resolve("electron/package.json"));
  const binary = () => {
    const name = join(pkg, "path.txt");
    return existsSync(name) ? join(pkg, "dist", readFileSync(name, "utf8")) : null;
  };
  const found = binary();
  if (found !== null && existsSync(found)) return found;
  console.log(say("Downloading Electron (first start only)…", "Electron을 내려받는 중입니다(처음 한 번만)…"));
  const install = spawnSync(process.execPath, [join(pkg, "install.js")], { stdio: "ignore", timeout: 10 * 60_000 });
  const installed = binary();
  return install.status === 0 && installed !== null && existsSync(installed) ? installed : null;
}

function noDisplay(): boolean {
  return process.platform === "linux" && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
}

async function serve(reason: string): Promise<void> {
  const version = (JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string }).version;
  const server = await startServer({
    root: join(ROOT, "out/renderer"),
    app: (emit) =>
      createApp({ host: browserHost(version), runner: workerRunner(new URL("./job-worker.js", import.meta.url)), emit, replay: { stateDir: stateDir() } }),
  });
  console.log(say(`${reason}; serving the same app in your browser instead (Ctrl+C stops it):`, `${reason}. 대신 같은 앱을 브라우저에서 엽니다(끝내려면 Ctrl+C):`));
  console.log(server.url);
  const stop = () => void server.close().finally(() => process.exit(0));
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

if (noDisplay()) {
  await serve(say("Electron cannot start: there is no display", "화면(디스플레이)이 없어 Electron을 시작할 수 없습니다"));
} else {
  const electron = electronBinary();
  if (electron === null) {
    await serve(say("Electron cannot start: its program could not be downloaded", "Electron 프로그램을 내려받지 못해 시작할 수 없습니다"));
  } else {
    const child = spawn(electron, [join(ROOT, "out/main/main.js")], { stdio: "inherit" });
    child.on("exit", (code) => process.exit(code ?? 1));
  }
}
