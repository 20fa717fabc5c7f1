/**
 * The Host of `npm start`'s browser fallback: the same app, but the dialogs
 * are zenity's or kdialog's when one is installed. Without either, files come
 * by drag and drop, and results go to ~/ChatFerry.
 */
import { execFile, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { homedir } from "node:os";
import { delimiter, dirname, join } from "node:path";
import { langFromEnv } from "../src/i18n/index.js";
import { serveLoopback } from "../src/loopback.js";
import { HELP_PAGES } from "./channels.js";
import { refuse, type Host } from "./handlers.js";

type Dialog = "file" | "folder" | "save" | "archive";

function onPath(command: string): string | null {
  for (const dir of (process.env.PATH ?? "").split(delimiter)) {
    const path = join(dir, command);
    if (dir !== "" && existsSync(path)) return path;
  }
  return null;
}

function dialogCommand(kind: Dialog, suggested: string): [string, string[]] | null {
  const zenity = onPath("zenity");
  if (zenity) {
    const args = {
      file: ["--file-selection"],
      folder: ["--file-selection", "--directory"],
      save: ["--file-selection", "--save", "--confirm-overwrite", `--filename=${suggested}`],
      archive: ["--file-selection", "--file-filter=*.age"],
    }[kind];
    return [zenity, args];
  }
  const kdialog = onPath("kdialog");
  if (kdialog) {
    const args = {
      file: ["--getopenfilename", homedir()],
      folder: ["--getexistingdirectory", homedir()],
      save: ["--getsavefilename", suggested],
      archive: ["--getopenfilename", homedir(), "*.age"],
    }[kind];
    return [kdialog, args];
  }
  return null;
}

/** The chosen path, or null when the dialog was cancelled; E_NO_DIALOG when there is no dialog program. */
function ask(kind: Dialog, suggested = homedir()): Promise<string | null> {
  const command = dialogCommand(kind, suggested);
  if (command === null) return Promise.reject(refuse("E_NO_DIALOG"));
  return new Promise((resolve, reject) => {
    execFile(command[0], command[1], { encoding: "utf8" }, (err, stdout) => {
      // Both programs exit with 1 when the user cancels.
      if (err && err.code === 1) resolve(null);
      else if (err) reject(err);
      else resolve(stdout.replace(/\r?\n$/, "") || null);
    });
  });
}

function openWithSystem(target: string): Promise<void> {
  const [command, args]: [string, string[]] =
    process.platform === "darwin" ? ["open", [target]] : process.platform === "win32" ? ["explorer", [target]] : ["xdg-open", [target]];
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { detached: true, stdio: "ignore" });
    child.once("error", reject);
    child.once("spawn", () => {
      child.unref();
      resolve();
    });
  });
}

export function browserHost(version: string): Host {
  const fallbackDir = join(homedir(), "ChatFerry");
  return {
    shell: "browser",
    version,
    lang: () => langFromEnv(),
    chooseInput: (kind) => ask(kind),
    async chooseOutput(purpose, suggestedName) {
      const name = suggestedName ?? "ChatFerry";
      const kind = purpose === "folder" ? "folder" : "save";
      if (dialogCommand(kind, "") !== null) return ask(kind, join(fallbackDir, name));
      await mkdir(fallbackDir, { recursive: true });
      return purpose === "folder" ? fallbackDir : join(fallbackDir, name);
    },
    chooseArchive: () => ask("archive"),
    showInFolder: (path) => openWithSystem(dirname(path)),
    // A tab cannot tell us it closed: the viewer is served until the app stops.
    async openViewer(site) {
      const served = await serveLoopback(site.respond, "chatferry-viewer");
      await openWithSystem(served.url).catch(async (err: unknown) => {
        await served.close();
        throw err;
      });
      return served.close;
    },
    openHelp: (topic) => openWithSystem(HELP_PAGES[topic]),
    // No OS secret store from here: a bot token lasts as long as this server.
    secrets: null,
  };
}
