import { useEffect, useRef, useState } from "react";
import type { AppError, JobProgress, JobResult, JobSpec } from "../electron/ipc.js";
import { api, asAppError, unwrap } from "./bridge.js";

export type JobState =
  | { status: "running"; progress: JobProgress | null; started: number; cancelling: boolean }
  | { status: "done"; result: JobResult; jobId: string }
  | { status: "failed"; error: AppError };

/**
 * Runs a job while the component is shown: starts it, follows its progress,
 * waits for its result. Leaving the step (or a new `key`) cancels it.
 */
export function useJob(spec: JobSpec, key: string): { state: JobState; cancel(): void } {
  const [state, setState] = useState<JobState>({ status: "running", progress: null, started: Date.now(), cancelling: false });
  const jobId = useRef<string | null>(null);
  /** Cancel pressed before the job had an id: sent as soon as it has one. */
  const cancelled = useRef(false);

  useEffect(() => {
    let live = true;
    jobId.current = null;
    cancelled.current = false;
    setState({ status: "running", progress: null, started: Date.now(), cancelling: false });
    const off = api.onEvent((event) => {
      if (live && event.jobId === jobId.current) setState((s) => (s.status === "running" ? { ...s, progress: event } : s));
    });
    void (async () => {
      try {
        const { jobId: id } = await unwrap(api.startJob(spec));
        jobId.current = id;
        if (cancelled.current || !live) void api.cancelJob({ jobId: id });
        const result = await unwrap(api.waitJob({ jobId: id }));
        if (live) setState({ status: "done", result, jobId: id });
      } catch (err) {
        if (live) setState({ status: "failed", error: asAppError(err) });
      }
    })();
    return () => {
      live = false;
      off();
      if (jobId.current !== null) void api.cancelJob({ jobId: jobId.current });
    };
    // The key says when the job is a new one; the spec object is rebuilt on every render.
  }, [key]);

  return {
    state,
    cancel() {
      cancelled.current = true;
      setState((s) => (s.status === "running" ? { ...s, cancelling: true } : s));
      if (jobId.current !== null) void api.cancelJob({ jobId: jobId.current });
    },
  };
}
