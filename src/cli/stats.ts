import { drain } from "../pipeline.js";
import type { Warning } from "../schema/index.js";
import type { MessageKey } from "../i18n/index.js";
import { PLATFORM_NAMES, type CliContext } from "./context.js";
import { readWithProgress } from "./read.js";
import { table } from "./table.js";

/** How many warnings a terminal listing shows; --json has them all. */
const SHOWN_WARNINGS = 20;

export async function statsCommand(
  inputs: string[],
  options: { timezone?: string; json?: boolean },
  ctx: CliContext,
): Promise<void> {
  const { t, stdout } = ctx;
  const { conversations, done } = await readWithProgress(inputs, options.timezone, ctx);
  const results = [];
  try {
    for await (const conversation of conversations) {
      const summary = await drain(conversation, () => undefined);
      results.push({ header: conversation.header, summary });
    }
  } finally {
    done();
  }
  if (options.json) {
    stdout.write(JSON.stringify(results.length === 1 ? results[0] : results) + "\n");
    return;
  }
  for (const { header, summary } of results) {
    const media = Object.entries(summary.media).map(([type, n]) => `${type} ${n}`).join(", ");
    stdout.write(
      table([
        [t("out.title"), header.title ?? "—"],
        [t("out.platform"), `${PLATFORM_NAMES[header.source.platform]} (${header.source.variant}, ${header.source.encoding})`],
        [t("out.exportedAt"), header.source.exportedAt ?? "—"],
        [t("out.timezone"), header.timezone],
        [t("out.messages"), String(summary.messages)],
        [t("out.first"), summary.first ?? "—"],
        [t("out.last"), summary.last ?? "—"],
        [t("out.media"), media || t("out.none")],
        [t("out.participants"), String(summary.participants.length)],
      ]),
    );
    stdout.write(table(summary.participants.map((p) => [p.name, String(p.messages)]), "  "));
    stdout.write(`${t("out.warnings")}  ${summary.warnings.length === 0 ? t("out.none") : ""}\n`);
    for (const warning of summary.warnings.slice(0, SHOWN_WARNINGS)) stdout.write(`  ${describeWarning(warning, ctx)}\n`);
    if (summary.warnings.length > SHOWN_WARNINGS) {
      stdout.write(`  ${t("W_more-warnings", { count: summary.warnings.length - SHOWN_WARNINGS })}\n`);
    }
  }
}

/** Warning texts that are values, not quotes from the input, are shown in the user's words. */
const ORDER_WORDS: Record<string, MessageKey> = {
  "day/month": "order.dmy",
  "month/day": "order.mdy",
  "year/month/day": "order.ymd",
};

function describeWarning(warning: Warning, { t }: CliContext): string {
  const order = warning.code === "date-order-assumed" ? ORDER_WORDS[warning.text ?? ""] : undefined;
  const quoted = warning.text && warning.text.length > 80 ? `${warning.text.slice(0, 80)}…` : warning.text;
  const text = order ? t(order) : quoted;
  return t(`W_${warning.code}` as MessageKey, { line: warning.line ?? "?", text: text ?? "", count: warning.count ?? 0 });
}
