import { rmdir } from "node:fs/promises";
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { ChatFerryError, type ErrorParams } from "../errors.js";
import { systemTimezone, ZoneClock } from "../normalize/time.js";
import { ownFolder } from "../targets/folder.js";
import { NameAllocator, safeName } from "../targets/safe-name.js";
import { VERSION } from "../version.js";
import { archiveKeying, readRecipients, type KeyOptions } from "./archive.js";
import { BATCH_FORMATS, destination, type BatchFormat, type BatchTarget, type Destination } from "./batch-destination.js";
import { BatchLog, rowEvent } from "./batch-log.js";
import { reportFiles, reportTable, writeReport } from "./batch-report.js";
import { Tally, type InputRow } from "./batch-tally.js";
import type { CliContext } from "./context.js";
import { errorLine, knownError } from "./error-line.js";
import { chosenFormat, undecidedDatesFor } from "./export.js";
import { outputFolder } from "./output-folder.js";
import { progressBar } from "./progress.js";
import { readWithProgress, zoneChosenBy, type ReadFlags } from "./read.js";

export interface BatchOptions extends ReadFlags, KeyOptions {
  to: string;
  output: string;
  report?: string;
  log?: string;
  force?: boolean;
}

/** What every input of a run shares. */
interface Run {
  dir: string;
  target: BatchTarget;
  write: Destination;
  flags: ReadFlags;
  /** The zone the times are read in, checked once for the whole run. */
  zone: string;
}

/** One input of the run: where it is, what the report calls it, and the folder it gets in DIR. */
interface Job {
  input: string;
  name: string;
  folder: string;
  n: number;
  total: number;
}

/** A progress label keeps to one terminal line, however long an input's name is. */
const LABEL_NAME = 32;

/**
 * `chatferry batch INPUTS... --to FORMAT -o DIR`: each input read and written into a folder
 * of its own in DIR, one after another, for support staff with fifty exports to move. An
 * input that fails is reported and the next one goes on: the run ends with 0 when every
 * input was written, and E_BATCH_FAILED (4) when some were not.
 */
export async function batchCommand(inputs: string[], options: BatchOptions, ctx: CliContext): Promise<void> {
  const { t, stdout, signal } = ctx;
  const started = new Date();
  // Everything that would fail every input fails the run first, before anything is read.
  const target = await batchTarget(chosenFormat(options.to, BATCH_FORMATS, t), options, ctx);
  const zone = new ZoneClock(options.timezone ?? systemTimezone()).zone;
  const report = options.report === undefined ? undefined : reportFiles(options.report, ctx);
  const dir = await outputFolder(options.output, ctx);
  const log = options.log === undefined ? undefined : await BatchLog.open(options.log);
  const run: Run = { dir, target, write: destination(target, options.force ?? false, ctx), flags: options, zone };
  const names = inputs.map((input) => basename(resolve(input)));
  // The report and the log may be kept in DIR too: no input's folder takes their names.
  const beside = [report?.html, report?.csv, options.log].filter((file): file is string => file !== undefined && resolve(dirname(file)) === resolve(dir));
  const folders = new NameAllocator(beside.map((file) => basename(file)));
  const rows: InputRow[] = [];
  try {
    await log?.write({ event: "start", time: started.toISOString(), version: VERSION, to: target.format, inputs: names });
    for (const [index, input] of inputs.entries()) {
      if (signal.aborted) break;
      const name = names[index]!;
      const job: Job = { input, name, folder: folders.take(name, "input"), n: index + 1, total: inputs.length };
      const row = await writeInput(job, run, ctx);
      rows.push(row);
      stdout.write(`${resultLine(row, job, dir, ctx)}\n`);
      await log?.write(rowEvent(row, job.n));
    }
    await log?.write({ event: "end", time: new Date().toISOString(), inputs: inputs.length, ...totals(rows) });
  } finally {
    await log?.close();
  }
  const { ok } = totals(rows);
  if (report) {
    await writeReport(report, reportTable(rows, { format: target.format, started }, ctx), ctx);
    stdout.write(`${t("batch.report", { ...report })}\n`);
  }
  stdout.write(`${t("batch.done", { ok, total: inputs.length, dir })}\n`);
  if (signal.aborted) throw new ChatFerryError("E_BATCH_INTERRUPTED", { done: rows.length, total: inputs.length });
  if (ok < inputs.length) throw new ChatFerryError("E_BATCH_FAILED", { failed: inputs.length - ok, total: inputs.length });
}

/** The inputs written and failed so far, and what the written ones held. */
function totals(rows: readonly InputRow[]) {
  const written = rows.flatMap((row) => (row.status === "ok" ? [row.facts] : []));
  return {
    ok: written.length,
    failed: rows.length - written.length,
    conversations: written.reduce((n, f) => n + f.conversations, 0),
    messages: written.reduce((n, f) => n + f.messages.out, 0),
  };
}

/** An archive needs a key it can read without asking: fifty prompts are no way to work, and a made-up passphrase would be shown among fifty results. */
async function batchTarget(format: BatchFormat, options: BatchOptions, ctx: CliContext): Promise<BatchTarget> {
  if (format === "archive") return { format, keying: await archiveKeying(await readRecipients(options, ctx), options, ctx, "never") };
  if (options.passphraseFile !== undefined || options.recipient?.length || options.recipientsFile?.length) {
    throw new ChatFerryError("E_USAGE", { detail: ctx.t("usage.keyWithoutArchive") });
  }
  return { format };
}

/** One input, read and written; whatever goes wrong becomes its row, never the run's end. */
async function writeInput(job: Job, { dir, target, write, flags, zone }: Run, ctx: CliContext): Promise<InputRow> {
  const { t, stderr } = ctx;
  const folder = join(dir, job.folder);
  const outputs: string[] = [];
  const shown = relativeTo(dir);
  const label = t("progress.batch", { n: job.n, total: job.total, input: job.name.length > LABEL_NAME ? `${job.name.slice(0, LABEL_NAME - 1)}…` : job.name });
  try {
    const tally = new Tally();
    const read = await readWithProgress([job.input], flags, ctx, undecidedDatesFor(target.format), (bytes) => progressBar(label, bytes, stderr, 0));
    try {
      // Made once the input is known to be an export: a picture among the inputs gets no folder.
      await ownFolder(folder);
      const stem = safeName(job.name.replace(/\.[^.]*$/, ""), "chat");
      const written = await write(tally.watch(read.conversations), folder, stem, (path) => outputs.push(shown(path)));
      return { status: "ok", input: job.name, outputs, facts: tally.facts(written, zone, zoneChosenBy(flags)) };
    } finally {
      read.done();
    }
  } catch (err) {
    // An input that failed before it wrote anything leaves no empty folder; one that wrote keeps what it wrote.
    if (outputs.length === 0) await rmdir(folder).catch(() => undefined);
    const known = knownError(err);
    return { status: "failed", input: job.name, outputs, error: { code: known.code, message: errorLine(withoutPaths(known, job, dir), t) } };
  }
}

function resultLine(row: InputRow, job: Job, dir: string, { t }: CliContext): string {
  const where = { n: job.n, total: job.total, input: row.input };
  if (row.status === "failed") return t("batch.failed", { ...where, message: row.error.message });
  const { conversations, messages, media, warnings } = row.facts;
  return t("batch.ok", {
    ...where,
    conversations,
    messages: messages.out,
    media: media.found,
    warnings: warnings.reduce((n, w) => n + w.count, 0),
    folder: join(dir, job.folder),
  });
}

/** A path in the output folder as the report and the log show it: relative to the folder, with "/" on every system. */
function relativeTo(dir: string): (path: string) => string {
  const root = resolve(dir);
  return (path) => relative(root, resolve(path)).split(sep).join("/");
}

/** The params that name a file or folder. */
const PATH_PARAMS = new Set(["file", "dir", "path"]);

/**
 * The error as the report and the log may say it: a report never names a path the user did
 * not choose to show, so the input is its name, a path in the output folder is relative to
 * it, and any other absolute path is its last part.
 */
function withoutPaths(err: ChatFerryError, job: Job, dir: string): ChatFerryError {
  const root = resolve(dir);
  const input = resolve(job.input);
  const inside = relativeTo(dir);
  const show = (key: string, value: string): string => {
    if (!PATH_PARAMS.has(key)) return value.split(input).join(job.name).split(root + sep).join("");
    const path = resolve(value);
    if (path === input) return job.name;
    if (path.startsWith(root + sep)) return inside(path);
    return isAbsolute(value) ? basename(value) : value;
  };
  const params: ErrorParams = Object.fromEntries(Object.entries(err.params).map(([key, value]) => [key, typeof value === "string" ? show(key, value) : value]));
  return new ChatFerryError(err.code, params, { cause: err });
}
