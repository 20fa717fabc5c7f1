import { useId, useMemo } from "react";
import type { CheckedConversation } from "../../electron/ipc.js";
import { dayNumber } from "../../src/calendar.js";
import { gaps } from "../../src/normalize/findings.js";
import { spans, unitFor, type Span, type Unit } from "../../src/timeline.js";
import { calendarDate, dayMonth, monthYear, number } from "../format.js";
import { useWords, type Lang, type Translate } from "../i18n/index.js";

type Finding = CheckedConversation["findings"][number];
/** What the chart's findings say; missing files are the facts' (see Findings). */
type Told = Exclude<Finding, { code: "media-missing" }>;

// The charts' own coordinates (viewBox units); the SVG scales to the card's width.
const WIDTH = 720;
const LEFT = 48;
const RIGHT = WIDTH - 8;
const TOP = 12;
const BOTTOM = 186;
const HOURS_BOTTOM = 90;
/** At most this many labels under a chart; the rest are left out evenly. */
const LABELS = 12;
/** The widest a bar gets, however few there are. */
const BAR_MAX = 40;
/** The width a label under a bar takes, about. */
const LABEL_ROOM = 40;
/** Colours of the people shown, then of everyone else: CSS variables, light and dark (styles.css). */
const colour = (series: number | "rest") => `var(--series-${series})`;

/**
 * The check step's picture of when the chat was active: messages per month (per week for a short
 * chat, per year for a very long one) stacked by who wrote them, the stretches the export may be
 * missing shaded and said in words, and the hours of the day. SVG drawn by React; every number is
 * also in a table for those who cannot see the chart.
 */
export function Activity({ conversation }: { conversation: CheckedConversation }) {
  const { lang, t } = useWords();
  const { activity, findings, participants } = conversation;
  const unit = unitFor(activity);
  const bars = useMemo(() => spans(activity, unit), [activity, unit]);
  if (bars.length === 0) return null;
  const totals = activity.people.map((name) => participants.find((p) => p.name === name)?.messages ?? 0);
  const others = conversation.messages - totals.reduce((a, b) => a + b, 0);
  // With every writer shown by name, the rest are the chat's own notices.
  const othersKey = participants.length > activity.people.length ? "activity.others" : "activity.notices";
  return (
    <div className="card activity" data-testid="activity">
      <Findings findings={findings} />
      <ul className="legend" aria-label={t("activity.legend")}>
        {activity.people.map((name, i) => (
          <li key={name}>
            <span className="swatch" style={{ background: colour(i) }} /> {name} <span className="muted">{number(lang, totals[i]!)}</span>
          </li>
        ))}
        {others > 0 && (
          <li>
            <span className="swatch" style={{ background: colour("rest") }} /> {t(othersKey)} <span className="muted">{number(lang, others)}</span>
          </li>
        )}
        {gaps(findings).length > 0 && (
          <li>
            <span className="swatch gap" /> {t("activity.gapLegend")}
          </li>
        )}
      </ul>
      <PeriodChart bars={bars} unit={unit} people={activity.people} findings={findings} />
      <HourChart hours={activity.hours} />
      <details className="numbers">
        <summary>{t("activity.table")}</summary>
        <Numbers bars={bars} unit={unit} people={activity.people} others={t(othersKey)} hours={activity.hours} />
      </details>
    </div>
  );
}

/**
 * What may be missing, in words. Files the export lacks are not repeated here: the facts above
 * count them (with the placeholders that name no file) and say how to keep them.
 */
function Findings({ findings }: { findings: readonly Finding[] }) {
  const { lang, t } = useWords();
  const told = findings.filter((f): f is Told => f.code !== "media-missing");
  if (told.length === 0) return <p className="ok-text" data-testid="findings-none">{t("activity.findingsNone")}</p>;
  return (
    <ul className="findings" data-testid="findings">
      {told.map((f, i) => (
        <li key={i} className="note warn">
          {findingWords(f, lang, t)}
        </li>
      ))}
    </ul>
  );
}

function findingWords(f: Told, lang: Lang, t: Translate): string {
  const day = (ymd: string) => calendarDate(lang, ymd.slice(0, 10));
  switch (f.code) {
    case "silence":
      return t("activity.finding.silence", { from: day(f.from), to: day(f.to), days: number(lang, f.days), usual: number(lang, f.usual) });
    case "late-start":
      return t("activity.finding.late-start", { notice: f.notice, at: day(f.at), first: day(f.first), days: number(lang, f.days) });
    case "export-cap":
      return t(f.media ? "activity.finding.export-cap.media" : "activity.finding.export-cap", { count: number(lang, f.cap) });
    case "one-sided":
      return t("activity.finding.one-sided");
  }
}

/** "March 2019", "Week of 8 January 2024", "2019": a bar's name in titles and the table. */
function spanName(span: Span, unit: Unit, lang: Lang, t: Translate): string {
  if (unit === "week") return t("activity.week", { date: calendarDate(lang, span.start) });
  if (unit === "month") return monthYear(lang, span.start);
  return t("activity.year", { year: span.start.slice(0, 4) });
}

/** The label under a bar, where there is room for one: the year at each January, a date every few weeks, every few years. */
function axisLabels(bars: readonly Span[], unit: Unit, lang: Lang): Map<number, string> {
  const candidates = bars.flatMap((bar, i): [number, string][] => {
    if (unit === "month") return bar.start.slice(5, 7) === "01" || i === 0 ? [[i, bar.start.slice(0, 4)]] : [];
    if (unit === "week") return [[i, dayMonth(lang, bar.start)]];
    return [[i, bar.start.slice(0, 4)]];
  });
  const stride = Math.ceil(candidates.length / LABELS);
  return new Map(candidates.filter((_, k) => k % stride === 0));
}

/** A bar's messages from everyone but the people shown, the chat's own notices included. */
function rest(bar: Span): number {
  return bar.messages - bar.by.reduce((a, b) => a + b, 0);
}

/** A bar's parts from the bottom up, [from, to) in messages: each person shown, then everyone else; empty parts left out. */
function stack(bar: Span): { series: number | "rest"; from: number; to: number }[] {
  const counts: [number | "rest", number][] = [...bar.by.map((n, i): [number, number] => [i, n]), ["rest", rest(bar)]];
  let from = 0;
  return counts.flatMap(([series, n]) => {
    if (n <= 0) return [];
    from += n;
    return [{ series, from: from - n, to: from }];
  });
}

/** A round number at or above `n` (1, 2 or 5 times a power of ten), for the scale's top line. */
function roundUp(n: number): number {
  const power = 10 ** Math.floor(Math.log10(Math.max(1, n)));
  return [1, 2, 5, 10].map((m) => m * power).find((v) => v >= n)!;
}

function PeriodChart({ bars, unit, people, findings }: { bars: Span[]; unit: Unit; people: readonly string[]; findings: readonly Finding[] }) {
  const { lang, t } = useWords();
  const id = useId().replace(/[^A-Za-z0-9_-]/g, "");
  const top = roundUp(bars.reduce((m, b) => Math.max(m, b.messages), 0));
  const slot = (RIGHT - LEFT) / bars.length;
  const barWidth = Math.min(Math.max(slot * 0.8, 0.6), BAR_MAX);
  const y = (n: number) => BOTTOM - (n / top) * (BOTTOM - TOP);
  const busiest = bars.reduce((a, b) => (b.messages > a.messages ? b : a));
  const stretches = gaps(findings);
  // Where a day falls along the axis: inside its bar's slot, in proportion to the days before it.
  const x = (day: number) => {
    const at = bars.findIndex((b) => day <= dayNumber(b.end));
    if (at < 0) return RIGHT;
    const start = dayNumber(bars[at]!.start);
    return LEFT + (at + Math.max(0, day - start) / (dayNumber(bars[at]!.end) - start + 1)) * slot;
  };
  const labels = axisLabels(bars, unit, lang);
  const total = bars.reduce((n, b) => n + b.messages, 0);
  return (
    <figure className="chart">
      <figcaption id={`${id}-title`}>{t(`activity.chartTitle.${unit}`)}</figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${BOTTOM + 26}`} role="img" aria-labelledby={`${id}-title`} aria-describedby={`${id}-desc`} data-testid="activity-chart">
        <desc id={`${id}-desc`}>
          {t("activity.chartDesc", {
            count: number(lang, total),
            from: spanName(bars[0]!, unit, lang, t),
            to: spanName(bars.at(-1)!, unit, lang, t),
            busiest: spanName(busiest, unit, lang, t),
            most: number(lang, busiest.messages),
          })}
          {stretches.length > 0 && ` ${t("activity.gapsShaded", { count: stretches.length })}`}
        </desc>
        <defs>
          <pattern id={`${id}-gap`} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <rect width="3" height="6" className="gap-stripe" />
          </pattern>
        </defs>
        {stretches.map(([from, to]) => (
          <rect key={from} className="gap-area" x={x(dayNumber(from) + 1)} y={TOP} width={Math.max(1, x(dayNumber(to)) - x(dayNumber(from) + 1))} height={BOTTOM - TOP} fill={`url(#${id}-gap)`} />
        ))}
        {[top / 2, top].map((n) => (
          <g key={n} className="grid">
            <line x1={LEFT} x2={RIGHT} y1={y(n)} y2={y(n)} />
            <text x={LEFT - 6} y={y(n) + 4} textAnchor="end">
              {number(lang, n)}
            </text>
          </g>
        ))}
        <line className="axis" x1={LEFT} x2={RIGHT} y1={BOTTOM} y2={BOTTOM} />
        {bars.map((bar, i) => {
          const left = LEFT + i * slot;
          const nearEnd = left > RIGHT - LABEL_ROOM;
          return (
            <g key={bar.start}>
              <title>{`${spanName(bar, unit, lang, t)}: ${t("activity.messages", { count: number(lang, bar.messages) })}${bar.by.map((n, s) => (n > 0 ? ` · ${people[s]} ${number(lang, n)}` : "")).join("")}`}</title>
              {stack(bar).map(({ series, from, to }) => (
                <rect key={series} x={left + (slot - barWidth) / 2} width={barWidth} y={y(to)} height={y(from) - y(to)} style={{ fill: colour(series) }} />
              ))}
              {labels.has(i) && (
                // Under its bar, from the bar's left edge; near the chart's right edge, ending there instead of past it.
                <text className="label" x={nearEnd ? RIGHT : left} y={BOTTOM + 18} textAnchor={nearEnd ? "end" : "start"}>
                  {labels.get(i)}
                </text>
              )}
            </g>
          );
        })}
      </svg>
    </figure>
  );
}

function HourChart({ hours }: { hours: readonly number[] }) {
  const { lang, t } = useWords();
  const id = useId().replace(/[^A-Za-z0-9_-]/g, "");
  const most = hours.reduce((m, n) => Math.max(m, n), 0);
  const busiest = hours.indexOf(most);
  const slot = (RIGHT - LEFT) / 24;
  return (
    <figure className="chart">
      <figcaption id={`${id}-title`}>{t("activity.hoursTitle")}</figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${HOURS_BOTTOM + 24}`} role="img" aria-labelledby={`${id}-title`} aria-describedby={`${id}-desc`} data-testid="hours-chart">
        <desc id={`${id}-desc`}>{t("activity.hoursDesc", { hour: t("activity.hour", { hour: busiest }), count: number(lang, most) })}</desc>
        <line className="axis" x1={LEFT} x2={RIGHT} y1={HOURS_BOTTOM} y2={HOURS_BOTTOM} />
        {hours.map((n, hour) => (
          <g key={hour}>
            <title>{`${t("activity.hour", { hour })}: ${t("activity.messages", { count: number(lang, n) })}`}</title>
            {n > 0 && (
              <rect x={LEFT + hour * slot + slot * 0.15} width={slot * 0.7} y={HOURS_BOTTOM - (n / most) * (HOURS_BOTTOM - TOP)} height={(n / most) * (HOURS_BOTTOM - TOP)} style={{ fill: colour(0) }} />
            )}
            {hour % 3 === 0 && (
              <text className="label" x={LEFT + (hour + 0.5) * slot} y={HOURS_BOTTOM + 18} textAnchor="middle">
                {t("activity.hour", { hour })}
              </text>
            )}
          </g>
        ))}
      </svg>
    </figure>
  );
}

/** The charts' numbers as tables: what a screen reader reads instead of the bars. */
function Numbers({ bars, unit, people, others, hours }: { bars: Span[]; unit: Unit; people: readonly string[]; others: string; hours: readonly number[] }) {
  const { lang, t } = useWords();
  return (
    <>
      <table>
        <caption>{t(`activity.chartTitle.${unit}`)}</caption>
        <thead>
          <tr>
            <th scope="col">{t(`activity.unit.${unit}`)}</th>
            <th scope="col">{t("activity.total")}</th>
            {people.map((name) => (
              <th scope="col" key={name}>
                {name}
              </th>
            ))}
            <th scope="col">{others}</th>
          </tr>
        </thead>
        <tbody>
          {bars.map((bar) => (
            <tr key={bar.start}>
              <th scope="row">{spanName(bar, unit, lang, t)}</th>
              <td>{number(lang, bar.messages)}</td>
              {bar.by.map((n, i) => (
                <td key={i}>{number(lang, n)}</td>
              ))}
              <td>{number(lang, rest(bar))}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <table>
        <caption>{t("activity.hoursTitle")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("activity.unit.hour")}</th>
            <th scope="col">{t("activity.total")}</th>
          </tr>
        </thead>
        <tbody>
          {hours.map((n, hour) => (
            <tr key={hour}>
              <th scope="row">{t("activity.hour", { hour })}</th>
              <td>{number(lang, n)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
