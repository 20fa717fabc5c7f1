import { record, str } from "./types.js";

/**
 * A message's `text` as plain text: a string as is; an array of strings and
 * entities ({type, text, ...}) concatenated. A text_link's target is kept
 * after its label, as it would otherwise be lost.
 */
export function plainText(text: unknown): string {
  if (typeof text === "string") return text;
  if (!Array.isArray(text)) return "";
  let out = "";
  for (const part of text) {
    if (typeof part === "string") {
      out += part;
      continue;
    }
    const entity = record(part);
    const label = str(entity?.text) ?? "";
    const href = entity?.type === "text_link" ? str(entity.href) : undefined;
    out += href && href !== label ? `${label} (${href})` : label;
  }
  return out;
}
