import { ChatFerryError } from "../errors.js";
import { writeJson, writeNdjson } from "../targets/export/ndjson.js";
import { writeTo } from "../targets/sink.js";
import type { CliContext } from "./context.js";
import { readWithProgress, type ReadFlags } from "./read.js";

export interface ParseOptions extends ReadFlags {
  ndjson?: boolean;
  json?: boolean;
  output?: string;
}

export async function parseCommand(inputs: string[], options: ParseOptions, ctx: CliContext): Promise<void> {
  if (options.json && options.ndjson) {
    throw new ChatFerryError("E_USAGE", { detail: ctx.t("usage.conflictingOption", { name: "--json --ndjson" }) });
  }
  const { conversations, done } = await readWithProgress(inputs, options, ctx);
  try {
    await writeTo(options.output, ctx.stdout, (sink) => (options.json ? writeJson : writeNdjson)(conversations, sink));
  } finally {
    done();
  }
}
