import { inspect, readInspected, type Conversation } from "../pipeline.js";
import type { CliContext } from "./context.js";
import { progressBar } from "./progress.js";

/** The input's conversations with a progress bar on a terminal; `done` clears the bar. */
export async function readWithProgress(
  input: string,
  timezone: string | undefined,
  { t, signal }: CliContext,
): Promise<{ conversations: AsyncGenerator<Conversation>; done(): void }> {
  const inspection = await inspect(input);
  const bar = progressBar(t("progress.reading"), inspection.file.size);
  const conversations = readInspected(inspection, { timezone, signal, onProgress: (p) => bar.update(p) });
  return { conversations, done: () => bar.done() };
}
