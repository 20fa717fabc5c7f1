import { NameAllocator } from "../targets/safe-name.js";
import { writeImportPackage, type PackageResult } from "../targets/telegram/package.js";
import type { CliContext } from "./context.js";
import { outputFolder } from "./output-folder.js";
import { readWithProgress, type ReadFlags } from "./read.js";
import { withKnownSelf } from "./self.js";

export async function telegramPackageCommand(
  inputs: string[],
  options: ReadFlags & { output?: string; force?: boolean; meAs?: string },
  ctx: CliContext,
): Promise<void> {
  const { t, stdout, signal } = ctx;
  // An import cannot be undone: a date order the file does not show is asked for, not assumed.
  const flags = options.meAs === undefined ? options : await withKnownSelf(inputs, options, ctx, "refuse");
  const { conversations, done } = await readWithProgress(inputs, flags, ctx, "refuse");
  try {
    // Made once the inputs are known to be exports: a mistyped input leaves no empty folder.
    const dir = await outputFolder(options.output ?? ".", ctx);
    const names = new NameAllocator();
    for await (const conversation of conversations) {
      const self = conversation.header.self;
      const result = await writeImportPackage(conversation, dir, { force: options.force, signal, names, meAs: options.meAs });
      stdout.write(`${t("package.done", { ...result })}\n${shapeLines(result, self, options.meAs, ctx).join("\n")}\n`);
    }
  } finally {
    done();
  }
  stdout.write(`\n${t("package.steps")}\n`);
}

/** Which kind of Telegram chat the package goes into, and whose side the user's messages land on. */
function shapeLines(result: PackageResult, self: string | undefined, meAs: string | undefined, { t }: CliContext): string[] {
  const lines = [t(`package.seen.${result.seenAs}`)];
  const expected = result.kind === "channel" ? "group" : result.kind;
  if (expected !== undefined && result.seenAs !== "unknown" && expected !== result.seenAs) lines.push(t(`package.unlike.${expected}`));
  if (meAs !== undefined && self !== undefined) lines.push(t("package.meAs", { self, name: meAs }));
  else lines.push(t("package.meAsHint"));
  return lines.map((line) => `  ${line}`);
}
