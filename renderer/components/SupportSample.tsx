import { useState } from "react";
import type { AppError, InputRef, JobResult, JobSpec } from "../../electron/ipc.js";
import { api, asAppError, unwrap } from "../bridge.js";
import { useWords } from "../i18n/index.js";
import { ErrorNote } from "./ErrorNote.js";

/**
 * Errors no sample can help with: ChatFerry could not open or read the input at all, or it is
 * no text. `chatferry redact` fails on these too. A file in a format no reader knows is sampled
 * all the same (only the stamps its lines start with are kept): that is when support needs one.
 */
const NO_SAMPLE = new Set([
  "E_NOT_FOUND",
  "E_NOT_A_FILE",
  "E_EMPTY",
  "E_BINARY",
  "E_LINE_TOO_LONG",
  "E_MESSAGE_TOO_LONG",
  "E_UNSAFE_ZIP",
  "E_BAD_ZIP",
  "E_ZIP_BOMB",
  "E_FOLDER_TOO_BIG",
  "E_GONE",
  "E_INTERRUPTED",
]);

/** Whether "Make a sample for support" is offered for an input that failed with this error. */
export function offersSample(error: AppError): boolean {
  return !NO_SAMPLE.has(error.code);
}

async function run<K extends JobSpec["kind"]>(spec: Extract<JobSpec, { kind: K }>): Promise<Extract<JobResult, { kind: K }>> {
  const { jobId } = await unwrap(api.startJob(spec));
  return (await unwrap(api.waitJob({ jobId }))) as Extract<JobResult, { kind: K }>;
}

type State =
  | { status: "offer" }
  | { status: "busy" }
  | { status: "preview"; file: string; lines: string[] }
  | { status: "saving"; file: string; lines: string[] }
  | { status: "saved"; file: string; lines: string[]; path: string; count: number; replaced: number };

/**
 * For an input ChatFerry could not read: a copy of its chat file with everything people wrote
 * replaced (`chatferry redact`), shown before it is saved, to send to support.
 */
export function SupportSample({ input }: { input: InputRef }) {
  const { t } = useWords();
  const [state, setState] = useState<State>({ status: "offer" });
  const [failure, setFailure] = useState<AppError | null>(null);

  const preview = async () => {
    setFailure(null);
    setState({ status: "busy" });
    try {
      const { file, lines } = await run({ kind: "redactPreview", input: input.input });
      setState({ status: "preview", file, lines });
    } catch (err) {
      setFailure(asAppError(err));
      setState({ status: "offer" });
    }
  };

  const save = async ({ file, lines }: { file: string; lines: string[] }) => {
    const shown = { file, lines };
    setFailure(null);
    try {
      const chosen = await unwrap(api.chooseOutput({ purpose: "sample", suggestedName: "sample.txt" }));
      if (chosen === null) return;
      setState({ status: "saving", ...shown });
      const result = await run({ kind: "redact", input: input.input, output: chosen.output });
      setState({ status: "saved", ...shown, path: chosen.path, count: result.lines, replaced: result.replaced });
    } catch (err) {
      setFailure(asAppError(err));
      setState({ status: "preview", ...shown });
    }
  };

  return (
    <section className="note info" aria-labelledby="sample-title" data-testid="support-sample">
      <h2 id="sample-title">{t("sample.title")}</h2>
      <p>{t("sample.lead")}</p>
      {failure && <ErrorNote error={failure} />}
      {(state.status === "offer" || state.status === "busy") && (
        <div className="actions">
          <button type="button" className="secondary" disabled={state.status === "busy"} onClick={() => void preview()}>
            {state.status === "busy" ? t("sample.making") : t("sample.make")}
          </button>
        </div>
      )}
      {(state.status === "preview" || state.status === "saving" || state.status === "saved") && (
        <>
          <p>{t("sample.explain", { file: state.file, count: state.lines.length })}</p>
          <pre className="passphrase" data-testid="sample-preview" tabIndex={0} style={{ whiteSpace: "pre", overflow: "auto", maxHeight: "20rem", fontSize: "0.85rem" }}>
            {state.lines.join("\n")}
          </pre>
          <p>{t("sample.check")}</p>
          {state.status === "saved" ? (
            <p role="status" data-testid="sample-saved">
              {t("sample.saved", { path: state.path, lines: state.count, replaced: state.replaced })}
            </p>
          ) : (
            <div className="actions">
              <button type="button" className="primary" disabled={state.status === "saving"} onClick={() => void save(state)}>
                {state.status === "saving" ? t("sample.saving") : t("sample.save")}
              </button>
            </div>
          )}
        </>
      )}
    </section>
  );
}
