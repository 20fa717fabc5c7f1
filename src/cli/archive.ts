import { spawn } from "node:child_process";
import { dirname, resolve } from "node:path";
import { VERSION } from "../version.js";
import { ChatFerryError } from "../errors.js";
import { serveLoopback } from "../loopback.js";
import { isIdentity, isRecipient, type AgeFile, type Keying, type Unlock } from "../targets/archive/age.js";
import { exists } from "../targets/atomic.js";
import { generatePassphrase, readKeyLines, readPassphraseFile } from "../targets/archive/passphrase.js";
import { isWeak } from "../targets/archive/weak.js";
import { openAge, unpackArchive, walkArchive, type VerifyResult } from "../targets/archive/read.js";
import type { ViewerSite } from "../targets/archive/site.js";
import { writeArchive, type ArchiveResult } from "../targets/archive/write.js";
import type { CliContext } from "./context.js";
import { secretPrompt } from "./secret-prompt.js";
import { outputFolder } from "./output-folder.js";
import { readWithProgress, type ReadFlags } from "./read.js";


/** The options that choose a new archive's key. */
export interface KeyOptions {
  passphraseFile?: string;
  recipient?: string[];
  recipientsFile?: string[];
  generatePassphrase?: boolean;
}

export interface ArchiveOptions extends ReadFlags, KeyOptions {
  output?: string;
  identity?: string[];
  force?: boolean;
  verify: boolean;
}

export interface UnlockOptions {
  passphraseFile?: string;
  identity?: string[];
}

/** The naming: NAME.chatferry.age, unless the user already chose an .age name. */
export function archiveName(output: string): string {
  return /\.age$/i.test(output) ? output : `${output}.chatferry.age`;
}

export async function archiveCommand(inputs: string[], options: ArchiveOptions, ctx: CliContext): Promise<void> {
  const { t } = ctx;
  if (!options.output) throw new ChatFerryError("E_USAGE", { detail: t("usage.missingArgument", { name: "-o FILE" }) });
  // --identity unlocks the archive --update names; a new archive has nothing to unlock.
  if (options.identity?.length) throw new ChatFerryError("E_USAGE", { detail: t("usage.missingArgument", { name: "--update FILE" }) });
  const target = archiveName(options.output);
  // Cheap refusals first: nobody should type a passphrase twice to learn the name is taken.
  if (!options.force && (await exists(target))) throw new ChatFerryError("E_EXISTS", { file: target });
  const recipients = await readRecipients(options, ctx);
  const { conversations, done } = await readWithProgress(inputs, options, ctx);
  let result;
  try {
    const keying = await archiveKeying(recipients, options, ctx, "ask");
    result = await writeArchive(target, conversations, {
      keying,
      chatferry: VERSION,
      force: options.force,
      verify: options.verify,
      signal: ctx.signal,
    });
  } finally {
    done();
  }
  reportArchived(result, target, ctx);
}

export function reportArchived(result: ArchiveResult, target: string, { t, stderr }: CliContext): void {
  const { manifest } = result;
  const media = manifest.conversations.reduce((n, c) => n + c.media.stored, 0);
  const missing = manifest.conversations.reduce((n, c) => n + c.media.missing.length, 0);
  stderr.write(
    t("out.archived", {
      file: target,
      conversations: manifest.conversations.length,
      messages: manifest.conversations.reduce((n, c) => n + c.messages, 0),
      media,
      size: (result.bytes / 1e6).toFixed(1),
    }) + "\n",
  );
  if (missing > 0) stderr.write(t("warn.missingMedia", { count: missing }) + "\n");
  stderr.write(t(result.verified ? "out.verified" : "out.notVerified") + "\n");
}

export async function readRecipients(options: KeyOptions, { t }: CliContext): Promise<string[]> {
  const byRecipients = (options.recipient?.length ?? 0) > 0 || (options.recipientsFile?.length ?? 0) > 0;
  if ([byRecipients, !!options.passphraseFile, !!options.generatePassphrase].filter(Boolean).length > 1) {
    const name = "--recipient/--recipients-file, --passphrase-file, --generate-passphrase";
    throw new ChatFerryError("E_USAGE", { detail: t("usage.conflictingOption", { name }) });
  }
  const recipients = [...(options.recipient ?? [])];
  for (const file of options.recipientsFile ?? []) {
    const lines = await readKeyLines(file);
    if (lines.length === 0) throw new ChatFerryError("E_USAGE", { detail: t("usage.noRecipients", { name: file }) });
    recipients.push(...lines);
  }
  // A public key is no secret: naming the bad one helps.
  const bad = recipients.find((r) => !isRecipient(r));
  if (bad !== undefined) throw new ChatFerryError("E_USAGE", { detail: t("usage.recipient", { name: bad }) });
  return recipients;
}

/**
 * A new archive's key: the recipients read from the options, else a passphrase (made up,
 * from a file, or asked for). A run that must not stop for a person ("never": a batch) asks
 * for nothing and is refused without a key it can read.
 */
export async function archiveKeying(recipients: string[], options: KeyOptions, ctx: CliContext, prompt: "ask" | "never"): Promise<Keying> {
  return recipients.length > 0 ? { recipients } : passphraseForArchive(options, ctx, prompt);
}

async function passphraseForArchive(options: KeyOptions, ctx: CliContext, prompt: "ask" | "never"): Promise<Keying> {
  const { t, stderr } = ctx;
  if (options.generatePassphrase) {
    const passphrase = generatePassphrase();
    // stderr, like the age CLI: the terminal shows it, a redirected stdout does not capture it.
    stderr.write(`${t("out.generated")}\n\n    ${passphrase}\n\n`);
    return { passphrase };
  }
  let passphrase: string;
  if (options.passphraseFile) {
    passphrase = await readPassphraseFile(options.passphraseFile);
  } else {
    if (prompt === "never") throw new ChatFerryError("E_USAGE", { detail: t("usage.batchKey") });
    const ask = secretPrompt(ctx, "usage.noPassphrase");
    passphrase = await ask("prompt.passphrase");
    if (passphrase.length === 0) throw new ChatFerryError("E_EMPTY_PASSPHRASE");
    const again = await ask("prompt.confirm");
    if (again !== passphrase) throw new ChatFerryError("E_USAGE", { detail: t("usage.passphraseMismatch") });
  }
  if (isWeak(passphrase)) stderr.write(t("warn.weakPassphrase") + "\n");
  return { passphrase };
}

/** What unlocks this file is written in its header: a passphrase (scrypt) or recipients' identities. */
export async function unlockFor(age: AgeFile, options: UnlockOptions, ctx: CliContext): Promise<Unlock> {
  const { t } = ctx;
  if (age.stanzaTypes.includes("scrypt")) {
    if (options.passphraseFile) return { passphrase: await readPassphraseFile(options.passphraseFile) };
    return { passphrase: await secretPrompt(ctx, "usage.needsPassphrase")("prompt.passphrase") };
  }
  if (!options.identity?.length) throw new ChatFerryError("E_USAGE", { detail: t("usage.needsIdentity") });
  const identities: string[] = [];
  for (const file of options.identity) {
    const lines = await readKeyLines(file);
    // The message names the file, never a line of it: those are secret keys.
    if (lines.length === 0 || !lines.every(isIdentity)) throw new ChatFerryError("E_IDENTITY_FILE", { file });
    identities.push(...lines);
  }
  return { identities };
}

async function withUnlocked<T>(file: string, options: UnlockOptions, ctx: CliContext, use: (age: AgeFile) => Promise<T>): Promise<T> {
  const age = await openAge(file);
  try {
    await age.unlock(await unlockFor(age, options, ctx));
    return await use(age);
  } finally {
    await age.close();
  }
}

function totals({ manifest }: VerifyResult) {
  return {
    conversations: manifest.conversations.length,
    messages: manifest.conversations.reduce((n, c) => n + c.messages, 0),
    entries: manifest.entries.length + 1,
  };
}

export async function verifyCommand(file: string, options: UnlockOptions, ctx: CliContext): Promise<void> {
  const { t, stdout } = ctx;
  const { result, lock } = await withUnlocked(file, options, ctx, async (age) => ({ result: await walkArchive(age), lock: age.stanzaTypes }));
  stdout.write(t("out.checked", { file, ...totals(result) }) + "\n");
  // What age proves, and what it cannot: it authenticates the key, not the person who used it.
  stdout.write(t(lock.includes("scrypt") ? "out.provesPassphrase" : "out.provesRecipients") + "\n");
}

export async function openCommand(file: string, options: UnlockOptions & { output?: string; view?: boolean }, ctx: CliContext): Promise<void> {
  const { t, stderr } = ctx;
  if (!options.output === !options.view) throw new ChatFerryError("E_USAGE", { detail: t("usage.openTarget") });
  if (options.output) {
    const output = options.output;
    // DIR itself appears only once everything in it is unpacked and checked (unpackArchive); its parents must be there first.
    const result = await withUnlocked(file, options, ctx, async (age) => {
      await outputFolder(dirname(resolve(output)), ctx);
      return unpackArchive(age, output);
    });
    stderr.write(t("out.unpacked", { dir: options.output, entries: totals(result).entries }) + "\n");
    const [first] = result.renamed;
    if (first) stderr.write(t("warn.renamed", { count: result.renamed.length, from: first.from, to: first.to }) + "\n");
    return;
  }
  await viewCommand(file, options, ctx);
}

/**
 * ChatFerry's own viewer over the archive's data, decrypted on demand from the archive
 * file and served from memory on 127.0.0.1 behind a per-run secret, until Ctrl+C: nothing
 * decrypted is written to disk, so nothing is left behind however the command ends.
 */
async function viewCommand(file: string, options: UnlockOptions, ctx: CliContext): Promise<void> {
  const { t, stderr } = ctx;
  const age = await openAge(file);
  let site: ViewerSite | undefined;
  try {
    await age.unlock(await unlockFor(age, options, ctx));
    // Every byte checked before anything is shown, as `verify` does.
    await walkArchive(age);
    if (ctx.signal.aborted) throw new ChatFerryError("E_INTERRUPTED");
    // Imported here: the viewer's checks load zod, which the other archive commands do without.
    const { ViewerSite } = await import("../targets/archive/site.js");
    site = await ViewerSite.open(age);
    const served = await serveLoopback(site.respond, "chatferry-viewer");
    try {
      stderr.write(t((await openInBrowser(served.url)) ? "out.viewing" : "out.openManually", { url: served.url }) + "\n");
      stderr.write(t("out.viewUntil") + "\n");
      await new Promise<void>((resolve) => {
        if (ctx.signal.aborted) resolve();
        ctx.signal.addEventListener("abort", () => resolve(), { once: true });
      });
    } finally {
      await served.close();
    }
  } finally {
    await (site ?? age).close();
  }
}

/** $BROWSER when set (the usual convention; tests point it at a script), else the system's opener; false when none could start. */
function openInBrowser(url: string): Promise<boolean> {
  const [command, args] = process.env.BROWSER
    ? [process.env.BROWSER, [url]]
    : process.platform === "darwin"
      ? ["open", [url]]
      : process.platform === "win32"
        ? ["cmd", ["/c", "start", "", url]]
        : ["xdg-open", [url]];
  return new Promise((resolve) => {
    const child = spawn(command, args, { detached: true, stdio: "ignore" });
    child.once("error", () => resolve(false));
    child.once("spawn", () => {
      child.unref();
      resolve(true);
    });
  });
}
