/**
 * The long work of the app, as plain calls into the core: check an input,
 * write a Telegram import package, an export, an archive, or check one before it is viewed.
 * It runs in a worker thread (job-worker.ts) so the main process stays
 * responsive; tests call it directly. Paths here are real ones: the handlers
 * turned the renderer's tokens into paths before a job starts.
 */
import { createReadStream } from "node:fs";
import { mkdir, open, type FileHandle } from "node:fs/promises";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { ChatFerryError } from "../src/errors.js";
import { previewRedacted, redactInput, refuseOutput } from "../src/redact/sample.js";
import { drain, inspect, readConversations, readInspected, type Conversation, type ReadOptions } from "../src/pipeline.js";
import { clockOf } from "../src/sources/index.js";
import type { CountedSummary } from "../src/normalize/summary.js";
import type { DateOrder, Message, Summary, Warning } from "../src/schema/index.js";
import type { Keying, Unlock } from "../src/targets/archive/age.js";
import { verifyArchive } from "../src/targets/archive/read.js";
import { updateArchive } from "../src/targets/archive/update.js";
import { writeArchive, type ArchiveResult } from "../src/targets/archive/write.js";
import { writeJson, writeNdjson } from "../src/targets/export/ndjson.js";
import { writeCsv, writeTxt } from "../src/targets/export/table.js";
import { writeTelegramJson } from "../src/targets/export/telegram-json.js";
import { translator } from "../src/i18n/index.js";
import { newFolder } from "../src/targets/folder.js";
import { writeSignalExport } from "../src/targets/signal/export.js";
import { NameAllocator } from "../src/targets/safe-name.js";
import { fileSink, writeBytesTo } from "../src/targets/sink.js";
import { writeImportPackage, type PackageResult } from "../src/targets/telegram/package.js";
import {
  GUESSES_SHOWN,
  PREVIEW_TEXT,
  SAMPLE_PREVIEW_LINES,
  WARNINGS_SHOWN,
  type AppError,
  type CheckedConversation,
  type ExportFormat,
  type JobProgress,
  type JobResult,
  type PreviewMessage,
  type Report,
} from "./ipc.js";
import { planJob, replayJob, type ReplayJob } from "./replay.js";

/** How a job reads its input: the zone of its times, and the date order the user chose (absent: from the file). */
export interface Reading {
  timezone: string;
  dateOrder?: DateOrder;
  /** Which participant the user is, where the export does not say. */
  me?: string;
}

/**
 * The pipeline's options for a job. What cannot be undone (a Telegram import, a replay) refuses
 * a date order only the phone's language decided; the check step asks the user before that.
 */
export function readOptions({ timezone, dateOrder, me }: Reading, undecided: "assume" | "refuse", ctx: JobContext): ReadOptions {
  return { timezone, dateOrder, me, undecidedDates: undecided, signal: ctx.signal };
}

/** A job with the renderer's tokens replaced by paths and secrets (all of it stays in main). */
export type ResolvedJob =
  | ({ kind: "check"; input: string; previewDir: string } & Reading)
  | ({ kind: "package"; input: string; dir: string; meAs?: string } & Reading)
  | ({ kind: "export"; input: string; format: ExportFormat; path: string } & Reading)
  | ({ kind: "signal"; input: string; path: string; lang: "ko" | "en" } & Reading)
  | ({ kind: "archive"; input: string; path: string; keying: Keying; update?: string; chatferry: string } & Reading)
  | { kind: "open"; archive: string; unlock: Unlock }
  | { kind: "replayPlan"; job: ReplayJob }
  | { kind: "replay"; job: ReplayJob & { token: string } }
  | { kind: "redactPreview"; input: string }
  | { kind: "redact"; input: string; path: string };

/** Where a conversation's preview lies on disk: every PREVIEW_BLOCK-th message's byte offset. */
export interface PreviewIndex {
  file: string;
  offsets: number[];
  count: number;
}
export const PREVIEW_BLOCK = 256;

export interface JobOutput {
  result: JobResult;
  /** For a check: the preview of each conversation, by id. */
  previews?: Record<string, PreviewIndex>;
}

export type ProgressUpdate = Omit<JobProgress, "type" | "jobId">;

export interface JobContext {
  signal: AbortSignal;
  progress(update: ProgressUpdate): void;
}

const MISSING_EXAMPLES = 5;
/** Progress at most this often: a million messages must not mean a million IPC messages. */
const PROGRESS_MS = 100;

export async function runJob(job: ResolvedJob, ctx: JobContext): Promise<JobOutput> {
  switch (job.kind) {
    case "check":
      return check(job, ctx);
    case "package":
      return writePackage(job, ctx);
    case "export":
      return writeExport(job, ctx);
    case "signal":
      return writeSignal(job, ctx);
    case "archive":
      return writeArchiveJob(job, ctx);
    case "open":
      return checkArchive(job);
    case "replayPlan":
      return { result: await planJob(job.job, ctx) };
    case "replay":
      return { result: await replayJob(job.job, ctx) };
    case "redactPreview":
      return { result: { kind: "redactPreview", ...(await previewRedacted(job.input, SAMPLE_PREVIEW_LINES, { signal: ctx.signal })) } };
    case "redact":
      return writeSample(job, ctx);
  }
}

/** Errors as data for the renderer: the core's code and parameters, or E_INTERNAL with the reason. */
export function toAppError(err: unknown): AppError {
  if (err instanceof ChatFerryError) return { code: err.code, params: { ...err.params } };
  return { code: "E_INTERNAL", params: { reason: err instanceof Error ? err.message : String(err) } };
}

/** What a job learns while messages go by: counts for the report and the progress bar. */
class Tally {
  messages = 0;
  found = 0;
  missing = 0;
  readonly missingExamples: string[] = [];
  warnings = 0;
  conversations = 0;
  private bytes = { done: 0, total: 0 };
  private last = 0;

  constructor(private readonly ctx: JobContext) {}

  onBytes = ({ done, total }: { done: number; total: number }): void => {
    this.bytes = { done, total };
    this.tick();
  };

  add(batch: readonly Message[]): void {
    this.messages += batch.length;
    for (const message of batch) {
      for (const a of message.attachments ?? []) {
        if (a.media !== undefined) this.found++;
        else {
          this.missing++;
          if (a.name !== undefined && this.missingExamples.length < MISSING_EXAMPLES) this.missingExamples.push(a.name);
        }
      }
    }
    this.tick();
  }

  finish(summary: Summary): void {
    this.conversations++;
    this.warnings += countWarnings(summary.warnings);
  }

  report(written: number, checkedBy: Report["checkedBy"], mediaCopied: number): Report {
    return {
      conversations: this.conversations,
      read: this.messages,
      written,
      checkedBy,
      mediaCopied,
      mediaMissing: this.missing,
      missingExamples: this.missingExamples,
      warnings: this.warnings,
    };
  }

  private tick(): void {
    const now = Date.now();
    if (now - this.last < PROGRESS_MS) return;
    this.last = now;
    this.ctx.progress({ phase: "read", done: this.bytes.done, total: this.bytes.total, messages: this.messages });
  }

  /** The conversations of an input, each one's messages counted as they pass. */
  async *read(input: string, reading: Reading, undecided: "assume" | "refuse" = "assume"): AsyncGenerator<Conversation> {
    for await (const conversation of readConversations(input, { ...readOptions(reading, undecided, this.ctx), onProgress: this.onBytes })) {
      yield { ...conversation, messages: this.counted(conversation.messages) };
    }
  }

  async *counted(messages: Conversation["messages"]): Conversation["messages"] {
    for (;;) {
      const next = await messages.next();
      if (next.done) {
        this.finish(next.value);
        return next.value;
      }
      this.add(next.value);
      yield next.value;
    }
  }
}

function countWarnings(warnings: readonly Warning[]): number {
  return warnings.reduce((n, w) => n + (w.code === "more-warnings" ? (w.count ?? 0) : 1), 0);
}

async function check(job: Extract<ResolvedJob, { kind: "check" }>, ctx: JobContext): Promise<JobOutput> {
  const inspection = await inspect(job.input);
  const input = { name: inspection.container.name, container: inspection.container.kind };
  const tally = new Tally(ctx);
  const conversations: CheckedConversation[] = [];
  const previews: Record<string, PreviewIndex> = {};
  await mkdir(job.previewDir, { recursive: true, mode: 0o700 });
  const read = readInspected(inspection, { ...readOptions(job, "assume", ctx), onProgress: tally.onBytes });
  for await (const conversation of read) {
    const { header } = conversation;
    const before = { found: tally.found, missing: tally.missing };
    const file = join(job.previewDir, `${header.id}.ndjson`);
    const out = await open(file, "w", 0o600);
    let summary: CountedSummary;
    const offsets: number[] = [];
    const sample = new DateSample();
    try {
      summary = await writePreview(conversation, out, offsets, tally, sample);
    } finally {
      await out.close();
    }
    tally.finish(summary);
    previews[header.id] = { file, offsets, count: summary.messages };
    conversations.push({
      id: header.id,
      title: header.title,
      platform: header.source.platform,
      variant: header.source.variant,
      encoding: header.source.encoding,
      clock: clockOf(header.source.platform),
      files: header.source.files,
      exportedAt: header.source.exportedAt,
      timezone: header.timezone,
      messages: summary.messages,
      participants: summary.participants,
      ...(summary.kind === undefined ? {} : { kind: summary.kind }),
      ...(summary.self === undefined ? {} : { self: summary.self }),
      first: summary.first,
      last: summary.last,
      media: { found: tally.found - before.found, missing: tally.missing - before.missing, byType: summary.media },
      warnings: summary.warnings.slice(0, WARNINGS_SHOWN),
      warningCount: countWarnings(summary.warnings),
      ...guesses(summary, sample),
      activity: summary.activity,
      findings: summary.findings,
    });
  }
  return { result: { kind: "check", input, dateOrder: job.dateOrder ?? null, conversations }, previews };
}

/** What reading had to guess at, for the check step to show (and, for the date order, to ask). */
function guesses({ warnings, dateOrder }: Summary, sample: DateSample): Pick<CheckedConversation, "dateOrder" | "dateSample" | "unread" | "placeholders"> {
  const unread = warnings.filter((w) => w.code === "unread-line");
  const placeholders = warnings.filter((w) => w.code === "unknown-placeholder");
  return {
    ...(dateOrder === undefined ? {} : { dateOrder }),
    // The question is asked when the export leaves the order open, and stays to be changed once answered.
    ...(dateOrder?.by === "locale" || dateOrder?.by === "option" ? { dateSample: sample.pick(dateOrder.order) } : {}),
    unread: { count: unread.length, lines: unread.slice(0, GUESSES_SHOWN).map((w) => ({ line: w.line ?? 0, text: w.text ?? "" })) },
    placeholders: placeholders.slice(0, GUESSES_SHOWN).map((w) => ({ text: w.text ?? "", count: w.count ?? 0, line: w.line ?? 0 })),
  };
}

/**
 * The message the date-order question shows: the first whose written date another order
 * reads differently, preferably one a person wrote (they may remember it). Day and month
 * swap between dmy and mdy, so a date with both equal (1/1, 2/2) reads the same either way;
 * a year-first date always changes.
 */
class DateSample {
  private swappedSaid: PreviewMessage | null = null;
  private swapped: PreviewMessage | null = null;
  private anySaid: PreviewMessage | null = null;
  private any: PreviewMessage | null = null;

  add(message: Message): void {
    if (this.swappedSaid !== null) return;
    const said = message.sender !== null;
    // The ISO time's date is the wall date in the chat's zone: "2024-03-04T…".
    const swaps = message.time.slice(5, 7) !== message.time.slice(8, 10);
    if (swaps && said) this.swappedSaid = previewOf(message);
    if (swaps) this.swapped ??= previewOf(message);
    if (said) this.anySaid ??= previewOf(message);
    this.any ??= previewOf(message);
  }

  pick(order: DateOrder): PreviewMessage | null {
    return order === "ymd" ? (this.anySaid ?? this.any) : (this.swappedSaid ?? this.swapped);
  }
}

/** One preview record a line; the byte offset of every PREVIEW_BLOCK-th line goes into `offsets`. */
async function writePreview<S extends Summary>(conversation: Conversation<S>, out: FileHandle, offsets: number[], tally: Tally, sample: DateSample): Promise<S> {
  let seq = 0;
  let position = 0;
  return drain(conversation, async (batch) => {
    tally.add(batch);
    let text = "";
    for (const message of batch) {
      sample.add(message);
      if (seq++ % PREVIEW_BLOCK === 0) offsets.push(position + Buffer.byteLength(text));
      text += JSON.stringify(previewOf(message)) + "\n";
    }
    position += Buffer.byteLength(text);
    await out.write(text);
  });
}

function previewOf(m: Message): PreviewMessage {
  return {
    seq: m.seq,
    time: m.time,
    sender: m.sender,
    kind: m.kind,
    text: m.text.length > PREVIEW_TEXT ? `${m.text.slice(0, PREVIEW_TEXT)}…` : m.text,
    attachments: (m.attachments ?? []).map((a) => ({ type: a.type, ...(a.name === undefined ? {} : { name: a.name }), found: a.media !== undefined })),
    ...(m.forwardedFrom === undefined ? {} : { forwardedFrom: m.forwardedFrom }),
    ...(m.call === undefined ? {} : { call: m.call }),
    line: m.source.line,
  };
}

/** Messages `from` to `from + count` of a preview, reading only the blocks that hold them. */
export async function readPreview(index: PreviewIndex, from: number, count: number): Promise<PreviewMessage[]> {
  if (from >= index.count) return [];
  const block = Math.floor(from / PREVIEW_BLOCK);
  const endBlock = Math.ceil(Math.min(index.count, from + count) / PREVIEW_BLOCK);
  const start = index.offsets[block]!;
  const end = index.offsets[endBlock];
  const lines = createInterface({ input: createReadStream(index.file, { start, ...(end === undefined ? {} : { end: end - 1 }) }) });
  const messages: PreviewMessage[] = [];
  let seq = block * PREVIEW_BLOCK;
  for await (const line of lines) {
    if (seq >= from && seq < from + count) messages.push(JSON.parse(line) as PreviewMessage);
    seq++;
  }
  return messages;
}

async function writePackage(job: Extract<ResolvedJob, { kind: "package" }>, ctx: JobContext): Promise<JobOutput> {
  const tally = new Tally(ctx);
  const files: string[] = [];
  let written = 0;
  let media = 0;
  const names = new NameAllocator();
  const seenAs: PackageResult["seenAs"][] = [];
  for await (const conversation of tally.read(job.input, job, "refuse")) {
    const result = await writeImportPackage(conversation, job.dir, { signal: ctx.signal, names, meAs: job.meAs });
    files.push(result.zip, result.txt);
    seenAs.push(result.seenAs);
    written += result.messages;
    media += result.media;
  }
  return { result: { kind: "package", files, seenAs, report: tally.report(written, "writer", media) } };
}

const STREAM_FORMATS = { json: writeJson, ndjson: writeNdjson, csv: writeCsv, txt: writeTxt } as const;

async function writeExport(job: Extract<ResolvedJob, { kind: "export" }>, ctx: JobContext): Promise<JobOutput> {
  const tally = new Tally(ctx);
  if (job.format === "telegram-json") return writeTelegramFolders(job, tally, ctx);
  const sink = await fileSink(job.path);
  let summaries: Summary[];
  try {
    summaries = await STREAM_FORMATS[job.format](tally.read(job.input, job), sink);
    await sink.commit();
  } catch (err) {
    await sink.abort();
    throw err;
  }
  const written = summaries.reduce((n, s) => n + s.messages, 0);
  // NDJSON is ChatFerry's own form: reading it back is cheap and exact.
  if (job.format === "ndjson") {
    ctx.progress({ phase: "verify", done: 0, total: 0, messages: tally.messages });
    return { result: { kind: "export", files: [job.path], report: tally.report(await countNdjsonMessages(job.path), "readBack", 0) } };
  }
  return { result: { kind: "export", files: [job.path], report: tally.report(written, "writer", 0) } };
}

/** One Telegram Desktop export folder per conversation, each read back with ChatFerry's Telegram reader. */
async function writeTelegramFolders(job: Extract<ResolvedJob, { kind: "export" }>, tally: Tally, ctx: JobContext): Promise<JobOutput> {
  const files: string[] = [];
  let media = 0;
  for await (const conversation of tally.read(job.input, job)) {
    // A new folder each time, as Telegram Desktop makes one per export: never an older one, or a link, of that name.
    const dir = await newFolder(job.path, `ChatExport ${conversation.header.title ?? ""}`);
    const result = await writeTelegramJson(conversation, dir);
    files.push(dir);
    media += result.media;
  }
  ctx.progress({ phase: "verify", done: 0, total: 0, messages: tally.messages });
  let written = 0;
  for (const dir of files) {
    for await (const conversation of readConversations(dir, { signal: ctx.signal })) {
      written += (await drain(conversation, () => undefined)).messages;
    }
  }
  return { result: { kind: "export", files, report: tally.report(written, "readBack", media) } };
}

/**
 * One folder per conversation for signalbackup-tools, with its guide. What goes into a Signal
 * backup cannot be taken out again, so a date order only the phone's language suggests is
 * refused, as for a Telegram import. Counted by the writer: the folder's extra entries (a
 * message's further files, folded back by the tool) would read back as messages of their own.
 */
async function writeSignal(job: Extract<ResolvedJob, { kind: "signal" }>, ctx: JobContext): Promise<JobOutput> {
  const tally = new Tally(ctx);
  const files: string[] = [];
  const guides: string[] = [];
  let written = 0;
  let media = 0;
  for await (const conversation of tally.read(job.input, job, "refuse")) {
    const dir = await newFolder(job.path, `Signal ${conversation.header.title ?? ""}`);
    const result = await writeSignalExport(conversation, dir, { t: translator(job.lang) });
    files.push(dir);
    guides.push(result.guide);
    written += result.summary.messages;
    media += result.media;
  }
  return { result: { kind: "signal", files, guides, report: tally.report(written, "writer", media) } };
}

async function countNdjsonMessages(path: string): Promise<number> {
  let count = 0;
  for await (const line of createInterface({ input: createReadStream(path) })) if (line.startsWith('{"type":"message"')) count++;
  return count;
}

async function writeArchiveJob(job: Extract<ResolvedJob, { kind: "archive" }>, ctx: JobContext): Promise<JobOutput> {
  const tally = new Tally(ctx);
  // Reading ends before encryption and verification do; the bar then shows the verifying phase.
  const conversations = async function* () {
    yield* tally.read(job.input, job);
    ctx.progress({ phase: "verify", done: 0, total: 0, messages: tally.messages });
  };
  const options = { chatferry: job.chatferry, signal: ctx.signal };
  if (job.update !== undefined) {
    // The passphrase that unlocks the old archive locks the new one (the check refused anything else).
    const keys = async () => ({ unlock: job.keying as Unlock, keying: job.keying });
    const { result, merged, before } = await updateArchive(job.update, keys, job.path, async () => conversations(), options);
    return { result: { kind: "archive", files: [job.path], report: archiveReport(result, tally), updated: { merged, before } } };
  }
  const result = await writeArchive(job.path, conversations(), { ...options, keying: job.keying });
  return { result: { kind: "archive", files: [job.path], report: archiveReport(result, tally) } };
}

/** What an archive holds against what was read: an update holds the old archive's messages too. */
function archiveReport({ manifest, verified }: ArchiveResult, tally: Tally): Report {
  const written = manifest.conversations.reduce((n, c) => n + c.messages, 0);
  const stored = manifest.conversations.reduce((n, c) => n + c.media.stored, 0);
  return tally.report(written, verified ? "verify" : "writer", stored);
}

/** Checks every byte of an archive before its viewer shows it (the viewer then decrypts what it shows on demand, writing nothing). */
async function checkArchive(job: Extract<ResolvedJob, { kind: "open" }>): Promise<JobOutput> {
  const { manifest } = await verifyArchive(job.archive, job.unlock);
  const messages = manifest.conversations.reduce((n, c) => n + c.messages, 0);
  return { result: { kind: "open", conversations: manifest.conversations.length, messages } };
}


/**
 * A sample for support, as `chatferry redact -o` writes it: atomically, nothing under its name
 * until all of it is there. The save dialog already asked before replacing a file; never the input itself.
 */
async function writeSample(job: Extract<ResolvedJob, { kind: "redact" }>, ctx: JobContext): Promise<JobOutput> {
  await refuseOutput(job.input, job.path, true);
  const sample = await redactInput(job.input, { signal: ctx.signal, onProgress: new Tally(ctx).onBytes });
  try {
    // A path is always given: the fallback stream is never written.
    await writeBytesTo(job.path, process.stdout, sample.bytes(), true);
  } finally {
    await sample.close();
  }
  return { result: { kind: "redact", files: [job.path], file: sample.file, lines: sample.tally.lines, replaced: sample.tally.replaced } };
}
