import { useState, type ReactNode } from "react";
import { EXPORT_FORMATS } from "../../electron/channels.js";
import type { AppError, ArchiveRef, CheckResult, ExportFormat, InputRef, JobSpec, OutputRef } from "../../electron/ipc.js";
import { api } from "../bridge.js";
import { ErrorNote } from "../components/ErrorNote.js";
import { ImportSteps } from "../components/ImportSteps.js";
import type { DateOrder } from "../reading.js";
import { useWords } from "../i18n/index.js";
import { strength } from "../strength.js";
import { ReplaySetup } from "./ReplaySetup.js";

export type Destination = "package" | "replay" | "signal" | "archive" | "export";

/** What the Run step runs, and what the Done step needs to say about it. */
export interface Plan {
  destination: Destination;
  spec: JobSpec;
  /** The passphrase was made up by ChatFerry: Done reminds the user to keep it. */
  generated: boolean;
}

const EXTENSIONS: Record<Exclude<ExportFormat, "telegram-json">, string> = { json: "json", ndjson: "ndjson", csv: "csv", txt: "txt" };

/** A name for files from the chat's title, without characters file systems refuse. */
function fileStem(check: CheckResult, input: InputRef): string {
  const title = check.conversations.length === 1 ? check.conversations[0]!.title : null;
  const stem = (title ?? input.name.replace(/\.[^.]*$/, "")).replace(/[\\/:*?"<>|\u0000-\u001f]/g, "_").trim();
  return stem === "" ? "chat" : stem.slice(0, 80);
}

export interface DestinationProps {
  input: InputRef;
  timezone: string;
  /** The order the check step settled with the user, for every job; absent: the file shows it. */
  dateOrder: DateOrder | undefined;
  /** Which participant the user is (the check step's answer, or what the export said); null: not known. */
  me: string | null;
  check: CheckResult;
  /** Whether a bot token can be, and is, remembered on this computer (appInfo). */
  canRemember: boolean;
  botRemembered: boolean;
  /** A token was remembered or forgotten: the app keeps that across steps. */
  onRemembered(remembered: boolean): void;
  onBack(): void;
  onStart(plan: Plan): void;
}

export function DestinationStep({ input, timezone, dateOrder, me, check, canRemember, botRemembered, onRemembered, onBack, onStart }: DestinationProps) {
  const { lang, t } = useWords();
  const [destination, setDestination] = useState<Destination>("package");
  const [outputs, setOutputs] = useState<Partial<Record<string, OutputRef>>>({});
  const [format, setFormat] = useState<ExportFormat>("json");
  const [mode, setMode] = useState<"passphrase" | "recipients">("passphrase");
  const [passphrase, setPassphrase] = useState("");
  const [confirm, setConfirm] = useState("");
  const [generated, setGenerated] = useState(false);
  const [wroteItDown, setWroteItDown] = useState(false);
  const [recipients, setRecipients] = useState("");
  const [error, setError] = useState<AppError | null>(null);
  const [replay, setReplay] = useState<Extract<JobSpec, { kind: "replay" }> | null>(null);
  /** An archive this export is added to (an update); null: a new archive. */
  const [update, setUpdate] = useState<ArchiveRef | null>(null);
  const [updating, setUpdating] = useState(false);
  /** The user's Telegram name, for the package; empty: their messages keep the name the chat gives them. */
  const [meAs, setMeAs] = useState("");

  const stem = fileStem(check, input);
  // Outputs are remembered per kind: a folder for a package is no place for a JSON file name.
  const outputKey = destination === "export" ? `export:${format}` : destination;
  const output = outputs[outputKey];
  const wantsFolder = destination === "package" || destination === "signal" || (destination === "export" && format === "telegram-json");

  const chooseOutput = async () => {
    setError(null);
    const purpose = wantsFolder ? "folder" : destination === "archive" ? "archive" : "export";
    const suggestedName = destination === "archive" ? `${stem}.chatferry.age` : destination === "export" && format !== "telegram-json" ? `${stem}.${EXTENSIONS[format]}` : undefined;
    const result = await api.chooseOutput({ purpose, ...(suggestedName === undefined ? {} : { suggestedName }) });
    if (!result.ok) setError(result.error);
    else if (result.value !== null) setOutputs((o) => ({ ...o, [outputKey]: result.value! }));
  };

  const generate = async () => {
    const result = await api.generatePassphrase({});
    if (!result.ok) return setError(result.error);
    setPassphrase(result.value.passphrase);
    setConfirm(result.value.passphrase);
    setGenerated(true);
    setWroteItDown(false);
  };

  const typed = (value: string) => {
    setPassphrase(value);
    setGenerated(false);
  };

  const chooseUpdate = async () => {
    setError(null);
    const result = await api.chooseArchive({});
    if (!result.ok) return setError(result.error);
    if (result.value === null) return;
    setUpdate(result.value);
    // The old archive's passphrase unlocks it and locks the new one: nothing to make up or confirm.
    setMode("passphrase");
    setGenerated(false);
  };

  const mismatch = mode === "passphrase" && !updating && confirm !== "" && confirm !== passphrase;
  const keyReady = updating
    ? update !== null && update.lock === "passphrase" && passphrase !== ""
    : mode === "passphrase"
      ? passphrase !== "" && confirm === passphrase && (!generated || wroteItDown)
      : recipients.split("\n").some((line) => line.trim() !== "");
  const ready = destination === "replay" ? replay !== null : output !== undefined && (destination !== "archive" || keyReady);

  const start = () => {
    if (destination === "replay") return replay && onStart({ destination, spec: replay, generated: false });
    if (!output) return;
    const common = { input: input.input, timezone, ...(dateOrder ? { dateOrder } : {}), ...(me === null ? {} : { me }), output: output.output };
    let spec: JobSpec;
    if (destination === "package") spec = { kind: "package", ...common, ...(me !== null && meAs.trim() !== "" ? { meAs: meAs.trim() } : {}) };
    else if (destination === "export") spec = { kind: "export", ...common, format };
    else if (destination === "signal") spec = { kind: "signal", ...common, lang };
    else {
      const key = mode === "passphrase" ? { passphrase } : { recipients: recipients.split("\n").map((r) => r.trim()).filter((r) => r !== "") };
      spec = { kind: "archive", ...common, key, ...(updating && update ? { update: update.archive } : {}) };
    }
    onStart({ destination, spec, generated: destination === "archive" && mode === "passphrase" && generated });
  };

  return (
    <section aria-labelledby="dest-title">
      <h1 id="dest-title" tabIndex={-1}>{t("dest.title")}</h1>
      {error && <ErrorNote error={error} />}
      <fieldset className="choices">
        <legend className="sr-only">{t("dest.title")}</legend>
        <Choice value="package" current={destination} onSelect={setDestination} title={t("dest.package.title")} badge={t("dest.package.badge")} description={t("dest.package.desc")}>
          <div className="field">
            <label htmlFor="me-as">{t("dest.package.meAs")}</label>
            <input id="me-as" value={meAs} onChange={(e) => setMeAs(e.target.value)} disabled={me === null} aria-describedby="me-as-help" spellCheck={false} />
            <p className="help-text" id="me-as-help">
              {me === null ? t("dest.package.meAsUnknown") : t("dest.package.meAsWhy", { me })}
            </p>
          </div>
          <ImportSteps />
          <p>
            <button type="button" className="link" onClick={() => void api.openHelp({ topic: "telegram-import" })}>
              {t("dest.package.guide")}
            </button>
          </p>
        </Choice>
        <Choice value="replay" current={destination} onSelect={setDestination} title={t("dest.replay.title")} description={t("dest.replay.desc")}>
          <ReplaySetup input={input.input} timezone={timezone} dateOrder={dateOrder} me={me} canRemember={canRemember} botRemembered={botRemembered} onRemembered={onRemembered} onReady={setReplay} />
        </Choice>
        <Choice value="signal" current={destination} onSelect={setDestination} title={t("dest.signal.title")} description={t("dest.signal.desc")}>
          <p>{t("dest.signal.how")}</p>
          <ul className="steps-list">
            <li>{t("dest.signal.arrives")}</li>
            <li>{t("dest.signal.cannot")}</li>
          </ul>
        </Choice>
        <Choice value="archive" current={destination} onSelect={setDestination} title={t("dest.archive.title")} description={t("dest.archive.desc")}>
          <label className="inline field">
            <input type="checkbox" checked={updating} onChange={(e) => setUpdating(e.target.checked)} /> {t("archive.update")}
          </label>
          {updating && (
            <div className="field">
              <p className="help-text">{t("archive.updateHelp")}</p>
              <p data-testid="update-archive">
                {update?.name ?? t("dest.outputNone")}{" "}
                <button type="button" className="secondary" onClick={() => void chooseUpdate()}>
                  {t("archive.updateChoose")}
                </button>
              </p>
              {update?.lock === "recipients" && <p className="note warn-text">{t("archive.updateRecipients")}</p>}
              <label htmlFor="update-passphrase">{t("archive.updatePassphrase")}</label>
              <input id="update-passphrase" type="password" autoComplete="current-password" value={passphrase} onChange={(e) => typed(e.target.value)} spellCheck={false} />
            </div>
          )}
          {!updating && (
          <>
          <fieldset className="field">
            <legend>{t("archive.mode")}</legend>
            <label className="inline">
              <input type="radio" name="archive-mode" checked={mode === "passphrase"} onChange={() => setMode("passphrase")} /> {t("archive.passphrase")}
            </label>
            <label className="inline">
              <input type="radio" name="archive-mode" checked={mode === "recipients"} onChange={() => setMode("recipients")} /> {t("archive.recipients")}
            </label>
          </fieldset>
          {mode === "passphrase" ? (
            <>
              <div className="field">
                <label htmlFor="passphrase">{t("archive.passphraseLabel")}</label>
                <input id="passphrase" type={generated ? "text" : "password"} autoComplete="new-password" value={passphrase} onChange={(e) => typed(e.target.value)} spellCheck={false} />
              </div>
              <div className="field">
                <label htmlFor="confirm">{t("archive.confirmLabel")}</label>
                <input
                  id="confirm"
                  type={generated ? "text" : "password"}
                  autoComplete="new-password"
                  value={confirm}
                  onChange={(e) => setConfirm(e.target.value)}
                  aria-invalid={mismatch}
                  aria-describedby={mismatch ? "mismatch" : undefined}
                  spellCheck={false}
                />
                {mismatch && (
                  <p className="warn-text" id="mismatch">
                    {t("archive.mismatch")}
                  </p>
                )}
              </div>
              <StrengthMeter passphrase={passphrase} />
              <p>
                <button type="button" className="secondary" onClick={() => void generate()}>
                  {t("archive.generate")}
                </button>
              </p>
              {generated && (
                <div className="note info">
                  <p>{t("archive.generated")}</p>
                  <p className="passphrase" data-testid="generated">
                    {passphrase}
                  </p>
                  <label className="inline">
                    <input type="checkbox" checked={wroteItDown} onChange={(e) => setWroteItDown(e.target.checked)} /> {t("archive.wroteItDown")}
                  </label>
                </div>
              )}
            </>
          ) : (
            <div className="field">
              <label htmlFor="recipients">{t("archive.recipientsLabel")}</label>
              <textarea id="recipients" rows={3} value={recipients} onChange={(e) => setRecipients(e.target.value)} spellCheck={false} aria-describedby="recipients-help" />
              <p className="help-text" id="recipients-help">
                {t("archive.recipientsHelp")}
              </p>
            </div>
          )}
          </>
          )}
        </Choice>
        <Choice value="export" current={destination} onSelect={setDestination} title={t("dest.export.title")} description={t("dest.export.desc")}>
          <fieldset className="field">
            <legend>{t("dest.format")}</legend>
            {EXPORT_FORMATS.map((f) => (
              <label className="block" key={f}>
                <input type="radio" name="format" value={f} checked={format === f} onChange={() => setFormat(f)} /> {t(`format.${f}`)}
              </label>
            ))}
          </fieldset>
        </Choice>
      </fieldset>

      {destination !== "replay" && (
        <div className="card output">
          <p className="output-label" id="output-label">
            {t("dest.output")}
          </p>
          <p className="output-path" data-testid="output-path" aria-labelledby="output-label">
            {output?.path ?? t("dest.outputNone")}
          </p>
          <button type="button" className="secondary" onClick={() => void chooseOutput()}>
            {wantsFolder ? t("dest.chooseFolder") : t("dest.chooseFile")}
          </button>
        </div>
      )}

      <div className="actions">
        <button type="button" className="secondary" onClick={onBack}>
          {t("common.back")}
        </button>
        <button type="button" className="primary" onClick={start} disabled={!ready} aria-describedby={output || destination === "replay" ? undefined : "need-output"}>
          {t("dest.start")}
        </button>
        {!output && destination !== "replay" && (
          <span className="muted" id="need-output">
            {t("dest.needOutput")}
          </span>
        )}
      </div>
    </section>
  );
}

function Choice(props: { value: Destination; current: Destination; onSelect(d: Destination): void; title: string; badge?: string; description: string; children: ReactNode }) {
  const selected = props.value === props.current;
  const id = `dest-${props.value}`;
  return (
    <div className={selected ? "choice selected" : "choice"}>
      <input type="radio" name="destination" id={id} checked={selected} onChange={() => props.onSelect(props.value)} />
      <label htmlFor={id}>
        <span className="choice-title">
          {props.title} {props.badge && <span className="badge">{props.badge}</span>}
        </span>
        <span className="choice-desc">{props.description}</span>
      </label>
      {selected && <div className="choice-body">{props.children}</div>}
    </div>
  );
}

function StrengthMeter({ passphrase }: { passphrase: string }) {
  const { t } = useWords();
  const level = strength(passphrase);
  return (
    <div className="field strength">
      <p id="strength-label">
        {t("strength.label")}: <strong data-testid="strength">{t(`strength.${level}`)}</strong>
      </p>
      <meter min={0} max={4} low={2} high={3} optimum={4} value={level} aria-labelledby="strength-label" />
      {level < 3 && <p className="help-text">{t("strength.hint")}</p>}
    </div>
  );
}
