import { cspHash, pageHead } from "../page.js";
import type { Cell, ReportTable } from "./table.js";

/**
 * The report as one HTML page that opens from the file system, offline, in any browser: its
 * style inline, and no script at all (its policy names none, so none could run).
 */
const STYLE = `
:root { color-scheme: light dark; font: 14px/1.45 system-ui, "Apple SD Gothic Neo", "Malgun Gothic", "Noto Sans CJK KR", sans-serif; }
body { margin: 1.5rem; }
h1 { font-size: 1.3rem; margin: 0 0 .5rem; }
p { margin: .2rem 0; }
.table { overflow-x: auto; margin-top: 1rem; }
table { border-collapse: collapse; }
th, td { border: 1px solid #8886; padding: .3rem .5rem; text-align: left; vertical-align: top; white-space: nowrap; }
thead th { background: #8882; position: sticky; top: 0; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
td.wrap { white-space: normal; min-width: 16rem; max-width: 32rem; overflow-wrap: anywhere; }
tr.failed td { background: #d0303018; }
tr.failed td.status { color: #c02020; font-weight: 600; }
tr.ok td.status { color: #208040; font-weight: 600; }
@media (prefers-color-scheme: dark) { tr.failed td.status { color: #ff7070; } tr.ok td.status { color: #60d080; } }
`;

const CSP = ["default-src 'none'", `style-src ${cspHash(STYLE)}`, "base-uri 'none'", "form-action 'none'"].join("; ");

const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Text as HTML that shows it and nothing more, in an element or an attribute. */
function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

/** Numbers read best aligned; long texts (an error, the files made) wrap. */
function cellClass(cell: Cell, column: number, statusColumn: number): string {
  if (column === statusColumn) return ` class="status"`;
  if (typeof cell === "string" && /^\d+\+?$/.test(cell)) return ` class="num"`;
  return typeof cell === "string" && cell.length <= 40 ? "" : ` class="wrap"`;
}

export function reportHtml(table: ReportTable): string {
  const cell = (value: Cell, column: number) =>
    `<td${cellClass(value, column, table.statusColumn)}>${typeof value === "string" ? escapeHtml(value) : value.map(escapeHtml).join("<br>")}</td>`;
  const rows = table.rows.map((row) => `<tr class="${row.failed ? "failed" : "ok"}">${row.cells.map(cell).join("")}</tr>`);
  return `${pageHead({ lang: escapeHtml(table.lang), title: escapeHtml(table.title), csp: CSP, style: STYLE })}<body>
<h1>${escapeHtml(table.title)}</h1>
${table.lines.map((line) => `<p>${escapeHtml(line)}</p>`).join("\n")}
<div class="table">
<table>
<thead><tr>${table.head.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join("")}</tr></thead>
<tbody>
${rows.join("\n")}
</tbody>
</table>
</div>
</body>
</html>
`;
}
