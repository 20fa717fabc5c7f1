import { useState } from "react";
import type { AppError, JobResult } from "../../electron/ipc.js";
import { api } from "../bridge.js";
import { ErrorNote } from "../components/ErrorNote.js";
import { ImportSteps } from "../components/ImportSteps.js";
import { number } from "../format.js";
import { useWords } from "../i18n/index.js";
import { useJob } from "../job.js";
import type { Plan } from "./Destination.js";

type Written = Extract<JobResult, { kind: "package" | "export" | "signal" | "archive" }>;

/** Step 5: what arrived, what did not and why, and where it is. */
export function Done({ plan, result, jobId, onRestart }: { plan: Plan; result: Written; jobId: string; onRestart(): void }) {
  const { lang, t } = useWords();
  const [viewing, setViewing] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const { report } = result;
  const n = (value: number) => number(lang, value);
  const keepsFiles = plan.destination !== "export" || (plan.spec.kind === "export" && plan.spec.format === "telegram-json");
  const canView = plan.spec.kind === "archive" && "passphrase" in plan.spec.key;

  const showInFolder = async () => {
    const shown = await api.showInFolder({ jobId });
    setError(shown.ok ? null : shown.error);
  };

  return (
    <section aria-labelledby="done-title">
      <h1 id="done-title" tabIndex={-1}>
        {t("done.title")}
      </h1>
      {error && <ErrorNote error={error} />}
      <div className="card report" data-testid="report">
        <h2>{t("done.report")}</h2>
        {result.kind === "archive" && result.updated ? (
          // An update holds the old archive's messages as well: what was read is in it, the overlap once.
          <p className={report.written >= report.read ? "ok-text" : "warn-text"} data-testid="report-summary">
            {t(result.updated.merged > 0 ? "done.updated" : "done.updatedNew", { written: n(report.written), read: n(report.read), merged: n(result.updated.merged), before: n(result.updated.before) })}
          </p>
        ) : (
          <p className={report.read === report.written ? "ok-text" : "warn-text"} data-testid="report-summary">
            {report.read === report.written ? t("done.match", { count: n(report.read) }) : t("done.mismatch", { read: n(report.read), written: n(report.written) })}
          </p>
        )}
        <dl className="facts">
          <dt>{t("done.read")}</dt>
          <dd data-testid="report-read">{n(report.read)}</dd>
          <dt>{t("done.written")}</dt>
          <dd data-testid="report-written">{n(report.written)}</dd>
          <dt>{t("done.mediaCopied")}</dt>
          <dd>{keepsFiles ? n(report.mediaCopied) : t("done.mediaNotCopied")}</dd>
          <dt>{t("done.skipped")}</dt>
          <dd>
            {report.mediaMissing > 0 ? t("done.skippedMissing", { count: n(report.mediaMissing) }) : t("done.skippedNone")}
            {report.missingExamples.length > 0 && <span className="muted"> {t("done.skippedExamples", { examples: report.missingExamples.join(", ") })}</span>}
          </dd>
        </dl>
        <p className="muted">{t(`done.checkedBy.${report.checkedBy}`)}</p>
        {report.warnings > 0 && <p className="muted">{t("done.warnings", { count: n(report.warnings) })}</p>}
      </div>

      {result.kind === "package" && (
        <div className="card">
          {[...new Set(result.seenAs)].map((seen) => (
            <p key={seen} className="note info" data-testid="package-seen">
              {t(`done.seen.${seen}`)}
            </p>
          ))}
          <ImportSteps />
        </div>
      )}
      {result.kind === "signal" && (
        <div className="card" data-testid="signal-next">
          <p>{t("done.signal.next")}</p>
          <ul className="files">
            {result.guides.map((guide) => (
              <li key={guide}>{guide}</li>
            ))}
          </ul>
        </div>
      )}
      {plan.generated && <p className="note info">{t("done.keepPassphrase")}</p>}

      <h2>{t("done.files")}</h2>
      <ul className="files" data-testid="files">
        {result.files.map((file) => (
          <li key={file}>{file}</li>
        ))}
      </ul>
      <div className="actions">
        <button type="button" className="secondary" onClick={() => void showInFolder()}>
          {t("done.showInFolder")}
        </button>
        {canView && (
          <button type="button" className="secondary" onClick={() => setViewing(true)} disabled={viewing}>
            {t("done.openViewer")}
          </button>
        )}
        <button type="button" className="primary" onClick={onRestart}>
          {t("common.startOver")}
        </button>
      </div>
      {viewing && <OpenViewer archive={jobId} />}
    </section>
  );
}

/** Unlocks the archive this session just wrote (main kept its passphrase) and opens the viewer. */
function OpenViewer({ archive }: { archive: string }) {
  const { t } = useWords();
  const { state } = useJob({ kind: "open", archive }, archive);
  if (state.status === "running") return <p role="status">{t("open.opening")}</p>;
  if (state.status === "failed") return <ErrorNote error={state.error} />;
  return (
    <p className="note info" role="status" data-testid="viewer-opened">
      {t("done.viewerOpened")}
    </p>
  );
}

/** Step 5 of a bot replay: what arrived in Telegram, what Telegram refused, what may be doubled. */
export function ReplayDone({ result, onRestart }: { result: Extract<JobResult, { kind: "replay" }>; onRestart(): void }) {
  const { lang, t } = useWords();
  const { replay } = result;
  const n = (value: number) => number(lang, value);
  const all = replay.sent === replay.items;
  return (
    <section aria-labelledby="done-title">
      <h1 id="done-title" tabIndex={-1}>
        {t("done.title")}
      </h1>
      <div className="card report" data-testid="report">
        <h2>{t("done.replay.sentTo", { chat: replay.chatTitle ?? replay.title ?? "Telegram" })}</h2>
        <p className={all ? "ok-text" : "warn-text"} data-testid="report-summary">
          {replay.complete ? t("done.replay.complete") : all ? t("done.replay.all", { items: n(replay.items) }) : t("done.replay.some", { sent: n(replay.sent), items: n(replay.items) })}
        </p>
        <dl className="facts">
          <dt>{t("done.replay.messages")}</dt>
          <dd>{n(replay.messages)}</dd>
          <dt>{t("done.replay.telegram")}</dt>
          <dd>{n(replay.telegramMessages)}</dd>
          <dt>{t("done.replay.sends")}</dt>
          <dd data-testid="report-sent">
            {n(replay.sent)} / {n(replay.items)}
          </dd>
        </dl>
        {replay.failed.length > 0 && (
          <>
            <p className="warn-text">{t("done.replay.failedHead")}</p>
            <ul>
              {replay.failed.map((f, i) => (
                <li key={i}>
                  {f.label}: {f.reason}
                </li>
              ))}
            </ul>
          </>
        )}
        {replay.uncertain.length > 0 && (
          <>
            <p className="warn-text">{t("done.replay.uncertainHead")}</p>
            <ul>
              {replay.uncertain.map((u, i) => (
                <li key={i}>{u.label}</li>
              ))}
            </ul>
          </>
        )}
      </div>
      <div className="actions">
        <button type="button" className="primary" onClick={onRestart}>
          {t("common.startOver")}
        </button>
      </div>
    </section>
  );
}
