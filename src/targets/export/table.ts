import Papa from "papaparse";
import { drain, type Conversation } from "../../pipeline.js";
import type { Message, Summary } from "../../schema/index.js";
import { forwardedLine } from "../forwarded.js";
import type { Sink } from "../sink.js";

/** CSV columns: one row a message, for spreadsheets. Later additions go last, so column positions stay. */
const COLUMNS = ["conversation", "seq", "time", "sender", "kind", "text", "attachments", "forwarded_from"] as const;

/**
 * Every cell can hold anyone's text (a title, a name, a message), and a
 * spreadsheet runs a cell that begins with `=`, `+`, `-`, `@`, tab or CR as a
 * formula: `=HYPERLINK(…)` sends what it likes where it likes, `=cmd|…` starts a
 * program. Such a cell gets a leading `'`, the mark spreadsheets take for "text,
 * not a formula". The CSV still reads back exactly: a cell that already began
 * with `'`s before one of those characters gets one more too, so a reader drops
 * one `'` from every cell matching /^'+[=+\-@\t\r]/ and has the text as it was.
 * Every `-` counts ("- list item", "-5 News"): spreadsheets read `-x` as a formula.
 * papaparse's own pattern (`escapeFormulae: true`) needs the whole cell on one
 * line, so a multi-line message would slip through; this one sees the start only.
 */
const FORMULA = /^'*[=+\-@\t\r]/;

/** CSV rows (RFC 4180 through papaparse, CRLF), every cell through the formula escaping above. */
export function csvRows(rows: readonly (readonly unknown[])[]): string {
  return Papa.unparse(rows as unknown[][], { newline: "\r\n", escapeFormulae: FORMULA }) + "\r\n";
}

/** The first row of a CSV file, after a BOM so that Excel reads Hangul right. */
export function csvHead(columns: readonly string[]): string {
  return "\ufeff" + csvRows([columns]);
}

function attachments(m: Message): string {
  return (m.attachments ?? []).map((a) => (a.name ? `${a.type}: ${a.name}` : a.type)).join("; ");
}

/** CSV (RFC 4180 through papaparse), UTF-8 with a BOM. */
export async function writeCsv(conversations: AsyncIterable<Conversation>, sink: Sink): Promise<Summary[]> {
  const summaries: Summary[] = [];
  await sink.write(csvHead(COLUMNS));
  for await (const conversation of conversations) {
    const title = conversation.header.title ?? conversation.header.source.files.join(", ");
    summaries.push(
      await drain(conversation, async (batch) => {
        const rows = batch.map((m) => [title, m.seq, m.time, m.sender ?? "", m.kind, m.text, attachments(m), m.forwardedFrom ?? ""]);
        await sink.write(csvRows(rows));
      }),
    );
  }
  return summaries;
}

/** Plain text for reading or printing: day headings, then `[HH:MM] name: text`. */
export async function writeTxt(conversations: AsyncIterable<Conversation>, sink: Sink): Promise<Summary[]> {
  const summaries: Summary[] = [];
  for await (const conversation of conversations) {
    const { header } = conversation;
    await sink.write(`${header.title ?? header.source.files.join(", ")}\n(${header.source.variant}, ${header.timezone})\n`);
    let day = "";
    summaries.push(
      await drain(conversation, async (batch) => {
        const lines: string[] = [];
        for (const m of batch) {
          if (m.time.slice(0, 10) !== day) {
            day = m.time.slice(0, 10);
            lines.push(`\n--- ${day} ---\n`);
          }
          const files = attachments(m);
          const said = [m.kind === "deleted" ? `(${m.text || "deleted"})` : m.text, files && `[${files}]`].filter(Boolean).join(" ");
          const text = m.forwardedFrom === undefined ? said : `${forwardedLine(m.forwardedFrom)}${said && "\n"}${said}`;
          const who = m.sender === null ? "*" : `${m.sender}:`;
          lines.push(`[${m.time.slice(11, 16)}] ${who} ${text.replace(/\n/g, "\n    ")}\n`);
        }
        await sink.write(lines);
      }),
    );
    await sink.write("\n");
  }
  return summaries;
}
