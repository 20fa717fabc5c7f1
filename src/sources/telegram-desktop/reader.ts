import type { ChatKind } from "../../schema/index.js";
import type { ParseContext, RawConversation, RawMessage } from "../types.js";
import { MessageReader } from "./message.js";
import { ExportScanner, type ChatInfo } from "./scanner.js";

/** Chat types tdesktop writes without a `name`. */
const UNNAMED = new Set(["saved_messages", "replies"]);

/**
 * The chat `type`s tdesktop writes (formats.md §4.1) that say who a chat is between.
 * Saved messages (oneself) and "replies" (a service chat) are none of these.
 */
const KINDS: Readonly<Record<string, ChatKind>> = {
  personal_chat: "direct",
  bot_chat: "direct",
  private_group: "group",
  private_supergroup: "group",
  public_supergroup: "group",
  private_channel: "channel",
  public_channel: "channel",
};

/** A chat's start or end among the messages the scanner produced. */
class Mark {
  constructor(readonly chat: ChatInfo | null) {}
}

const END = new Mark(null);

/**
 * The `from_id` the exporting account writes under in a chat: the user a full export's
 * `personal_information` names; in Saved Messages, the account's chat with itself, the
 * chat's own id, which is the account's.
 */
function exporterIn(chat: ChatInfo, account: number | undefined): string | undefined {
  const id = chat.type === "saved_messages" ? (chat.id ?? account) : account;
  return id === undefined ? undefined : `user${id}`;
}

/**
 * The title a chat's conversation gets. The scanner reports a chat when its
 * `messages` begin, so a `name` written after them is not known yet: a
 * listed chat then has no title (null), a single-chat export falls back to
 * what detection read in the head (undefined).
 */
function titleOf(chat: ChatInfo): string | null | undefined {
  if (chat.name !== undefined) return chat.name;
  if (chat.type !== undefined && UNNAMED.has(chat.type)) return null;
  return chat.root ? undefined : null;
}

/**
 * Pulls decoded chunks through the scanner on demand and hands out one
 * conversation at a time, its messages in batches of what one chunk held.
 * Reading is driven by the consumer: nothing is read ahead of the batch
 * being asked for.
 */
class ExportReader {
  /**
   * Chat marks and, for each message, its parsed value then its line. Values
   * become raw messages only when their batch is taken, so that the warnings
   * they raise go to their own conversation.
   */
  private queue: unknown[] = [];
  private head = 0;
  /** How many chats have started; a messages iterator of an earlier chat stops. */
  private chats = 0;
  private readonly chunks: AsyncIterator<string>;
  private readonly scanner: ExportScanner;
  private readonly reader: MessageReader;
  private ended = false;
  /** The exporting account's user id, where a full export names it (before its chats). */
  private account: number | undefined;

  constructor(chunks: AsyncIterable<string>, ctx: ParseContext) {
    this.chunks = chunks[Symbol.asyncIterator]();
    this.reader = new MessageReader(ctx);
    this.scanner = new ExportScanner(ctx, {
      account: (id) => (this.account = id),
      chat: (info) => this.queue.push(new Mark(info)),
      message: (value, line) => this.queue.push(value, line),
      chatEnd: () => this.queue.push(END),
    });
  }

  /** Feeds the next chunk; false once the input is over. */
  private async fill(): Promise<boolean> {
    if (this.ended) return false;
    if (this.head === this.queue.length) {
      this.queue = [];
      this.head = 0;
    }
    const next = await this.chunks.next();
    if (next.done) {
      this.ended = true;
      this.scanner.end();
      return this.head < this.queue.length;
    }
    this.scanner.push(next.value);
    return true;
  }

  /** Lets go of the input when the consumer stops early. */
  async close(): Promise<void> {
    if (!this.ended) {
      this.ended = true;
      await this.chunks.return?.();
    }
  }

  /** The next chat's start, skipping what is left of the current one; null at the end. */
  async nextChat(): Promise<ChatInfo | null> {
    for (;;) {
      while (this.head < this.queue.length) {
        const item = this.queue[this.head++];
        if (item instanceof Mark && item.chat) {
          this.chats++;
          this.reader.exporter = exporterIn(item.chat, this.account);
          return item.chat;
        }
      }
      if (!(await this.fill())) return null;
    }
  }

  /** The messages of the chat nextChat() returned last. */
  messages(): AsyncGenerator<RawMessage[]> {
    return this.read(this.chats);
  }

  private async *read(chat: number): AsyncGenerator<RawMessage[]> {
    for (;;) {
      if (this.chats !== chat) return;
      const batch: RawMessage[] = [];
      let ended = false;
      for (const items = this.queue; this.head < items.length; this.head += 2) {
        const item = items[this.head];
        if (item instanceof Mark) {
          ended = true;
          if (item === END) this.head++;
          break;
        }
        batch.push(this.reader.read(item, items[this.head + 1] as number));
      }
      if (batch.length > 0) yield batch;
      if (ended || !(await this.fill())) return;
    }
  }
}

/** The conversations of a result.json: one for a single-chat export, one per chat of a full export. */
export async function* readExport(chunks: AsyncIterable<string>, ctx: ParseContext): AsyncGenerator<RawConversation> {
  const reader = new ExportReader(chunks, ctx);
  try {
    for (let chat = await reader.nextChat(); chat; chat = await reader.nextChat()) {
      const kind = chat.type !== undefined && Object.hasOwn(KINDS, chat.type) ? KINDS[chat.type] : undefined;
      yield { title: titleOf(chat), ...(kind ? { kind } : {}), messages: reader.messages() };
    }
  } finally {
    await reader.close();
  }
}
