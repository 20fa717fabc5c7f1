import { chatBytes, inspect, readInspected, type Conversation, type Inspection, type ReadOptions } from "../pipeline.js";
import { ZoneClock, systemTimezone } from "../normalize/time.js";
import type { DateOrder } from "../schema/index.js";
import type { CliContext } from "./context.js";
import { progressBar } from "./progress.js";

/** The options of every command that reads exports. */
export interface ReadFlags {
  timezone?: string;
  dateOrder?: DateOrder;
  strict?: boolean;
  me?: string;
}

/**
 * How a command reads: "assume" takes the locale's date order when the file does
 * not show it, with a warning (reading, statistics, files one can delete);
 * "refuse" stops before anything is written (imports cannot be undone).
 */
export type Undecided = NonNullable<ReadOptions["undecidedDates"]>;

/** ReadOptions from the flags; only what was given, so the pipeline's defaults stay its own. */
export function readOptions({ timezone, dateOrder, strict, me }: ReadFlags, undecided: Undecided, signal?: AbortSignal): ReadOptions {
  return { timezone, dateOrder, strict, me, undecidedDates: undecided, signal };
}

/**
 * The conversations of every input, in order, with one progress bar over all
 * of them on a terminal. Every input is inspected first, so a bad one fails
 * before anything is written.
 */
export async function readWithProgress(
  inputs: readonly string[],
  flags: ReadFlags,
  { t, signal }: CliContext,
  undecided: Undecided = "assume",
): Promise<{ conversations: AsyncGenerator<Conversation>; done(): void }> {
  const clock = new ZoneClock(flags.timezone ?? systemTimezone());
  const inspections: Inspection[] = [];
  try {
    for (const input of inputs) inspections.push(await inspect(input));
  } catch (err) {
    await Promise.all(inspections.map((i) => i.container.close()));
    throw err;
  }
  const total = inspections.reduce((n, i) => n + chatBytes(i), 0);
  const bar = progressBar(t("progress.reading"), total);
  const options = readOptions(flags, undecided, signal);
  async function* all(): AsyncGenerator<Conversation> {
    let before = 0;
    for (const inspection of inspections) {
      const onProgress = ({ done }: { done: number }) => bar.update({ phase: "read", done: before + done, total });
      yield* readInspected(inspection, { ...options, onProgress }, clock);
      before += chatBytes(inspection);
    }
  }
  return { conversations: all(), done: () => bar.done() };
}
