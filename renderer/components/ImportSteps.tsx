import { useWords } from "../i18n/index.js";

/** How to start Telegram's own import from the package, on an iPhone and on Android. */
export function ImportSteps() {
  const { t } = useWords();
  return (
    <>
      <p>{t("dest.package.steps")}</p>
      <ol className="steps-list">
        <li>{t("dest.package.iphone")}</li>
        <li>{t("dest.package.android")}</li>
      </ol>
      <p className="help-text">{t("dest.package.who")}</p>
    </>
  );
}
