/**
 * `batch --report FILE.html`: one row an input, as a page and as a CSV beside it, in the
 * user's language. What is in a row is what the tally kept (batch-tally.ts): no message text
 * and no names of people; the paths are those inside the output folder, relative to it.
 */
import { ChatFerryError } from "../errors.js";
import type { MessageKey, Translate } from "../i18n/index.js";
import { reportCsv } from "../targets/report/csv.js";
import { reportHtml } from "../targets/report/html.js";
import type { Cell, ReportTable } from "../targets/report/table.js";
import { writeTo } from "../targets/sink.js";
import { VERSION } from "../version.js";
import type { InputFacts, InputRow, WarningTally } from "./batch-tally.js";
import type { CliContext } from "./context.js";
import { describeDateOrder, describeZone } from "./guesses.js";

export interface ReportFiles {
  html: string;
  csv: string;
}

const HTML_NAME = /\.html?$/i;

/** The page the user named and the CSV beside it; refused before anything is read unless the name says HTML, so the two never share one name. */
export function reportFiles(path: string, { t }: CliContext): ReportFiles {
  if (!HTML_NAME.test(path)) throw new ChatFerryError("E_USAGE", { detail: t("usage.reportName", { name: path }) });
  return { html: path, csv: path.replace(HTML_NAME, ".csv") };
}

/** What a run was, for the lines above the table. */
export interface BatchRun {
  format: string;
  started: Date;
}

/** A count that may be a lower bound ("3+"), when the warnings were more than a summary keeps. */
const atLeast = (count: number, capped: boolean) => `${count}${capped && count > 0 ? "+" : ""}`;

function warningWords({ code, count, lines }: WarningTally, t: Translate): string {
  if (lines.length === 0) return t("report.warningCount", { code, count });
  return t("report.warningLines", { code, count, lines: lines.join(", ") + (count > lines.length ? ", …" : "") });
}

type Column = readonly [MessageKey, (row: InputRow, index: number, t: Translate) => Cell];

/** A column of what only a written input has; a failed one leaves it empty. */
const fact =
  (cell: (facts: InputFacts, t: Translate) => Cell) =>
  (row: InputRow, _index: number, t: Translate): Cell =>
    row.status === "ok" ? cell(row.facts, t) : "";

const STATUS_COLUMN = 2;
const COLUMNS: readonly Column[] = [
  ["report.index", (_row, index) => String(index + 1)],
  ["report.input", (row) => row.input],
  ["report.status", (row, _index, t) => t(row.status === "ok" ? "report.ok" : "report.failed")],
  // Beside the status, where the eye goes once a row says "failed".
  ["report.error", (row) => (row.status === "failed" ? row.error.message : "")],
  ["report.messenger", fact((f) => f.messengers.join(", "))],
  ["report.variant", fact((f) => f.variants.join(", "))],
  ["report.encoding", fact((f) => f.encodings.join(", "))],
  ["report.dateOrder", fact((f, t) => (f.dateOrders.length === 0 ? "—" : f.dateOrders.map((d) => describeDateOrder(d, t))))],
  ["report.timezone", fact((f, t) => describeZone(f.timezone, f.timezoneFrom, t))],
  ["report.conversations", fact((f) => String(f.conversations))],
  ["report.messagesIn", fact((f) => String(f.messages.in))],
  ["report.messagesOut", fact((f) => String(f.messages.out))],
  ["report.mediaFound", fact((f) => String(f.media.found))],
  ["report.mediaMissing", fact((f) => atLeast(f.media.missing, f.capped))],
  ["report.warnings", fact((f, t) => (f.warnings.length === 0 ? t("out.none") : f.warnings.map((w) => warningWords(w, t))))],
  ["report.unread", fact((f) => atLeast(f.unread, f.capped))],
  ["report.outputs", (row) => row.outputs],
];

export function reportTable(rows: readonly InputRow[], run: BatchRun, { t, lang }: CliContext): ReportTable {
  const failed = rows.filter((r) => r.status === "failed").length;
  return {
    lang,
    title: t("report.title"),
    lines: [
      t("report.run", { format: run.format, date: run.started.toISOString(), version: VERSION }),
      t("report.totals", { ok: rows.length - failed, failed, total: rows.length }),
      t("report.paths"),
    ],
    head: COLUMNS.map(([key]) => t(key)),
    statusColumn: STATUS_COLUMN,
    rows: rows.map((row, index) => ({ failed: row.status === "failed", cells: COLUMNS.map(([, cell]) => cell(row, index, t)) })),
  };
}

/** Both files, each written whole or not at all (an older report of the same name is replaced). */
export async function writeReport(files: ReportFiles, table: ReportTable, { stdout }: CliContext): Promise<void> {
  await writeTo(files.html, stdout, (sink) => sink.write(reportHtml(table)));
  await writeTo(files.csv, stdout, (sink) => sink.write(reportCsv(table)));
}
