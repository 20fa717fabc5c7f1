import { createHash } from "node:crypto";
import { mkdir, open, readdir, readFile, rm, writeFile, type FileHandle } from "node:fs/promises";
import { homedir } from "node:os";
import { dirname, join } from "node:path";
import { ChatFerryError } from "../../../errors.js";
import { syncDir, writeError } from "../../atomic.js";

/**
 * The replay's memory across crashes: one append-only file of JSON lines per
 * (conversation, chat), each line fsync'd before the next step is taken.
 *
 *   plan      the plan's digest and size, written once: "planned"; with the chat,
 *             and what earlier replays into it had sent (see Prior)
 *   sending   an attempt at item n is about to go out, with the match
 *             digests of the messages it finishes
 *   sent      Telegram answered with these message ids
 *   unsent    the attempt certainly did not arrive (429, refused connection, 401/403)
 *   uncertain it may have arrived (timeout, 5xx, dropped connection)
 *   failed    Telegram refused the item for good (400); the run goes on
 *
 * Items go out in order, so the state is small: the first unfinished item,
 * and the few items that failed or were uncertain. A `sending` with nothing
 * after it is an attempt cut off by a crash: uncertain, like a timeout.
 * The file holds no message text, only numbers, digests and Telegram's
 * error descriptions.
 */

/**
 * What other journals of the same chat record, as match digests (one per
 * message, repeated as often as it was sent): `sent` is in the chat; `maybe`
 * was being sent when its run stopped without an answer. A newer export's
 * replay skips the first and sends the second again, reporting it as possibly
 * duplicated. Frozen into the journal when it is made, so that every rerun
 * plans the same items.
 */
export interface Prior {
  sent: string[];
  maybe: string[];
}

export type JournalRecord =
  | ({ t: "plan"; v: 1 } & PlanRecord)
  | { t: "sending"; n: number; ends?: string[] }
  | { t: "sent"; n: number; ids: number[]; refs?: Record<string, number> }
  | { t: "unsent"; n: number }
  | { t: "uncertain"; n: number }
  | { t: "failed"; n: number; reason: string };

export interface PlanRecord {
  digest: string;
  items: number;
  chat?: string;
  prior?: Prior;
}

export class JournalState {
  plan: PlanRecord | null = null;
  /** Every item before this one is finished: sent or failed. */
  next = 0;
  sent = 0;
  readonly failed = new Map<number, string>();
  /** Item → attempts that may have arrived; each may have left one copy in the chat. */
  readonly uncertain = new Map<number, number>();
  /** Source message id → Telegram message id, for the messages replies point to. */
  readonly refs = new Map<string, number>();
  /** Match digests of every message whose last part was sent. */
  readonly delivered: string[] = [];
  private pending: number | null = null;
  /** The latest attempt, with the messages it would finish. */
  private attempt: { n: number; ends: string[] } | null = null;

  apply(record: JournalRecord): void {
    switch (record.t) {
      case "plan": {
        const { t: _t, v: _v, ...plan } = record;
        this.plan = plan;
        return;
      }
      case "sending":
        if (this.pending !== null) this.countUncertain(this.pending);
        this.pending = record.n;
        this.attempt = { n: record.n, ends: record.ends ?? [] };
        return;
      case "sent":
        this.pending = null;
        this.sent++;
        if (this.attempt?.n === record.n) this.delivered.push(...this.attempt.ends);
        this.next = record.n + 1;
        for (const [id, messageId] of Object.entries(record.refs ?? {})) this.refs.set(id, messageId);
        return;
      case "failed":
        this.pending = null;
        this.failed.set(record.n, record.reason);
        this.next = record.n + 1;
        return;
      case "unsent":
        this.pending = null;
        return;
      case "uncertain":
        this.pending = null;
        this.countUncertain(record.n);
    }
  }

  /** At the end of a journal read: an attempt that never got an answer was cut off mid-flight. */
  settle(): void {
    if (this.pending !== null) this.countUncertain(this.pending);
    this.pending = null;
  }

  /** The messages of an item that may have arrived and was never confirmed: the one the run stopped on. */
  get unconfirmed(): string[] {
    return this.attempt !== null && this.attempt.n === this.next && this.uncertain.has(this.next) ? this.attempt.ends : [];
  }

  get uncertainSends(): number {
    let total = 0;
    for (const count of this.uncertain.values()) total += count;
    return total;
  }

  private countUncertain(n: number): void {
    this.uncertain.set(n, (this.uncertain.get(n) ?? 0) + 1);
  }
}

type Env = Record<string, string | undefined>;

/** The user's state folder (XDG on Linux, LocalAppData on Windows, Application Support on macOS); tests set CHATFERRY_STATE_DIR. */
export function stateDir(env: Env = process.env, platform: NodeJS.Platform = process.platform, home = homedir()): string {
  if (env.CHATFERRY_STATE_DIR) return env.CHATFERRY_STATE_DIR;
  if (platform === "win32") return join(env.LOCALAPPDATA ?? join(home, "AppData", "Local"), "ChatFerry");
  if (platform === "darwin") return join(home, "Library", "Application Support", "ChatFerry");
  return join(env.XDG_STATE_HOME || join(home, ".local", "state"), "chatferry");
}

/** One journal per conversation (its stable id) and destination chat. */
export function journalPath(state: string, conversationId: string, chat: string): string {
  const key = createHash("sha256").update(`${conversationId}\0${chat}`).digest("hex").slice(0, 24);
  return join(state, "telegram-replay", `${key}.jsonl`);
}

function damaged(path: string, line: number): ChatFerryError {
  return new ChatFerryError("E_TELEGRAM_JOURNAL", { file: path, line });
}

/**
 * Reads a journal line by line. A last line cut short (power lost mid-write)
 * is dropped and its length returned, so the writer can cut it off; a bad
 * line anywhere else means the file was damaged or edited.
 */
async function load(path: string, state: JournalState): Promise<{ size: number; good: number } | null> {
  let handle: FileHandle;
  try {
    handle = await open(path, "r");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw writeError(err, path);
  }
  try {
    const decoder = new TextDecoder();
    let carry = "";
    let good = 0;
    let size = 0;
    let line = 0;
    const buffer = Buffer.alloc(64 * 1024);
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, size);
      if (bytesRead === 0) break;
      size += bytesRead;
      carry += decoder.decode(buffer.subarray(0, bytesRead), { stream: true });
      let end: number;
      while ((end = carry.indexOf("\n")) >= 0) {
        const text = carry.slice(0, end);
        carry = carry.slice(end + 1);
        line++;
        const record = parse(text);
        if (record === null) throw damaged(path, line);
        state.apply(record);
        good += Buffer.byteLength(text) + 1;
      }
    }
    // Whatever follows the last line break was being written when the process died.
    state.settle();
    return { size, good };
  } finally {
    await handle.close();
  }
}

function parse(text: string): JournalRecord | null {
  try {
    const record = JSON.parse(text) as JournalRecord;
    return typeof record === "object" && record !== null && typeof record.t === "string" ? record : null;
  } catch {
    return null;
  }
}

/**
 * What the other journals of `chat` in this state folder record (journals
 * from before chats were recorded are not found). Each journal holds only
 * what its own run sent, so their sum counts every copy once.
 */
export async function priorSends(state: string, chat: string, except: string): Promise<Prior> {
  const dir = join(state, "telegram-replay");
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return { sent: [], maybe: [] };
    throw writeError(err, dir);
  }
  const prior: Prior = { sent: [], maybe: [] };
  for (const name of names.sort()) {
    const path = join(dir, name);
    if (!name.endsWith(".jsonl") || path === except) continue;
    const journal = await peekJournal(path);
    if (journal?.plan?.chat !== chat) continue;
    prior.sent.push(...journal.delivered);
    prior.maybe.push(...journal.unconfirmed);
  }
  return prior;
}

/** The journal as it stands, without taking it over: what --dry-run reports as done. */
export async function peekJournal(path: string): Promise<JournalState | null> {
  const state = new JournalState();
  return (await load(path, state)) === null ? null : state;
}

export class Journal {
  private constructor(
    readonly path: string,
    readonly state: JournalState,
    private readonly handle: FileHandle,
    private readonly release: () => Promise<void>,
  ) {}

  /**
   * Takes the journal for `plan` (creating it, or checking that it was made
   * for the same plan), with a lock so that two replays never send the same
   * items at once.
   */
  static async open(path: string, plan: PlanRecord): Promise<Journal> {
    const dir = dirname(path);
    try {
      await mkdir(dir, { recursive: true, mode: 0o700 });
    } catch (err) {
      throw writeError(err, dir);
    }
    const release = await lock(`${path}.lock`);
    try {
      const state = new JournalState();
      const loaded = await load(path, state);
      if (state.plan !== null && state.plan.digest !== plan.digest) throw new ChatFerryError("E_TELEGRAM_CHANGED", { file: path });
      let handle: FileHandle;
      try {
        handle = await open(path, "a", 0o600);
        if (loaded && loaded.good < loaded.size) await handle.truncate(loaded.good);
      } catch (err) {
        throw writeError(err, path);
      }
      const journal = new Journal(path, state, handle, release);
      if (state.plan === null) {
        if (loaded === null) await syncDir(dir);
        await journal.append({ t: "plan", v: 1, ...plan });
      }
      return journal;
    } catch (err) {
      await release();
      throw err;
    }
  }

  /** Written and on disk before it returns; then it counts. */
  async append(record: JournalRecord): Promise<void> {
    try {
      await this.handle.write(`${JSON.stringify(record)}\n`);
      await this.handle.sync();
    } catch (err) {
      throw writeError(err, this.path);
    }
    this.state.apply(record);
  }

  async close(): Promise<void> {
    await this.handle.close().catch(() => undefined);
    await this.release();
  }
}

/**
 * A lock file naming the process that holds it. One left by a process that
 * no longer runs (killed, crashed) is taken over.
 */
async function lock(path: string): Promise<() => Promise<void>> {
  for (let tries = 0; ; tries++) {
    try {
      await writeFile(path, String(process.pid), { flag: "wx", mode: 0o600 });
      return () => rm(path, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw writeError(err, path);
    }
    const pid = Number((await readFile(path, "utf8").catch(() => "")).trim());
    if (tries === 0 && !(Number.isInteger(pid) && pid > 0 && alive(pid))) {
      await rm(path, { force: true });
      continue;
    }
    throw new ChatFerryError("E_TELEGRAM_BUSY", { pid: Number.isInteger(pid) ? pid : "?", file: path });
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it runs, under another user.
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

