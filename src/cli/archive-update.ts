import { ChatFerryError } from "../errors.js";
import type { Keying, Unlock } from "../targets/archive/age.js";
import { updateArchive } from "../targets/archive/update.js";
import { exists } from "../targets/atomic.js";
import { VERSION } from "../version.js";
import { archiveName, readRecipients, reportArchived, unlockFor, type ArchiveOptions } from "./archive.js";
import type { CliContext } from "./context.js";
import { readWithProgress } from "./read.js";

/**
 * `chatferry archive INPUT --update OLD.chatferry.age [-o NEW]`: a new archive
 * of OLD's conversations with the newer export merged in. It is written
 * beside OLD and takes OLD's name only with --force (after it is verified);
 * OLD is never touched before that. The same key that unlocks OLD locks the
 * new one: its passphrase, or, for an archive made for recipients (whose
 * public keys it does not reveal), the --recipient options given again.
 */
export async function updateCommand(inputs: string[], options: ArchiveOptions & { update: string }, ctx: CliContext): Promise<void> {
  const { t, stderr } = ctx;
  if (options.generatePassphrase) throw new ChatFerryError("E_USAGE", { detail: t("usage.conflictingOption", { name: "--update, --generate-passphrase" }) });
  const target = options.output ? archiveName(options.output) : options.update;
  if (!options.force && (await exists(target))) throw new ChatFerryError("E_EXISTS", { file: target });
  const recipients = await readRecipients(options, ctx);
  let done = () => undefined as void;
  let updated;
  try {
    updated = await updateArchive(
      options.update,
      async (age) => {
        const unlock = await unlockFor(age, options, ctx);
        return { unlock, keying: keyingFor(unlock, recipients, ctx) };
      },
      target,
      async () => {
        const read = await readWithProgress(inputs, options, ctx);
        done = read.done;
        return read.conversations;
      },
      { chatferry: VERSION, force: options.force, verify: options.verify, signal: ctx.signal },
    );
  } finally {
    done();
  }
  stderr.write(`${t("out.updated", { file: options.update, merged: updated.merged, conversations: updated.before })}\n`);
  reportArchived(updated.result, target, ctx);
}

function keyingFor(unlock: Unlock, recipients: string[], { t }: CliContext): Keying {
  if (recipients.length > 0) return { recipients };
  if ("passphrase" in unlock) return { passphrase: unlock.passphrase };
  throw new ChatFerryError("E_USAGE", { detail: t("usage.updateRecipients") });
}
