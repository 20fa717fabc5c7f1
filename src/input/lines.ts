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

/** Lines with the breaks that end them: "\r\n", "\n", "\r", or "" for a last line without one. */
export interface EndedLines extends LineBatch {
  ends: string[];
}

const BREAK = /[\r\n]/g;

/**
 * Splits as splitLines does (the same line numbers), keeping each line's break, for a copy
 * that must keep the file's layout byte for byte (src/redact/). A CR at a chunk's end waits
 * for the next chunk: it may be half of a CRLF.
 */
export async function* splitLinesKeepingEnds(chunks: AsyncIterable<string>, file: string): AsyncGenerator<EndedLines> {
  /** The line being read, in the pieces earlier chunks held. */
  let pieces: string[] = [];
  let size = 0;
  let pendingCR = false;
  let next = 1;
  for await (const chunk of chunks) {
    const lines: string[] = [];
    const ends: string[] = [];
    const end = (text: string, brk: string) => {
      lines.push(pieces.length === 0 ? text : pieces.join("") + text);
      ends.push(brk);
      pieces = [];
      size = 0;
    };
    let from = 0;
    if (pendingCR) {
      pendingCR = false;
      from = chunk.charCodeAt(0) === 10 ? 1 : 0;
      end("", from === 1 ? "\r\n" : "\r");
    }
    BREAK.lastIndex = from;
    for (let m = BREAK.exec(chunk); m; m = BREAK.exec(chunk)) {
      const at = m.index;
      if (chunk.charCodeAt(at) === 10) end(chunk.slice(from, at), "\n");
      else if (at + 1 === chunk.length) {
        pieces.push(chunk.slice(from, at));
        pendingCR = true;
        from = chunk.length;
        break;
      } else end(chunk.slice(from, at), chunk.charCodeAt(at + 1) === 10 ? "\r\n" : "\r");
      from = BREAK.lastIndex = at + ends[ends.length - 1]!.length;
    }
    if (from < chunk.length) {
      pieces.push(chunk.slice(from));
      size += chunk.length - from;
      if (size > MAX_LINE_CHARS) throw new ChatFerryError("E_LINE_TOO_LONG", { file, line: next + lines.length, limit: MAX_LINE_CHARS / 1024 / 1024 });
    }
    if (lines.length > 0) {
      yield { first: next, lines, ends };
      next += lines.length;
    }
  }
  if (pendingCR) yield { first: next, lines: [pieces.join("")], ends: ["\r"] };
  else if (pieces.length > 0) yield { first: next, lines: [pieces.join("")], ends: [""] };
}
