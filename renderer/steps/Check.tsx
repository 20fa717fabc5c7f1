import { useEffect, useMemo, useState } from "react";
import type { AppError, CheckedConversation, CheckResult, InputRef } from "../../electron/ipc.js";
import { ChatPreview } from "../components/ChatPreview.js";
import { Progress } from "../components/Progress.js";
import { date, number } from "../format.js";
import { hasKey, useWords, type Translate } from "../i18n/index.js";
import { useJob } from "../job.js";

const PARTICIPANTS_SHOWN = 12;

export interface CheckProps {
  input: InputRef;
  timezone: string;
  check: CheckResult | null;
  me: string | null;
  onTimezone(zone: string): void;
  onMe(name: string | null): void;
  onChecked(check: CheckResult): void;
  onFailed(error: AppError): void;
  onBack(): void;
  onNext(): void;
}

/** Step 2: read the whole export once, show what is in it, and let the user confirm. */
export function Check(props: CheckProps) {
  const { t } = useWords();
  return (
    <section aria-labelledby="check-title">
      <h1 id="check-title" tabIndex={-1}>{t("check.title")}</h1>
      {props.check === null || props.check.conversations[0]?.timezone !== props.timezone ? <Checking {...props} /> : <Found {...props} check={props.check} />}
    </section>
  );
}

function Checking({ input, timezone, onChecked, onFailed, onBack }: CheckProps) {
  const { t } = useWords();
  const { state, cancel } = useJob({ kind: "check", input: input.input, timezone }, `${input.input} ${timezone}`);
  useEffect(() => {
    if (state.status === "done" && state.result.kind === "check") onChecked(state.result);
    // A cancelled check goes back to choosing; any other failure is told there.
    if (state.status === "failed") (state.error.code === "E_INTERRUPTED" ? onBack : () => onFailed(state.error))();
  }, [state]);
  if (state.status !== "running") return null;
  return <Progress state={state} label={t("check.reading")} onCancel={cancel} />;
}

function Found({ input, timezone, check, me, onTimezone, onMe, onBack, onNext }: CheckProps & { check: CheckResult }) {
  const { lang, t } = useWords();
  const [index, setIndex] = useState(0);
  const conversation = check.conversations[index] ?? check.conversations[0]!;
  const zones = useMemo(() => {
    const all = Intl.supportedValuesOf("timeZone");
    return all.includes(timezone) ? all : [timezone, ...all];
  }, [timezone]);
  const names = conversation.participants.map((p) => p.name);

  return (
    <>
      {check.conversations.length > 1 && (
        <div className="field">
          <p className="note info">{t("check.several", { count: check.conversations.length })}</p>
          <label htmlFor="conversation">{t("check.conversation")}</label>
          <select id="conversation" value={index} onChange={(e) => setIndex(Number(e.target.value))}>
            {check.conversations.map((c, i) => (
              <option key={c.id} value={i}>
                {c.title ?? c.files[0]} ({number(lang, c.messages)})
              </option>
            ))}
          </select>
        </div>
      )}
      <div className="check-grid">
        <Facts conversation={conversation} inputName={input.name} />
        <div className="card">
          <div className="field">
            <label htmlFor="timezone">{t("check.timezone")}</label>
            <select id="timezone" value={timezone} onChange={(e) => onTimezone(e.target.value)} aria-describedby="timezone-help">
              {zones.map((zone) => (
                <option key={zone} value={zone}>
                  {zone.replace(/_/g, " ")}
                </option>
              ))}
            </select>
            <p className="help-text" id="timezone-help">
              {t("check.timezoneHelp")}
            </p>
          </div>
          <div className="field">
            <label htmlFor="me">{t("check.me")}</label>
            <select id="me" value={me ?? ""} onChange={(e) => onMe(e.target.value === "" ? null : e.target.value)} aria-describedby="me-help">
              <option value="">{t("check.meNone")}</option>
              {names.map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </select>
            <p className="help-text" id="me-help">
              {t("check.meHelp")}
            </p>
          </div>
        </div>
      </div>
      <h2>{t("check.preview")}</h2>
      <ChatPreview input={input.input} conversation={conversation.id} count={conversation.messages} me={me} timeZone={conversation.timezone} />
      <Warnings conversation={conversation} />
      <div className="actions">
        <button type="button" className="secondary" onClick={onBack}>
          {t("common.back")}
        </button>
        <button type="button" className="primary" onClick={onNext}>
          {t("common.continue")}
        </button>
      </div>
    </>
  );
}

/** "KakaoTalk · Android (Korean)" from "kakaotalk.android.ko". */
export function variantName(t: Translate, conversation: CheckedConversation): string {
  const parts = conversation.variant.split(".").slice(1);
  const words = parts.map((part) => {
    const device = `variant.${part}`;
    const language = `lang.${part}`;
    if (hasKey(device)) return t(device);
    if (hasKey(language)) return `(${t(language)})`;
    return part;
  });
  return [t(`platform.${conversation.platform}`), words.join(" ")].filter(Boolean).join(" · ");
}

function Facts({ conversation, inputName }: { conversation: CheckedConversation; inputName: string }) {
  const { lang, t } = useWords();
  const { media } = conversation;
  const more = conversation.participants.length - PARTICIPANTS_SHOWN;
  const byType = Object.entries(media.byType)
    .map(([type, n]) => `${t(`media.${type}` as "media.photo")} ${number(lang, n)}`)
    .join(" · ");
  return (
    <dl className="card facts" data-testid="facts">
      <dt>{t("check.messengerLabel")}</dt>
      <dd data-testid="messenger">{variantName(t, conversation)}</dd>
      <dt>{t("check.file")}</dt>
      <dd>{inputName}</dd>
      <dt>{t("check.encoding")}</dt>
      <dd>{conversation.encoding.toUpperCase()}</dd>
      <dt>{t("check.period")}</dt>
      <dd>
        {conversation.first && conversation.last
          ? `${date(lang, conversation.first, conversation.timezone)} – ${date(lang, conversation.last, conversation.timezone)}`
          : t("common.none")}
      </dd>
      <dt>{t("check.messages")}</dt>
      <dd data-testid="message-count">{number(lang, conversation.messages)}</dd>
      <dt>{t("check.participants")}</dt>
      <dd>
        <ul className="chips">
          {conversation.participants.slice(0, PARTICIPANTS_SHOWN).map((p) => (
            <li key={p.name}>
              {p.name} <span className="muted">{number(lang, p.messages)}</span>
            </li>
          ))}
          {more > 0 && <li className="muted">{t("check.participantsMore", { count: more })}</li>}
        </ul>
      </dd>
      <dt>{t("check.media")}</dt>
      <dd>
        {media.found + media.missing === 0 ? (
          t("check.mediaNone")
        ) : (
          <>
            {byType && <span>{byType}</span>}
            <br />
            <span>{t("check.mediaFound", { count: number(lang, media.found) })}</span>
            {media.missing > 0 && (
              <>
                <br />
                <span className="warn-text">{t("check.mediaMissing", { count: number(lang, media.missing) })}</span>
                <p className="help-text">{t("check.mediaMissingHelp")}</p>
              </>
            )}
          </>
        )}
      </dd>
    </dl>
  );
}

function Warnings({ conversation }: { conversation: CheckedConversation }) {
  const { lang, t } = useWords();
  const { warnings: shown, warningCount } = conversation;
  if (warningCount === 0) return <p className="muted">{t("check.noWarnings")}</p>;
  return (
    <details className="warnings" open={warningCount <= 5}>
      <summary>{t("check.warnings", { count: number(lang, warningCount) })}</summary>
      <ul>
        {shown.map((w, i) => {
          const key = `warning.${w.code}`;
          const text = w.code === "date-order-assumed" && w.text && hasKey(`order.${w.text}`) ? t(`order.${w.text}` as "order.day/month") : (w.text ?? "");
          return (
            <li key={i}>
              {w.line !== undefined && <strong>{t("warning.line", { line: w.line })}: </strong>}
              {hasKey(key) ? t(key, { text, count: w.count ?? 0 }) : w.code}
            </li>
          );
        })}
      </ul>
      {warningCount > shown.length && <p className="muted">{t("check.warningsMore", { count: number(lang, warningCount - shown.length) })}</p>}
    </details>
  );
}
