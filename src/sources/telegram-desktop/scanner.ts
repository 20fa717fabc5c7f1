import { Expect, JsonCursor, OPEN_BRACE, OPEN_BRACKET, Token, type Container } from "../json-cursor.js";
import type { ParseContext } from "../types.js";
import { record } from "./types.js";

/** What the scanner knows about a chat when its messages begin. */
export interface ChatInfo {
  /** undefined: the chat has no `name` key before its messages (or none at all). */
  name: string | null | undefined;
  type: string | undefined;
  /** The chat's `id`, when written before its messages (tdesktop writes it there). */
  id: number | undefined;
  /** The root object itself is the chat (a single-chat export). */
  root: boolean;
}

export interface ScanSink {
  /** A full export's `personal_information`: the exporting account's user id. */
  account(userId: number): void;
  chat(info: ChatInfo): void;
  /** One element of a `messages` array, parsed; `line` is where it starts. */
  message(value: unknown, line: number): void;
  chatEnd(): void;
}

const enum Role {
  /** The root object: a chat (single-chat export) or the account (full export). */
  Root,
  /** `chats` or `left_chats`: { about, list }. */
  Section,
  ChatList,
  Chat,
  Messages,
}

interface Frame extends Container {
  role: Role;
  key: string;
  chat: ChatInfo | null;
  started: boolean;
}

const enum Purpose {
  Key,
  Name,
  Type,
  Id,
  Account,
  Message,
  Skip,
}

/**
 * Walks a Telegram Desktop result.json as it arrives, chunk by chunk: the
 * outer structure (root, `chats`/`left_chats`, `list`, each chat's keys) token
 * by token, each element of a `messages` array as one slice handed to
 * JSON.parse, everything else (contacts, sessions, ...) skipped without being
 * kept. Only the message being read and the unread rest of a chunk are held.
 */
export class ExportScanner {
  private readonly cursor: JsonCursor;
  private readonly frames: Frame[] = [];
  private rootDone = false;
  private pending: Purpose | null = null;

  constructor(
    ctx: ParseContext,
    private readonly sink: ScanSink,
  ) {
    this.cursor = new JsonCursor(ctx, repairHexEscapes);
  }

  push(chunk: string): void {
    if (chunk === "") return;
    this.cursor.next(chunk);
    this.run();
  }

  /** The input is over: anything still open means the file was cut short. */
  end(): void {
    if (this.frames.length > 0) throw this.cursor.cutShort();
    if (!this.rootDone) throw this.cursor.fail("the file holds no JSON object");
  }

  private run(): void {
    const cursor = this.cursor;
    for (;;) {
      if (this.pending !== null && !this.finishValue()) return;
      const c = cursor.skipSpace();
      if (c < 0) return;
      const frame = this.frames[this.frames.length - 1];
      if (!frame) {
        if (this.rootDone) throw cursor.unexpected("the end of the file");
        if (c !== OPEN_BRACE) throw cursor.fail("the file is not a JSON object");
        this.open(Role.Root, { name: undefined, type: undefined, id: undefined, root: true }, Expect.FirstKey);
        continue;
      }
      switch (cursor.step(frame, c)) {
        case Token.Key:
          this.read(Purpose.Key);
          break;
        case Token.Value:
          this.value(frame, c);
          break;
        case Token.Element:
          this.element(frame, c);
          break;
        case Token.Close:
          this.close(frame);
          break;
      }
    }
  }

  private value(frame: Frame, c: number): void {
    const key = frame.key;
    const chatLike = frame.role === Role.Root || frame.role === Role.Chat;
    if (chatLike && key === "messages" && c === OPEN_BRACKET) {
      if (!frame.started) {
        frame.started = true;
        this.sink.chat(frame.chat!);
      }
      this.open(Role.Messages, null, Expect.FirstElement);
    } else if (chatLike && key === "name") this.read(Purpose.Name);
    else if (chatLike && key === "type") this.read(Purpose.Type);
    else if (chatLike && key === "id") this.read(Purpose.Id);
    else if (frame.role === Role.Root && key === "personal_information" && c === OPEN_BRACE) this.read(Purpose.Account);
    else if (frame.role === Role.Root && (key === "chats" || key === "left_chats") && c === OPEN_BRACE) this.open(Role.Section, null, Expect.FirstKey);
    else if (frame.role === Role.Section && key === "list" && c === OPEN_BRACKET) this.open(Role.ChatList, null, Expect.FirstElement);
    else this.read(Purpose.Skip);
  }

  private element(frame: Frame, c: number): void {
    if (frame.role === Role.Messages) {
      if (c !== OPEN_BRACE) throw this.cursor.unexpected("a message object");
      this.read(Purpose.Message);
    } else if (frame.role === Role.ChatList && c === OPEN_BRACE) {
      this.open(Role.Chat, { name: undefined, type: undefined, id: undefined, root: false }, Expect.FirstKey);
    } else this.read(Purpose.Skip);
  }

  private open(role: Role, chat: ChatInfo | null, expect: Expect): void {
    this.frames.push({ role, expect, key: "", chat, started: false });
    this.cursor.pos++;
  }

  private close(frame: Frame): void {
    this.frames.pop();
    if (frame.role === Role.Chat || (frame.role === Role.Root && frame.started)) {
      // A chat without messages is still a chat: it yields an empty conversation.
      if (!frame.started) this.sink.chat(frame.chat!);
      this.sink.chatEnd();
    }
    if (frame.role === Role.Root) this.rootDone = true;
  }

  private read(purpose: Purpose): void {
    this.pending = purpose;
    this.cursor.begin(purpose === Purpose.Message ? "message" : purpose === Purpose.Skip ? "skipped" : "value");
  }

  /** Scans on in the pending value; false when the chunk runs out first. */
  private finishValue(): boolean {
    const cursor = this.cursor;
    const line = cursor.line;
    const slice = cursor.finish();
    if (slice === null) return false;
    const purpose = this.pending!;
    this.pending = null;
    if (purpose === Purpose.Skip) return true;
    const frame = this.frames[this.frames.length - 1]!;
    if (purpose === Purpose.Message) this.sink.message(cursor.parse(slice, line, "the message"), line);
    else if (purpose === Purpose.Key) frame.key = cursor.parse(slice, line, "a key") as string;
    else if (purpose === Purpose.Name) {
      const name = cursor.parse(slice, line, "the chat name");
      frame.chat!.name = typeof name === "string" ? name : null;
    } else if (purpose === Purpose.Type) {
      const type = cursor.parse(slice, line, "the chat type");
      frame.chat!.type = typeof type === "string" ? type : undefined;
    } else if (purpose === Purpose.Id) {
      frame.chat!.id = numericId(cursor.parse(slice, line, "the chat id"));
    } else {
      const id = numericId(record(cursor.parse(slice, line, "the personal information"))?.user_id);
      if (id !== undefined) this.sink.account(id);
    }
    return true;
  }
}

/** An id, which tdesktop writes as a number; anything else is none. */
function numericId(value: unknown): number | undefined {
  return typeof value === "number" && Number.isSafeInteger(value) ? value : undefined;
}

/**
 * Telegram Desktop writes control characters other than \n, \r and \t as
 * `\xNN`, which JSON does not allow; a `\x` preceded by an even number of
 * backslashes is such an escape.
 */
function repairHexEscapes(slice: string): string {
  return slice.replace(/(?<!\\)((?:\\\\)*)\\x([0-9A-Fa-f]{2})/g, "$1\\u00$2");
}
