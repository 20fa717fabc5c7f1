import { useEffect, useState } from "react";
import type { AppError, BotCheck, JobResult, JobSpec } from "../../electron/ipc.js";
import { api } from "../bridge.js";
import { ErrorNote } from "../components/ErrorNote.js";
import { duration, number } from "../format.js";
import type { DateOrder } from "../reading.js";
import { hasKey, useWords } from "../i18n/index.js";
import { useJob } from "../job.js";

type ReplaySpec = Extract<JobSpec, { kind: "replay" }>;
type PlanResult = Extract<JobResult, { kind: "replayPlan" }>;

export interface ReplaySetupProps {
  input: string;
  timezone: string;
  /** The date order the check step settled with the user; absent: the file shows it. */
  dateOrder: DateOrder | undefined;
  /** Which participant the user is: the replay heads their messages as theirs. */
  me: string | null;
  canRemember: boolean;
  botRemembered: boolean;
  onRemembered(remembered: boolean): void;
  /** The replay to run once the connection is tested and the plan is known; null until then. */
  onReady(spec: ReplaySpec | null): void;
}

/** Bot token, chat, "test connection", and the plan with its duration: everything a replay needs before it starts. */
export function ReplaySetup({ input, timezone, dateOrder, me, canRemember, botRemembered: remembered, onRemembered, onReady }: ReplaySetupProps) {
  const { lang, t } = useWords();
  const [token, setToken] = useState("");
  const [remember, setRemember] = useState(false);
  const [chat, setChat] = useState("");
  const [pack, setPack] = useState(true);
  const [testing, setTesting] = useState(false);
  const [check, setCheck] = useState<{ chat: string; result: BotCheck } | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [plan, setPlan] = useState<PlanResult | null>(null);

  const chatId = chat.trim();
  const tested = check !== null && check.chat === chatId && check.result.canPost !== false;
  const spec: ReplaySpec | null = tested ? { kind: "replay", input, timezone, ...(dateOrder ? { dateOrder } : {}), ...(me === null ? {} : { me }), chat: chatId, pack, lang } : null;
  const ready = spec !== null && plan !== null && plan.done < plan.items;
  useEffect(() => onReady(ready ? spec : null), [ready, chatId, pack, lang, me]);

  const test = async () => {
    setError(null);
    setCheck(null);
    setPlan(null);
    setTesting(true);
    try {
      if (!remembered) {
        const set = await api.setBotToken({ token, remember: canRemember && remember });
        if (!set.ok) return setError(set.error);
        if (set.value.remembered) onRemembered(true);
      }
      const checked = await api.testBot({ chat: chatId });
      if (!checked.ok) return setError(checked.error);
      setCheck({ chat: chatId, result: checked.value });
    } finally {
      setTesting(false);
    }
  };

  const forget = async () => {
    await api.forgetBotToken({});
    onRemembered(false);
    setCheck(null);
  };

  const kind = (type: string) => (hasKey(`replay.kind.${type}`) ? t(`replay.kind.${type}` as "replay.kind.private") : type);

  return (
    <div className="replay">
      {remembered ? (
        <p>
          {t("replay.remembered")}{" "}
          <button type="button" className="link" onClick={() => void forget()}>
            {t("replay.forget")}
          </button>
        </p>
      ) : (
        <div className="field">
          <label htmlFor="bot-token">{t("replay.token")}</label>
          <input id="bot-token" type="password" autoComplete="off" spellCheck={false} value={token} onChange={(e) => setToken(e.target.value)} aria-describedby="bot-token-help" />
          <p className="help-text" id="bot-token-help">
            {t("replay.tokenHelp")}
          </p>
          {canRemember && (
            <label className="inline">
              <input type="checkbox" checked={remember} onChange={(e) => setRemember(e.target.checked)} /> {t("replay.remember")}
            </label>
          )}
        </div>
      )}
      <div className="field">
        <label htmlFor="bot-chat">{t("replay.chat")}</label>
        <input id="bot-chat" type="text" spellCheck={false} value={chat} onChange={(e) => setChat(e.target.value)} aria-describedby="bot-chat-help" />
        <p className="help-text" id="bot-chat-help">
          {t("replay.chatHelp")}
        </p>
      </div>
      <label className="inline field">
        <input type="checkbox" checked={!pack} onChange={(e) => setPack(!e.target.checked)} /> {t("replay.onePerMessage")}
      </label>
      <p>
        <button type="button" className="secondary" onClick={() => void test()} disabled={testing || chatId === "" || (!remembered && token.trim() === "")}>
          {t("replay.test")}
        </button>
      </p>
      {testing && <p role="status">{t("replay.testing")}</p>}
      {error && <ErrorNote error={error} />}
      {check && check.chat === chatId && (
        <p className={check.result.canPost === true ? "note info ok-text" : "note info warn-text"} role="status" data-testid="bot-check">
          {t(check.result.canPost === true ? "replay.ok" : check.result.canPost === false ? "replay.cannotPost" : "replay.unknownRights", {
            bot: check.result.bot,
            chat: check.result.chat.title ?? chatId,
            kind: kind(check.result.chat.type),
          })}
        </p>
      )}
      {tested && <Plan key={`${chatId} ${pack} ${lang}`} spec={{ ...spec!, kind: "replayPlan" }} chatType={check.result.chat.type} onPlan={setPlan} />}
      {plan && <p className="help-text">{t("replay.privacy")}</p>}
    </div>
  );
}

function Plan({ spec, chatType, onPlan }: { spec: Extract<JobSpec, { kind: "replayPlan" }>; chatType: string; onPlan(plan: PlanResult | null): void }) {
  const { lang, t } = useWords();
  const { state } = useJob(spec, JSON.stringify(spec));
  useEffect(() => onPlan(state.status === "done" && state.result.kind === "replayPlan" ? state.result : null), [state]);
  if (state.status === "running") return <p role="status">{t("replay.planning")}</p>;
  if (state.status === "failed") return <ErrorNote error={state.error} />;
  const plan = state.result;
  if (plan.kind !== "replayPlan") return null;
  const pace = chatType === "private" ? "private" : "group";
  const n = (value: number) => number(lang, value);
  return (
    <div className="card plan" data-testid="replay-plan">
      <p>{t("replay.plan", { messages: n(plan.messages), telegram: n(plan.telegramMessages), items: n(plan.items) })}</p>
      {plan.skipped > 0 && (
        <p className="note info" data-testid="replay-skipped">
          {t("replay.planSkipped", { skipped: n(plan.skipped) })}
        </p>
      )}
      {plan.done >= plan.items ? (
        <p className="ok-text">{t("replay.planComplete")}</p>
      ) : (
        <>
          <p>{t("replay.planDuration", { pace: t(`replay.pace.${pace}`), duration: duration(t, plan.durationMs[pace]) })}</p>
          {plan.done > 0 && <p className="note info">{t("replay.planResume", { done: n(plan.done), items: n(plan.items) })}</p>}
        </>
      )}
    </div>
  );
}
