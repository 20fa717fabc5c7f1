import { merge } from "../merge.js";
import { writeNdjson } from "../targets/export/ndjson.js";
import { outputSink } from "../targets/sink.js";
import type { CliContext } from "./context.js";

export async function mergeCommand(
  inputs: string[],
  options: { timezone?: string; output?: string },
  ctx: CliContext,
): Promise<void> {
  const merged = await merge(inputs, { timezone: options.timezone, signal: ctx.signal });
  const sink = await outputSink(options.output, ctx.stdout);
  try {
    const [summary] = await writeNdjson((async function* () { yield merged; })(), sink);
    await sink.commit();
    ctx.stderr.write(`${ctx.t("merge.done", { inputs: inputs.length, messages: summary!.messages, dropped: merged.dropped() })}\n`);
  } catch (err) {
    await sink.abort();
    throw err;
  }
}
