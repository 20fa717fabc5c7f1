import { useEffect, useMemo, useState } from "react";
import type { AppError, CheckResult, InputRef, JobResult } from "../electron/ipc.js";
import { api } from "./bridge.js";
import { ErrorNote } from "./components/ErrorNote.js";
import { Stepper } from "./components/Stepper.js";
import type { DateOrder } from "./reading.js";
import { translator, WordsContext, type Lang } from "./i18n/index.js";
import { Check, jobDateOrder } from "./steps/Check.js";
import { Choose } from "./steps/Choose.js";
import { DestinationStep, type Plan } from "./steps/Destination.js";
import { Done, ReplayDone } from "./steps/Done.js";
import { OpenArchive } from "./steps/OpenArchive.js";
import { Run } from "./steps/Run.js";

type Stage =
  | { step: "choose"; error: AppError | null; failed?: InputRef }
  | { step: "check"; input: InputRef }
  | { step: "destination"; input: InputRef; check: CheckResult }
  | { step: "run"; input: InputRef; check: CheckResult; plan: Plan }
  | { step: "done"; plan: Plan; result: Extract<JobResult, { kind: "package" | "export" | "signal" | "archive" | "replay" }>; jobId: string }
  | { step: "open" };

/** The language the user picked last; the OS locale until they pick one. */
const LANG_KEY = "chatferry.lang";

export function App() {
  const [lang, setLang] = useState<Lang | null>(null);
  const [timezone, setTimezone] = useState("UTC");
  /** This computer's zone: the check step says whether the zone in use is it or a chosen one. */
  const [systemZone, setSystemZone] = useState("UTC");
  /** The user's answer to the check step's date question; null until asked and answered. */
  const [dateOrder, setDateOrder] = useState<DateOrder | null>(null);
  const [bot, setBot] = useState({ canRemember: false, botRemembered: false });
  const [failure, setFailure] = useState<AppError | null>(null);
  const [stage, setStage] = useState<Stage>({ step: "choose", error: null });
  const [check, setCheck] = useState<CheckResult | null>(null);
  const [me, setMe] = useState<string | null>(null);

  useEffect(() => {
    void api.appInfo({}).then((info) => {
      if (!info.ok) return setFailure(info.error);
      const saved = localStorage.getItem(LANG_KEY);
      setLang(saved === "ko" || saved === "en" ? saved : info.value.lang);
      setTimezone(info.value.timezone);
      setSystemZone(info.value.timezone);
      setBot({ canRemember: info.value.canRemember, botRemembered: info.value.botRemembered });
    });
  }, []);

  useEffect(() => {
    if (lang) document.documentElement.lang = lang;
  }, [lang]);

  // Keyboard and screen-reader users land on the new step's heading.
  useEffect(() => {
    document.querySelector<HTMLElement>("main h1")?.focus();
  }, [stage.step, lang === null]);

  const words = useMemo(() => ({ lang: lang ?? "en", t: translator(lang ?? "en") }), [lang]);
  const { t } = words;

  const pickLang = (value: Lang) => {
    localStorage.setItem(LANG_KEY, value);
    setLang(value);
  };

  const restart = (error: AppError | null = null, failed?: InputRef) => {
    setCheck(null);
    setMe(null);
    setDateOrder(null);
    setStage({ step: "choose", error, ...(failed ? { failed } : {}) });
  };

  if (lang === null) {
    return failure ? (
      <main id="main">
        <ErrorNote error={failure} />
      </main>
    ) : null;
  }

  return (
    <WordsContext.Provider value={words}>
      <a className="skip" href="#main">
        {t("app.skip")}
      </a>
      <header className="top">
        <div className="brand">
          <svg className="logo" viewBox="0 0 32 32" aria-hidden="true">
            <path d="M4 19h24l-4 7H8z" />
            <path d="M10 12h12v5H10z" />
            <path d="M14 7h4v4h-4z" />
          </svg>
          <span>
            <strong>ChatFerry</strong>
            <span className="tagline">{t("app.tagline")}</span>
          </span>
        </div>
        <label className="lang">
          <span>{t("app.language")}</span>
          <select value={lang} onChange={(e) => pickLang(e.target.value as Lang)} data-testid="language">
            <option value="ko">한국어</option>
            <option value="en">English</option>
          </select>
        </label>
      </header>
      {stage.step !== "open" && <Stepper current={stage.step} />}
      <main id="main">
        {stage.step === "choose" && (
          <Choose
            key={stage.error?.code ?? "choose"}
            error={stage.error}
            failed={stage.failed ?? null}
            onChosen={(input) => {
              setCheck(null);
              setMe(null);
              setDateOrder(null);
              setStage({ step: "check", input });
            }}
            onOpenArchive={() => setStage({ step: "open" })}
          />
        )}
        {stage.step === "check" && (
          <Check
            input={stage.input}
            timezone={timezone}
            systemZone={systemZone}
            dateOrder={dateOrder}
            check={check}
            me={me}
            onTimezone={setTimezone}
            onDateOrder={setDateOrder}
            onMe={setMe}
            onChecked={(result) => {
              setCheck(result);
              // What the export says of who exported it starts the answer; the user may still change it.
              const selves = new Set(result.conversations.map((c) => c.self));
              const [self] = selves;
              if (selves.size === 1 && self !== undefined) setMe((chosen) => chosen ?? self);
            }}
            onFailed={(error) => restart(error, stage.input)}
            onBack={() => restart()}
            onNext={() => check && setStage({ step: "destination", input: stage.input, check })}
          />
        )}
        {stage.step === "destination" && (
          <DestinationStep
            input={stage.input}
            timezone={timezone}
            dateOrder={jobDateOrder(stage.check)}
            me={me}
            check={stage.check}
            canRemember={bot.canRemember}
            botRemembered={bot.botRemembered}
            onRemembered={(botRemembered) => setBot((b) => ({ ...b, botRemembered }))}
            onBack={() => setStage({ step: "check", input: stage.input })}
            onStart={(plan) => setStage({ step: "run", input: stage.input, check: stage.check, plan })}
          />
        )}
        {stage.step === "run" && (
          <Run
            plan={stage.plan}
            onBack={() => setStage({ step: "destination", input: stage.input, check: stage.check })}
            onDone={(result, jobId) => {
              if (result.kind === "package" || result.kind === "export" || result.kind === "signal" || result.kind === "archive" || result.kind === "replay") setStage({ step: "done", plan: stage.plan, result, jobId });
            }}
          />
        )}
        {stage.step === "done" &&
          (stage.result.kind === "replay" ? (
            <ReplayDone result={stage.result} onRestart={() => restart()} />
          ) : (
            <Done plan={stage.plan} result={stage.result} jobId={stage.jobId} onRestart={() => restart()} />
          ))}
        {stage.step === "open" && <OpenArchive onBack={() => restart()} />}
      </main>
    </WordsContext.Provider>
  );
}
