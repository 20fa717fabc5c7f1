import { dirname } from "node:path";
import { PassThrough, Readable } from "node:stream";
import { ChatFerryError, fileError } from "../../errors.js";
import type { Conversation } from "../../pipeline.js";
import type { Message, Summary } from "../../schema/index.js";
import { SCHEMA_VERSION } from "../../schema/version.js";
import { writeNdjson } from "../export/ndjson.js";
import { streamSink, type Sink } from "../sink.js";
import { PayloadSealer, sealHeader, type Keying } from "./age.js";
import { atomicFile } from "../atomic.js";
import { ARCHIVE_FORMAT, conversationPath, MANIFEST, mediaPath, type Manifest } from "./manifest.js";
import { Spill } from "./spill.js";
import { verifyArchive } from "./read.js";
import { VIEWER_HTML } from "./viewer.js";
import type { CatalogConversation } from "./viewer-check.js";
import { catalogScript, VIEWER_CATALOG, viewerChunkPath, ViewerConversation } from "./viewer-data.js";
import { deflate, isSafePath, ZipWriter } from "./zip.js";

export interface ArchiveOptions {
  keying: Keying;
  /** ChatFerry's version, recorded in the manifest. */
  chatferry: string;
  /** Replace an existing file at the target. */
  force?: boolean;
  /** Read the archive back before it takes the target's name (default true). */
  verify?: boolean;
  signal?: AbortSignal;
  /** An update: the archives it was made from, newest first (see Manifest.previous). */
  previous?: Manifest["previous"];
}

export interface ArchiveResult {
  manifest: Manifest;
  bytes: number;
  verified: boolean;
}

/**
 * input → zip → age → temp file → (verify) → target. Memory holds one batch of
 * messages, one chunk of the viewer's copy, and the stream buffers; never a
 * conversation or a media file whole.
 */
export async function writeArchive(
  path: string,
  conversations: AsyncIterable<Conversation>,
  options: ArchiveOptions,
): Promise<ArchiveResult> {
  const file = await atomicFile(path, options.force ?? false);
  let spill: Spill | undefined;
  try {
    const sealed = await sealHeader(options.keying);
    spill = await Spill.open(dirname(path), path);
    const created = new Date();
    await file.writev([sealed.bytes]);
    const zip = new ZipWriter(created, new PayloadSealer(sealed.payloadKey, file.writev));

    const manifest = await fill(zip, conversations, spill, { chatferry: options.chatferry, created: created.toISOString() }, options);
    await zip.end();
    await file.sync();
    const bytes = file.size;
    const verify = options.verify ?? true;
    if (verify) {
      // With the file key kept from writing: a second scrypt would cost 2 s and 256 MiB more at the
      // moment memory is fullest. The header MAC is still checked; `chatferry verify` does the scrypt.
      try {
        await verifyArchive(file.tempPath, { fileKey: sealed.fileKey }, manifest);
      } catch (err) {
        throw new ChatFerryError("E_VERIFY", { file: path, reason: err instanceof ChatFerryError ? err.code : String(err) }, { cause: err });
      }
    }
    await file.commit();
    return { manifest, bytes, verified: verify };
  } catch (err) {
    await file.abort();
    throw err;
  } finally {
    await spill?.close();
  }
}

async function fill(
  zip: ZipWriter,
  conversations: AsyncIterable<Conversation>,
  spill: Spill,
  meta: { chatferry: string; created: string },
  { signal, previous }: ArchiveOptions,
): Promise<Manifest> {
  await zip.add("index.html", VIEWER_HTML);
  const catalog: CatalogConversation[] = [];
  const listed: Manifest["conversations"] = [];
  const sources = new Map<string, Manifest["sources"][number]>();
  for await (const conversation of conversations) {
    const { header } = conversation;
    const viewer = new ViewerConversation(header);
    // Paths only: a set of strings, however many media a chat has.
    const media = new Set<string>();
    const seen: Conversation = {
      header,
      media: conversation.media,
      messages: tap(conversation.messages, async (batch) => {
        for (const message of batch) {
          for (const attachment of message.attachments ?? []) if (attachment.media) media.add(attachment.media);
          const chunk = viewer.add(message);
          if (chunk) await spill.put(deflate(chunk));
        }
      }),
    };
    const summary = await addNdjson(zip, conversationPath(header.id), seen);

    const missing: string[] = [];
    for (const name of media) {
      if (signal?.aborted) throw new ChatFerryError("E_INTERRUPTED");
      if (!(await addMedia(zip, conversation, name))) missing.push(name);
    }

    const { chunk, catalog: entry } = viewer.finish(summary, missing);
    if (chunk) await spill.put(deflate(chunk));
    let index = 0;
    for await (const script of spill.drain()) await zip.addDeflated(viewerChunkPath(header.id, index++), script);
    catalog.push(entry);

    listed.push({
      id: header.id,
      title: header.title,
      path: conversationPath(header.id),
      messages: summary.messages,
      first: summary.first,
      last: summary.last,
      media: { stored: media.size - missing.length, missing },
    });
    const { platform, variant, files, encoding } = header.source;
    const key = JSON.stringify([platform, variant, files, encoding]);
    const source = sources.get(key) ?? { platform, variant, files, encoding, conversations: [] };
    source.conversations.push(header.id);
    sources.set(key, source);
  }
  await zip.add(VIEWER_CATALOG, catalogScript(catalog, meta));
  const manifest: Manifest = {
    format: ARCHIVE_FORMAT,
    schema: SCHEMA_VERSION,
    chatferry: meta.chatferry,
    created: meta.created,
    sources: [...sources.values()],
    ...(previous === undefined ? {} : { previous }),
    conversations: listed,
    entries: [...zip.entries],
  };
  await zip.add(MANIFEST, JSON.stringify(manifest, null, 2) + "\n");
  return manifest;
}

/** Hands each batch to `each` on its way through, keeping the summary as the return value. */
async function* tap(
  messages: AsyncGenerator<readonly Message[], Summary, undefined>,
  each: (batch: readonly Message[]) => Promise<void>,
): AsyncGenerator<readonly Message[], Summary, undefined> {
  for (;;) {
    const next = await messages.next();
    if (next.done) return next.value;
    await each(next.value);
    yield next.value;
  }
}

/** The NDJSON entry, written by the same code as `chatferry parse --ndjson`, so the two are byte for byte the same. */
async function addNdjson(zip: ZipWriter, path: string, conversation: Conversation): Promise<Summary> {
  const pass = new PassThrough({ highWaterMark: 1024 * 1024 });
  const entry = zip.add(path, pass);
  // Rejects if the entry fails (the output side broke): a write waiting for the zip must not wait forever.
  const broken = entry.then(() => new Promise<never>(() => undefined));
  broken.catch(() => undefined);
  const into = streamSink(pass);
  const sink: Sink = {
    write: (text) => Promise.race([into.write(text), broken]),
    commit: () => Promise.race([into.commit(), broken]),
    abort: into.abort,
  };
  try {
    const [summary] = await writeNdjson(Readable.from([conversation]), sink);
    await sink.commit();
    pass.end();
    await entry;
    return summary!;
  } catch (err) {
    pass.destroy();
    throw err;
  }
}

/** Copies one media file into the zip; false when the input does not have it. */
async function addMedia(zip: ZipWriter, conversation: Conversation, name: string): Promise<boolean> {
  if (!isSafePath(name)) return false;
  let source: AsyncIterable<Buffer>;
  try {
    source = conversation.media.open(name, { lent: true });
  } catch {
    // The store names only files it holds; an attachment pointing elsewhere is reported as missing.
    return false;
  }
  try {
    await zip.addStored(mediaPath(conversation.header.id, name), source);
  } catch (err) {
    // Errors of the output side come as ChatFerryErrors already; the rest are the media file's.
    throw fileError(err, name);
  }
  return true;
}
