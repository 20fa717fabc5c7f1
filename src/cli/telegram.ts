import { NameAllocator } from "../targets/safe-name.js";
import { writeImportPackage } from "../targets/telegram/package.js";
import type { CliContext } from "./context.js";
import { readWithProgress, type ReadFlags } from "./read.js";

export async function telegramPackageCommand(
  inputs: string[],
  options: ReadFlags & { output?: string; force?: boolean },
  ctx: CliContext,
): Promise<void> {
  const { t, stdout, signal } = ctx;
  // An import cannot be undone: a date order the file does not show is asked for, not assumed.
  const { conversations, done } = await readWithProgress(inputs, options, ctx, "refuse");
  try {
    const names = new NameAllocator();
    for await (const conversation of conversations) {
      const result = await writeImportPackage(conversation, options.output ?? ".", { force: options.force, signal, names });
      stdout.write(`${t("package.done", { ...result })}\n`);
    }
  } finally {
    done();
  }
  stdout.write(`\n${t("package.steps")}\n`);
}
