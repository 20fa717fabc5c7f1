import { createInterface } from "node:readline";
import { ChatFerryError } from "../../errors.js";
import { mergeConversations } from "../../merge.js";
import type { Conversation, MediaStore } from "../../pipeline.js";
import { NdjsonRecord, type Message, type Summary } from "../../schema/index.js";
import type { AgeFile, Keying, Unlock } from "./age.js";
import { mediaPath, type Manifest } from "./manifest.js";
import { openAge, walkArchive } from "./read.js";
import { writeArchive, type ArchiveOptions, type ArchiveResult } from "./write.js";
import { readZip, type ZipReader } from "./zip.js";

/**
 * `archive --update`: an archive's conversations with a newer export poured
 * in. A conversation of the export that is one of the archive's (same
 * platform, same title) is merged with it the way `merge` merges two exports:
 * the overlap once, the old messages and their media kept. The others are
 * carried over as they are: nothing of the old archive is left out.
 */

type Listed = Manifest["conversations"][number];

interface UpdateCount {
  /** Conversations of the archive the export added to. */
  merged: number;
}

export interface Updated {
  result: ArchiveResult;
  /** Conversations of the old archive the export added to; the rest were carried over, or are new. */
  merged: number;
  /** Conversations the old archive held. */
  before: number;
}

/**
 * Writes `target`: the archive `old` (unlocked with what `keys` gives for it, every byte
 * authenticated before any is carried over) with the conversations of a newer export merged
 * in, locked with the keying `keys` gives. `fresh` is asked for only once the old archive has
 * opened, so a wrong key costs no reading. `old` itself is never written; the target takes its
 * name only when the caller says so (force).
 */
export async function updateArchive(
  old: string,
  keys: (age: AgeFile) => Promise<{ unlock: Unlock; keying: Keying }>,
  target: string,
  fresh: () => Promise<AsyncIterable<Conversation>>,
  options: Omit<ArchiveOptions, "previous" | "keying">,
): Promise<Updated> {
  const age = await openAge(old);
  try {
    const { unlock, keying } = await keys(age);
    await age.unlock(unlock);
    const { manifest } = await walkArchive(age);
    const zip = await readZip(age);
    try {
      const count = { merged: 0 };
      const result = await writeArchive(target, updateConversations(zip, manifest, old, await fresh(), count), { ...options, keying, previous: history(manifest) });
      return { result, merged: count.merged, before: manifest.conversations.length };
    } finally {
      zip.close();
    }
  } finally {
    await age.close();
  }
}

/** The new manifest's `previous`: the old archive, then whatever it was updated from. */
function history(old: Manifest): NonNullable<Manifest["previous"]> {
  return [{ created: old.created, chatferry: old.chatferry, sources: old.sources }, ...(old.previous ?? [])];
}

async function* updateConversations(
  zip: ZipReader,
  manifest: Manifest,
  file: string,
  fresh: AsyncIterable<Conversation>,
  count: UpdateCount,
): AsyncGenerator<Conversation> {
  const platformOf = (id: string) => manifest.sources.find((s) => s.conversations.includes(id))?.platform;
  const left = [...manifest.conversations];
  for await (const conversation of fresh) {
    const { title, source } = conversation.header;
    const i = left.findIndex((old) => old.title === title && platformOf(old.id) === source.platform);
    if (i < 0) {
      yield conversation;
      continue;
    }
    const [old] = left.splice(i, 1);
    const merged = mergeConversations([await archiveConversation(zip, old!, file), conversation]);
    count.merged++;
    yield { header: merged.header, messages: merged.messages, media: merged.media };
  }
  for (const old of left) yield await archiveConversation(zip, old, file);
}

/** Messages handed on together, as the readers of exports hand them. */
const BATCH = 500;

/**
 * A conversation of an archive read back: its NDJSON entry is the
 * `parse --ndjson` form, one record a line; its media come out of the zip.
 * The archive was checked (walkArchive) before: a record that does not parse
 * is damage no hash caught, and stops the update.
 */
async function archiveConversation(zip: ZipReader, listed: Listed, file: string): Promise<Conversation> {
  const corrupt = () => new ChatFerryError("E_CORRUPT", { file, where: listed.path });
  const entry = zip.entries.get(listed.path);
  if (!entry) throw corrupt();
  const lines = createInterface({ input: await zip.open(entry), crlfDelay: Infinity })[Symbol.asyncIterator]();
  const record = async (): Promise<NdjsonRecord | null> => {
    const next = await lines.next();
    if (next.done) return null;
    let json: unknown;
    try {
      json = JSON.parse(next.value);
    } catch {
      throw corrupt();
    }
    const parsed = NdjsonRecord.safeParse(json);
    if (!parsed.success) throw corrupt();
    return parsed.data;
  };
  const first = await record();
  if (first?.type !== "conversation") throw corrupt();
  const { type: _type, ...header } = first;
  async function* messages(): AsyncGenerator<readonly Message[], Summary, undefined> {
    let batch: Message[] = [];
    for (;;) {
      const next = await record();
      if (next?.type === "message") {
        const { type: _message, ...message } = next;
        batch.push(message as Message);
        if (batch.length < BATCH) continue;
        yield batch;
        batch = [];
      } else if (next?.type === "summary") {
        if (batch.length > 0) yield batch;
        const { type: _summary, ...summary } = next;
        return summary;
      } else {
        throw corrupt();
      }
    }
  }
  return { header, messages: messages(), media: archiveMedia(zip, header.id) };
}

/** Media as the messages name them, from where the archive stored them; a name it lacks throws at once, as an export's store does. */
function archiveMedia(zip: ZipReader, id: string): MediaStore {
  return {
    open(path) {
      const entry = zip.entries.get(mediaPath(id, path));
      if (!entry) throw new Error(`no media file ${path} in the archive`);
      return (async function* () {
        for await (const chunk of await zip.open(entry)) yield chunk as Buffer;
      })();
    },
  };
}
