import type { LineBatch } from "../../input/lines.js";
import { oneConversation, parseLines } from "../accumulator.js";
import type { ParseContext, RawConversation, RawMessage, Source, TextInput } from "../types.js";
import { detectLine } from "./detect.js";
import { LineReader } from "./reader.js";
import { LINE_WORDS, lineParts } from "./redaction.js";
import { gatherNames } from "./senders.js";

/** LINE's "Send chat history" text (`[LINE] ….txt`) and the Windows desktop's "Save chat", English, Japanese, Korean and Chinese UI, every layout generation. */
export const line: Source = {
  id: "line",
  platform: "line",
  clock: "wall",
  label: "LINE (.txt)",
  redaction: { layout: "lines", words: LINE_WORDS, madeNames: null, lines: lineParts },
  detect: detectLine,
  parse,
};

function parse(input: TextInput, ctx: ParseContext): AsyncIterable<RawConversation> {
  return oneConversation(messages(input, ctx));
}

/** Two passes: the names the whole file proves, then the lines read with them (senders.ts). */
async function* messages(input: TextInput, ctx: ParseContext): AsyncGenerator<RawMessage[]> {
  const reader = new LineReader(ctx, await gatherNames(input.lines()));
  yield* parseLines(thenEnd(input.lines(), reader), reader.acc, (text, n) => reader.line(text, n));
}

/** The batches, then the reader's end: lines it still holds are read before the last message is closed. */
async function* thenEnd(batches: AsyncIterable<LineBatch>, reader: LineReader): AsyncGenerator<LineBatch> {
  yield* batches;
  reader.end();
}
