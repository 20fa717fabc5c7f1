import type { ErrorCode } from "../errors.js";
import type { LineBatch } from "../input/lines.js";
import type { Attachment, Call, ChatKind, DateOrder, DateOrderDecision, Platform, Warning } from "../schema/index.js";

/**
 * What an export's head says about who the chat is between: a kind, or "pair" for a title
 * one-to-one chats have but groups may share (KakaoTalk's "X 님과 카카오톡 대화", WhatsApp's
 * "WhatsApp Chat with X"), which makes the chat direct only if exactly two people write in
 * it, X one of them (normalize/who.ts).
 */
export type KindEvidence = ChatKind | "pair";

/** What detection sees: the file name and the first lines of the decoded text (BOM and CR removed). */
export interface TextHead {
  name: string;
  lines: string[];
  /**
   * The file's path inside the input, where the input is a zip or folder (a lone file's is its
   * name): some exports say in their folders what the file alone does not (Meta's
   * `your_instagram_activity/`).
   */
  path?: string;
}

export interface Detection {
  variant: string;
  /** 0..1 */
  confidence: number;
  title: string | null;
  /** Wall time of the "saved on" line, when the head has one. */
  exportedAt: number | null;
  /** Who the chat is between, where the title says. */
  kind?: KindEvidence;
  /**
   * Which conversation a part of one the export splits over several files belongs to (Source.threads),
   * where the head shows it (Meta: its people): parts lying in one folder join only when they agree.
   */
  thread?: string;
}

/**
 * The decoded input, as lines or as raw text. Each call reads the file anew,
 * so a source that must see the whole file before deciding (WhatsApp's
 * day/month order) can make two passes in bounded memory.
 */
export interface TextInput {
  lines(): AsyncIterable<LineBatch>;
  chunks(): AsyncIterable<string>;
}

export interface ParseContext {
  file: string;
  warn(warning: Warning): void;
  /** The date order the user chose (`--date-order`, the app's question), for exports whose dates read more than one way. */
  dateOrder?: DateOrder;
  /** The most characters one message may take (InputLimits.messageChars): past it, see messageTooLong. */
  maxMessageChars: number;
  /** Such a source says which order it read the dates in, and what decided it. */
  decided(decision: DateOrderDecision): void;
  /**
   * The text of one of the source's `companions`, by the path it gives there; null when the
   * input lacks it or it is too large to be one (past COMPANION_BYTES).
   */
  companion(path: string): Promise<string | null>;
}

/** The most a companion file may hold: it names a chat, it does not hold one. */
export const COMPANION_BYTES = 1024 * 1024;

interface RawBase {
  /**
   * Milliseconds: wall-clock time as if UTC (see normalize/time.ts) when the
   * source's clock is "wall", epoch milliseconds when it is "utc".
   */
  time: number;
  timeInferred: boolean;
  text: string;
  attachments: Attachment[] | null;
  line: number;
  /** The file the message is in, where a conversation is read from several (Source.threads); else ParseContext.file. */
  file?: string;
  /** The source's own id for the message, where it has one (Telegram); makes ids and replies stable. */
  ref?: string;
  /** The `ref` of the message this one answers. */
  replyTo?: string;
  /** When it was last edited, in the same clock as `time`. */
  edited?: number;
  reactions?: { emoji: string; by: string }[];
  /** Reactions the export counts without naming who gave them. */
  reactionCounts?: { emoji: string; count: number }[];
  /** Who wrote a forwarded message first. */
  forwardedFrom?: string;
  /** A call event (kind "system"). */
  call?: Call;
}

/**
 * A message someone wrote, or the tombstone of one under its author's name. `shows`
 * "exporter": the export's own words say this sender is the one who exported the chat
 * (WhatsApp's "You deleted this message" under their name; Telegram's messages from the
 * exporting account); normalize/who.ts takes them as `self` when they all name one sender.
 */
export type SentMessage = RawBase & { kind: "text" | "media" | "deleted"; sender: string; shows?: "exporter" };

/**
 * An event, or a deletion notice that names no one. `shows` "group": an event only group
 * chats have ("Alice added Bob", "You left"), which makes the chat a group (normalize/who.ts).
 */
export type UnsentMessage = RawBase & ({ kind: "system"; sender: null; shows?: "group" } | { kind: "deleted"; sender: null; shows?: never });

/** A message as a source reads it: local wall time, no ids, no zone. */
export type RawMessage = SentMessage | UnsentMessage;

/** One conversation as a source reads it; a file may hold several (a Telegram full export). */
export interface RawConversation {
  /** The chat's name, when the source learns it while parsing (otherwise detection's title). */
  title?: string | null;
  /** Who the chat is between, when the source learns it before the messages (otherwise detection's). */
  kind?: ChatKind;
  messages: AsyncIterable<RawMessage[]>;
}

/**
 * A stretch of a line the format itself defines, for a redacted sample (src/redact/).
 * "format": the export's own text (a stamp, a heading, a body such as "사진 3장" that holds
 * nothing anyone wrote), kept as it is. "name": words that stand for someone, each replaced
 * by the same pseudonym wherever it stands, also where no message shows it is a name.
 * What no part covers is people's words: replaced, but for the export's own words in it.
 */
export interface LinePart {
  from: number;
  to: number;
  is: "format" | "name";
}

/**
 * How a redacted sample of the format is made: a copy that keeps everything the export
 * consists of and replaces what people wrote (src/redact/). `words` are the export's own
 * fixed words (placeholders, notices, header wordings), kept wherever they stand: taken
 * from the lists the source reads by, never written twice.
 */
export type Redaction =
  | {
      layout: "lines";
      words: readonly string[];
      /** File names the app makes up, whose dates a source reads (a sticky RegExp); null where it makes none. */
      madeNames: RegExp | null;
      /** A reader of one file, given its lines in order from 1: each line's parts, in order, not overlapping. */
      lines(): (text: string, n: number) => readonly LinePart[];
    }
  | {
      layout: "json";
      words: readonly string[];
      /** Keys whose string values are the format's own (types, dates, ids): kept as they are. */
      structural(key: string): boolean;
      /** Keys whose numbers someone gave (a shared place's coordinates): their digits are replaced. */
      personal(key: string): boolean;
    };

/** One file of a conversation the export splits over several (Source.threads). */
export interface ThreadFile {
  /** Its path inside the input: what warnings about it name. */
  file: string;
  input: TextInput;
}

/** Where a file stands in a conversation split over several files of one folder. */
export interface ThreadPart {
  /** Files of one folder with the same key are one conversation. */
  key: string;
  /** The file's number among them: parts are handed to `parse` in this order. */
  part: number;
}

/**
 * How a source reads conversations the export splits over several files of one folder
 * (Meta's message_1.json, message_2.json, …). The pipeline groups the files by `partOf`,
 * reads each group as one conversation, and brings a lone file's sibling parts with it.
 */
export interface Threads {
  /** The part a file is, by its path; null for a file that is a whole conversation. */
  partOf(path: string): ThreadPart | null;
  /** How many times `parse` reads each file: progress counts that many bytes per byte of the files. */
  passes: number;
  /** The conversations of one group of files, given in part order (a file alone is a group of one). */
  parse(files: readonly [ThreadFile, ...ThreadFile[]], ctx: ParseContext): AsyncIterable<RawConversation>;
}

export interface Source {
  /** "kakaotalk.mobile", ... */
  id: string;
  platform: Platform;
  /** How the format is named in the list of supported formats. */
  label: string;
  /** "wall": exports write local times without a zone; "utc": the source knows instants. */
  clock: "wall" | "utc";
  /**
   * How attachments find their files. "name" (the default): the export names
   * files it may carry, so a name the input lacks is reported. "path": the
   * export gives the path of every file it includes and says itself which it
   * left out, so only a given path that is missing is reported.
   */
  mediaBy?: "name" | "path";
  /** The format holds the exporter's messages only, none of the others' (Discord's data package): a finding says so. */
  oneSided?: true;
  /**
   * Folders beside the chat file where the export keeps its media. When the chat file
   * is given alone, its media are looked for in these, and only these: the folder around
   * a lone file may be anything, such as a Downloads folder. A function names them from the
   * chat file's name (DiscordChatExporter's `<file>_Files`).
   */
  mediaFolders?: readonly string[] | ((chatFile: string) => readonly string[]);
  /**
   * The names the export writes for the person who exported it, in place of theirs
   * (old KakaoTalk mobile exports: "회원님"): a sender so named is `self`.
   */
  selfNames?: readonly string[];
  /** How a redacted sample of this format keeps what the export consists of (src/redact/). */
  redaction: Redaction;
  detect(head: TextHead): Detection | null;
  /** Yields conversations in file order; a consumer reads each one's messages before asking for the next. */
  parse(input: TextInput, ctx: ParseContext): AsyncIterable<RawConversation>;
  /**
   * Small files beside the chat file that say what it does not (Discord's data package: the
   * channel's name and kind in `channel.json`, every channel's name in `../index.json`), by
   * path relative to the chat file's folder. Given a lone chat file, the pipeline brings them
   * from the disk too; `parse` reads them through ParseContext.companion.
   */
  companions?: readonly string[];
  /** Where the export may split one conversation over several files; the pipeline then reads through this. */
  threads?: Threads;
  /**
   * Files of a download of the same export in a form ChatFerry does not read (Meta's HTML), by
   * path, and the error that says how to get the readable one: an input holding such files and
   * no chat ChatFerry reads gets this error rather than "no chat export".
   */
  unreadable?: { test(path: string): boolean; code: ErrorCode };
}
