import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";

/**
 * A Bot API stand-in on 127.0.0.1 for the replay tests. It answers the methods
 * a replay uses, checks what real Telegram checks (token, chat, 4096/1024
 * UTF-16 limits, entity bounds, album sizes), and records every message it
 * delivers, in arrival order. A script decides per send call whether to
 * answer normally, refuse (429, 5xx, 403, 400) without delivering, or deliver
 * and then answer late or never (the cases where the client cannot know).
 */

export interface Entity {
  type: string;
  offset: number;
  length: number;
  unix_time?: number;
  date_time_format?: string;
}

/** One message as it would appear in the chat. */
export interface Delivered {
  messageId: number;
  /** The send call that delivered it: an album is several messages of one call. */
  call: number;
  method: string;
  chatId: string;
  text?: string;
  caption?: string;
  entities: Entity[];
  replyTo?: number;
  file?: { name: string; size: number };
  silent: boolean;
  previewDisabled: boolean;
}

export interface SendCall {
  /** 0-based count of send calls received, whatever their fate. */
  index: number;
  method: string;
}

export type Action =
  | { kind: "ok" }
  | { kind: "rate"; retryAfter: number }
  | { kind: "error"; status: number; description: string }
  /** Delivered, answered after `ms` (past the client's timeout: the client cannot know it arrived). */
  | { kind: "late"; ms: number }
  /** Delivered, then the connection is cut without an answer. */
  | { kind: "drop" }
  /** Neither delivered nor answered: the test kills the client meanwhile. */
  | { kind: "hang" };

export interface FakeBotApi {
  url: string;
  token: string;
  delivered: Delivered[];
  calls: SendCall[];
  /** Requests by method name, sends or not. */
  methods: string[];
  /** Decides each send call's fate; the default delivers everything. */
  script: (call: SendCall) => Action;
  close(): Promise<void>;
}

const SEND_METHODS = new Set(["sendMessage", "sendPhoto", "sendVideo", "sendVoice", "sendAudio", "sendDocument", "sendMediaGroup"]);
const FILE_FIELD: Record<string, string> = {
  sendPhoto: "photo",
  sendVideo: "video",
  sendVoice: "voice",
  sendAudio: "audio",
  sendDocument: "document",
};

export const FAKE_TOKEN = "123456789:AAFakeTokenForTestsOnly_abcdefghijklm";

/** A chat as getChat describes it: its type, and the name it gives (a private chat's first_name, else its title). */
export interface FakeChat {
  type: string;
  title: string;
}

/**
 * `chats`: id → getChat type ("private", "supergroup", "channel"), or a FakeChat
 * to choose its name; any other id is "chat not found".
 */
export async function startFakeBotApi(chats: Record<string, string | FakeChat> = { "42": "private" }, token = FAKE_TOKEN): Promise<FakeBotApi> {
  let nextId = 1000;
  const api: FakeBotApi = {
    url: "",
    token,
    delivered: [],
    calls: [],
    methods: [],
    script: () => ({ kind: "ok" }),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      // A client killed mid-upload leaves a body that cannot be parsed: nothing was delivered.
      if (!res.headersSent) res.destroy();
    });
  });
  const sockets = new Set<import("node:net").Socket>();
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  const close = api.close;
  api.close = async () => {
    for (const socket of sockets) socket.destroy();
    await close();
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const match = /^\/bot([^/]+)\/(\w+)$/.exec(req.url ?? "");
    const form = await new Response(Readable.toWeb(req) as ReadableStream, {
      headers: { "content-type": req.headers["content-type"] ?? "application/x-www-form-urlencoded" },
    }).formData();
    if (!match || match[1] !== token) return reply(res, 401, { ok: false, error_code: 401, description: "Unauthorized" });
    const method = match[2]!;
    api.methods.push(method);
    const chatId = String(form.get("chat_id") ?? "");
    if (method === "getMe") return reply(res, 200, { ok: true, result: { id: 123456789, is_bot: true, first_name: "Fake", username: "fake_bot" } });
    const chat = chats[chatId];
    if (chat === undefined) return reply(res, 400, { ok: false, error_code: 400, description: "Bad Request: chat not found" });
    const { type, title } = typeof chat === "string" ? { type: chat, title: undefined } : chat;
    if (type === "blocked") return reply(res, 403, { ok: false, error_code: 403, description: "Forbidden: bot was blocked by the user" });
    if (method === "getChat") {
      const result =
        type === "private" ? { id: Number(chatId), type, first_name: title ?? "Mina" } : { id: Number(chatId), type, title: title ?? "Hikers archive" };
      return reply(res, 200, { ok: true, result });
    }
    if (!SEND_METHODS.has(method)) return reply(res, 404, { ok: false, error_code: 404, description: "Not Found" });

    const call: SendCall = { index: api.calls.length, method };
    api.calls.push(call);
    const action = api.script(call);
    if (action.kind === "hang") return;
    if (action.kind === "rate") {
      return reply(res, 429, { ok: false, error_code: 429, description: `Too Many Requests: retry after ${action.retryAfter}`, parameters: { retry_after: action.retryAfter } });
    }
    if (action.kind === "error") return reply(res, action.status, { ok: false, error_code: action.status, description: action.description });

    const messages = parseSend(method, form, chatId);
    if (typeof messages === "string") return reply(res, 400, { ok: false, error_code: 400, description: messages });
    const result = messages.map((m) => {
      const message = { ...m, messageId: nextId++, call: call.index };
      api.delivered.push(message);
      return { message_id: message.messageId, date: 0, chat: { id: Number(chatId), type } };
    });
    const body = { ok: true, result: method === "sendMediaGroup" ? result : result[0] };
    if (action.kind === "drop") {
      req.socket.destroy();
      return;
    }
    if (action.kind === "late") await new Promise((resolve) => setTimeout(resolve, action.ms));
    if (!res.destroyed) reply(res, 200, body);
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  api.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return api;
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

type Message = Omit<Delivered, "messageId" | "call">;

/** The messages a send call makes, or Telegram's 400 description when it would refuse it. */
function parseSend(method: string, form: FormData, chatId: string): Message[] | string {
  const json = <T>(name: string): T | undefined => {
    const value = form.get(name);
    return typeof value === "string" ? (JSON.parse(value) as T) : undefined;
  };
  const replyTo = json<{ message_id: number }>("reply_parameters")?.message_id;
  const common = {
    method,
    chatId,
    silent: form.get("disable_notification") === "true",
    previewDisabled: json<{ is_disabled?: boolean }>("link_preview_options")?.is_disabled === true,
    ...(replyTo === undefined ? {} : { replyTo }),
  };
  if (method === "sendMessage") {
    const text = String(form.get("text") ?? "");
    const entities = json<Entity[]>("entities") ?? [];
    if (text.length === 0) return "Bad Request: message text is empty";
    if (text.length > 4096) return "Bad Request: message is too long";
    return checkEntities(text, entities) ?? [{ ...common, text, entities }];
  }
  if (method === "sendMediaGroup") {
    const media = json<{ type: string; media: string; caption?: string; caption_entities?: Entity[] }[]>("media") ?? [];
    if (media.length < 2 || media.length > 10) return "Bad Request: wrong number of media in the album";
    const out: Message[] = [];
    for (const item of media) {
      const file = form.get(item.media.replace(/^attach:\/\//, ""));
      if (!(file instanceof File)) return "Bad Request: wrong file identifier";
      const one = withCaption({ ...common, file: { name: file.name, size: file.size } }, item.caption, item.caption_entities ?? []);
      if (typeof one === "string") return one;
      out.push(one);
    }
    return out;
  }
  const file = form.get(FILE_FIELD[method]!);
  if (!(file instanceof File)) return "Bad Request: there is no file in the request";
  const one = withCaption({ ...common, file: { name: file.name, size: file.size } }, form.get("caption")?.toString(), json<Entity[]>("caption_entities") ?? []);
  return typeof one === "string" ? one : [one];
}

function withCaption(message: Omit<Message, "entities">, caption: string | undefined, entities: Entity[]): Message | string {
  if (caption === undefined || caption === "") return { ...message, entities: [] };
  if (caption.length > 1024) return "Bad Request: message caption is too long";
  return checkEntities(caption, entities) ?? { ...message, caption, entities };
}

function checkEntities(text: string, entities: Entity[]): string | undefined {
  if (entities.length > 100) return "Bad Request: too many entities";
  for (const e of entities) {
    if (e.offset < 0 || e.length <= 0 || e.offset + e.length > text.length) return "Bad Request: can't parse entities: entity out of bounds";
    if (e.type === "date_time" && (typeof e.unix_time !== "number" || typeof e.date_time_format !== "string")) {
      return "Bad Request: can't parse entities: date_time needs unix_time";
    }
  }
  return undefined;
}
