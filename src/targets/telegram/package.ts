import { once } from "node:events";
import { createReadStream } from "node:fs";
import { rm } from "node:fs/promises";
import { join } from "node:path";
import { ChatFerryError } from "../../errors.js";
import { drain, type Conversation } from "../../pipeline.js";
import type { ChatKind } from "../../schema/index.js";
import { atomicFile, type AtomicFile } from "../atomic.js";
import { ZipWriter } from "../archive/zip.js";
import { SlabWriter } from "../bytes.js";
import { NameAllocator, safeName } from "../safe-name.js";
import { WhatsAppWriter, type Rename } from "./whatsapp-text.js";

export interface PackageResult {
  title: string;
  /** `WhatsApp Chat with <title>.zip`: `_chat.txt` and the media, for Telegram's importer. */
  zip: string;
  /** The same text beside it: Telegram for Android starts an import from a `WhatsApp….txt` name. */
  txt: string;
  messages: number;
  media: number;
  /** What the chat is, where known (the summary's `kind`). */
  kind?: ChatKind;
  /**
   * What Telegram will take the package for, from the names its lines are written under: two
   * make a private chat (Telegram asks for a contact), more a group (it asks for a group the
   * user manages), fewer leave it to the user.
   */
  seenAs: "direct" | "group" | "unknown";
}

/**
 * One conversation as a chat export Telegram imports natively (telegram.md
 * §3.2–3.3). The text is written first (beside the zip, where Android needs
 * it anyway) while the media it references are listed; the zip then takes
 * the text and streams each media file in from the input. Both files appear
 * only when both are complete.
 *
 * `names`: the names this run gave already in `dir`, so that two chats with one title (or
 * titles alike once made safe) get two packages. A file already on disk is another matter:
 * without `force` it stops the run before any work, as it always has.
 */
export async function writeImportPackage(
  conversation: Conversation,
  dir: string,
  options: { force?: boolean; signal?: AbortSignal; names?: NameAllocator; meAs?: string } = {},
): Promise<PackageResult> {
  const rename = ownName(conversation, options.meAs);
  // The title names files and speaks the notices in _chat.txt: one line, nothing a file name cannot hold.
  const title = safeName(conversation.header.title ?? conversation.header.source.files[0]?.replace(/\.[^.]*$/, "") ?? "", "Chat");
  // Cut, if need be, to fit with ".zip"; the text takes the same name with ".txt".
  const zipName = (options.names ?? new NameAllocator()).take(`WhatsApp Chat with ${title}.zip`);
  const base = join(dir, zipName.slice(0, -".zip".length));
  // Both opened first, so that a name already taken stops the run before any work.
  const txt = await atomicFile(`${base}.txt`, options.force ?? false);
  let zipFile: AtomicFile | undefined;
  try {
    zipFile = await atomicFile(`${base}.zip`, options.force ?? false);
    const writer = new WhatsAppWriter(title, rename);
    const summary = await drain(conversation, async (batch) => {
      const text = batch.map((m) => writer.lines(m)).join("");
      if (!txt.stream.write(text)) await once(txt.stream, "drain");
    });
    // Someone else already writing under the chosen name would merge with the user on Telegram.
    const taken = rename && summary.participants.find((p) => p.name === rename.to && p.name !== rename.from);
    if (taken) throw new ChatFerryError("E_ME_AS_TAKEN", { name: rename.to });
    txt.stream.end();
    await once(txt.stream, "finish");
    await txt.sync();

    // Telegram's importer reads the zip's CRC-32s only; no manifest lists SHA-256s.
    const zip = new ZipWriter(new Date(), new SlabWriter(zipFile.writev), { sha256: false });
    await zip.add("_chat.txt", createReadStream(txt.tempPath));
    for (const { name, source } of writer.media) {
      if (options.signal?.aborted) throw new ChatFerryError("E_INTERRUPTED");
      // Media are compressed already; storing them keeps the zip fast to write and to read.
      await zip.addStored(name, conversation.media.open(source, { lent: true }));
    }
    await zip.end();
    await zipFile.sync();
    await zipFile.commit();
    try {
      await txt.commit();
    } catch (err) {
      // Both files or neither: the zip just placed goes if its twin cannot follow.
      await rm(`${base}.zip`, { force: true });
      throw err;
    }
    const names = writer.names.size;
    return {
      title,
      zip: `${base}.zip`,
      txt: `${base}.txt`,
      messages: summary.messages,
      media: writer.media.length,
      ...(summary.kind === undefined ? {} : { kind: summary.kind }),
      seenAs: names === 2 ? "direct" : names > 2 ? "group" : "unknown",
    };
  } catch (err) {
    await zipFile?.abort();
    await txt.abort();
    throw err;
  }
}

/**
 * `--me-as`: the user's messages go under the name Telegram knows them by. Which messages are
 * the user's must be known before the first line is written (the header's `self`: `--me`, or
 * what the CLI learned in a first reading), never guessed.
 */
function ownName(conversation: Conversation, meAs: string | undefined): Rename | undefined {
  if (meAs === undefined) return undefined;
  const self = conversation.header.self;
  if (self === undefined) throw new ChatFerryError("E_ME_AS_UNKNOWN", { title: conversation.header.title ?? "" });
  return { from: self, to: meAs };
}
