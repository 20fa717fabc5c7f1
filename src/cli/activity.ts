/**
 * `stats`' view of when a chat was active and what may be missing from it: a line of blocks per
 * year (a block a month; per week for a short chat), the hours of the day, and the findings in
 * words. Names and notices come from the input, so they are quoted as everything else is.
 */
import type { Translate } from "../i18n/index.js";
import { monthNumber } from "../calendar.js";
import type { Activity, Finding } from "../schema/index.js";
import { spans } from "../timeline.js";
import { quote } from "./guesses.js";

const BLOCKS = "▁▂▃▄▅▆▇█";
/** A period in the chat's span without messages; outside it, a space. */
const NONE = "·";
/** The busiest hours named. */
const HOURS_NAMED = 3;

const most = (values: readonly number[]) => values.reduce((a, b) => Math.max(a, b), 0);

/** A block a value, scaled to `max`: any message shows at least the lowest block. */
function blocks(values: readonly number[], max: number): string {
  return values.map((n) => (n === 0 ? NONE : BLOCKS[Math.min(BLOCKS.length - 1, Math.ceil((n / max) * BLOCKS.length) - 1)])).join("");
}

/** The activity lines, each indented under its heading; none for a chat without messages. */
export function activityLines(activity: Activity, t: Translate): string[] {
  if (activity.months.length === 0) return [];
  return [...periodLines(activity, t), ...hourLines(activity.hours, t)];
}

function periodLines(activity: Activity, t: Translate): string[] {
  if (activity.weeks) {
    // A short chat: one line, a block a week, from the Monday of its first week.
    const weeks = spans(activity, "week");
    const counts = weeks.map((w) => w.messages);
    return [t("out.activityWeeks"), `  ${weeks[0]!.start}  ${blocks(counts, most(counts))}`];
  }
  const months = spans(activity, "month");
  const max = most(months.map((m) => m.messages));
  // A line a year, January to December: the months before the chat's first and after its last are blank.
  const years = new Map<string, { cells: string[]; total: number }>();
  for (const month of months) {
    const year = month.start.slice(0, 4);
    const line = years.get(year) ?? { cells: new Array<string>(12).fill(" "), total: 0 };
    years.set(year, line);
    line.cells[monthNumber(month.start) % 12] = blocks([month.messages], max);
    line.total += month.messages;
  }
  const lines = [t("out.activityMonths")];
  let quiet: string[] = [];
  for (const [year, { cells, total }] of years) {
    // A run of years without a message is one line: a stray date decades off is not a page of dots.
    if (total === 0) {
      quiet.push(year);
      continue;
    }
    if (quiet.length > 0) lines.push(`  ${quiet.length === 1 ? quiet[0] : `${quiet[0]}–${quiet.at(-1)}`}  ${t("out.activityQuiet")}`);
    quiet = [];
    lines.push(`  ${year}  ${cells.join("")}  ${total}`);
  }
  return lines;
}

function hourLines(hours: readonly number[], t: Translate): string[] {
  const total = hours.reduce((a, b) => a + b, 0);
  const busiest = hours
    .map((n, hour) => ({ n, hour }))
    .filter(({ n }) => n > 0)
    .sort((a, b) => b.n - a.n)
    .slice(0, HOURS_NAMED)
    .map(({ n, hour }) => t("out.hour", { hour: String(hour).padStart(2, "0"), share: Math.round((n / total) * 100) }));
  return [t("out.activityHours", { hours: busiest.join(", ") }), `  00 ${blocks(hours, most(hours))} 23`];
}

/** A finding in the user's words, with its evidence. */
export function findingText(finding: Finding, t: Translate): string {
  switch (finding.code) {
    case "silence":
      return t("finding.silence", { from: finding.from, to: finding.to, days: finding.days, usual: finding.usual });
    case "late-start":
      return t("finding.late-start", { notice: quote(finding.notice), at: finding.at.slice(0, 10), first: finding.first.slice(0, 10), days: finding.days });
    case "export-cap":
      return t(finding.media ? "finding.export-cap.media" : "finding.export-cap", { count: finding.cap });
    case "media-missing":
      return t("finding.media-missing", { count: finding.files });
    case "one-sided":
      return t("finding.one-sided");
  }
}
