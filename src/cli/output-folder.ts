import { makeFolder } from "../targets/folder.js";
import type { CliContext } from "./context.js";

/**
 * The folder `-o DIR` names, ready to write into: made (with its parents) when missing, and
 * said so on stderr, so that a typo in DIR shows at once instead of as files that seem lost.
 */
export async function outputFolder(dir: string, { t, stderr }: CliContext): Promise<string> {
  if ((await makeFolder(dir)) !== undefined) stderr.write(`${t("out.createdFolder", { dir })}\n`);
  return dir;
}
