import { writeImportPackage } from "../targets/telegram/package.js";
import type { CliContext } from "./context.js";
import { readWithProgress } from "./read.js";

export async function telegramPackageCommand(
  inputs: string[],
  options: { output?: string; timezone?: string; force?: boolean },
  ctx: CliContext,
): Promise<void> {
  const { t, stdout, signal } = ctx;
  const { conversations, done } = await readWithProgress(inputs, options.timezone, ctx);
  try {
    for await (const conversation of conversations) {
      const result = await writeImportPackage(conversation, options.output ?? ".", { force: options.force, signal });
      stdout.write(`${t("package.done", { ...result })}\n`);
    }
  } finally {
    done();
  }
  stdout.write(`\n${t("package.steps")}\n`);
}
