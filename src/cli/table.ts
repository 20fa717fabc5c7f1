import { printable } from "./terminal.js";

/** Display width: Hangul and other wide characters take two terminal columns. */
export function width(text: string): number {
  let w = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0) ?? 0;
    w += (c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0xa4cf) || (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xff00 && c <= 0xff60) || (c >= 0x1f300 && c <= 0x1faff) ? 2 : 1;
  }
  return w;
}

/** Two aligned columns, one row a line; cells are often input (titles, names), so they are printed printable. */
export function table(rows: ReadonlyArray<readonly [string, string]>, indent = ""): string {
  const cells = rows.map(([label, value]) => [printable(label), printable(value)] as const);
  const labelWidth = Math.max(0, ...cells.map(([label]) => width(label)));
  return cells.map(([label, value]) => `${indent}${label}${" ".repeat(labelWidth - width(label) + 2)}${value}\n`).join("");
}
