import { ChatFerryError } from "../../errors.js";
import { messageTooLong } from "../message-size.js";
import type { ParseContext } from "../types.js";
import { ValueExtent } from "./extent.js";
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
  /**
   * Where a reader wants the root object's other keys (Meta writes a thread's `title` and
   * `participants` beside its `messages`): each such value, parsed. Without it they are skipped.
   */
  rootValue?(key: string, value: unknown): void;
  /**
   * Whether the next element of `messages` is wanted; one that is not is scanned past without
   * being kept or parsed, and `skipped` is told. A reader that reads a file in windows (Meta's,
   * newest first) parses only the window it is after.
   */
  wants?(): boolean;
  skipped?(line: number): void;
  /**
   * Where a reader needs only a glance at each message (Meta's first pass, for its instants):
   * the element's JSON text, unparsed, in place of `message`.
   */
  messageText?(text: string, line: number): void;
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

const enum State {
  FirstKey,
  Key,
  Colon,
  Value,
  AfterValue,
  FirstElement,
  Element,
  AfterElement,
}

interface Frame {
  role: Role;
  state: State;
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
  RootValue,
  SkippedMessage,
  Skip,
}

const SPACE = 32;
const NEWLINE = 10;
const TAB = 9;
const CR = 13;
const BOM = 0xfeff;
const COLON = 58;
const COMMA = 44;
const QUOTE = 34;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
const VALUE_START = /["{[\-0-9tfn]/;

/**
 * Walks a Telegram Desktop result.json as it arrives, chunk by chunk: the
 * outer structure (root, `chats`/`left_chats`, `list`, each chat's keys) token
 * by token, each element of a `messages` array as one slice handed to
 * JSON.parse, everything else (contacts, sessions, ...) skipped without being
 * kept. Only the message being read and the unread rest of a chunk are held.
 */
export class ExportScanner {
  private text = "";
  private pos = 0;
  /** The start of the kept value when it began in an earlier chunk. */
  private carry = "";
  private carried = false;
  /** Line of `pos`, 1-based. */
  private line = 1;
  private readonly frames: Frame[] = [];
  private rootDone = false;
  private readonly extent = new ValueExtent();
  private pending: Purpose | null = null;

  constructor(
    private readonly ctx: ParseContext,
    private readonly sink: ScanSink,
  ) {}

  push(chunk: string): void {
    if (chunk === "") return;
    // The chunk is scanned as it is: joining it to the rest of the previous
    // one would copy every chunk once more. Only a value being kept carries over.
    if (this.pending !== null) {
      if (this.pending !== Purpose.Skip && this.pending !== Purpose.SkippedMessage) {
        this.carry = this.carried ? this.carry + this.text : this.text.slice(this.extent.start);
        this.carried = true;
        // Keys and names are held to a message's limit too; `line` is where the value starts.
        if (this.carry.length > this.ctx.maxMessageChars) {
          if (this.pending === Purpose.Message) throw messageTooLong(this.ctx, this.line);
          throw this.fail(`the value at line ${this.line} is longer than ${this.ctx.maxMessageChars} characters`);
        }
      }
      this.extent.nextText();
    }
    this.text = chunk;
    this.pos = 0;
    this.run();
  }

  /** The input is over: anything still open means the file was cut short. */
  end(): void {
    if (this.pending !== null || this.frames.length > 0) {
      const where = this.pending === Purpose.Message || this.pending === Purpose.SkippedMessage ? "inside a message" : "before the JSON is complete";
      throw this.fail(`the file ends ${where} (line ${this.line}); it may be truncated`);
    }
    if (!this.rootDone) throw this.fail("the file holds no JSON object");
  }

  private fail(reason: string): ChatFerryError {
    return new ChatFerryError("E_READ", { file: this.ctx.file, reason });
  }

  private unexpected(expected: string): ChatFerryError {
    const found = this.text.slice(this.pos, this.pos + 12).split("\n")[0];
    return this.fail(`invalid JSON at line ${this.line}: expected ${expected}, found "${found}"`);
  }

  private run(): void {
    const text = this.text;
    for (;;) {
      if (this.pending !== null && !this.finishValue()) return;
      const c = this.skipSpace();
      if (c < 0) return;
      const frame = this.frames[this.frames.length - 1];
      if (!frame) {
        if (this.rootDone) throw this.unexpected("the end of the file");
        if (c !== OPEN_BRACE) throw this.fail("the file is not a JSON object");
        this.frames.push({ role: Role.Root, state: State.FirstKey, key: "", chat: { name: undefined, type: undefined, id: undefined, root: true }, started: false });
        this.pos++;
        continue;
      }
      switch (frame.state) {
        case State.FirstKey:
        case State.Key:
          if (c === QUOTE) {
            frame.state = State.Colon;
            this.startValue(Purpose.Key);
          } else if (c === CLOSE_BRACE && frame.state === State.FirstKey) this.close(frame);
          else throw this.unexpected("a key");
          break;
        case State.Colon:
          if (c !== COLON) throw this.unexpected('":"');
          frame.state = State.Value;
          this.pos++;
          break;
        case State.AfterValue:
          if (c === COMMA) {
            frame.state = State.Key;
            this.pos++;
          } else if (c === CLOSE_BRACE) this.close(frame);
          else throw this.unexpected('"," or "}"');
          break;
        case State.AfterElement:
          if (c === COMMA) {
            frame.state = State.Element;
            this.pos++;
          } else if (c === CLOSE_BRACKET) this.close(frame);
          else throw this.unexpected('"," or "]"');
          break;
        default:
          if (c === CLOSE_BRACKET && frame.state === State.FirstElement) this.close(frame);
          else if (VALUE_START.test(text[this.pos]!)) this.value(frame, c);
          else throw this.unexpected("a value");
      }
    }
  }

  /** The code of the next character that is not whitespace, or -1 when the text runs out. */
  private skipSpace(): number {
    const text = this.text;
    const n = text.length;
    let i = this.pos;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === NEWLINE) this.line++;
      else if (c !== SPACE && c !== TAB && c !== CR && c !== BOM) {
        this.pos = i;
        return c;
      }
      i++;
    }
    this.pos = n;
    return -1;
  }

  private value(frame: Frame, c: number): void {
    if (frame.state === State.Value) {
      frame.state = State.AfterValue;
      const key = frame.key;
      const chatLike = frame.role === Role.Root || frame.role === Role.Chat;
      if (chatLike && key === "messages" && c === OPEN_BRACKET) {
        if (!frame.started) {
          frame.started = true;
          this.sink.chat(frame.chat!);
        }
        this.open(Role.Messages, null, State.FirstElement);
      } else if (chatLike && key === "name") this.startValue(Purpose.Name);
      else if (chatLike && key === "type") this.startValue(Purpose.Type);
      else if (chatLike && key === "id") this.startValue(Purpose.Id);
      else if (frame.role === Role.Root && key === "personal_information" && c === OPEN_BRACE) this.startValue(Purpose.Account);
      else if (frame.role === Role.Root && (key === "chats" || key === "left_chats") && c === OPEN_BRACE) this.open(Role.Section, null, State.FirstKey);
      else if (frame.role === Role.Section && key === "list" && c === OPEN_BRACKET) this.open(Role.ChatList, null, State.FirstElement);
      else this.startValue(frame.role === Role.Root && this.sink.rootValue ? Purpose.RootValue : Purpose.Skip);
      return;
    }
    frame.state = State.AfterElement;
    if (frame.role === Role.Messages) {
      if (c !== OPEN_BRACE) throw this.unexpected("a message object");
      this.startValue(this.sink.wants?.() === false ? Purpose.SkippedMessage : Purpose.Message);
    } else if (frame.role === Role.ChatList && c === OPEN_BRACE) {
      this.open(Role.Chat, { name: undefined, type: undefined, id: undefined, root: false }, State.FirstKey);
    } else this.startValue(Purpose.Skip);
  }

  private open(role: Role, chat: ChatInfo | null, state: State): void {
    this.frames.push({ role, state, key: "", chat, started: false });
    this.pos++;
  }

  private close(frame: Frame): void {
    this.frames.pop();
    this.pos++;
    if (frame.role === Role.Chat || (frame.role === Role.Root && frame.started)) {
      // A chat without messages is still a chat: it yields an empty conversation.
      if (!frame.started) this.sink.chat(frame.chat!);
      this.sink.chatEnd();
    }
    if (frame.role === Role.Root) this.rootDone = true;
  }

  private startValue(purpose: Purpose): void {
    this.pending = purpose;
    this.carried = false;
    this.extent.begin(this.text, this.pos);
  }

  /** Scans on in the pending value; false when the text runs out first. */
  private finishValue(): boolean {
    const extent = this.extent;
    const end = extent.scan(this.text);
    if (end < 0) return false;
    const purpose = this.pending!;
    const line = this.line;
    this.pending = null;
    this.pos = end;
    this.line += extent.newlines;
    if (purpose === Purpose.Skip) return true;
    if (purpose === Purpose.SkippedMessage) {
      this.sink.skipped?.(line);
      return true;
    }
    const slice = this.carried ? this.carry + this.text.slice(0, end) : this.text.slice(extent.start, end);
    this.carry = "";
    this.carried = false;
    const frame = this.frames[this.frames.length - 1]!;
    if (purpose === Purpose.Message) {
      if (this.sink.messageText) this.sink.messageText(slice, line);
      else this.sink.message(this.parse(slice, line, "the message"), line);
    }
    else if (purpose === Purpose.RootValue) this.sink.rootValue!(frame.key, this.parse(slice, line, `"${frame.key}"`));
    else if (purpose === Purpose.Key) frame.key = this.parse(slice, line, "a key") as string;
    else if (purpose === Purpose.Name) {
      const name = this.parse(slice, line, "the chat name");
      frame.chat!.name = typeof name === "string" ? name : null;
    } else if (purpose === Purpose.Type) {
      const type = this.parse(slice, line, "the chat type");
      frame.chat!.type = typeof type === "string" ? type : undefined;
    } else if (purpose === Purpose.Id) {
      frame.chat!.id = numericId(this.parse(slice, line, "the chat id"));
    } else {
      const id = numericId(record(this.parse(slice, line, "the personal information"))?.user_id);
      if (id !== undefined) this.sink.account(id);
    }
    return true;
  }

  /** A value's JSON text parsed; invalid JSON fails with its line (a reader holding a message's text parses it here). */
  parse(slice: string, line: number, what: string): unknown {
    try {
      return JSON.parse(slice);
    } catch (err) {
      const repaired = repairHexEscapes(slice);
      if (repaired !== slice) {
        try {
          return JSON.parse(repaired);
        } catch {
          // The repair was not the problem; report the original error.
        }
      }
      throw this.fail(`invalid JSON in ${what} at line ${line}: ${(err as Error).message}`);
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
