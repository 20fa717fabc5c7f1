import { ChatFerryError } from "../errors.js";

/** Consecutive lines; `first` is the 1-based number of lines[0]. Batches keep per-line overhead low. */
export interface LineBatch {
  first: number;
  lines: string[];
}

/** A line longer than this is no chat message; refusing it keeps memory bounded. */
export const MAX_LINE_CHARS = 16 * 1024 * 1024;

/** Splits decoded text into lines on CRLF, LF or a lone CR, across chunk boundaries. */
export async function* splitLines(chunks: AsyncIterable<string>, file: string): AsyncGenerator<LineBatch> {
  let carry = "";
  let skipLeadingLF = false;
  let next = 1;
  for await (let chunk of chunks) {
    if (skipLeadingLF && chunk.charCodeAt(0) === 10) chunk = chunk.slice(1);
    skipLeadingLF = chunk.charCodeAt(chunk.length - 1) === 13;
    const parts = chunk.includes("\r") ? chunk.split(/\r\n|\r|\n/) : chunk.split("\n");
    if (parts.length === 1) {
      carry += parts[0];
      if (carry.length > MAX_LINE_CHARS) {
        throw new ChatFerryError("E_LINE_TOO_LONG", { file, line: next, limit: MAX_LINE_CHARS / 1024 / 1024 });
      }
      continue;
    }
    parts[0] = carry + parts[0];
    carry = parts.pop() ?? "";
    yield { first: next, lines: parts };
    next += parts.length;
  }
  if (carry) yield { first: next, lines: [carry] };
}
