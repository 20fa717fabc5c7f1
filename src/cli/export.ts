import type { Writable } from "node:stream";
import { ChatFerryError } from "../errors.js";
import type { Translate } from "../i18n/index.js";
import type { Conversation } from "../pipeline.js";
import type { Summary } from "../schema/index.js";
import { writeCsv, writeTxt } from "../targets/export/table.js";
import { writeJson, writeNdjson } from "../targets/export/ndjson.js";
import { writeTelegramJson } from "../targets/export/telegram-json.js";
import { writeTo } from "../targets/sink.js";
import type { CliContext } from "./context.js";
import { outputFolder } from "./output-folder.js";
import { readWithProgress, type ReadFlags } from "./read.js";

const STREAM_FORMATS = { ndjson: writeNdjson, json: writeJson, csv: writeCsv, txt: writeTxt } as const;
/** The formats that are one stream of text, to a file or standard output. */
export type StreamFormat = keyof typeof STREAM_FORMATS;
export const EXPORT_FORMATS = ["telegram-json", ...(Object.keys(STREAM_FORMATS) as StreamFormat[])] as const;

/** `value` when it is one of `formats`; else the usage error that lists them. */
export function chosenFormat<F extends string>(value: string, formats: readonly F[], t: Translate): F {
  if ((formats as readonly string[]).includes(value)) return value as F;
  throw new ChatFerryError("E_USAGE", { detail: t("usage.exportFormat", { name: value, formats: formats.join(", ") }) });
}

/** The conversations in a stream format, into `path` (atomically) or, without one, `fallback`; their summaries. */
export function writeStream(format: StreamFormat, conversations: AsyncIterable<Conversation>, path: string | undefined, fallback: Writable): Promise<Summary[]> {
  return writeTo(path, fallback, (sink) => STREAM_FORMATS[format](conversations, sink));
}

export async function exportCommand(
  inputs: string[],
  options: ReadFlags & { to: string; output?: string; force?: boolean },
  ctx: CliContext,
): Promise<void> {
  const format = chosenFormat(options.to, EXPORT_FORMATS, ctx.t);
  if (format === "telegram-json" && !options.output) {
    throw new ChatFerryError("E_USAGE", { detail: ctx.t("usage.exportDir") });
  }
  const { conversations, done } = await readWithProgress(inputs, options, ctx);
  try {
    if (format === "telegram-json") {
      let index = 0;
      for await (const conversation of conversations) {
        // One folder a conversation, as Telegram Desktop exports one chat.
        const dir = await outputFolder(index++ === 0 ? options.output! : `${options.output!}-${index}`, ctx);
        const result = await writeTelegramJson(conversation, dir, { force: options.force });
        ctx.stdout.write(`${ctx.t("export.done", { dir: result.dir, messages: result.summary.messages, media: result.media })}\n`);
      }
      return;
    }
    await writeStream(format, conversations, options.output, ctx.stdout);
  } finally {
    done();
  }
}
