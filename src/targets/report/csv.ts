import { csvHead, csvRows } from "../export/table.js";
import type { ReportTable } from "./table.js";

/**
 * The report's rows as CSV, for a spreadsheet: the same head and cells as the page, one
 * line of a cell that holds several values each. Cells name input files and chats, anyone's
 * to choose, so every one goes through the export's formula escaping.
 */
export function reportCsv({ head, rows }: ReportTable): string {
  return csvHead(head) + csvRows(rows.map((row) => row.cells.map((cell) => (typeof cell === "string" ? cell : cell.join("\n")))));
}
