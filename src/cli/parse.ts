import { ChatFerryError } from "../errors.js";
import { writeJson, writeNdjson } from "../targets/export/ndjson.js";
import { outputSink } from "../targets/sink.js";
import type { CliContext } from "./context.js";
import { readWithProgress } from "./read.js";

export interface ParseOptions {
  ndjson?: boolean;
  json?: boolean;
  timezone?: string;
  output?: string;
}

export async function parseCommand(inputs: string[], options: ParseOptions, ctx: CliContext): Promise<void> {
  if (options.json && options.ndjson) {
    throw new ChatFerryError("E_USAGE", { detail: ctx.t("usage.conflictingOption", { name: "--json --ndjson" }) });
  }
  const { conversations, done } = await readWithProgress(inputs, options.timezone, ctx);
  const sink = await outputSink(options.output, ctx.stdout);
  try {
    await (options.json ? writeJson : writeNdjson)(conversations, sink);
    await sink.commit();
  } catch (err) {
    await sink.abort();
    throw err;
  } finally {
    done();
  }
}
