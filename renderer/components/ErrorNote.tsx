import type { AppError } from "../../electron/ipc.js";
import { errorText } from "../errors.js";
import { useWords } from "../i18n/index.js";

/** An error as a sentence with what to do next; announced to screen readers as it appears. */
export function ErrorNote({ error }: { error: AppError }) {
  const { t } = useWords();
  return (
    <div className="note error" role="alert" data-code={error.code}>
      <strong>{t("error.title")}</strong>
      <p>{errorText(t, error)}</p>
    </div>
  );
}
