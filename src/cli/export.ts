import type { Writable } from "node:stream";
import { ChatFerryError } from "../errors.js";
import { translator } from "../i18n/index.js";
import type { Translate } from "../i18n/index.js";
import type { Conversation } from "../pipeline.js";
import type { Summary } from "../schema/index.js";
import { writeCsv, writeTxt } from "../targets/export/table.js";
import { writeJson, writeNdjson } from "../targets/export/ndjson.js";
import { writeTelegramJson, type TelegramJsonResult } from "../targets/export/telegram-json.js";
import { writeSignalExport } from "../targets/signal/export.js";
import { writeTo } from "../targets/sink.js";
import type { CliContext } from "./context.js";
import { outputFolder } from "./output-folder.js";
import { readWithProgress, type ReadFlags, type Undecided } from "./read.js";

const STREAM_FORMATS = { ndjson: writeNdjson, json: writeJson, csv: writeCsv, txt: writeTxt } as const;
/** The formats that are one stream of text, to a file or standard output. */
export type StreamFormat = keyof typeof STREAM_FORMATS;
const FOLDER_FORMATS = ["signal", "telegram-json"] as const;
/** The formats written as one folder a conversation, as Telegram Desktop exports one chat. */
export type FolderFormat = (typeof FOLDER_FORMATS)[number];
export const EXPORT_FORMATS = [...FOLDER_FORMATS, ...(Object.keys(STREAM_FORMATS) as StreamFormat[])] as const;

/**
 * What goes into Telegram or Signal cannot be taken out again: for those, a date order only
 * the phone's language suggests is asked for (refused), not assumed.
 */
export function undecidedDatesFor(format: string): Undecided {
  return format === "signal" || format === "telegram-package" ? "refuse" : "assume";
}

/** A folder format's writer of one conversation into `dir`; `guide`, the Signal guide's path. */
export function folderWriter(format: FolderFormat, force: boolean | undefined, lang: CliContext["lang"]): (c: Conversation, dir: string) => Promise<TelegramJsonResult & { guide?: string }> {
  // The chat and its guide get the user's words; only the terminal needs them printable.
  if (format === "signal") return (c, dir) => writeSignalExport(c, dir, { force, t: translator(lang) });
  return (c, dir) => writeTelegramJson(c, dir, { force });
}

/** `value` when it is one of `formats`; else the usage error that lists them. */
export function chosenFormat<F extends string>(value: string, formats: readonly F[], t: Translate): F {
  if ((formats as readonly string[]).includes(value)) return value as F;
  throw new ChatFerryError("E_USAGE", { detail: t("usage.exportFormat", { name: value, formats: formats.join(", ") }) });
}

/** The conversations in a stream format, into `path` (atomically) or, without one, `fallback`; their summaries. */
export function writeStream(format: StreamFormat, conversations: AsyncIterable<Conversation>, path: string | undefined, fallback: Writable, force = true): Promise<Summary[]> {
  return writeTo(path, fallback, (sink) => STREAM_FORMATS[format](conversations, sink), force);
}

export async function exportCommand(
  inputs: string[],
  options: ReadFlags & { to: string; output?: string; force?: boolean },
  ctx: CliContext,
): Promise<void> {
  const format = chosenFormat(options.to, EXPORT_FORMATS, ctx.t);
  if ((FOLDER_FORMATS as readonly string[]).includes(format) && !options.output) throw new ChatFerryError("E_USAGE", { detail: ctx.t("usage.exportDir", { name: format }) });
  const { conversations, done } = await readWithProgress(inputs, options, ctx, undecidedDatesFor(format));
  try {
    if (format === "signal" || format === "telegram-json") {
      const write = folderWriter(format, options.force, ctx.lang);
      let index = 0;
      for await (const conversation of conversations) {
        const dir = await outputFolder(index++ === 0 ? options.output! : `${options.output!}-${index}`, ctx);
        const { summary, media, guide } = await write(conversation, dir);
        const line = guide === undefined ? ctx.t("export.done", { dir, messages: summary.messages, media }) : ctx.t("signal.exported", { dir, messages: summary.messages, media, guide });
        ctx.stdout.write(`${line}\n`);
      }
      return;
    }
    await writeStream(format, conversations, options.output, ctx.stdout);
  } finally {
    done();
  }
}
