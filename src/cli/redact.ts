import { redactInput, refuseOutput, type LineRange } from "../redact/sample.js";
import { writeBytesTo } from "../targets/sink.js";
import type { CliContext } from "./context.js";
import { progressBar, type ProgressBar } from "./progress.js";

export interface RedactCliOptions {
  /** The sample file; none or "-": standard output. */
  output?: string;
  lines?: LineRange;
  force?: boolean;
}

/** `chatferry redact INPUT [-o FILE] [--lines A-B] [--force]`: the sample goes to the file or stdout, the summary to stderr. */
export async function redactCommand(input: string, options: RedactCliOptions, ctx: CliContext): Promise<void> {
  const { t, stderr, signal } = ctx;
  const output = options.output === "-" ? undefined : options.output;
  const force = options.force ?? false;
  if (output !== undefined) await refuseOutput(input, output, force);
  let bar: ProgressBar | undefined;
  const sample = await redactInput(input, {
    lines: options.lines,
    signal,
    onProgress: (progress) => (bar ??= progressBar(t("progress.reading"), progress.total)).update(progress),
  });
  try {
    await writeBytesTo(output, ctx.stdout, sample.bytes(), force);
  } finally {
    bar?.done();
    await sample.close();
  }
  const { lines, replaced } = sample.tally;
  const target = output ?? t("redact.stdout");
  stderr.write(`${t("redact.done", { file: sample.file, target, lines, replaced })}\n`);
  if (sample.container !== "file") stderr.write(`${t("redact.inside", { file: sample.file, input: sample.input })}\n`);
  stderr.write(`${t(sample.known ? "redact.kept" : "redact.keptUnknown")}\n${t("redact.check")}\n`);
}

