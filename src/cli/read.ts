import { chatBytes, inspect, readInspected, type Conversation, type Inspection } from "../pipeline.js";
import { ZoneClock, systemTimezone } from "../normalize/time.js";
import type { CliContext } from "./context.js";
import { progressBar } from "./progress.js";

/**
 * The conversations of every input, in order, with one progress bar over all
 * of them on a terminal. Every input is inspected first, so a bad one fails
 * before anything is written.
 */
export async function readWithProgress(
  inputs: readonly string[],
  timezone: string | undefined,
  { t, signal }: CliContext,
): Promise<{ conversations: AsyncGenerator<Conversation>; done(): void }> {
  const clock = new ZoneClock(timezone ?? systemTimezone());
  const inspections: Inspection[] = [];
  try {
    for (const input of inputs) inspections.push(await inspect(input));
  } catch (err) {
    await Promise.all(inspections.map((i) => i.container.close()));
    throw err;
  }
  const total = inspections.reduce((n, i) => n + chatBytes(i), 0);
  const bar = progressBar(t("progress.reading"), total);
  async function* all(): AsyncGenerator<Conversation> {
    let before = 0;
    for (const inspection of inspections) {
      const onProgress = ({ done }: { done: number }) => bar.update({ phase: "read", done: before + done, total });
      yield* readInspected(inspection, { signal, onProgress }, clock);
      before += chatBytes(inspection);
    }
  }
  return { conversations: all(), done: () => bar.done() };
}
