import { ChatFerryError } from "../errors.js";
import { writeCsv, writeTxt } from "../targets/export/table.js";
import { writeJson, writeNdjson } from "../targets/export/ndjson.js";
import { writeTelegramJson } from "../targets/export/telegram-json.js";
import { writeTo } from "../targets/sink.js";
import type { CliContext } from "./context.js";
import { readWithProgress, type ReadFlags } from "./read.js";

const STREAM_FORMATS = { ndjson: writeNdjson, json: writeJson, csv: writeCsv, txt: writeTxt } as const;
export const EXPORT_FORMATS = ["telegram-json", ...Object.keys(STREAM_FORMATS)] as const;

export async function exportCommand(
  inputs: string[],
  options: ReadFlags & { to: string; output?: string; force?: boolean },
  ctx: CliContext,
): Promise<void> {
  const format = options.to;
  if (!(EXPORT_FORMATS as readonly string[]).includes(format)) {
    throw new ChatFerryError("E_USAGE", { detail: ctx.t("usage.exportFormat", { name: format, formats: EXPORT_FORMATS.join(", ") }) });
  }
  if (format === "telegram-json" && !options.output) {
    throw new ChatFerryError("E_USAGE", { detail: ctx.t("usage.exportDir") });
  }
  const { conversations, done } = await readWithProgress(inputs, options, ctx);
  try {
    if (format === "telegram-json") {
      let index = 0;
      for await (const conversation of conversations) {
        // One folder a conversation, as Telegram Desktop exports one chat.
        const dir = index++ === 0 ? options.output! : `${options.output!}-${index}`;
        const result = await writeTelegramJson(conversation, dir, { force: options.force });
        ctx.stdout.write(`${ctx.t("export.done", { dir: result.dir, messages: result.summary.messages, media: result.media })}\n`);
      }
      return;
    }
    await writeTo(options.output, ctx.stdout, (sink) => STREAM_FORMATS[format as keyof typeof STREAM_FORMATS](conversations, sink));
  } finally {
    done();
  }
}
