// CSV formula injection: a title, a name or a message that a spreadsheet would run.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import type { Conversation } from "../../../../src/pipeline.js";
import { writeCsv } from "../../../../src/targets/export/table.js";
import { cli } from "../../../helpers/cli.js";
import { readOne } from "../../../helpers/read.js";
import { conversation, text } from "../telegram/replay/messages.js";

/** What each formula-leading character does once a spreadsheet opens the file. */
const FORMULAS = [
  '=HYPERLINK("http://evil","x")',
  "+1+1",
  "-2+3",
  "@SUM(A1)",
  "\t=1",
  "\r=1",
  "=cmd|' /C calc'!A0",
  // papaparse's own `escapeFormulae: true` pattern lets a formula through when more lines follow.
  "=1+1\nsecond line",
];
/** Cells that stay as they are: no formula character first. */
const ORDINARY = ["well-known", "e-mail me @ noon", "1+1=2", "'quoted", "한국어 - 텍스트", ""];

/** The rule the writer's comment promises a reader: one `'` off a cell of `'`s before a formula character. */
const unescape = (cell: string) => (/^'+[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell);

async function* one(c: Conversation): AsyncGenerator<Conversation> {
  yield c;
}

async function csvOf(c: Conversation): Promise<string[][]> {
  const parts: string[] = [];
  const sink = {
    write: async (t: string | readonly string[]) => void parts.push(...(typeof t === "string" ? [t] : t)),
    commit: async () => undefined,
    abort: async () => undefined,
  };
  await writeCsv(one(c), sink);
  // The BOM first, the header row next.
  return Papa.parse<string[]>(parts.join("").slice(1), { skipEmptyLines: true }).data.slice(1);
}

describe("CSV export and spreadsheet formulas", () => {
  it("puts a ' before every title, sender, text and name that begins like a formula", async () => {
    const messages = FORMULAS.map((f) => text(f, { sender: f, forwardedFrom: f }));
    const base = conversation(messages);
    const rows = await csvOf({ ...base, header: { ...base.header, title: FORMULAS[0]! } });
    expect(rows).toHaveLength(FORMULAS.length);
    FORMULAS.forEach((f, i) => {
      const [title, , , sender, , body, , forwarded] = rows[i]!;
      for (const cell of [sender, body, forwarded]) expect(cell).toBe(`'${f}`);
      expect(title).toBe(`'${FORMULAS[0]}`);
    });
  });

  it("leaves other text alone and reads back exactly, a ' already there included", async () => {
    const cells = [...ORDINARY, "'=already marked", "''+twice"];
    const rows = await csvOf(conversation(cells.map((c) => text(c, { sender: c || null }))));
    expect(rows.map((r) => r[5])).toEqual([...ORDINARY, "''=already marked", "'''+twice"]);
    expect(rows.map((r) => unescape(r[5]!))).toEqual(cells);
    expect(rows.map((r) => unescape(r[3]!))).toEqual(cells);
  });

  it("from a crafted export through the CLI: no cell a spreadsheet would run, every text recoverable", async () => {
    const dir = mkdtempSync(join(tmpdir(), "chatferry-csv-formulas-"));
    const file = join(dir, "chat.txt");
    writeFileSync(
      file,
      [
        '=HYPERLINK("http://evil","x") with KakaoTalk Chats',
        "Date Saved : 2024-01-02 23:10:41",
        "",
        "--------------- Sunday, December 31, 2023 ---------------",
        '[=HYPERLINK("http://evil","x")] [9:10 PM] +1+1',
        "[+82 10 1234] [9:11 PM] -2+3",
        "[-Eve-] [9:12 PM] @SUM(A1)",
        "[@mallory] [9:13 PM] =1+1",
        "still the same message",
        "[Mina Kim] [9:14 PM] - list item, a spreadsheet's minus",
        "[Mina Kim] [9:15 PM] a well-known word",
        "",
      ].join("\r\n"),
    );
    const r = await cli(["export", file, "--to", "csv"]);
    expect(r.code, r.stderr).toBe(0);
    const rows = Papa.parse<string[]>(r.stdout.slice(1), { skipEmptyLines: true }).data.slice(1);
    const { header, messages } = await readOne(file, "UTC");
    expect(rows).toHaveLength(6);
    const runnable = (cell: string) => /^[=+\-@\t\r]/.test(cell);
    for (const row of rows) for (const cell of row) expect(runnable(cell), cell).toBe(false);
    expect(rows.map((row) => [unescape(row[0]!), unescape(row[3]!), unescape(row[5]!)])).toEqual(
      messages.map((m) => [header.title, m.sender, m.text]),
    );
    expect(rows[5]![5]).toBe("a well-known word");
  });
});
