import { useEffect, useMemo, useState } from "react";
import type { AppError, CheckedConversation, CheckResult, InputRef } from "../../electron/ipc.js";
import { Activity } from "../components/Activity.js";
import { ChatPreview } from "../components/ChatPreview.js";
import { Progress } from "../components/Progress.js";
import { calendarDate, date, number, ORDER_KEYS } from "../format.js";
import { dateReadings, visible, type DateOrder } from "../reading.js";
import { hasKey, useWords, type Key, type Translate } from "../i18n/index.js";
import { useJob } from "../job.js";

const PARTICIPANTS_SHOWN = 12;

export interface CheckProps {
  input: InputRef;
  timezone: string;
  /** This computer's zone, to say whether `timezone` is it. */
  systemZone: string;
  /** The user's answer to the date question; null until answered. */
  dateOrder: DateOrder | null;
  check: CheckResult | null;
  me: string | null;
  onTimezone(zone: string): void;
  onDateOrder(order: DateOrder): void;
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
      {isCurrent(props) ? <Found {...props} check={props.check} /> : <Checking {...props} />}
    </section>
  );
}

/** Whether the check was made with the zone and date order now chosen; else it is made again. */
function isCurrent(props: CheckProps): props is CheckProps & { check: CheckResult } {
  const { check } = props;
  return check !== null && check.conversations[0]?.timezone === props.timezone && check.dateOrder === props.dateOrder;
}

/**
 * The date order jobs must be given: the user's answer; or, where the export does not show
 * the order but no date in it would read differently (1/1, 2/2), the order it was read in.
 * Undefined: the export shows it (or a question is still open, and Continue waits for it).
 */
export function jobDateOrder(check: CheckResult): DateOrder | undefined {
  if (check.dateOrder !== null) return check.dateOrder;
  const undecided = check.conversations.filter((c) => c.dateOrder?.by === "locale");
  return undecided.length > 0 && undecided.every((c) => c.dateSample === null) ? undecided[0]!.dateOrder!.order : undefined;
}

/** The conversation whose dates the question shows: one the export leaves open, or the one the user answered for. */
function questionFor(check: CheckResult): CheckedConversation | undefined {
  const by = check.dateOrder === null ? "locale" : "option";
  return check.conversations.find((c) => c.dateOrder?.by === by && c.dateSample);
}

function Checking({ input, timezone, dateOrder, onChecked, onFailed, onBack }: CheckProps) {
  const { t } = useWords();
  const spec = { kind: "check" as const, input: input.input, timezone, ...(dateOrder === null ? {} : { dateOrder }) };
  const { state, cancel } = useJob(spec, `${input.input} ${timezone} ${dateOrder}`);
  useEffect(() => {
    if (state.status === "done" && state.result.kind === "check") onChecked(state.result);
    // A cancelled check goes back to choosing; any other failure is told there.
    if (state.status === "failed") (state.error.code === "E_INTERRUPTED" ? onBack : () => onFailed(state.error))();
  }, [state]);
  if (state.status !== "running") return null;
  return <Progress state={state} label={t("check.reading")} onCancel={cancel} />;
}

function Found({ input, timezone, systemZone, check, me, onTimezone, onDateOrder, onMe, onBack, onNext }: CheckProps & { check: CheckResult }) {
  const { lang, t } = useWords();
  const [index, setIndex] = useState(0);
  const conversation = check.conversations[index] ?? check.conversations[0]!;
  const zones = useMemo(() => {
    const all = Intl.supportedValuesOf("timeZone");
    return all.includes(timezone) ? all : [timezone, ...all];
  }, [timezone]);
  const names = conversation.participants.map((p) => p.name);
  const asked = questionFor(check);
  // Nothing moves on a guessed date: Continue waits for an answer.
  const open = asked !== undefined && check.dateOrder === null;

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
      {asked && <DateQuestion conversation={asked} answered={check.dateOrder} onAnswer={onDateOrder} />}
      <div className="check-grid">
        <Facts conversation={conversation} inputName={input.name} zoneFrom={timezone === systemZone ? "system" : "chosen"} />
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
              {t(conversation.clock === "utc" ? "check.timezoneHelpExact" : "check.timezoneHelp")}
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
              {conversation.self !== undefined && me === conversation.self ? t("check.meFromExport") : t("check.meHelp")}
            </p>
          </div>
        </div>
      </div>
      <h2>{t("activity.title")}</h2>
      <Activity conversation={conversation} />
      <h2>{t("check.preview")}</h2>
      <ChatPreview input={input.input} conversation={conversation.id} count={conversation.messages} me={me} timeZone={conversation.timezone} />
      <Warnings conversation={conversation} />
      <div className="actions">
        <button type="button" className="secondary" onClick={onBack}>
          {t("common.back")}
        </button>
        <button type="button" className="primary" onClick={onNext} disabled={open} aria-describedby={open ? "date-first" : undefined}>
          {t("common.continue")}
        </button>
      </div>
      {open && (
        <p className="help-text" id="date-first">
          {t("check.dateQuestionFirst")}
        </p>
      )}
    </>
  );
}

/**
 * The question the export leaves open: one message's date read each way, the user
 * picks the right one, and the check runs again with that order.
 */
function DateQuestion({ conversation, answered, onAnswer }: { conversation: CheckedConversation; answered: DateOrder | null; onAnswer(order: DateOrder): void }) {
  const { lang, t } = useWords();
  const sample = conversation.dateSample!;
  const readings = dateReadings(sample.time, conversation.dateOrder!.order);
  const [picked, setPicked] = useState<DateOrder | null>(answered);
  return (
    <fieldset className="card question" data-testid="date-question">
      <legend>{t("check.dateQuestion")}</legend>
      <p>{t("check.dateQuestionLead")}</p>
      <blockquote className="sample">
        <span className="muted">{t("check.dateQuestionSample", { line: sample.line })}</span>{" "}
        {sample.sender !== null && <strong>{sample.sender}: </strong>}
        {visible(sample.text)}
      </blockquote>
      <div className="options">
        {readings.map(({ order, date: day }) => (
          <label key={order} className="option">
            <input type="radio" name="date-order" value={order} checked={picked === order} onChange={() => setPicked(order)} />
            <span>
              <strong>{calendarDate(lang, day)}</strong> <span className="muted">({t("check.dateQuestionOrder", { order: t(ORDER_KEYS[order]) })})</span>
            </span>
          </label>
        ))}
      </div>
      <button type="button" className="primary" disabled={picked === null || picked === answered} onClick={() => picked && onAnswer(picked)}>
        {t("check.dateQuestionUse")}
      </button>
    </fieldset>
  );
}

/** What to do about files an export mentions but lacks: the messenger's own advice where it has some. */
function missingHelp(platform: string): Key {
  const own = `check.mediaMissingHelp.${platform}`;
  return hasKey(own) ? own : "check.mediaMissingHelp";
}

/** "KakaoTalk · Android (Korean)" from "kakaotalk.android.ko"; a variant with a name of its own ("discord.package") by that name. */
export function variantName(t: Translate, conversation: CheckedConversation): string {
  const whole = `variant.${conversation.variant}`;
  if (hasKey(whole)) return `${t(`platform.${conversation.platform}`)} · ${t(whole)}`;
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

function Facts({ conversation, inputName, zoneFrom }: { conversation: CheckedConversation; inputName: string; zoneFrom: "system" | "chosen" }) {
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
      <dt>{t("check.timezoneUsed")}</dt>
      <dd data-testid="timezone-used">{t(zoneFrom === "system" ? "check.timezoneSystem" : "check.timezoneChosen", { zone: conversation.timezone.replace(/_/g, " ") })}</dd>
      {conversation.dateOrder && (
        <>
          <dt>{t("check.dateOrder")}</dt>
          <dd data-testid="date-order">
            {t(ORDER_KEYS[conversation.dateOrder.order])} <span className="muted">({t(evidenceKey(conversation))})</span>
          </dd>
        </>
      )}
      {conversation.kind && (
        <>
          <dt>{t("check.kind")}</dt>
          <dd data-testid="chat-kind">{t(`check.kind.${conversation.kind}`)}</dd>
        </>
      )}
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
                <p className="help-text">{t(missingHelp(conversation.platform))}</p>
              </>
            )}
          </>
        )}
      </dd>
      <Guesses conversation={conversation} />
    </dl>
  );
}

/** What decided the order, in words; an order the export leaves open is the question's. */
function evidenceKey({ dateOrder, dateSample }: CheckedConversation): Key {
  if (dateOrder!.by === "locale") return dateSample ? "check.by.locale-asked" : "check.by.locale";
  return `check.by.${dateOrder!.by}`;
}

/** Lines kept unread and probable placeholders: what reading could not be sure of, each named. */
function Guesses({ conversation }: { conversation: CheckedConversation }) {
  const { lang, t } = useWords();
  const { unread, placeholders } = conversation;
  return (
    <>
      <dt>{t("check.unread")}</dt>
      <dd data-testid="unread">
        {unread.count === 0 ? (
          t("check.unreadNone")
        ) : (
          <>
            <span className="warn-text">{t("check.unreadCount", { count: number(lang, unread.count) })}</span>
            <ul className="lines">
              {unread.lines.map((l) => (
                <li key={l.line}>
                  <span className="muted">{t("warning.line", { line: l.line })}</span> <code>{visible(l.text)}</code>
                </li>
              ))}
              {unread.count > unread.lines.length && <li className="muted">{t("check.unreadMore", { count: number(lang, unread.count - unread.lines.length) })}</li>}
            </ul>
          </>
        )}
      </dd>
      {placeholders.length > 0 && (
        <>
          <dt>{t("check.placeholders")}</dt>
          <dd data-testid="placeholders">
            <ul className="lines">
              {placeholders.map((p) => (
                <li key={p.text}>{t("check.placeholder", { text: visible(p.text), count: number(lang, p.count), line: p.line })}</li>
              ))}
            </ul>
            <p className="help-text">{t("check.placeholdersHelp")}</p>
          </dd>
        </>
      )}
    </>
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
          const text = w.code === "date-order-assumed" && w.text && hasKey(`order.${w.text}`) ? t(`order.${w.text}` as "order.day/month") : visible(w.text ?? "");
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
