import type { LineBatch } from "../input/lines.js";
import type { Attachment, Platform, Warning } from "../schema/index.js";

/** What detection sees: the file name and the first lines of the decoded text (BOM and CR removed). */
export interface TextHead {
  name: string;
  lines: string[];
}

export interface Detection {
  variant: string;
  /** 0..1 */
  confidence: number;
  title: string | null;
  /** Wall time of the "saved on" line, when the head has one. */
  exportedAt: number | null;
}

/** The decoded input; a source consumes it once, as lines or as raw text. */
export interface TextInput {
  lines(): AsyncIterable<LineBatch>;
  chunks(): AsyncIterable<string>;
}

export interface ParseContext {
  file: string;
  warn(warning: Warning): void;
}

interface RawBase {
  /** Wall-clock time as if UTC (see normalize/time.ts). */
  wall: number;
  timeInferred: boolean;
  text: string;
  attachments: Attachment[] | null;
  line: number;
}

/** A message as a source reads it: local wall time, no ids, no zone. */
export type RawMessage = RawBase &
  (
    | { kind: "text" | "media"; sender: string }
    | { kind: "system"; sender: null }
    | { kind: "deleted"; sender: string | null }
  );

export interface Source {
  /** "kakaotalk.mobile", ... */
  id: string;
  platform: Platform;
  /** How the format is named in the list of supported formats. */
  label: string;
  detect(head: TextHead): Detection | null;
  /** Yields messages in file order, in batches. */
  parse(input: TextInput, ctx: ParseContext): AsyncIterable<RawMessage[]>;
}
