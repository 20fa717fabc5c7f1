import type { Detection, TextHead } from "../types.js";
import type { Lang } from "./clock.js";
import { readDayHeading } from "./days.js";
import { readSaved, readTitle } from "./header.js";
import { readMessageLine } from "./message.js";

/** Telegram's importer and every LINE version name the file so. */
const FILE_NAME = /^\[LINE\].*\.txt$/i;

/**
 * Header lines are strong evidence (the "[LINE]" mark most of all); the
 * share of lines the format explains is the rest. Quoted multi-line bodies
 * lower the share, hence the factor.
 */
export function detectLine(head: TextHead): Detection | null {
  const lines = head.lines;
  const first = (lines[0] ?? "").replace(/^\ufeff/, "");
  const title = readTitle(first);
  const saved = readSaved(title ? (lines[1] ?? "") : first);
  const langs: Lang[] = [];
  if (title?.lang) langs.push(title.lang);
  if (saved) langs.push(saved.lang);
  let content = 0;
  let structural = 0;
  let spaced = false;
  let tabbed = false;
  for (let i = (title ? 1 : 0) + (saved ? 1 : 0); i < lines.length; i++) {
    const line = lines[i]!;
    if (line === "") continue;
    content++;
    const heading = readDayHeading(line);
    if (heading && heading.wall !== null) {
      structural++;
      if (heading.lang) langs.push(heading.lang);
      if (heading.dotted && !tabbed) spaced = true;
      continue;
    }
    const message = readMessageLine(line, spaced);
    if (message && message.minutes !== null) {
      structural++;
      if (message.lang) langs.push(message.lang);
      if (!message.spaced) {
        tabbed = true;
        spaced = false;
      }
    }
  }
  if (structural === 0 && !title && !saved) return null;
  const share = content === 0 ? 0 : structural / content;
  const score =
    (title ? (title.marked ? 0.3 : 0.2) : 0) +
    (saved ? 0.3 : 0) +
    0.6 * Math.min(1, share * 1.5) +
    (FILE_NAME.test(head.name) ? 0.1 : 0);
  return {
    variant: `line.${langs[0] ?? "en"}`,
    confidence: Math.round(Math.min(1, score) * 100) / 100,
    title: title?.title ?? null,
    exportedAt: saved?.wall ?? null,
    ...(title?.kind ? { kind: title.kind } : {}),
  };
}
