/**
 * What every IPC channel does, without Electron: validate the input with the
 * channel map, call the core, return a Result. Electron's main process and
 * the loopback server of `npm start`'s fallback both dispatch here, so the
 * tests of one are tests of the other.
 *
 * The renderer never names a path. Main's dialogs (the Host) choose files and
 * this module hands out tokens for them; jobs run on those tokens, with their
 * progress and cancellation by job id. A name the page suggests for a file is
 * made safe here, once, for every host.
 */
import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, dirname, isAbsolute, join } from "node:path";
import { ChatFerryError } from "../src/errors.js";
import { systemTimezone } from "../src/normalize/time.js";
import { isIdentity, isRecipient, type Keying, type Unlock } from "../src/targets/archive/age.js";
import { generatePassphrase, readKeyLines } from "../src/targets/archive/passphrase.js";
import { openAge } from "../src/targets/archive/read.js";
import { ViewerSite } from "../src/targets/archive/site.js";
import { safeName } from "../src/targets/safe-name.js";
import { CHANNELS, type Channel, type HelpTopic } from "./channels.js";
import { channels, type AppError, type AppEvent, type JobResult, type JobSpec, type Output, type Parsed, type Result } from "./ipc.js";
import { BOT_TOKEN } from "../src/targets/telegram/replay/words.js";
import { checkBot, type ReplaySettings } from "./replay.js";
import { readPreview, toAppError, type JobContext, type JobOutput, type PreviewIndex, type ResolvedJob } from "./jobs.js";

/** What differs between Electron and the browser fallback: dialogs, the shell, the locale. */
export interface Host {
  shell: "electron" | "browser";
  version: string;
  lang(): "ko" | "en";
  chooseInput(kind: "file" | "folder"): Promise<string | null>;
  /** A folder for "folder"; a file name to write for "archive", "export" and "sample". */
  chooseOutput(purpose: "folder" | "archive" | "export" | "sample", suggestedName: string | undefined): Promise<string | null>;
  chooseArchive(): Promise<string | null>;
  showInFolder(path: string): Promise<void>;
  /**
   * Shows an archive's viewer: ChatFerry's own page over the archive's data, decrypted on
   * demand, nothing written to disk. The returned function stops showing it (at the app's
   * exit); a host whose viewer the person can close (a window) closes the site then.
   */
  openViewer(site: ViewerSite): Promise<() => Promise<void>>;
  /** Opens a help page (HELP_PAGES) in the user's browser. */
  openHelp(topic: HelpTopic): Promise<void>;
  /** Where a bot token is remembered, encrypted by the OS (Electron's safeStorage); null where there is no such place. */
  secrets: SecretStore | null;
}

export interface SecretStore {
  save(secret: string): Promise<void>;
  load(): Promise<string | null>;
  clear(): Promise<void>;
}

/** Runs a job: in a worker thread in the app (runner.ts), in this thread in unit tests. */
export type Runner = (job: ResolvedJob, ctx: JobContext) => Promise<JobOutput>;

export interface Deps {
  host: Host;
  runner: Runner;
  emit(event: AppEvent): void;
  /** Where replay journals live (stateDir() in the app), and the Bot API server (tests point it at a fake). */
  replay: ReplaySettings;
}

/** A refusal with a code the renderer has a sentence for (hosts throw them too: E_NO_DIALOG). */
class Refusal extends Error {
  constructor(readonly error: AppError) {
    super(error.code);
  }
}
export const refuse = (code: string, params: Record<string, string | number> = {}) => new Refusal({ code, params });

interface Job {
  controller: AbortController;
  done: Promise<Result<JobResult>>;
  /** What the job wrote, once it has: "show in folder" shows the first. */
  files: string[];
}

interface Archive {
  path: string;
  lock: "passphrase" | "recipients";
  /** Kept only for an archive this session wrote, so "open viewer" needs no second typing. */
  unlock?: Unlock;
}

export type Handlers = { [C in Channel]: (input: Parsed<C>) => Promise<Output<C>> };

export interface App {
  handlers: Handlers;
  /** Validates, runs and wraps one call; never throws. */
  dispatch(channel: string, raw: unknown): Promise<Result<unknown>>;
  /** Cancels running jobs, closes the viewers and deletes the app's temporary files (previews). */
  dispose(): Promise<void>;
}

export function createApp({ host, runner, emit, replay }: Deps): App {
  const inputs = new Map<string, string>();
  const outputs = new Map<string, string>();
  const archives = new Map<string, Archive>();
  const jobs = new Map<string, Job>();
  /** The previews of an input's latest check, by conversation id. */
  const previews = new Map<string, Record<string, PreviewIndex>>();
  const viewers: { site: ViewerSite; stop(): Promise<void> }[] = [];
  let temp: Promise<string> | undefined;
  const tempDir = () => (temp ??= mkdtemp(join(tmpdir(), "chatferry-app-")));

  const remember = (map: Map<string, string>, path: string) => {
    const token = randomUUID();
    map.set(token, path);
    return token;
  };
  const lookup = <T>(map: Map<string, T>, token: string): T => {
    const value = map.get(token);
    if (value === undefined) throw refuse("E_GONE");
    return value;
  };
  const inputRef = (path: string) => ({ input: remember(inputs, path), name: basename(path) });

  /** The bot token, in this process only: typed once, or remembered by the OS's secret store. */
  let token: Promise<string | null> | undefined;
  const botToken = () => (token ??= host.secrets ? host.secrets.load().catch(() => null) : Promise.resolve(null));

  async function resolve(spec: JobSpec, jobId: string): Promise<ResolvedJob> {
    if (spec.kind === "replayPlan" || spec.kind === "replay") {
      const job = { input: lookup(inputs, spec.input), timezone: spec.timezone, dateOrder: spec.dateOrder, me: spec.me, chat: spec.chat, pack: spec.pack, lang: spec.lang, settings: replay };
      if (spec.kind === "replayPlan") return { kind: "replayPlan", job };
      const secret = await botToken();
      if (secret === null) throw refuse("E_NEEDS_TOKEN");
      return { kind: "replay", job: { ...job, token: secret } };
    }
    if (spec.kind === "open") {
      const archive = lookup(archives, spec.archive);
      return { kind: "open", archive: archive.path, unlock: await unlockFor(archive, spec) };
    }
    if (spec.kind === "redactPreview") return { kind: "redactPreview", input: lookup(inputs, spec.input) };
    if (spec.kind === "redact") return { kind: "redact", input: lookup(inputs, spec.input), path: lookup(outputs, spec.output) };
    const input = lookup(inputs, spec.input);
    const reading = { timezone: spec.timezone, dateOrder: spec.dateOrder, me: spec.me };
    switch (spec.kind) {
      case "check":
        return { kind: "check", input, ...reading, previewDir: join(await tempDir(), "preview", jobId) };
      case "package":
        return { kind: "package", input, ...reading, meAs: spec.meAs, dir: lookup(outputs, spec.output) };
      case "export":
        return { kind: "export", input, ...reading, format: spec.format, path: lookup(outputs, spec.output) };
      case "signal":
        return { kind: "signal", input, ...reading, lang: spec.lang, path: lookup(outputs, spec.output) };
      case "archive":
        return { kind: "archive", input, ...reading, path: lookup(outputs, spec.output), keying: keyingFor(spec.key), update: updateFor(spec), chatferry: host.version };
    }
  }

  function keyingFor(key: Extract<JobSpec, { kind: "archive" }>["key"]): Keying {
    if ("passphrase" in key) return { passphrase: key.passphrase };
    const recipients = key.recipients.map((r) => r.trim()).filter((r) => r !== "");
    // A public key is no secret: naming the bad one helps.
    const bad = recipients.find((r) => !isRecipient(r));
    if (bad !== undefined || recipients.length === 0) throw refuse("E_RECIPIENT", { recipient: bad ?? "" });
    return { recipients };
  }

  /** The archive an update adds to; only a passphrase one, whose passphrase the user just typed (recipients' archives: the CLI). */
  function updateFor(spec: Extract<JobSpec, { kind: "archive" }>): string | undefined {
    if (spec.update === undefined) return undefined;
    const archive = lookup(archives, spec.update);
    if (archive.lock !== "passphrase" || !("passphrase" in spec.key)) throw refuse("E_UPDATE_RECIPIENTS");
    return archive.path;
  }

  async function unlockFor(archive: Archive, spec: Extract<JobSpec, { kind: "open" }>): Promise<Unlock> {
    if (spec.passphrase !== undefined) return { passphrase: spec.passphrase };
    if (archive.unlock) return archive.unlock;
    if (spec.identity !== undefined) {
      const file = lookup(inputs, spec.identity);
      const lines = await readKeyLines(file);
      // The error names the file, never a line of it: those are secret keys.
      if (lines.length === 0 || !lines.every(isIdentity)) throw new ChatFerryError("E_IDENTITY_FILE", { file: basename(file) });
      return { identities: lines };
    }
    throw refuse(archive.lock === "passphrase" ? "E_NEEDS_PASSPHRASE" : "E_NEEDS_IDENTITY");
  }

  /** After a job: register what it made, open what the user asked to see. */
  async function finish(jobId: string, spec: JobSpec, job: ResolvedJob, output: JobOutput, files: string[]): Promise<JobResult> {
    const { result } = output;
    if (result.kind === "check" && spec.kind === "check") {
      // A new check (another time zone) replaces the previous one's preview files.
      const old = previews.get(spec.input);
      previews.set(spec.input, output.previews ?? {});
      for (const index of Object.values(old ?? {})) await rm(dirname(index.file), { recursive: true, force: true });
    }
    if ("files" in result) files.push(...result.files);
    if (result.kind === "archive" && spec.kind === "archive" && "passphrase" in spec.key) {
      archives.set(jobId, { path: result.files[0]!, lock: "passphrase", unlock: { passphrase: spec.key.passphrase } });
    }
    if (result.kind === "open" && job.kind === "open") {
      // The job checked every byte; the viewer reads the archive again, decrypting what it shows as it shows it.
      const site = await ViewerSite.openFile(job.archive, job.unlock);
      try {
        viewers.push({ site, stop: await host.openViewer(site) });
      } catch (err) {
        await site.close();
        throw err;
      }
    }
    return result;
  }

  const handlers: Handlers = {
    async appInfo() {
      const remembered = host.secrets !== null && (await botToken()) !== null;
      return { lang: host.lang(), timezone: systemTimezone(), version: host.version, shell: host.shell, canRemember: host.secrets !== null, botRemembered: remembered };
    },
    async chooseInput({ kind }) {
      const path = await host.chooseInput(kind);
      return path === null ? null : inputRef(path);
    },
    async dropInput({ path }) {
      if (!isAbsolute(path)) throw refuse("E_INPUT", { issue: "path" });
      return inputRef(path);
    },
    async previewPage({ input, conversation, from, count }) {
      const index = lookup(previews, input)[conversation];
      if (!index) throw refuse("E_GONE");
      return { messages: await readPreview(index, from, count) };
    },
    async chooseOutput({ purpose, suggestedName }) {
      // The page suggests a name, never a path: `../../x`, `..\x` or `CON` become one plain file name.
      const path = await host.chooseOutput(purpose, suggestedName === undefined ? undefined : safeName(suggestedName, "ChatFerry"));
      return path === null ? null : { output: remember(outputs, path), path };
    },
    async generatePassphrase() {
      return { passphrase: generatePassphrase() };
    },
    async startJob(spec) {
      const jobId = randomUUID();
      const resolved = await resolve(spec, jobId);
      const controller = new AbortController();
      const files: string[] = [];
      const ctx: JobContext = { signal: controller.signal, progress: (update) => emit({ type: "progress", jobId, ...update }) };
      const done = runner(resolved, ctx).then(
        async (output): Promise<Result<JobResult>> => ({ ok: true, value: await finish(jobId, spec, resolved, output, files) }),
        (err: unknown): Result<JobResult> => ({ ok: false, error: toAppError(err) }),
      );
      jobs.set(jobId, { controller, done, files });
      return { jobId };
    },
    async waitJob({ jobId }) {
      const result = await lookup(jobs, jobId).done;
      if (!result.ok) throw new Refusal(result.error);
      return result.value;
    },
    async cancelJob({ jobId }) {
      const job = lookup(jobs, jobId);
      const running = !job.controller.signal.aborted;
      job.controller.abort();
      return { cancelled: running };
    },
    async showInFolder({ jobId }) {
      const file = lookup(jobs, jobId).files[0];
      if (file === undefined) throw refuse("E_GONE");
      await host.showInFolder(file);
      return {};
    },
    async chooseArchive() {
      const path = await host.chooseArchive();
      if (path === null) return null;
      const age = await openAge(path);
      const lock = age.stanzaTypes.includes("scrypt") ? "passphrase" : "recipients";
      await age.close();
      const token = randomUUID();
      archives.set(token, { path, lock });
      return { archive: token, name: basename(path), lock };
    },
    async setBotToken({ token: typed, remember }) {
      const secret = typed.trim();
      // The message names no token: it is a secret even when mistyped.
      if (!BOT_TOKEN.test(secret)) throw new ChatFerryError("E_TELEGRAM_TOKEN", { source: "" });
      token = Promise.resolve(secret);
      if (remember && host.secrets) await host.secrets.save(secret);
      else await host.secrets?.clear();
      return { remembered: remember && host.secrets !== null };
    },
    async forgetBotToken() {
      token = Promise.resolve(null);
      await host.secrets?.clear();
      return {};
    },
    async testBot({ chat }) {
      const secret = await botToken();
      if (secret === null) throw refuse("E_NEEDS_TOKEN");
      return checkBot(secret, chat, replay);
    },
    async openHelp({ topic }) {
      await host.openHelp(topic);
      return {};
    },
  };

  async function dispatch(channel: string, raw: unknown): Promise<Result<unknown>> {
    if (!(CHANNELS as readonly string[]).includes(channel)) return { ok: false, error: { code: "E_CHANNEL", params: { channel } } };
    const c = channel as Channel;
    const input = channels[c].input.safeParse(raw);
    if (!input.success) {
      const issue = input.error.issues[0];
      return { ok: false, error: { code: "E_INPUT", params: { channel, issue: issue ? `${issue.path.join(".")}: ${issue.message}` : "" } } };
    }
    try {
      const value = await (handlers[c] as (input: unknown) => Promise<unknown>)(input.data);
      const output = channels[c].output.safeParse(value);
      if (!output.success) return { ok: false, error: { code: "E_INTERNAL", params: { reason: `${channel} returned an unexpected shape` } } };
      return { ok: true, value: output.data };
    } catch (err) {
      return { ok: false, error: err instanceof Refusal ? err.error : toAppError(err) };
    }
  }

  async function dispose(): Promise<void> {
    for (const job of jobs.values()) job.controller.abort();
    await Promise.all([...jobs.values()].map((job) => job.done));
    for (const { site, stop } of viewers.splice(0)) await stop().finally(() => site.close());
    if (temp) await rm(await temp, { recursive: true, force: true });
  }

  return { handlers, dispatch, dispose };
}
