import { readConversations, type Conversation } from "../../src/pipeline.js";
import type { CatalogConversation } from "../../src/targets/archive/viewer-check.js";
import { ViewerConversation } from "../../src/targets/archive/viewer-data.js";
import type { Sink } from "../../src/targets/sink.js";

/** An input's first conversation, read anew for each target. */
export async function firstConversation(path: string, timezone: string): Promise<Conversation> {
  for await (const c of readConversations(path, { timezone })) return c;
  throw new Error("no conversation");
}

export async function* one(c: Conversation): AsyncGenerator<Conversation> {
  yield c;
}

/** A sink that keeps what is written. */
export function memory(): Sink & { text(): string } {
  const parts: string[] = [];
  return {
    write: async (t) => void (typeof t === "string" ? parts.push(t) : parts.push(...t)),
    commit: async () => undefined,
    abort: async () => undefined,
    text: () => parts.join(""),
  };
}

/** A conversation as the archive's viewer stores it: its chunks of rows, and its catalog entry. */
export async function viewerChunks(c: Conversation): Promise<{ chunks: Buffer[]; catalog: CatalogConversation }> {
  const viewer = new ViewerConversation(c.header);
  const chunks: Buffer[] = [];
  for (;;) {
    const next = await c.messages.next();
    if (next.done) {
      const { chunk, catalog } = viewer.finish(next.value, []);
      if (chunk) chunks.push(chunk);
      return { chunks, catalog };
    }
    for (const m of next.value) {
      const chunk = viewer.add(m);
      if (chunk) chunks.push(chunk);
    }
  }
}
