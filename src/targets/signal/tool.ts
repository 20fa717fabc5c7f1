import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { ChatFerryError } from "../../errors.js";

/**
 * signalbackup-tools run on the user's backup. Its command line is its own (arg/arg.cc): the
 * backup first, its passphrase second, then options. Without a passphrase there it prompts on
 * the terminal (main.h getPassword), which a program cannot answer through a pipe, so the
 * passphrase goes on its command line: the one thing ChatFerry passes that it never shows
 * (every line of the tool's that ChatFerry repeats has it blotted out, since the tool quotes
 * a passphrase it cannot parse). The tool writes everything, errors included, on stdout.
 */

/** Run by its name, the program is looked up on PATH. */
export const SIGNAL_TOOL = "signalbackup-tools";

/** A recipient of the backup, as `--listrecipients` shows one. */
export interface Recipient {
  id: number;
  name: string;
  /** The tool's word: "Individual", "Group (v2)", … */
  type: string;
}

/** Counted under this name, the number is easy to find in the tool's output. */
const COUNT_COLUMN = "chatferry_count";
/** Its words when the passphrase does not decrypt the first frame (filedecryptor/getframe.cc). */
const WRONG_PASSPHRASE = /IT IS LIKELY AN INCORRECT PASSPHRASE/;
const ERROR_LINE = /^\[Error\]:\s*/;

export class SignalTool {
  constructor(
    private readonly program: string,
    private readonly passphrase: string,
    private readonly signal?: AbortSignal,
  ) {}

  /** `--listrecipients`: everyone and every group with the `_id` that mappings take. */
  async recipients(backup: string): Promise<Recipient[]> {
    const table = new TableReader();
    await this.run(backup, ["--listrecipients", "--no-truncate"], (line) => table.read(line));
    return table.recipients;
  }

  /**
   * The messages in the conversation with `recipient` (a contact's or a group's id). Current
   * Signal databases keep messages in `message` and threads by `recipient_id`.
   */
  async count(backup: string, recipient: number): Promise<number> {
    const query = `SELECT COUNT(*) AS ${COUNT_COLUMN} FROM message WHERE thread_id IN (SELECT _id FROM thread WHERE recipient_id = ${recipient})`;
    let count: number | undefined;
    const row = new RegExp(`^\\s*${COUNT_COLUMN} : (\\d+)\\s*$`);
    await this.run(backup, ["--runsqlquery", query, "--querymode", "line"], (line) => {
      const found = row.exec(line);
      if (found) count = Number(found[1]);
    });
    if (count === undefined) throw new ChatFerryError("E_SIGNAL_TOOL", { file: backup, detail: "no message count in its output" });
    return count;
  }

  /** `--importtelegram`: the chat in `json` added to `backup`, written to `output` (which must not exist). */
  async importJson(backup: string, json: string, mapping: string, output: string): Promise<void> {
    await this.run(backup, ["--importtelegram", json, "--mapjsoncontacts", mapping, "-o", output]);
  }

  /** Runs the tool on `backup`, each line of its output to `onLine`; a failure is one clear error. */
  private run(backup: string, options: string[], onLine: (line: string) => void = () => undefined): Promise<void> {
    const args = [backup, this.passphrase, ...options, "--no-showprogress"];
    return new Promise((resolve, reject) => {
      const child = spawn(this.program, args, { stdio: ["ignore", "pipe", "pipe"], signal: this.signal });
      let wrongPassphrase = false;
      let lastError: string | undefined;
      const read = (stream: NodeJS.ReadableStream) =>
        createInterface({ input: stream, crlfDelay: Infinity }).on("line", (raw: string) => {
          const line = raw.split(this.passphrase).join("***");
          if (WRONG_PASSPHRASE.test(line)) wrongPassphrase = true;
          if (ERROR_LINE.test(line)) lastError = line.replace(ERROR_LINE, "");
          onLine(line);
        });
      read(child.stdout);
      read(child.stderr);
      child.on("error", (err: NodeJS.ErrnoException) => {
        if (err.name === "AbortError") reject(new ChatFerryError("E_INTERRUPTED"));
        else if (err.code === "ENOENT" || err.code === "EACCES") reject(new ChatFerryError("E_SIGNAL_NO_TOOL", { tool: this.program }, { cause: err }));
        else reject(new ChatFerryError("E_SIGNAL_TOOL", { file: backup, detail: err.code ?? err.message }, { cause: err }));
      });
      child.on("close", (code) => {
        if (code === 0) resolve();
        else if (wrongPassphrase) reject(new ChatFerryError("E_SIGNAL_PASSPHRASE", { file: backup }));
        else reject(new ChatFerryError("E_SIGNAL_TOOL", { file: backup, detail: lastError ?? `exit status ${code}` }));
      });
    });
  }
}

/**
 * The table `--listrecipients` prints (sqlitedb/prettyprint.cc): a row of column names, then
 * one `| … | … |` row a recipient. Columns differ between database versions, so they are
 * found by name; a `|` inside a name makes a row longer, and the extra cells are the name's.
 */
class TableReader {
  readonly recipients: Recipient[] = [];
  private columns: string[] | null = null;

  read(line: string): void {
    if (!line.startsWith("|")) return;
    const raw = line.trimEnd().replace(/^\||\|$/g, "").split("|");
    const cells = raw.map((c) => c.trim());
    if (this.columns === null) {
      if (cells.includes("_id") && cells.includes("display_name")) this.columns = cells;
      return;
    }
    const nameAt = this.columns.indexOf("display_name");
    const extra = cells.length - this.columns.length;
    if (extra < 0) return;
    const cell = (column: string) => {
      const at = this.columns!.indexOf(column);
      return at < 0 ? "" : cells[at > nameAt ? at + extra : at]!;
    };
    const id = Number(cell("_id"));
    if (!Number.isInteger(id)) return;
    this.recipients.push({ id, name: raw.slice(nameAt, nameAt + extra + 1).join("|").trim(), type: cell("type") });
  }
}
