import { useEffect, useState } from "react";
import type { JobState } from "../job.js";
import { duration, number } from "../format.js";
import { useWords } from "../i18n/index.js";

/** Waits this long before guessing a time left: early rates say little. */
const ETA_AFTER_MS = 1500;

/** A job's progress: bar, counts, time left, and a cancel button. */
export function Progress({ state, label, onCancel }: { state: Extract<JobState, { status: "running" }>; label: string; onCancel(): void }) {
  const { lang, t } = useWords();
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(timer);
  }, []);
  const { progress } = state;
  const sending = progress?.phase === "send";
  const known = progress !== null && progress.total > 0 && (progress.phase === "read" || sending);
  const fraction = known ? Math.min(1, progress.done / progress.total) : 0;
  const elapsed = now - state.started;
  let eta = t("run.etaUnknown");
  // Sending goes at Telegram's pace, which the job knows; reading is judged by its rate so far.
  if (sending && progress.etaMs !== undefined) eta = t("run.eta", { duration: duration(t, progress.etaMs) });
  else if (known && fraction > 0 && elapsed > ETA_AFTER_MS) eta = t("run.eta", { duration: duration(t, (elapsed / fraction) * (1 - fraction)) });
  const phase = progress === null ? label : t(`run.phase.${progress.phase}`);
  return (
    <div className="progress" aria-busy="true">
      <p className="progress-phase" id="progress-label">
        {phase}
      </p>
      <div
        className={known ? "bar" : "bar indeterminate"}
        role="progressbar"
        aria-labelledby="progress-label"
        aria-valuemin={0}
        aria-valuemax={100}
        {...(known ? { "aria-valuenow": Math.round(fraction * 100) } : {})}
      >
        <div className="bar-fill" style={{ width: `${(fraction * 100).toFixed(1)}%` }} />
      </div>
      <p className="progress-counts">
        {sending ? (
          <span data-testid="progress-sent">{t("run.sent", { done: number(lang, progress.done), total: number(lang, progress.total) })}</span>
        ) : (
          <span data-testid="progress-messages">{t("run.counts", { messages: number(lang, progress?.messages ?? 0) })}</span>
        )}
        {known && <span>{t("run.percent", { percent: Math.floor(fraction * 100) })}</span>}
        {known && <span>{eta}</span>}
      </p>
      <button type="button" className="secondary" onClick={onCancel} disabled={state.cancelling}>
        {state.cancelling ? t("run.cancelling") : t("run.cancel")}
      </button>
    </div>
  );
}
