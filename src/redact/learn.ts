import type { Container } from "../input/container.js";
import { drain, readInspected, type ChatFile, type ReadOptions } from "../pipeline.js";
import type { Message } from "../schema/index.js";
import { Pseudonyms } from "./pseudonyms.js";

/** What a first pass over a chat learns for its sample. */
export interface Learned {
  /**
   * Every name the chat shows (its title, senders, callers, reactors, authors of forwards), each
   * once, in the order first met. A title names the group or, one to one, the other person.
   */
  names: string[];
  /**
   * Bodies ChatFerry reported as probable placeholders it does not know (`unknown-placeholder`):
   * the export's own words as far as anyone can tell, and what support wants to see.
   */
  placeholders: string[];
}

/**
 * Reads the chat through the whole pipeline, as `parse` would, before a word of the sample is
 * written: a title on line 1 names people whose first message comes later, and each must get
 * the pseudonym it gets there. Holds only the names (as many as the chat has participants).
 */
export async function learn(container: Container, chat: ChatFile, options: Pick<ReadOptions, "limits" | "signal" | "onProgress">): Promise<Learned> {
  const names = new Set<string>();
  const add = (name: string | null | undefined) => {
    if (name && names.size < Pseudonyms.LIMIT) names.add(name);
  };
  const see = (m: Message) => {
    add(m.sender);
    add(m.call?.by);
    add(m.forwardedFrom);
    for (const r of m.reactions ?? []) add(r.by);
  };
  const placeholders: string[] = [];
  // The sample reads the chat again from the same container: this pass must leave it open.
  const open: Container = { ...container, close: async () => undefined };
  for await (const conversation of readInspected({ container: open, chats: [chat] }, { timezone: "UTC", ...options })) {
    add(conversation.header.title);
    const summary = await drain(conversation, (batch) => batch.forEach(see));
    for (const w of summary.warnings) if (w.code === "unknown-placeholder" && w.text) placeholders.push(w.text);
  }
  return { names: [...names], placeholders };
}
