import { ChatFerryError } from "../errors.js";
import { translator } from "../i18n/index.js";
import { writeCsv, writeTxt } from "../targets/export/table.js";
import { writeJson, writeNdjson } from "../targets/export/ndjson.js";
import { writeTelegramJson } from "../targets/export/telegram-json.js";
import { writeSignalExport } from "../targets/signal/export.js";
import { writeTo } from "../targets/sink.js";
import type { CliContext } from "./context.js";
import { readWithProgress, type ReadFlags } from "./read.js";

const STREAM_FORMATS = { ndjson: writeNdjson, json: writeJson, csv: writeCsv, txt: writeTxt } as const;
const FOLDER_FORMATS = ["signal", "telegram-json"] as const;
export const EXPORT_FORMATS = [...FOLDER_FORMATS, ...Object.keys(STREAM_FORMATS)] as const;

export async function exportCommand(
  inputs: string[],
  options: ReadFlags & { to: string; output?: string; force?: boolean },
  ctx: CliContext,
): Promise<void> {
  const format = options.to;
  if (!(EXPORT_FORMATS as readonly string[]).includes(format)) {
    throw new ChatFerryError("E_USAGE", { detail: ctx.t("usage.exportFormat", { name: format, formats: EXPORT_FORMATS.join(", ") }) });
  }
  const folder = (FOLDER_FORMATS as readonly string[]).includes(format);
  if (folder && !options.output) throw new ChatFerryError("E_USAGE", { detail: ctx.t("usage.exportDir", { name: format }) });
  // What goes into Signal cannot be taken out again: a date order the file does not show is asked for, not assumed.
  const { conversations, done } = await readWithProgress(inputs, options, ctx, format === "signal" ? "refuse" : "assume");
  try {
    if (folder) {
      let index = 0;
      for await (const conversation of conversations) {
        // One folder a conversation, as Telegram Desktop exports one chat.
        const dir = index++ === 0 ? options.output! : `${options.output!}-${index}`;
        if (format === "signal") {
          // The chat and its guide get the user's words; only the terminal needs them printable.
          const result = await writeSignalExport(conversation, dir, { force: options.force, t: translator(ctx.lang) });
          ctx.stdout.write(`${ctx.t("signal.exported", { dir, messages: result.summary.messages, media: result.media, guide: result.guide })}\n`);
        } else {
          const result = await writeTelegramJson(conversation, dir, { force: options.force });
          ctx.stdout.write(`${ctx.t("export.done", { dir: result.dir, messages: result.summary.messages, media: result.media })}\n`);
        }
      }
      return;
    }
    await writeTo(options.output, ctx.stdout, (sink) => STREAM_FORMATS[format as keyof typeof STREAM_FORMATS](conversations, sink));
  } finally {
    done();
  }
}
