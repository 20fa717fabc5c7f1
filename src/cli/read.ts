import { chatBytes, inspect, readInspected, type Conversation, type Inspection, type ReadOptions } from "../pipeline.js";
import { ZoneClock, systemTimezone } from "../normalize/time.js";
import type { DateOrder } from "../schema/index.js";
import type { CliContext } from "./context.js";
import { progressBar, type ProgressBar } from "./progress.js";

/** The options of every command that reads exports. */
export interface ReadFlags {
  timezone?: string;
  dateOrder?: DateOrder;
  strict?: boolean;
  me?: string;
}

/** Where the time zone came from: scripts and reports need to know whether it was chosen or is only this computer's. */
export function zoneChosenBy({ timezone }: ReadFlags): "option" | "system" {
  return timezone === undefined ? "system" : "option";
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
 * of them on a terminal (`bar` makes it from the bytes to read). Every input is
 * inspected first, so a bad one fails before anything is written.
 */
export async function readWithProgress(
  inputs: readonly string[],
  flags: ReadFlags,
  { t, signal }: CliContext,
  undecided: Undecided = "assume",
  bar: (total: number) => ProgressBar = (total) => progressBar(t("progress.reading"), total),
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
  const progress = bar(total);
  const options = readOptions(flags, undecided, signal);
  async function* all(): AsyncGenerator<Conversation> {
    let before = 0;
    for (const inspection of inspections) {
      const onProgress = ({ done }: { done: number }) => progress.update({ phase: "read", done: before + done, total });
      yield* readInspected(inspection, { ...options, onProgress }, clock);
      before += chatBytes(inspection);
    }
  }
  return {
    conversations: all(),
    done() {
      progress.done();
      // A writer that failed before it read an input (its file was taken) never ran the
      // reading that closes it; closing twice is harmless.
      for (const inspection of inspections) void inspection.container.close();
    },
  };
}
