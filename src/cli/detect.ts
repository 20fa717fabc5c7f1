import { inspect } from "../pipeline.js";
import { PLATFORM_NAMES, type CliContext } from "./context.js";
import { table } from "./table.js";

export async function detectCommand(input: string, options: { json?: boolean }, { t, stdout }: CliContext): Promise<void> {
  const { file, encoding, detected } = await inspect(input);
  const result = {
    file: file.name,
    platform: detected.source.platform,
    variant: detected.variant,
    encoding: encoding.encoding,
    confidence: detected.confidence,
  };
  if (options.json) {
    stdout.write(JSON.stringify(result) + "\n");
    return;
  }
  stdout.write(
    table([
      [t("out.platform"), PLATFORM_NAMES[result.platform]],
      [t("out.variant"), result.variant],
      [t("out.encoding"), result.encoding],
      [t("out.confidence"), result.confidence.toFixed(2)],
    ]),
  );
}
