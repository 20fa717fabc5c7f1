#!/usr/bin/env node
import zlib from "node:zlib";
import { Command, CommanderError, Help, Option } from "commander";
import { VERSION } from "../version.js";
import { ChatFerryError } from "../errors.js";
import { isLang, langFromEnv, type Lang, type MessageKey, type Translate } from "../i18n/index.js";
import { systemTimezone } from "../normalize/time.js";
import type { BatchOptions } from "./batch.js";
import type { CliContext } from "./context.js";
import { errorLine, knownError } from "./error-line.js";
import { dateOrderOption, lineRangeOption } from "./options.js";
import type { RedactCliOptions } from "./redact.js";
import type { ReplayCliOptions } from "./replay.js";
import type { SignalImportFlags } from "./signal.js";
import { printable, terminalTranslator } from "./terminal.js";

/** --lang decides the language of help too, so it is read before commander parses anything. */
function langFromArgv(argv: readonly string[]): Lang | "invalid" {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = arg === "--lang" ? argv[i + 1] : arg.startsWith("--lang=") ? arg.slice(7) : undefined;
    if (value !== undefined) return isLang(value) ? value : "invalid";
  }
  return langFromEnv();
}

function buildProgram(ctx: CliContext): Command {
  const { t } = ctx;
  const program = new Command("chatferry")
    .description(t("help.description"))
    .version(VERSION, "-V, --version", t("help.version"))
    .helpOption("-h, --help", t("help.help"))
    .helpCommand(false)
    .option("--lang <lang>", t("help.lang"))
    .option("--debug", t("help.debug"))
    .showSuggestionAfterError(false)
    .exitOverride()
    .configureOutput({ writeOut: (s) => ctx.stdout.write(s), writeErr: () => undefined })
    .configureHelp({
      styleTitle: (title) => localiseTitle(title, t),
      // The default zone is named only when help is shown: Intl's first answer costs 25 ms, which no other run needs.
      optionDescription(this: Help, option: Option) {
        return option.long === "--timezone" ? t("help.timezone", { zone: systemTimezone() }) : Help.prototype.optionDescription.call(this, option);
      },
    });

  const timezone = () => new Option("--timezone <zone>");
  /** The options of every command that reads exports; imports word --date-order as the refusal it prevents. */
  const reading = (command: Command, dateOrderHelp: MessageKey = "help.dateOrder") =>
    command
      .addOption(timezone())
      .addOption(new Option("--date-order <order>", t(dateOrderHelp)).argParser(dateOrderOption(t)))
      .option("--strict", t("help.strict"))
      .option("--me <name>", t("help.me"));
  const subcommand = (parent: Command, name: string, description: MessageKey) =>
    parent.command(name).description(t(description)).helpOption("-h, --help", t("help.help"));
  const command = (name: string, description: MessageKey) => subcommand(program, name, description);
  // Each command's module is imported when it runs: `chatferry stats` need not load the archive,
  // Telegram and Signal code first (66 fewer modules, a tenth of a second or more of every run).

  command("detect", "help.detect")
    .argument("<input>", t("help.input"))
    .option("--json", t("help.formatJson"))
    .action(async (input: string, options) => (await import("./detect.js")).detectCommand(input, options, ctx));
  const parse = command("parse", "help.parse")
    .argument("<input...>", t("help.inputs"))
    .option("--ndjson", t("help.ndjson"))
    .option("--json", t("help.json"));
  reading(parse)
    .option("-o, --output <file>", t("help.output"))
    .action(async (inputs: string[], options) => (await import("./parse.js")).parseCommand(inputs, options, ctx));
  reading(command("stats", "help.stats").argument("<input...>", t("help.inputs")))
    .option("--json", t("help.formatJson"))
    .action(async (inputs: string[], options) => (await import("./stats.js")).statsCommand(inputs, options, ctx));
  reading(command("merge", "help.merge").argument("<input...>", t("help.inputs")))
    .option("-o, --output <file>", t("help.output"))
    .action(async (inputs: string[], options) => (await import("./merge.js")).mergeCommand(inputs, options, ctx));
  const collect = (value: string, previous: string[] = []) => [...previous, value];
  /** The keys a new archive can be locked with that need nobody at the keyboard. */
  const givenKeys = (command: Command) =>
    command
      .option("--passphrase-file <file>", t("help.passphraseFile"))
      .option("--recipient <age1…>", t("help.recipient"), collect)
      .option("--recipients-file <file>", t("help.recipientsFile"), collect);
  const archive = givenKeys(command("archive", "help.archive").argument("<input...>", t("help.inputs")).option("-o, --output <file>", t("help.archiveOutput")))
    .option("--generate-passphrase", t("help.generatePassphrase"))
    .option("--update <file>", t("help.update"))
    .option("-i, --identity <file>", t("help.identity"), collect);
  reading(archive)
    .option("--force", t("help.force"))
    .option("--no-verify", t("help.noVerify"))
    .action(async (inputs: string[], options) =>
      options.update === undefined ? (await import("./archive.js")).archiveCommand(inputs, options, ctx) : (await import("./archive-update.js")).updateCommand(inputs, options, ctx),
    );
  command("verify", "help.verify")
    .argument("<file>", t("help.archiveFile"))
    .option("--passphrase-file <file>", t("help.passphraseFile"))
    .option("-i, --identity <file>", t("help.identity"), collect)
    .action(async (file: string, options) => (await import("./archive.js")).verifyCommand(file, options, ctx));
  command("open", "help.open")
    .argument("<file>", t("help.archiveFile"))
    .option("-o, --output <dir>", t("help.openOutput"))
    .option("--view", t("help.view"))
    .option("--passphrase-file <file>", t("help.passphraseFile"))
    .option("-i, --identity <file>", t("help.identity"), collect)
    .action(async (file: string, options) => (await import("./archive.js")).openCommand(file, options, ctx));
  const exportTo = command("export", "help.export")
    .argument("<input...>", t("help.inputs"))
    .requiredOption("--to <format>", t("help.exportTo"))
    .option("-o, --output <path>", t("help.exportOutput"));
  reading(exportTo)
    .option("--force", t("help.forcePackage"))
    .action(async (inputs: string[], options) => (await import("./export.js")).exportCommand(inputs, options, ctx));
  const batch = command("batch", "help.batch")
    .argument("<input...>", t("help.batchInputs"))
    .requiredOption("--to <format>", t("help.batchTo"))
    .requiredOption("-o, --output <dir>", t("help.batchOutput"))
    .option("--report <file>", t("help.report"))
    .option("--log <file>", t("help.log"));
  reading(givenKeys(batch), "help.dateOrderBatch")
    .option("--force", t("help.forcePackage"))
    .action(async (inputs: string[], options: BatchOptions) => (await import("./batch.js")).batchCommand(inputs, options, ctx));
  const telegram = command("telegram", "help.telegram");
  const telegramPackage = subcommand(telegram, "package", "help.telegramPackage")
    .argument("<input...>", t("help.inputs"))
    .option("-o, --output <dir>", t("help.outputDir"));
  reading(telegramPackage, "help.dateOrderImport")
    .option("--me-as <name>", t("help.meAs"))
    .option("--force", t("help.forcePackage"))
    .action(async (inputs: string[], options) => (await import("./telegram.js")).telegramPackageCommand(inputs, options, ctx));
  const telegramReplay = subcommand(telegram, "replay", "help.telegramReplay")
    .argument("<input>", t("help.input"))
    .requiredOption("--chat <chat>", t("help.chat"))
    .option("--token-file <file>", t("help.tokenFile"))
    .option("--api-root <url>", t("help.apiRoot"))
    .option("--dry-run", t("help.dryRun"))
    .option("--one-per-message", t("help.onePerMessage"));
  reading(telegramReplay, "help.dateOrderImport").action(async (input: string, options: ReplayCliOptions) => (await import("./replay.js")).telegramReplayCommand(input, options, ctx));
  const signal = command("signal", "help.signal");
  const tool = () => new Option("--signalbackup-tools <path>", t("help.signalTool"));
  subcommand(signal, "recipients", "help.signalRecipients")
    .argument("<backup>", t("help.signalBackupFile"))
    .addOption(tool())
    .action(async (backup: string, options) => (await import("./signal.js")).signalRecipientsCommand(backup, options, ctx));
  const signalImport = subcommand(signal, "import", "help.signalImport")
    .argument("<input>", t("help.input"))
    .requiredOption("--backup <file>", t("help.signalBackup"))
    .requiredOption("--chat <id>", t("help.signalChat"))
    .option("--map <name=id>", t("help.signalMap"), collect)
    .option("-o, --output <file>", t("help.signalOutput"))
    .addOption(tool());
  reading(signalImport, "help.dateOrderImport")
    .option("--force", t("help.forceBackup"))
    .action(async (input: string, options: SignalImportFlags) => (await import("./signal.js")).signalImportCommand(input, options, ctx));
  command("redact", "help.redact")
    .argument("<input>", t("help.input"))
    .option("-o, --output <file>", t("help.redactOutput"))
    .addOption(new Option("--lines <A-B>", t("help.lines")).argParser(lineRangeOption(t)))
    .option("--force", t("help.force"))
    .action(async (input: string, options: RedactCliOptions) => (await import("./redact.js")).redactCommand(input, options, ctx));
  command("schema", "help.schema")
    .option("-o, --output <file>", t("help.schemaOutput"))
    .action(async (options) => (await import("./schema.js")).schemaCommand(options, ctx));
  return program;
}

function localiseTitle(title: string, t: Translate): string {
  const keys: Record<string, MessageKey> = {
    "Usage:": "help.usage",
    "Commands:": "help.commands",
    "Options:": "help.options",
    "Arguments:": "help.arguments",
  };
  const key = keys[title];
  return key ? t(key) : title;
}

/** Commander's own errors, as one line in the user's language. */
function usageError(err: CommanderError, t: Translate): ChatFerryError {
  const name = /'([^']+)'/.exec(err.message)?.[1] ?? err.message.replace(/^error: /, "");
  const kinds: Record<string, MessageKey> = {
    "commander.missingArgument": "usage.missingArgument",
    "commander.unknownOption": "usage.unknownOption",
    "commander.unknownCommand": "usage.unknownCommand",
    "commander.excessArguments": "usage.excessArguments",
    "commander.optionMissingArgument": "usage.optionMissingArgument",
    "commander.missingMandatoryOptionValue": "usage.optionMissingArgument",
  };
  return new ChatFerryError("E_USAGE", { detail: t(kinds[err.code] ?? "usage.other", { name }) });
}

export async function main(argv: readonly string[]): Promise<number> {
  const lang = langFromArgv(argv);
  const chosen = lang === "invalid" ? langFromEnv() : lang;
  const t = terminalTranslator(chosen);
  const debug = argv.includes("--debug");
  const abort = new AbortController();
  const ctx: CliContext = { t, lang: chosen, stdout: process.stdout, stderr: process.stderr, signal: abort.signal };
  const onInterrupt = () => {
    if (abort.signal.aborted) process.exit(130);
    abort.abort();
  };
  process.on("SIGINT", onInterrupt);
  // A closed pipe (`chatferry parse … | head`) means the reader has what it wanted.
  process.stdout.on("error", (err: NodeJS.ErrnoException) => {
    if (err.code === "EPIPE") process.exit(0);
  });
  try {
    // npm only warns about `engines`; without this, an archive or a package would fail halfway.
    if (!("crc32" in zlib)) throw new ChatFerryError("E_NODE_TOO_OLD", { need: "20.15", version: process.versions.node });
    if (lang === "invalid") throw new ChatFerryError("E_USAGE", { detail: t("usage.lang") });
    const program = buildProgram(ctx);
    if (argv.length === 0) {
      program.outputHelp();
      return 2;
    }
    await program.parseAsync(argv, { from: "user" });
    return 0;
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version end through here with exit code 0.
      if (err.exitCode === 0) return 0;
      return report(usageError(err, t), t, debug);
    }
    return report(err, t, debug);
  } finally {
    process.off("SIGINT", onInterrupt);
  }
}

function report(err: unknown, t: Translate, debug: boolean): number {
  const known = knownError(err);
  process.stderr.write(`chatferry: ${errorLine(known, t)}\n`);
  // A message in the stack can quote input too; its line breaks are the stack's own.
  if (debug && err instanceof Error && err.stack) process.stderr.write(`${err.stack.split("\n").map(printable).join("\n")}\n`);
  return known.exitCode;
}

process.exitCode = await main(process.argv.slice(2));
