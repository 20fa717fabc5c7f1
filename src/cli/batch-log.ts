import { open, type FileHandle } from "node:fs/promises";
import { writeError } from "../targets/atomic.js";
import type { InputFacts, InputRow } from "./batch-tally.js";

/** What a batch tells a script, one JSON object a line; `n` counts the inputs from 1, as the report's "#" does. */
export type BatchEvent =
  | { event: "start"; time: string; version: string; to: string; inputs: string[] }
  | ({ event: "input-done"; n: number; status: "ok"; input: string; outputs: string[] } & InputFacts)
  | { event: "input-failed"; n: number; status: "failed"; input: string; code: string; message: string; outputs: string[] }
  | { event: "end"; time: string; inputs: number; ok: number; failed: number; conversations: number; messages: number };

/**
 * `batch --log FILE`: every event as it happens, each line handed to the system at once, so
 * a script following the file (or reading it after a crash) sees each input the moment it
 * is done. The file is appended to: an earlier run's log is never lost, and each run starts
 * with its own "start" line.
 */
export class BatchLog {
  private constructor(
    private readonly handle: FileHandle,
    private readonly path: string,
  ) {}

  static async open(path: string): Promise<BatchLog> {
    try {
      return new BatchLog(await open(path, "a", 0o600), path);
    } catch (err) {
      throw writeError(err, path);
    }
  }

  async write(event: BatchEvent): Promise<void> {
    try {
      await this.handle.write(`${JSON.stringify(event)}\n`);
    } catch (err) {
      throw writeError(err, this.path);
    }
  }

  async close(): Promise<void> {
    await this.handle.close();
  }
}

/** A row as its log event: the same fields as the report's row, flat. */
export function rowEvent(row: InputRow, n: number): BatchEvent {
  const { status, input, outputs } = row;
  if (status === "failed") return { event: "input-failed", n, status, input, code: row.error.code, message: row.error.message, outputs };
  return { event: "input-done", n, status, input, outputs, ...row.facts };
}
