import { inspect } from "../pipeline.js";
import { PLATFORM_NAMES, type CliContext } from "./context.js";
import { table } from "./table.js";
import { printableJson } from "./terminal.js";

export async function detectCommand(input: string, options: { json?: boolean }, { t, stdout }: CliContext): Promise<void> {
  const { container, chats } = await inspect(input);
  await container.close();
  for (const { entry, encoding, detected } of chats) {
    const result = {
      file: container.kind === "file" ? container.name : `${container.name}/${entry.path}`,
      platform: detected.source.platform,
      variant: detected.variant,
      encoding: encoding.encoding,
      confidence: detected.confidence,
    };
    if (options.json) {
      stdout.write(printableJson(result) + "\n");
      continue;
    }
    const rows: [string, string][] = [
      [t("out.platform"), PLATFORM_NAMES[result.platform]],
      [t("out.variant"), result.variant],
      [t("out.encoding"), result.encoding],
      [t("out.confidence"), result.confidence.toFixed(2)],
    ];
    if (container.kind !== "file") rows.unshift([t("out.file"), result.file]);
    stdout.write(table(rows));
  }
}
