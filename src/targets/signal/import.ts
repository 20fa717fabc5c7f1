import { rm, stat } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { ChatFerryError } from "../../errors.js";
import { place, tempBeside, writeError } from "../atomic.js";
import type { Person } from "../export/telegram-json.js";
import type { SignalTool } from "./tool.js";

/**
 * A conversation added to a Signal backup by signalbackup-tools, checked before it counts: the
 * result is a new file beside `-o`, never the backup read; the conversation's messages are
 * counted in the backup read and in the new one, and the new one takes its name only when
 * it gained exactly the messages exported.
 */

/** Refuses, before anything is read, an output that is the backup itself, or that exists without `force`. */
export async function checkOutput(backup: string, output: string, force: boolean): Promise<void> {
  const [input, existing] = await Promise.all([stat(backup).catch(() => null), stat(output).catch(() => null)]);
  const same = resolve(backup) === resolve(output) || (input !== null && existing !== null && input.dev === existing.dev && input.ino === existing.ino);
  if (same) throw new ChatFerryError("E_SIGNAL_SAME_FILE", { file: output });
  if (existing !== null && !force) throw new ChatFerryError("E_EXISTS", { file: output });
  const folder = await stat(dirname(resolve(output))).catch(() => null);
  if (!folder?.isDirectory()) throw new ChatFerryError("E_WRITE", { file: output, reason: "ENOENT" });
}

/**
 * The `--mapjsoncontacts` list: each person by from_id (a name could hold the list's `,` or
 * `=`), and the chat's id to the conversation, which the tool otherwise guesses from who is
 * "self". Every person needs a recipient: the tool stops the whole chat at one it cannot map.
 */
export function contactMap(people: readonly Person[], chatId: number, names: ReadonlyMap<string, number>, chat: number): string {
  const known = new Set(people.map((p) => p.name));
  for (const name of names.keys()) {
    if (!known.has(name)) throw new ChatFerryError("E_SIGNAL_UNKNOWN_NAME", { name, names: [...known].join(", ") });
  }
  const missing = [...new Set(people.filter((p) => !names.has(p.name)).map((p) => p.name))];
  if (missing.length > 0) throw new ChatFerryError("E_SIGNAL_UNMAPPED", { names: missing.join(", ") });
  return [...people.map((p) => `${p.id}=${names.get(p.name)!}`), `${chatId}=${chat}`].join(",");
}

export interface ImportPlan {
  tool: SignalTool;
  backup: string;
  /** result.json of the Signal export. */
  json: string;
  mapping: string;
  /** The conversation's recipient id. */
  chat: number;
  output: string;
  force: boolean;
  /** Messages exported: what the conversation must gain. */
  expected: number;
  onStep(step: "counting" | "importing", file: string): void;
}

export interface ImportReport {
  before: number;
  after: number;
}

export async function importIntoBackup(plan: ImportPlan): Promise<ImportReport> {
  const { tool, backup, chat, output } = plan;
  plan.onStep("counting", backup);
  const before = await tool.count(backup, chat);
  const temp = tempBeside(output);
  try {
    plan.onStep("importing", temp);
    await tool.importJson(backup, plan.json, plan.mapping, temp);
    plan.onStep("counting", output);
    const after = await tool.count(temp, chat);
    if (after - before !== plan.expected) throw new ChatFerryError("E_SIGNAL_COUNT", { found: after - before, expected: plan.expected, file: output });
    await place(temp, output, plan.force).catch((err: unknown) => {
      throw writeError(err, output);
    });
    return { before, after };
  } finally {
    await rm(temp, { force: true });
  }
}
