import { Readable } from "node:stream";
import { INPUT_LIMITS } from "../../src/input/limits.js";
import { splitLines } from "../../src/input/lines.js";
import { drain, readConversations, type ReadOptions } from "../../src/pipeline.js";
import type { ConversationHeader, DateOrder, DateOrderDecision, Message, Summary, Warning } from "../../src/schema/index.js";
import type { RawMessage, Source, TextInput } from "../../src/sources/types.js";

export interface ReadConversation {
  header: ConversationHeader;
  messages: Message[];
  summary: Summary;
}

/** Every conversation of an input, read through the whole pipeline (tests only: holds them in memory). */
export async function readAll(path: string, timezone = "Asia/Seoul", options: Omit<ReadOptions, "timezone"> = {}): Promise<ReadConversation[]> {
  const out: ReadConversation[] = [];
  for await (const conversation of readConversations(path, { ...options, timezone })) {
    const messages: Message[] = [];
    const summary = await drain(conversation, (batch) => void messages.push(...batch));
    out.push({ header: conversation.header, messages, summary });
  }
  return out;
}

export async function readOne(path: string, timezone = "Asia/Seoul", options: Omit<ReadOptions, "timezone"> = {}): Promise<ReadConversation> {
  const all = await readAll(path, timezone, options);
  if (all.length !== 1) throw new Error(`expected one conversation, got ${all.length}`);
  return all[0]!;
}

/** Runs one source over text given inline, in chunks of `chunkSize` characters to cross boundaries. */
export async function runSource(
  source: Source,
  text: string,
  chunkSize = 7,
  dateOrder?: DateOrder,
  maxMessageChars = INPUT_LIMITS.messageChars,
): Promise<{
  conversations: { title: string | null | undefined; messages: RawMessage[] }[];
  warnings: Warning[];
  decision: DateOrderDecision | null;
}> {
  const chunks = () => {
    const parts: string[] = [];
    for (let i = 0; i < text.length; i += chunkSize) parts.push(text.slice(i, i + chunkSize));
    return Readable.from(parts) as AsyncIterable<string>;
  };
  const input: TextInput = { chunks, lines: () => splitLines(chunks(), "inline.txt") };
  const warnings: Warning[] = [];
  const conversations = [];
  let decision: DateOrderDecision | null = null;
  const ctx = { file: "inline.txt", warn: (w: Warning) => warnings.push(w), dateOrder, maxMessageChars, decided: (d: DateOrderDecision) => (decision = d), companion: async () => null };
  for await (const conversation of source.parse(input, ctx)) {
    const messages: RawMessage[] = [];
    for await (const batch of conversation.messages) messages.push(...batch);
    conversations.push({ title: conversation.title, messages });
  }
  return { conversations, warnings, decision };
}
