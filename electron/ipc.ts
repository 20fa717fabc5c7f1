/**
 * The channel map: for every channel in CHANNELS, a zod schema of what the
 * renderer may send and of what it gets back. Main validates inputs with it
 * before anything touches the core, and outputs before they leave, so the
 * renderer's types are a promise kept at run time. No Electron import: the
 * handlers, the loopback server and the tests share it.
 */
import { z } from "zod";
import { Activity, AttachmentType, Call, ChatKind, DateOrder, DateOrderDecision, Finding, IsoTime, Platform, Warning } from "../src/schema/index.js";
import { EXPORT_FORMATS, HELP_PAGES, type Channel, type HelpTopic } from "./channels.js";

/** Warnings a check hands to the app, which lists them all; the count says how many more there were. */
export const WARNINGS_SHOWN = 20;
/** Unread lines and probable placeholders a check names; the count says how many there were. */
export const GUESSES_SHOWN = 10;

/** What main hands out instead of a path: the renderer names files only by these. */
export const Token = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
const Timezone = z.string().min(1).max(64).regex(/^[A-Za-z0-9_+\-/]+$/);
const count = z.number().int().nonnegative();
const Empty = z.object({}).strict();

export const ExportFormat = z.enum(EXPORT_FORMATS);
export type ExportFormat = z.infer<typeof ExportFormat>;


export const InputRef = z.object({ input: Token, name: z.string() });
export type InputRef = z.infer<typeof InputRef>;

export const OutputRef = z.object({ output: Token, path: z.string() });
export type OutputRef = z.infer<typeof OutputRef>;

export const ArchiveRef = z.object({ archive: Token, name: z.string(), lock: z.enum(["passphrase", "recipients"]) });
export type ArchiveRef = z.infer<typeof ArchiveRef>;

const Passphrase = z.string().min(1).max(1024);
/** A chat as the Bot API names it: a numeric id (groups and channels negative) or a public @name. */
const TelegramChat = z.string().regex(/^(-?\d{1,20}|@[A-Za-z][A-Za-z0-9_]{3,31})$/);
/** A person's name as a chat or Telegram writes it. */
const PersonName = z.string().trim().min(1).max(200);
/**
 * How every job reads an input: the zone of its times, the date order the user chose in the
 * check step when the file does not show it (absent: decided from the file), and which
 * participant the user is where the export does not say (`--me`).
 */
const reading = { input: Token, timezone: Timezone, dateOrder: DateOrder.optional(), me: PersonName.optional() };
const replay = { ...reading, chat: TelegramChat, pack: z.boolean(), lang: z.enum(["ko", "en"]) };

export const JobSpec = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("check"), ...reading }).strict(),
  /** `meAs`: the user's Telegram name, under which their own messages are written (the package lands them on their side). */
  z.object({ kind: z.literal("package"), ...reading, output: Token, meAs: PersonName.optional() }).strict(),
  z.object({ kind: z.literal("export"), ...reading, output: Token, format: ExportFormat }).strict(),
  /** A folder for signalbackup-tools `--importtelegram` and its guide, in `lang` (what the chat and the guide say). */
  z.object({ kind: z.literal("signal"), ...reading, output: Token, lang: z.enum(["ko", "en"]) }).strict(),
  z
    .object({
      kind: z.literal("archive"),
      ...reading,
      output: Token,
      /**
       * A chooseArchive token: the new archive holds that one's conversations with this export
       * merged in (`archive --update`). Its passphrase (`key`) unlocks it and locks the new one.
       */
      update: Token.optional(),
      key: z.union([
        z.object({ passphrase: Passphrase }).strict(),
        z.object({ recipients: z.array(z.string().min(1).max(200)).min(1).max(50) }).strict(),
      ]),
    })
    .strict(),
  /** `archive` is a chooseArchive token, or the id of the archive job that just wrote one (no passphrase needed). */
  z.object({ kind: z.literal("open"), archive: Token, passphrase: Passphrase.optional(), identity: Token.optional() }).strict(),
  /** What a bot replay will send and how long it takes; reads the input, sends nothing. */
  z.object({ kind: z.literal("replayPlan"), ...replay }).strict(),
  /** Sends with the token setBotToken gave; a rerun of the same replay continues where it stopped. */
  z.object({ kind: z.literal("replay"), ...replay }).strict(),
  /** The first SAMPLE_PREVIEW_LINES lines of a sample for support (`chatferry redact`), redacted; writes nothing. */
  z.object({ kind: z.literal("redactPreview"), input: Token }).strict(),
  /** A sample for support: the chat file with what people wrote replaced, written atomically to a chooseOutput("sample") file. */
  z.object({ kind: z.literal("redact"), input: Token, output: Token }).strict(),
]);
export type JobSpec = z.infer<typeof JobSpec>;
export type JobKind = JobSpec["kind"];

export const PreviewMessage = z.object({
  seq: count,
  time: z.string(),
  sender: z.string().nullable(),
  kind: z.enum(["text", "media", "system", "deleted"]),
  /** Cut to PREVIEW_TEXT characters: a bubble shows two lines. */
  text: z.string(),
  attachments: z.array(z.object({ type: AttachmentType, name: z.string().optional(), found: z.boolean() })),
  forwardedFrom: z.string().optional(),
  call: Call.optional(),
  line: count,
});
export type PreviewMessage = z.infer<typeof PreviewMessage>;
export const PREVIEW_TEXT = 400;
export const PREVIEW_PAGE = 500;
/** Lines of a sample the app shows before it is saved. */
export const SAMPLE_PREVIEW_LINES = 30;

export const CheckedConversation = z.object({
  id: z.string(),
  title: z.string().nullable(),
  platform: Platform,
  variant: z.string(),
  encoding: z.string(),
  /** "utc": the export records exact moments, and the time zone only decides how they are shown; "wall": local times without a zone. */
  clock: z.enum(["wall", "utc"]),
  files: z.array(z.string()),
  exportedAt: IsoTime.nullable(),
  timezone: z.string(),
  messages: count,
  participants: z.array(z.object({ name: z.string(), messages: count })),
  /** What the export says the chat is, and who exported it (or whom the user named), where known. */
  kind: ChatKind.optional(),
  self: z.string().optional(),
  first: IsoTime.nullable(),
  last: IsoTime.nullable(),
  media: z.object({ found: count, missing: count, byType: z.partialRecord(AttachmentType, count) }),
  /** The first WARNINGS_SHOWN warnings; `warningCount` says how many there were. */
  warnings: z.array(Warning),
  warningCount: count,
  /** For exports whose dates can be read more than one way: the order used and what decided it. */
  dateOrder: DateOrderDecision.optional(),
  /**
   * When only the phone language's habit decided the order: the first message whose date
   * another order would read differently, for the question. Null when no date would change.
   */
  dateSample: PreviewMessage.nullable().optional(),
  /** Lines kept as part of the message before them although they look like messages; the first GUESSES_SHOWN of them. */
  unread: z.object({ count, lines: z.array(z.object({ line: count, text: z.string() })) }),
  /** Bracketed bodies several people sent that look like placeholders ChatFerry does not know. */
  placeholders: z.array(z.object({ text: z.string(), count, line: count })),
  /** When the chat was active and who wrote, for the chart; and what may be missing from the export. */
  activity: Activity,
  findings: z.array(Finding),
});
export type CheckedConversation = z.infer<typeof CheckedConversation>;

/** How "messages in = messages out" was established. */
export const CheckedBy = z.enum([
  "readBack", // ChatFerry read the written files again with its own readers
  "verify", // the archive was decrypted again and every file compared with its manifest
  "writer", // counted while writing (formats ChatFerry does not read)
]);

export const Report = z.object({
  conversations: count,
  read: count,
  written: count,
  checkedBy: CheckedBy,
  mediaCopied: count,
  mediaMissing: count,
  /** A few names of media the export mentions but does not contain. */
  missingExamples: z.array(z.string()),
  warnings: count,
});
export type Report = z.infer<typeof Report>;

export const BotCheck = z.object({
  bot: z.string(),
  chat: z.object({ type: z.string(), title: z.string().nullable() }),
  /** Whether the bot may post there; null when Telegram did not say. */
  canPost: z.boolean().nullable(),
});
export type BotCheck = z.infer<typeof BotCheck>;

const ReplayMedia = z.object({ photo: count, video: count, voice: count, audio: count, document: count });

export const JobResult = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("check"),
    input: z.object({ name: z.string(), container: z.enum(["file", "zip", "folder"]) }),
    /** The order the user chose for this check; null: decided from the file. */
    dateOrder: DateOrder.nullable(),
    conversations: z.array(CheckedConversation),
  }),
  z.object({
    kind: z.literal("package"),
    files: z.array(z.string()),
    report: Report,
    /** Per package, what Telegram will take it for (from the names it writes): which chat to import it into. */
    seenAs: z.array(z.enum(["direct", "group", "unknown"])),
  }),
  z.object({ kind: z.literal("export"), files: z.array(z.string()), report: Report }),
  /** `files`: one folder per conversation; `guides`: the guide in each, with the commands filled in. */
  z.object({ kind: z.literal("signal"), files: z.array(z.string()), guides: z.array(z.string()), report: Report }),
  z.object({
    kind: z.literal("archive"),
    files: z.array(z.string()),
    report: Report,
    /** For an update: how many of the old archive's conversations the export added to, of how many. */
    updated: z.object({ merged: count, before: count }).optional(),
  }),
  // Nothing is written: the viewer reads the archive itself (handlers.ts).
  z.object({ kind: z.literal("open"), conversations: count, messages: count }),
  z.object({
    kind: z.literal("replayPlan"),
    title: z.string().nullable(),
    messages: count,
    /** Sends (API calls); `telegramMessages` counts an album of n as n. */
    items: count,
    telegramMessages: count,
    texts: count,
    albums: count,
    media: ReplayMedia,
    bytes: count,
    /** Sends an earlier run already made: the journal continues from there. */
    done: count,
    /**
     * Messages an earlier replay of another export of this chat (an older one) already delivered
     * to this Telegram chat: left out of this one, which sends only what is new.
     */
    skipped: count,
    /** Time for what is left, by the pace of a private chat and of a group or channel. */
    durationMs: z.object({ private: count, group: count }),
    guessedKind: z.enum(["private", "group"]),
  }),
  z.object({
    kind: z.literal("replay"),
    files: z.array(z.string()),
    replay: z.object({
      title: z.string().nullable(),
      chatTitle: z.string().nullable(),
      messages: count,
      telegramMessages: count,
      items: count,
      sent: count,
      failed: z.array(z.object({ label: z.string(), reason: z.string() })),
      uncertain: z.array(z.object({ label: z.string(), sends: count })),
      complete: z.boolean(),
    }),
  }),
  /** `file`: the chat file the sample is of, as the input names it (inside a zip or folder: its path there). */
  z.object({ kind: z.literal("redactPreview"), file: z.string(), lines: z.array(z.string()) }),
  /** `files`: the sample written; `lines` and `replaced` (letters and digits) as the CLI reports them. */
  z.object({ kind: z.literal("redact"), files: z.array(z.string()), file: z.string(), lines: count, replaced: count }),
]);
export type JobResult = z.infer<typeof JobResult>;
export type CheckResult = Extract<JobResult, { kind: "check" }>;

export const channels = {
  appInfo: {
    input: Empty,
    output: z.object({
      lang: z.enum(["ko", "en"]),
      timezone: z.string(),
      version: z.string(),
      shell: z.enum(["electron", "browser"]),
      /** Whether a bot token can be remembered (Electron's safeStorage), and whether one is. */
      canRemember: z.boolean(),
      botRemembered: z.boolean(),
    }),
  },
  chooseInput: { input: z.object({ kind: z.enum(["file", "folder"]) }).strict(), output: InputRef.nullable() },
  /** Only the preload calls this, with the path Electron gives for a dropped file (never a typed one). */
  dropInput: { input: z.object({ path: z.string().min(1).max(4096) }).strict(), output: InputRef },
  previewPage: {
    input: z
      .object({ input: Token, conversation: z.string().regex(/^[0-9a-f]{12}$/), from: count, count: z.number().int().min(1).max(PREVIEW_PAGE) })
      .strict(),
    output: z.object({ messages: z.array(PreviewMessage) }),
  },
  chooseOutput: {
    input: z.object({ purpose: z.enum(["folder", "archive", "export", "sample"]), suggestedName: z.string().max(200).optional() }).strict(),
    output: OutputRef.nullable(),
  },
  generatePassphrase: { input: Empty, output: z.object({ passphrase: z.string() }) },
  startJob: { input: JobSpec, output: z.object({ jobId: Token }) },
  waitJob: { input: z.object({ jobId: Token }).strict(), output: JobResult },
  cancelJob: { input: z.object({ jobId: Token }).strict(), output: z.object({ cancelled: z.boolean() }) },
  showInFolder: { input: z.object({ jobId: Token }).strict(), output: Empty },
  chooseArchive: { input: Empty, output: ArchiveRef.nullable() },
  /** The token goes to main once; later calls use it there. `remember` keeps it with safeStorage. */
  setBotToken: { input: z.object({ token: z.string().min(1).max(200), remember: z.boolean() }).strict(), output: z.object({ remembered: z.boolean() }) },
  forgetBotToken: { input: Empty, output: Empty },
  testBot: { input: z.object({ chat: TelegramChat }).strict(), output: BotCheck },
  openHelp: { input: z.object({ topic: z.enum(Object.keys(HELP_PAGES) as [HelpTopic]) }).strict(), output: Empty },
} as const satisfies Record<Channel, { input: z.ZodType; output: z.ZodType }>;

export type Input<C extends Channel> = z.input<(typeof channels)[C]["input"]>;
/** What a handler receives: the input after validation. */
export type Parsed<C extends Channel> = z.output<(typeof channels)[C]["input"]>;
export type Output<C extends Channel> = z.output<(typeof channels)[C]["output"]>;

/** Errors travel as data: Electron keeps only an Error's message across invoke. */
export interface AppError {
  /**
   * A ChatFerryError code (src/errors.ts), or one of the app's own: E_INPUT (failed validation),
   * E_CHANNEL (no such channel), E_GONE (an unknown token or job), E_RECIPIENT,
   * E_NEEDS_PASSPHRASE, E_NEEDS_IDENTITY, E_NEEDS_TOKEN, E_UPDATE_RECIPIENTS.
   */
  code: string;
  params: Record<string, string | number>;
}
export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

export const PROGRESS_PHASES = ["read", "write", "verify", "unpack", "send"] as const;
export interface JobProgress {
  type: "progress";
  jobId: string;
  phase: (typeof PROGRESS_PHASES)[number];
  /** Bytes of chat text read so far, of `total`. */
  done: number;
  total: number;
  /** Messages read so far. */
  messages: number;
  /** Sending: what the rest takes at the chat's pace (the job knows it better than a rate would). */
  etaMs?: number;
}
export type AppEvent = JobProgress;

/** What the renderer sees as `window.chatferry`: one named method per channel, and events. */
export type Api = {
  [C in Exclude<Channel, "dropInput">]: (input: Input<C>) => Promise<Result<Output<C>>>;
} & {
  /** A file dropped on the window; the bridge finds its path (Electron) or uploads it (browser fallback). */
  dropInput(file: File): Promise<Result<Output<"dropInput">>>;
  /** Returns the function that unsubscribes. */
  onEvent(listener: (event: AppEvent) => void): () => void;
};
