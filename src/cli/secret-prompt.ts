import { ChatFerryError } from "../errors.js";
import type { MessageKey } from "../i18n/index.js";
import { promptHidden } from "../targets/archive/passphrase.js";
import type { CliContext } from "./context.js";

/**
 * Asks for secrets (passphrases, a bot token) at a prompt that does not echo. Without a
 * terminal there is no one to ask: refused at once with `noTerminal`, which says how else
 * to give it, before any long work begins.
 */
export function secretPrompt({ t, stderr }: CliContext, noTerminal: MessageKey): (prompt: MessageKey) => Promise<string> {
  if (!process.stdin.isTTY) throw new ChatFerryError("E_USAGE", { detail: t(noTerminal) });
  return (prompt) => promptHidden(t(prompt), process.stdin, stderr);
}
