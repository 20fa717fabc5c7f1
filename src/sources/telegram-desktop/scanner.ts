import { Expect, type Container } from "../json-cursor.js";
import { OPEN_BRACE, OPEN_BRACKET } from "../json-extent.js";
import { JsonScanner } from "../json-scanner.js";
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
  chat: ChatInfo | null;
  started: boolean;
}

const enum Purpose {
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
export class ExportScanner extends JsonScanner<Frame, Purpose> {
  constructor(
    ctx: ParseContext,
    private readonly sink: ScanSink,
  ) {
    super(ctx, "JSON object", repairHexEscapes);
  }

  protected root(c: number): void {
    if (c !== OPEN_BRACE) throw this.cursor.fail("the file is not a JSON object");
    this.frame(Role.Root, { name: undefined, type: undefined, id: undefined, root: true }, Expect.FirstKey);
  }

  protected value(frame: Frame, c: number): void {
    const key = frame.key;
    const chatLike = frame.role === Role.Root || frame.role === Role.Chat;
    if (chatLike && key === "messages" && c === OPEN_BRACKET) {
      if (!frame.started) {
        frame.started = true;
        this.sink.chat(frame.chat!);
      }
      this.frame(Role.Messages, null, Expect.FirstElement);
    } else if (chatLike && key === "name") this.read(Purpose.Name, "value");
    else if (chatLike && key === "type") this.read(Purpose.Type, "value");
    else if (chatLike && key === "id") this.read(Purpose.Id, "value");
    else if (frame.role === Role.Root && key === "personal_information" && c === OPEN_BRACE) this.read(Purpose.Account, "value");
    else if (frame.role === Role.Root && (key === "chats" || key === "left_chats") && c === OPEN_BRACE) this.frame(Role.Section, null, Expect.FirstKey);
    else if (frame.role === Role.Section && key === "list" && c === OPEN_BRACKET) this.frame(Role.ChatList, null, Expect.FirstElement);
    else this.read(Purpose.Skip, "skipped");
  }

  protected element(frame: Frame, c: number): void {
    if (frame.role === Role.Messages) {
      if (c !== OPEN_BRACE) throw this.cursor.unexpected("a message object");
      this.read(Purpose.Message, "message");
    } else if (frame.role === Role.ChatList && c === OPEN_BRACE) {
      this.frame(Role.Chat, { name: undefined, type: undefined, id: undefined, root: false }, Expect.FirstKey);
    } else this.read(Purpose.Skip, "skipped");
  }

  private frame(role: Role, chat: ChatInfo | null, expect: Expect): void {
    this.enter({ role, expect, key: "", chat, started: false });
  }

  protected override closed(frame: Frame): void {
    if (frame.role === Role.Chat || (frame.role === Role.Root && frame.started)) {
      // A chat without messages is still a chat: it yields an empty conversation.
      if (!frame.started) this.sink.chat(frame.chat!);
      this.sink.chatEnd();
    }
  }

  protected take(purpose: Purpose, slice: string, line: number): void {
    const cursor = this.cursor;
    const frame = this.open[this.open.length - 1]!;
    if (purpose === Purpose.Message) this.sink.message(cursor.parse(slice, line, "the message"), line);
    else if (purpose === Purpose.Name) {
      const name = cursor.parse(slice, line, "the chat name");
      frame.chat!.name = typeof name === "string" ? name : null;
    } else if (purpose === Purpose.Type) {
      const type = cursor.parse(slice, line, "the chat type");
      frame.chat!.type = typeof type === "string" ? type : undefined;
    } else if (purpose === Purpose.Id) {
      frame.chat!.id = numericId(cursor.parse(slice, line, "the chat id"));
    } else if (purpose === Purpose.Account) {
      const id = numericId(record(cursor.parse(slice, line, "the personal information"))?.user_id);
      if (id !== undefined) this.sink.account(id);
    }
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
