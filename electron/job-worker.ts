/**
 * A job in a worker thread, so that reading a million messages never stalls
 * the main process (and with it the window). runner.ts starts one per job.
 */
import { parentPort, workerData } from "node:worker_threads";
import { runJob, toAppError, type ResolvedJob } from "./jobs.js";
import type { WorkerMessage } from "./runner.js";

const port = parentPort!;
const controller = new AbortController();
const post = (message: WorkerMessage) => port.postMessage(message);

port.on("message", (message: unknown) => {
  if (message === "cancel") controller.abort();
});

runJob(workerData as ResolvedJob, { signal: controller.signal, progress: (progress) => post({ type: "progress", progress }) })
  .then(
    (output) => post({ type: "done", output }),
    (err: unknown) => post({ type: "failed", error: toAppError(err) }),
  )
  // Nothing is left to do: let the thread end once the message is out.
  .finally(() => port.unref());
