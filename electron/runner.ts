import { Worker } from "node:worker_threads";
import { ChatFerryError, type ErrorCode } from "../src/errors.js";
import type { Runner } from "./handlers.js";
import type { AppError } from "./ipc.js";
import type { JobOutput, ProgressUpdate } from "./jobs.js";

export type WorkerMessage =
  | { type: "progress"; progress: ProgressUpdate }
  | { type: "done"; output: JobOutput }
  | { type: "failed"; error: AppError };

/** Runs each job in its own worker thread from `script` (the built job-worker.js); cancel is a message to it. */
export function workerRunner(script: URL | string): Runner {
  return (job, ctx) =>
    new Promise((resolve, reject) => {
      const worker = new Worker(script, { workerData: job });
      const cancel = () => worker.postMessage("cancel");
      ctx.signal.addEventListener("abort", cancel, { once: true });
      worker.on("message", (message: WorkerMessage) => {
        if (message.type === "progress") ctx.progress(message.progress);
        else if (message.type === "done") resolve(message.output);
        else reject(new ChatFerryError(message.error.code as ErrorCode, message.error.params));
      });
      worker.on("error", reject);
      worker.on("exit", (code) => {
        ctx.signal.removeEventListener("abort", cancel);
        // Settled already when the job ended normally; this catches a thread that died without a word.
        reject(new ChatFerryError("E_INTERNAL", { reason: `the job stopped unexpectedly (${code})` }));
      });
    });
}
