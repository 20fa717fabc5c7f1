import { useWords, type Key } from "../i18n/index.js";

export const STEPS = ["choose", "check", "destination", "run", "done"] as const;
export type Step = (typeof STEPS)[number];

/** Where the user is among the five steps; the current one is announced as such. */
export function Stepper({ current }: { current: Step }) {
  const { t } = useWords();
  const at = STEPS.indexOf(current);
  return (
    <nav aria-label={t("step.progress")}>
      <ol className="stepper">
        {STEPS.map((step, i) => (
          <li key={step} className={i < at ? "past" : i === at ? "current" : ""} aria-current={i === at ? "step" : undefined}>
            <span className="step-number">{i + 1}</span> {t(`step.${step}` as Key)}
          </li>
        ))}
      </ol>
    </nav>
  );
}
