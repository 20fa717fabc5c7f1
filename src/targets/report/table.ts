/**
 * A report as a table of words, for people: the CLI fills it in the user's language and
 * `html.ts` and `csv.ts` give it the same rows in two forms. Every cell is text to show,
 * never markup or a formula: each form escapes it its own way.
 */

/** One value, or several shown one a line (the files an input made). */
export type Cell = string | readonly string[];

export interface ReportTable {
  lang: string;
  title: string;
  /** Sentences above the table: what was run, and how it went. */
  lines: readonly string[];
  head: readonly string[];
  /** Which column says ok or failed: the page colours it. */
  statusColumn: number;
  rows: readonly { failed: boolean; cells: readonly Cell[] }[];
}
