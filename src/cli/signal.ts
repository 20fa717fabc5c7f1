import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ChatFerryError, fileError } from "../errors.js";
import { translator, type Translate } from "../i18n/index.js";
import { writeTelegramJson, type TelegramJsonResult } from "../targets/export/telegram-json.js";
import { checkOutput, contactMap, importIntoBackup } from "../targets/signal/import.js";
import { SIGNAL_TOOL, SignalTool } from "../targets/signal/tool.js";
import { signalWords } from "../targets/signal/words.js";
import type { CliContext } from "./context.js";
import { secretPrompt } from "./secret-prompt.js";
import { readWithProgress, type ReadFlags } from "./read.js";
import { table } from "./table.js";

const PASSPHRASE_ENV = "CHATFERRY_SIGNAL_PASSPHRASE";
/** Signal Android's backup passphrase: 30 digits, shown in groups of five. */
const PASSPHRASE_DIGITS = 30;

interface ToolFlags {
  signalbackupTools?: string;
}

export interface SignalImportFlags extends ReadFlags, ToolFlags {
  backup: string;
  chat: string;
  map?: string[];
  output?: string;
  force?: boolean;
}

export async function signalRecipientsCommand(backup: string, options: ToolFlags, ctx: CliContext): Promise<void> {
  await checkBackup(backup);
  const tool = await signalTool(options, ctx);
  const recipients = await tool.recipients(backup);
  const kind = (type: string) => (type === "Individual" ? ctx.t("signal.kind.contact") : type.startsWith("Group") ? ctx.t("signal.kind.group") : type);
  ctx.stdout.write(`${ctx.t("signal.recipientsHead", { file: backup })}\n`);
  ctx.stdout.write(table(recipients.map((r) => [String(r.id), `${r.name} (${kind(r.type)})`]), "  "));
}

export async function signalImportCommand(input: string, options: SignalImportFlags, ctx: CliContext): Promise<void> {
  const { t, stdout } = ctx;
  if (options.output === undefined) throw new ChatFerryError("E_USAGE", { detail: t("usage.signalOutput") });
  const output = options.output;
  const chat = recipientId(options.chat, "usage.signalChat", t);
  const names = new Map<string, number>();
  for (const pair of options.map ?? []) {
    // The id is digits, so the last `=` divides: a name may hold one.
    const at = pair.lastIndexOf("=");
    names.set(pair.slice(0, at), recipientId(at > 0 ? pair.slice(at + 1) : "", "usage.signalMap", t, pair));
  }
  await checkBackup(options.backup);
  await checkOutput(options.backup, output, options.force ?? false);
  const tool = await signalTool(options, ctx);

  // A private folder, removed at the end: the chat's text and media in the clear are nobody else's.
  const dir = await mkdtemp(join(tmpdir(), "chatferry-signal-"));
  try {
    const { exported, title } = await exportOne(input, options, dir, ctx);
    const mapping = contactMap(exported.people, exported.chatId, names, chat);
    const expected = exported.summary.messages;
    stdout.write(`${t("signal.plan", { title, messages: expected, backup: options.backup, file: output })}\n`);
    for (const p of exported.people) stdout.write(`${t("signal.mapped", { name: p.name, id: names.get(p.name)! })}\n`);
    const report = await importIntoBackup({
      tool,
      backup: options.backup,
      json: join(dir, "result.json"),
      mapping,
      chat,
      output,
      force: options.force ?? false,
      expected,
      onStep: (step, file) => stdout.write(`${t(step === "counting" ? "signal.counting" : "signal.importing", { file })}\n`),
    });
    stdout.write(`${t("signal.done", { file: output, before: report.before, after: report.after, added: report.after - report.before })}\n`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The input's one conversation, exported for Signal into `dir` in the user's words. */
async function exportOne(input: string, flags: ReadFlags, dir: string, ctx: CliContext): Promise<{ exported: TelegramJsonResult; title: string }> {
  // What goes into Signal cannot be taken out again: a date order the file does not show is asked for, not assumed.
  const { conversations, done } = await readWithProgress([input], flags, ctx, "refuse");
  const words = signalWords(translator(ctx.lang));
  let one: { exported: TelegramJsonResult; title: string } | undefined;
  try {
    for await (const conversation of conversations) {
      if (one) throw new ChatFerryError("E_SIGNAL_SEVERAL", { file: input });
      one = { exported: await writeTelegramJson(conversation, dir, { signal: words }), title: conversation.header.title ?? input };
    }
  } finally {
    done();
  }
  // Reading an input without a chat fails before this.
  return one!;
}

/** A missing backup or a folder is said plainly, before a passphrase is asked for. */
async function checkBackup(path: string): Promise<void> {
  const found = await stat(path).catch((err: unknown) => {
    throw fileError(err, path);
  });
  if (found.isDirectory()) throw new ChatFerryError("E_NOT_A_FILE", { file: path });
}

function recipientId(value: string, usage: "usage.signalChat" | "usage.signalMap", t: Translate, shown = value): number {
  if (!/^[1-9]\d{0,15}$/.test(value)) throw new ChatFerryError("E_USAGE", { detail: t(usage, { name: shown }) });
  return Number(value);
}

/** The tool with the backup's passphrase: from the environment, else a prompt that does not echo; never from argv, never shown. */
async function signalTool(options: ToolFlags, ctx: CliContext): Promise<SignalTool> {
  const { t, signal } = ctx;
  let passphrase = process.env[PASSPHRASE_ENV];
  if (passphrase === undefined || passphrase === "") passphrase = await secretPrompt(ctx, "usage.noSignalPassphrase")("prompt.signalPassphrase");
  // Signal shows it in groups of five; the tool reads only the digits, and quotes the whole string when it counts too few.
  const digits = passphrase.replace(/\D/g, "");
  if (digits.length !== PASSPHRASE_DIGITS) throw new ChatFerryError("E_USAGE", { detail: t("usage.signalPassphrase", { count: digits.length }) });
  return new SignalTool(options.signalbackupTools ?? SIGNAL_TOOL, digits, signal);
}
