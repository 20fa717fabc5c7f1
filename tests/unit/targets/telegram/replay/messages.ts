import type { Conversation } from "../../../../../src/pipeline.js";
import type { Attachment, Message, Summary } from "../../../../../src/schema/index.js";
import type { ReplayWords } from "../../../../../src/targets/telegram/replay/render.js";

/** Synthetic messages and conversations for the replay tests. */

export const WORDS: ReplayWords = {
  deleted: "This message was deleted.",
  missing: (name) => `${name} (not in the export)`,
  tooLarge: (name, mb) => `${name} (${mb} MB: too large for a bot to send)`,
  forwarded: (name) => `Forwarded from ${name}`,
  me: (name) => `${name} (me)`,
};

let counter = 0;

/** A text message one minute after the previous one, unless told otherwise. */
export function text(body: string, extra: Partial<Message> = {}): Message {
  const seq = counter++;
  const minute = String(seq % 60).padStart(2, "0");
  const hour = String(10 + Math.floor(seq / 60) % 12).padStart(2, "0");
  return {
    id: `m${seq}`,
    seq,
    time: `2024-01-15T${hour}:${minute}:00+09:00`,
    sender: seq % 2 === 0 ? "김민지" : "Alice",
    kind: "text",
    text: body,
    source: { file: "chat.txt", line: seq + 1 },
    ...extra,
  } as Message;
}

export function media(attachments: Attachment[], caption = "", extra: Partial<Message> = {}): Message {
  return { ...text(caption, extra), kind: "media", attachments } as Message;
}

export function photo(name: string, size = 1000): Attachment {
  return { type: "photo", name, media: `media/${name}`, size };
}

/** A conversation over fixed messages, in batches of 7, whose media are `bytes(path)`. */
export function conversation(messages: readonly Message[], id = "0123456789ab"): Conversation {
  async function* batches(): AsyncGenerator<readonly Message[], Summary, undefined> {
    for (let i = 0; i < messages.length; i += 7) yield messages.slice(i, i + 7);
    return { messages: messages.length, warnings: [], participants: [], first: null, last: null, media: {} };
  }
  return {
    header: {
      schema: "chatferry/1",
      id,
      title: "Weekend Hikers",
      source: { platform: "kakaotalk", variant: "test", files: ["chat.txt"], encoding: "utf-8", exportedAt: null },
      timezone: "Asia/Seoul",
    },
    messages: batches(),
    media: {
      async *open(path: string) {
        yield Buffer.from(`bytes of ${path}`);
      },
    },
  };
}
