// The batch report's two forms (src/targets/report/): a page that shows every cell as text and
// runs nothing, and a CSV whose cells a spreadsheet never runs as formulas.
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { reportCsv } from "../../../../src/targets/report/csv.js";
import { reportHtml } from "../../../../src/targets/report/html.js";
import type { ReportTable } from "../../../../src/targets/report/table.js";

const HOSTILE = `<script>alert(1)</script>"'&`;
const table: ReportTable = {
  lang: "en",
  title: `Report ${HOSTILE}`,
  lines: [`run ${HOSTILE}`],
  head: ["#", "Input", "Status", "Files"],
  statusColumn: 2,
  rows: [
    { failed: false, cells: ["1", `=HYPERLINK("x")`, "ok", ["a/one.zip", "-two.txt"]] },
    { failed: true, cells: ["2", HOSTILE, "failed", []] },
  ],
};

describe("the report page", () => {
  it("escapes every value, in the title, the lines and the cells, and carries no script", () => {
    const html = reportHtml(table);
    expect(html).not.toContain("<script");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;");
    expect(html).toContain(`<title>Report &lt;script&gt;`);
    expect(html).toContain('<td class="wrap">a/one.zip<br>-two.txt</td>');
    expect(html).toContain('<tr class="failed"><td class="num">2</td>');
    expect(html).toContain('<td class="status">failed</td>');
    const policy = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)![1]!;
    expect(policy.split("; ")[0]).toBe("default-src 'none'");
    expect(policy).not.toContain("script-src");
  });
});

describe("the report CSV", () => {
  it("has the page's head and rows, a cell of several values one a line, a cell that starts a formula escaped", () => {
    const csv = reportCsv(table);
    expect(csv.startsWith("\ufeff")).toBe(true);
    const rows = Papa.parse<string[]>(csv.slice(1), { skipEmptyLines: true }).data;
    expect(rows).toEqual([
      ["#", "Input", "Status", "Files"],
      ["1", `'=HYPERLINK("x")`, "ok", "a/one.zip\n-two.txt"],
      ["2", HOSTILE, "failed", ""],
    ]);
  });
});
