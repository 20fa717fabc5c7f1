import { drain } from "../pipeline.js";
import type { Warning } from "../schema/index.js";
import type { MessageKey } from "../i18n/index.js";
import { activityLines, findingText } from "./activity.js";
import { PLATFORM_NAMES, type CliContext } from "./context.js";
import { describeDateOrder, describeZone, orderWords, placeholdersRow, quote, unreadRow } from "./guesses.js";
import { readWithProgress, zoneChosenBy, type ReadFlags } from "./read.js";
import { table } from "./table.js";
import { printableJson } from "./terminal.js";

/** How many warnings a terminal listing shows; --json has them all. */
const SHOWN_WARNINGS = 20;

export async function statsCommand(inputs: string[], options: ReadFlags & { json?: boolean }, ctx: CliContext): Promise<void> {
  const { t, stdout } = ctx;
  const { conversations, done } = await readWithProgress(inputs, options, ctx);
  const timezoneFrom = zoneChosenBy(options);
  const results = [];
  try {
    for await (const conversation of conversations) {
      const summary = await drain(conversation, () => undefined);
      results.push({ header: conversation.header, timezoneFrom, summary });
    }
  } finally {
    done();
  }
  if (options.json) {
    stdout.write(printableJson(results.length === 1 ? results[0] : results) + "\n");
    return;
  }
  for (const { header, summary } of results) {
    const media = Object.entries(summary.media).map(([type, n]) => `${type} ${n}`).join(", ");
    const zone = describeZone(header.timezone, timezoneFrom, t);
    stdout.write(
      table([
        [t("out.title"), header.title ?? "—"],
        [t("out.platform"), `${PLATFORM_NAMES[header.source.platform]} (${header.source.variant}, ${header.source.encoding})`],
        [t("out.exportedAt"), header.source.exportedAt ?? "—"],
        [t("out.timezone"), zone],
        ...(summary.dateOrder ? [[t("out.dateOrder"), describeDateOrder(summary.dateOrder, t)] as const] : []),
        ...(summary.kind ? [[t("out.kind"), t(`kind.${summary.kind}`)] as const] : []),
        ...(summary.self !== undefined ? [[t("out.self"), summary.self] as const] : []),
        [t("out.messages"), String(summary.messages)],
        [t("out.first"), summary.first ?? "—"],
        [t("out.last"), summary.last ?? "—"],
        [t("out.media"), media || t("out.none")],
        [t("out.unread"), unreadRow(summary.warnings, t)],
        [t("out.placeholders"), placeholdersRow(summary.warnings, t)],
        [t("out.participants"), String(summary.participants.length)],
      ]),
    );
    stdout.write(table(summary.participants.map((p) => [p.name, String(p.messages)]), "  "));
    for (const line of summary.activity ? activityLines(summary.activity, t) : []) stdout.write(`${line}\n`);
    const findings = summary.findings ?? [];
    stdout.write(`${t("out.findings")}  ${findings.length === 0 ? t("out.none") : ""}\n`);
    for (const finding of findings) stdout.write(`  ${findingText(finding, t)}\n`);
    stdout.write(`${t("out.warnings")}  ${summary.warnings.length === 0 ? t("out.none") : ""}\n`);
    for (const warning of summary.warnings.slice(0, SHOWN_WARNINGS)) stdout.write(`  ${describeWarning(warning, ctx)}\n`);
    if (summary.warnings.length > SHOWN_WARNINGS) {
      stdout.write(`  ${t("W_more-warnings", { count: summary.warnings.length - SHOWN_WARNINGS })}\n`);
    }
  }
}

function describeWarning(warning: Warning, { t }: CliContext): string {
  // Orders are values, shown in the user's words; everything else is a quote from the input.
  const text = warning.code === "date-order-assumed" ? orderWords(warning.text ?? "", t) : quote(warning.text ?? "");
  return t(`W_${warning.code}` as MessageKey, { line: warning.line ?? "?", text, count: warning.count ?? 0 });
}
