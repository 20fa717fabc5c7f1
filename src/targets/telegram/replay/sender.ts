import { Readable } from "node:stream";
import { Api, InputFile, NetworkError, TelegramApiError, TelegramBotError, TimeoutError, type MessageEntity, type ReplyParameters } from "node-telegram-bot-api";
import { ChatFerryError } from "../../../errors.js";
import type { MediaStore } from "../../../pipeline.js";
import type { Journal } from "./journal.js";
import { chatKindOf, Pacer, type Clock } from "./pacing.js";
import { cost, type FileRef, type Item } from "./plan.js";
import type { Fragment } from "./render.js";

/**
 * Sends plan items, each through one retry loop of ours: the library runs with
 * `maxRetries: 0`, because its own retries resend after a timeout and so
 * duplicate silently (telegram.md §1.3). Every attempt is journaled before it
 * goes and its outcome after, so a crash at any point leaves a journal that
 * says exactly which attempts might have arrived.
 *
 *   429             certainly not sent: wait exactly retry_after, send again
 *   refused connect certainly not sent: back off, send again (a few times, then stop)
 *   timeout, 5xx,   maybe sent: resend once, and report it; a second such
 *   dropped socket  failure of the same item stops the run (a rerun resends once more)
 *   400 and other   this item is refused: recorded, the run goes on (a 400 on the
 *   4xx             formatting is tried once more as plain text)
 *   401, 403,       stop with an error saying what to fix
 *   chat not found
 *
 * Nothing the library throws is shown as is: its errors may one day carry the
 * request URL, and the URL carries the token.
 */

/** Backoff after a failed attempt, doubling; the pacer's own wait comes on top. */
const BACKOFF_MS = 1000;
const BACKOFF_MAX_MS = 60_000;
/** A connection refused this many times in a row: Telegram (or the network) is down; stop and let a rerun continue. */
const MAX_REFUSED = 8;
/** The first send plus the one resend an uncertain failure earns; a second uncertain failure of the item stops the run. */
const MAX_UNCERTAIN_PER_ITEM = 2;
/** Client timeouts: a text is quick; an upload gets time for its size at a slow 32 kB/s. */
const TEXT_TIMEOUT_MS = 60_000;
const UPLOAD_BYTES_PER_MS = 32;
const UNKNOWN_SIZE_TIMEOUT_MS = 300_000;

/** Connection errors that happen before any byte of the request left: the message cannot have arrived. */
const NOT_CONNECTED = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "ENETUNREACH", "EHOSTUNREACH", "UND_ERR_CONNECT_TIMEOUT"]);

type Failure =
  | { kind: "rate"; retryAfterS: number }
  | { kind: "refused"; reason: string }
  | { kind: "uncertain"; reason: string }
  | { kind: "rejected"; code: number; description: string }
  | { kind: "unauthorized" }
  | { kind: "forbidden"; description: string }
  | { kind: "chat"; description: string }
  /** Not the library's error: a fault of ours, shown as one (after journaling the attempt as uncertain). */
  | { kind: "internal"; error: unknown };
type Outcome = { kind: "ok"; ids: number[] } | Failure;

/** What an error from the library means for the message it was sending. */
function classify(err: unknown): Failure {
  if (err instanceof TelegramApiError) {
    const { errorCode: code, description } = err;
    if (code === 429) return { kind: "rate", retryAfterS: err.retryAfter ?? 1 };
    if (code === 401) return { kind: "unauthorized" };
    if (code === 403) return { kind: "forbidden", description };
    if (code >= 500) return { kind: "uncertain", reason: `${code} ${description}` };
    if (err.migrateToChatId !== undefined) return { kind: "chat", description: `${description} (${err.migrateToChatId})` };
    if (/chat not found/i.test(description)) return { kind: "chat", description };
    return { kind: "rejected", code, description };
  }
  if (err instanceof TimeoutError) return { kind: "uncertain", reason: "timeout" };
  if (err instanceof NetworkError) {
    const code = causeCode(err);
    return NOT_CONNECTED.has(code) ? { kind: "refused", reason: code } : { kind: "uncertain", reason: code || err.code };
  }
  if (!(err instanceof TelegramBotError)) return { kind: "internal", error: err };
  // ParseError (an answer that is not Telegram's JSON: a proxy's page) and the like: it may have gone through.
  return { kind: "uncertain", reason: err.code };
}

/** undici wraps the socket error: NetworkError → TypeError("fetch failed") → Error{code} (or an AggregateError of them). */
function causeCode(err: Error): string {
  let cause: unknown = err.cause;
  for (let depth = 0; depth < 4 && cause instanceof Error; depth++) {
    const code = (cause as NodeJS.ErrnoException).code;
    if (typeof code === "string") return code;
    const first = cause instanceof AggregateError ? (cause.errors[0] as unknown) : undefined;
    cause = first ?? cause.cause;
  }
  return "";
}

export interface SenderOptions {
  token: string;
  apiRoot?: string;
  chat: string;
  media: MediaStore;
  journal: Journal;
  clock: Clock;
  /** Shrinks every wait (retry_after, backoff) like the pacer's; 1 outside tests. */
  scale: number;
  /** A fixed client timeout instead of the size-based one (tests). */
  timeoutMs?: number;
  /** Source ids that some message replies to: only these are remembered. */
  replyTargets: ReadonlySet<string>;
  signal?: AbortSignal;
  /** Told of each wait Telegram imposes (429) or a failure causes, for the progress line. */
  onWait?(ms: number, why: "rate" | "network"): void;
}

export interface ChatInfo {
  type: string;
  title: string | null;
}

export class Sender {
  private readonly apis = new Map<number, Api>();
  private pacer: Pacer | null = null;

  constructor(private readonly options: SenderOptions) {}

  /**
   * getMe then getChat: a bad token or a chat the bot cannot reach stops the
   * run here, before anything is sent. Neither sends anything, so both may be
   * retried freely. The chat's type sets the pace.
   */
  async check(): Promise<ChatInfo> {
    await this.probe((api) => api.getMe());
    const chat = await this.probe((api) => api.getChat({ chat_id: this.options.chat }));
    this.pacer = new Pacer(chatKindOf(chat.type), this.options.clock, this.options.scale);
    const title = chat.title ?? ([chat.first_name, chat.last_name].filter(Boolean).join(" ") || chat.username || null);
    return { type: chat.type, title };
  }

  /** Milliseconds per Telegram message at this chat's pace. */
  get intervalMs(): number {
    return this.checked().intervalMs;
  }

  private checked(): Pacer {
    if (this.pacer === null) throw new Error("Sender.check() must come first");
    return this.pacer;
  }

  private async probe<T>(call: (api: Api) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      let outcome: Failure;
      try {
        return await call(this.api(TEXT_TIMEOUT_MS));
      } catch (err) {
        outcome = classify(err);
      }
      switch (outcome.kind) {
        case "rate":
          await this.wait(outcome.retryAfterS * 1000, "rate");
          continue;
        case "refused":
        case "uncertain":
          if (attempt >= MAX_REFUSED) throw this.network(outcome.reason);
          await this.wait(backoff(attempt), "network");
          continue;
        case "rejected":
          // A 400 on getChat other than "chat not found": the chat id itself is wrong.
          throw new ChatFerryError("E_TELEGRAM_CHAT", { chat: this.options.chat, reason: this.scrub(outcome.description) });
        case "internal":
          throw outcome.error;
        default:
          throw this.stop(outcome);
      }
    }
  }

  /** Sends one item to the end: sent, or failed for good (recorded), or a thrown error that stops the run. */
  async deliver(item: Item): Promise<void> {
    const { journal, signal } = this.options;
    const pacer = this.checked();
    let refused = 0;
    let uncertain = 0;
    let plain = false;
    for (;;) {
      signal?.throwIfAborted();
      await pacer.acquire(cost(item), signal);
      await journal.append({ t: "sending", n: item.n, ends: item.ends });
      const local = { error: null as unknown };
      let outcome: Outcome;
      try {
        outcome = { kind: "ok", ids: await this.send(item, plain, local) };
      } catch (err) {
        outcome = classify(err);
      }
      // The input could not be read while uploading: nothing reached Telegram whole, and retrying will not help.
      if (local.error !== null) {
        await journal.append({ t: "unsent", n: item.n });
        throw new ChatFerryError("E_READ", { file: this.fileOf(item), reason: String((local.error as NodeJS.ErrnoException).code ?? local.error) });
      }
      switch (outcome.kind) {
        case "ok":
          await journal.append({ t: "sent", n: item.n, ids: outcome.ids, ...this.refs(item, outcome.ids) });
          return;
        case "rate":
          await journal.append({ t: "unsent", n: item.n });
          await this.wait(outcome.retryAfterS * 1000, "rate");
          pacer.restart();
          continue;
        case "refused":
          await journal.append({ t: "unsent", n: item.n });
          if (++refused >= MAX_REFUSED) throw this.network(outcome.reason);
          await this.wait(backoff(refused), "network");
          continue;
        case "uncertain":
          await journal.append({ t: "uncertain", n: item.n });
          if (++uncertain >= MAX_UNCERTAIN_PER_ITEM) throw this.network(outcome.reason);
          await this.wait(backoff(uncertain), "network");
          continue;
        case "rejected":
          // Formatting Telegram cannot parse (an entity type this server does not know): the words matter more.
          if (!plain && /entit/i.test(outcome.description)) {
            await journal.append({ t: "unsent", n: item.n });
            plain = true;
            continue;
          }
          await journal.append({ t: "failed", n: item.n, reason: this.scrub(`${outcome.code} ${outcome.description}`) });
          return;
        case "internal":
          await journal.append({ t: "uncertain", n: item.n });
          throw outcome.error;
        default:
          await journal.append({ t: "unsent", n: item.n });
          throw this.stop(outcome);
      }
    }
  }

  /** 401, 403 and a chat that does not exist end the run: every later message would fail the same way. */
  private stop(outcome: Extract<Failure, { kind: "unauthorized" | "forbidden" | "chat" }>): ChatFerryError {
    if (outcome.kind === "forbidden" || outcome.kind === "chat") {
      return new ChatFerryError("E_TELEGRAM_CHAT", { chat: this.options.chat, reason: this.scrub(outcome.description) });
    }
    return new ChatFerryError("E_TELEGRAM_AUTH");
  }

  private network(reason: string): ChatFerryError {
    return new ChatFerryError("E_TELEGRAM_NETWORK", { reason: this.scrub(reason), sent: this.options.journal.state.sent });
  }

  private wait(ms: number, why: "rate" | "network"): Promise<void> {
    const scaled = ms * this.options.scale;
    this.options.onWait?.(scaled, why);
    return this.options.clock.sleep(scaled, this.options.signal);
  }

  /** Defence in depth: no text that leaves this module can hold the token, whatever a server echoes. */
  private scrub(text: string): string {
    return text.split(this.options.token).join("…");
  }

  private api(timeoutMs: number): Api {
    // AbortSignal.timeout takes whole milliseconds only.
    const timeout = Math.ceil(this.options.timeoutMs ?? timeoutMs);
    let api = this.apis.get(timeout);
    if (!api) {
      api = new Api(this.options.token, { apiRoot: this.options.apiRoot, maxRetries: 0, timeoutMs: timeout });
      this.apis.set(timeout, api);
    }
    return api;
  }

  private async send(item: Item, plain: boolean, local: { error: unknown }): Promise<number[]> {
    const { chat } = this.options;
    const common = { chat_id: chat, disable_notification: true, ...this.reply(item) };
    const entities = (fragment: Fragment): MessageEntity[] | undefined => (plain ? undefined : fragment.entities);
    const file = (ref: FileRef) => this.inputFile(ref, local);
    switch (item.kind) {
      case "text": {
        const message = await this.api(TEXT_TIMEOUT_MS).sendMessage({
          ...common,
          text: item.text,
          entities: entities(item),
          link_preview_options: { is_disabled: true },
        });
        return [message.message_id];
      }
      case "media": {
        const api = this.api(uploadTimeout([item.file]));
        const caption = item.caption ? { caption: item.caption.text, caption_entities: entities(item.caption) } : {};
        const message = await (item.method === "photo"
          ? api.sendPhoto({ ...common, ...caption, photo: file(item.file) })
          : item.method === "video"
            ? api.sendVideo({ ...common, ...caption, video: file(item.file) })
            : item.method === "voice"
              ? api.sendVoice({ ...common, ...caption, voice: file(item.file) })
              : item.method === "audio"
                ? api.sendAudio({ ...common, ...caption, audio: file(item.file) })
                : api.sendDocument({ ...common, ...caption, document: file(item.file) }));
        return [message.message_id];
      }
      case "album": {
        const messages = await this.api(uploadTimeout(item.photos.map((p) => p.file))).sendMediaGroup({
          ...common,
          media: item.photos.map((photo) => ({
            type: "photo",
            media: file(photo.file),
            ...(photo.caption ? { caption: photo.caption.text, caption_entities: entities(photo.caption) } : {}),
          })),
        });
        return messages.map((m) => m.message_id);
      }
    }
  }

  /** A reply whose target was sent becomes a Telegram reply; one whose target failed or is absent goes as a plain message. */
  private reply(item: Item): { reply_parameters?: ReplyParameters } {
    const target = item.replyTo === undefined ? undefined : this.options.journal.state.refs.get(item.replyTo);
    return target === undefined ? {} : { reply_parameters: { message_id: target, allow_sending_without_reply: true } };
  }

  /** Telegram message ids of the item's messages that others reply to, for the journal. */
  private refs(item: Item, ids: number[]): { refs?: Record<string, number> } {
    const refs: Record<string, number> = {};
    const { replyTargets } = this.options;
    if (item.kind === "album") {
      item.photos.forEach((photo, i) => {
        if (photo.source !== undefined && replyTargets.has(photo.source) && ids[i] !== undefined) refs[photo.source] = ids[i];
      });
    } else {
      for (const source of item.sources) if (replyTargets.has(source) && ids[0] !== undefined) refs[source] = ids[0];
    }
    return Object.keys(refs).length > 0 ? { refs } : {};
  }

  /** The file streamed from the input on every attempt; a read error is noted, to tell it from a network one. */
  private inputFile(ref: FileRef, local: { error: unknown }): InputFile {
    const { media } = this.options;
    async function* read(): AsyncGenerator<Buffer> {
      try {
        yield* media.open(ref.path);
      } catch (err) {
        local.error = err;
        throw err;
      }
    }
    return new InputFile(() => Readable.toWeb(Readable.from(read())) as ReadableStream<Uint8Array>, { filename: ref.name });
  }

  private fileOf(item: Item): string {
    return item.kind === "album" ? item.photos.map((p) => p.file.path).join(", ") : item.kind === "media" ? item.file.path : "";
  }
}

function backoff(attempt: number): number {
  return Math.min(BACKOFF_MAX_MS, BACKOFF_MS * 2 ** (attempt - 1));
}

function uploadTimeout(files: readonly FileRef[]): number {
  let bytes = 0;
  for (const file of files) {
    if (file.size === undefined) return UNKNOWN_SIZE_TIMEOUT_MS;
    bytes += file.size;
  }
  return TEXT_TIMEOUT_MS + bytes / UPLOAD_BYTES_PER_MS;
}
