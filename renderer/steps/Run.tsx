import { useEffect, useState } from "react";
import type { JobResult } from "../../electron/ipc.js";
import { ErrorNote } from "../components/ErrorNote.js";
import { Progress } from "../components/Progress.js";
import { useWords } from "../i18n/index.js";
import { useJob } from "../job.js";
import type { Plan } from "./Destination.js";

/** Step 4: the job itself, off the window's thread; the window only shows its progress. */
export function Run({ plan, onDone, onBack }: { plan: Plan; onDone(result: JobResult, jobId: string): void; onBack(): void }) {
  const { t } = useWords();
  // A paused replay continues as a new run of the same plan: its journal says where to pick up.
  const [attempt, setAttempt] = useState(0);
  const { state, cancel } = useJob(plan.spec, `run ${attempt}`);
  const resumable = state.status === "failed" && plan.destination === "replay" && ["E_TELEGRAM_INTERRUPTED", "E_TELEGRAM_NETWORK"].includes(state.error.code);
  useEffect(() => {
    if (state.status === "done") onDone(state.result, state.jobId);
  }, [state]);
  return (
    <section aria-labelledby="run-title">
      <h1 id="run-title" tabIndex={-1}>
        {t("run.title")}
      </h1>
      {state.status === "running" && (
        <>
          <Progress state={state} label={t("run.phase.read")} onCancel={cancel} />
          <p className="muted">{t("run.keepOpen")}</p>
        </>
      )}
      {state.status === "failed" && (
        <>
          {state.error.code === "E_INTERRUPTED" ? (
            <p className="note info" role="status" data-testid="cancelled">
              {t("run.cancelled")}
            </p>
          ) : state.error.code === "E_TELEGRAM_INTERRUPTED" ? (
            <p className="note info" role="status" data-testid="paused">
              {t("run.paused", state.error.params)}
            </p>
          ) : (
            <ErrorNote error={state.error} />
          )}
          <div className="actions">
            <button type="button" className={resumable ? "secondary" : "primary"} onClick={onBack}>
              {t("common.back")}
            </button>
            {resumable && (
              <button type="button" className="primary" onClick={() => setAttempt((n) => n + 1)}>
                {t("run.continue")}
              </button>
            )}
          </div>
        </>
      )}
    </section>
  );
}
