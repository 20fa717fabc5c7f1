import { useState, type DragEvent } from "react";
import type { AppError, InputRef, Result } from "../../electron/ipc.js";
import { api } from "../bridge.js";
import { ErrorNote } from "../components/ErrorNote.js";
import { offersSample, SupportSample } from "../components/SupportSample.js";
import { useWords, type Key } from "../i18n/index.js";

const HELP: { title: Key; steps: Key[] }[] = [
  { title: "help.kakao.title", steps: ["help.kakao.pc", "help.kakao.mac", "help.kakao.android", "help.kakao.ios"] },
  { title: "help.whatsapp.title", steps: ["help.whatsapp.android", "help.whatsapp.ios"] },
  { title: "help.line.title", steps: ["help.line.steps"] },
  { title: "help.telegram.title", steps: ["help.telegram.steps"] },
  {
    title: "help.messenger.title",
    steps: [
      "help.messenger.request",
      "help.messenger.options",
      "help.messenger.wait",
      "help.messenger.e2ee",
      "help.messenger.e2eeRead",
      "help.messenger.html",
    ],
  },
  { title: "help.instagram.title", steps: ["help.instagram.request", "help.instagram.options", "help.instagram.wait"] },
  {
    title: "help.discord.title",
    steps: [
      "help.discord.dce",
      "help.discord.media",
      "help.discord.token",
      "help.discord.terms",
      "help.discord.give",
      "help.discord.package",
    ],
  },
];

/** `failed`: the input `error` came from (a check that failed), for "Make a sample for support". */
export function Choose({
  error,
  failed = null,
  onChosen,
  onOpenArchive,
}: {
  error: AppError | null;
  failed?: InputRef | null;
  onChosen(input: InputRef): void;
  onOpenArchive(): void;
}) {
  const { t } = useWords();
  const [failure, setFailure] = useState<AppError | null>(error);
  const [over, setOver] = useState(false);

  const take = async (pending: Promise<Result<InputRef | null>>) => {
    setFailure(null);
    const result = await pending;
    if (!result.ok) setFailure(result.error);
    else if (result.value !== null) onChosen(result.value);
  };

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setOver(false);
    const file = event.dataTransfer.files[0];
    if (file) void take(api.dropInput(file));
  };

  return (
    <section aria-labelledby="choose-title">
      <h1 id="choose-title" tabIndex={-1}>{t("choose.title")}</h1>
      <p className="lead">{t("choose.lead")}</p>
      {failure && <ErrorNote error={failure} />}
      {failure !== null && failure === error && failed !== null && offersSample(failure) && <SupportSample input={failed} />}
      <div
        className={over ? "dropzone over" : "dropzone"}
        data-testid="dropzone"
        onDragOver={(event) => {
          event.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
      >
        <p className="dropzone-text">{t("choose.drop")}</p>
        <p className="muted">{t("choose.or")}</p>
        <div className="actions center">
          <button type="button" className="primary" onClick={() => void take(api.chooseInput({ kind: "file" }))}>
            {t("choose.file")}
          </button>
          <button type="button" className="secondary" onClick={() => void take(api.chooseInput({ kind: "folder" }))}>
            {t("choose.folder")}
          </button>
        </div>
        <p className="muted small">{t("choose.dropHint")}</p>
      </div>
      <p>
        <button type="button" className="link" onClick={onOpenArchive}>
          {t("choose.openArchive")}
        </button>
      </p>
      <h2>{t("choose.help")}</h2>
      <div className="help">
        {HELP.map(({ title, steps }) => (
          <details key={title}>
            <summary>{t(title)}</summary>
            <ul>
              {steps.map((step) => (
                <li key={step}>{t(step)}</li>
              ))}
            </ul>
          </details>
        ))}
      </div>
    </section>
  );
}
