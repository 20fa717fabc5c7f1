/**
 * Where a batch writes each input: the writers of `export`, `telegram package` and
 * `archive`, each given one input's conversations and a folder of that input's own.
 */
import { join } from "node:path";
import type { Conversation } from "../pipeline.js";
import type { Keying } from "../targets/archive/age.js";
import { writeArchive } from "../targets/archive/write.js";
import { NameAllocator } from "../targets/safe-name.js";
import { writeImportPackage } from "../targets/telegram/package.js";
import { VERSION } from "../version.js";
import { archiveName } from "./archive.js";
import type { CliContext } from "./context.js";
import { EXPORT_FORMATS, folderWriter, writeStream } from "./export.js";

export const BATCH_FORMATS = [...EXPORT_FORMATS, "telegram-package", "archive"] as const;
export type BatchFormat = (typeof BATCH_FORMATS)[number];

/** The format, with the key an archive is locked with: only an archive has one. */
export type BatchTarget = { format: "archive"; keying: Keying } | { format: Exclude<BatchFormat, "archive"> };

/**
 * Writes one input's conversations into `folder`, naming the files it makes after `stem`
 * (the input's name) or after each chat; tells `placed` of every file or folder once it is
 * complete, so that an input failing half-way still lists what it left; resolves to the
 * messages written, as the writer counts them.
 */
export type Destination = (conversations: AsyncIterable<Conversation>, folder: string, stem: string, placed: (path: string) => void) => Promise<number>;

export function destination(target: BatchTarget, force: boolean, { stdout, signal, lang }: CliContext): Destination {
  if (target.format === "archive") {
    const { keying } = target;
    return async (conversations, folder, stem, placed) => {
      const path = archiveName(join(folder, stem));
      const { manifest } = await writeArchive(path, conversations, { keying, chatferry: VERSION, force, signal });
      placed(path);
      return manifest.conversations.reduce((n, c) => n + c.messages, 0);
    };
  }
  if (target.format === "telegram-package") {
    return async (conversations, folder, _stem, placed) => {
      const names = new NameAllocator();
      let messages = 0;
      for await (const conversation of conversations) {
        const result = await writeImportPackage(conversation, folder, { force, signal, names });
        placed(result.zip);
        placed(result.txt);
        messages += result.messages;
      }
      return messages;
    };
  }
  if (target.format === "telegram-json" || target.format === "signal") {
    const write = folderWriter(target.format, force, lang);
    return async (conversations, folder, stem, placed) => {
      // One folder a chat, as Telegram Desktop exports one chat, named after it.
      const names = new NameAllocator();
      let messages = 0;
      for await (const conversation of conversations) {
        const dir = join(folder, names.take(conversation.header.title ?? stem, "chat"));
        const result = await write(conversation, dir);
        placed(dir);
        messages += result.summary.messages;
      }
      return messages;
    };
  }
  const format = target.format;
  return async (conversations, folder, stem, placed) => {
    // Every conversation of the input in one file, as `export -o FILE` writes them; the path is always given, so stdout is never written.
    const path = join(folder, `${stem}.${format}`);
    // `export -o FILE` replaces the file the user named; a batch names its own files, and keeps older ones as its other formats do.
    const summaries = await writeStream(format, conversations, path, stdout, force);
    placed(path);
    return summaries.reduce((n, s) => n + s.messages, 0);
  };
}
