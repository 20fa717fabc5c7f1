import { useState } from "react";
import type { AppError, ArchiveRef, InputRef, JobSpec } from "../../electron/ipc.js";
import { api } from "../bridge.js";
import { ErrorNote } from "../components/ErrorNote.js";
import { number } from "../format.js";
import { useWords } from "../i18n/index.js";
import { useJob } from "../job.js";

/** Open an existing .chatferry.age: unlock, check every file, and show it in ChatFerry's viewer (never the archive's own page). */
export function OpenArchive({ onBack }: { onBack(): void }) {
  const { t } = useWords();
  const [archive, setArchive] = useState<ArchiveRef | null>(null);
  const [passphrase, setPassphrase] = useState("");
  const [identity, setIdentity] = useState<InputRef | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [attempt, setAttempt] = useState<{ spec: JobSpec; n: number } | null>(null);

  const choose = async () => {
    setError(null);
    setAttempt(null);
    const result = await api.chooseArchive({});
    if (!result.ok) setError(result.error);
    else if (result.value !== null) setArchive(result.value);
  };

  const chooseIdentity = async () => {
    const result = await api.chooseInput({ kind: "file" });
    if (!result.ok) setError(result.error);
    else if (result.value !== null) setIdentity(result.value);
  };

  const open = () => {
    if (!archive) return;
    const spec: JobSpec =
      archive.lock === "passphrase"
        ? { kind: "open", archive: archive.archive, passphrase }
        : { kind: "open", archive: archive.archive, ...(identity ? { identity: identity.input } : {}) };
    setAttempt((a) => ({ spec, n: (a?.n ?? 0) + 1 }));
  };

  const ready = archive !== null && (archive.lock === "passphrase" ? passphrase !== "" : identity !== null);

  return (
    <section aria-labelledby="open-title">
      <h1 id="open-title" tabIndex={-1}>
        {t("open.title")}
      </h1>
      {error && <ErrorNote error={error} />}
      <div className="card">
        <p>
          <button type="button" className={archive ? "secondary" : "primary"} onClick={() => void choose()}>
            {t("open.choose")}
          </button>
        </p>
        {archive && (
          <form
            onSubmit={(event) => {
              event.preventDefault();
              open();
            }}
          >
            <p>
              {t("open.chosen")}: <strong data-testid="archive-name">{archive.name}</strong>
            </p>
            {archive.lock === "passphrase" ? (
              <div className="field">
                <label htmlFor="open-passphrase">{t("open.passphrase")}</label>
                <input id="open-passphrase" type="password" autoComplete="current-password" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} spellCheck={false} />
              </div>
            ) : (
              <div className="field">
                <p>{t("open.identity")}</p>
                <button type="button" className="secondary" onClick={() => void chooseIdentity()}>
                  {t("open.chooseIdentity")}
                </button>
                {identity && <p>{identity.name}</p>}
              </div>
            )}
            <button type="submit" className="primary" disabled={!ready}>
              {t("open.open")}
            </button>
          </form>
        )}
      </div>
      {attempt && <Opening key={attempt.n} spec={attempt.spec} />}
      <div className="actions">
        <button type="button" className="secondary" onClick={onBack}>
          {t("common.back")}
        </button>
      </div>
    </section>
  );
}

function Opening({ spec }: { spec: JobSpec }) {
  const { lang, t } = useWords();
  const { state } = useJob(spec, "open");
  if (state.status === "running") return <p role="status">{t("open.opening")}</p>;
  if (state.status === "failed") return <ErrorNote error={state.error} />;
  const result = state.result;
  if (result.kind !== "open") return null;
  return (
    <p className="note info" role="status" data-testid="archive-opened">
      {t("open.done", { conversations: number(lang, result.conversations), messages: number(lang, result.messages) })}
    </p>
  );
}
