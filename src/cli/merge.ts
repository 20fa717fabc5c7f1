import { merge } from "../merge.js";
import { writeNdjson } from "../targets/export/ndjson.js";
import { writeTo } from "../targets/sink.js";
import type { CliContext } from "./context.js";
import { readOptions, type ReadFlags } from "./read.js";

export async function mergeCommand(
  inputs: string[],
  options: ReadFlags & { output?: string },
  ctx: CliContext,
): Promise<void> {
  const merged = await merge(inputs, readOptions(options, "assume", ctx.signal));
  const [summary] = await writeTo(options.output, ctx.stdout, (sink) => writeNdjson((async function* () { yield merged; })(), sink));
  ctx.stderr.write(`${ctx.t("merge.done", { inputs: inputs.length, messages: summary!.messages, dropped: merged.dropped() })}\n`);
}
