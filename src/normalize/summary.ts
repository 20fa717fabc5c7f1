import { ChatFerryError, type ErrorCode } from "../errors.js";
import type { Attachment, AttachmentType, DateOrderDecision, Platform, Summary, Warning } from "../schema/index.js";
import { ActivityCounter } from "./activity.js";
import { exportCap, findings, Opening, silences } from "./findings.js";
import { Writer } from "./periods.js";

/** Keeps the first warnings whole and counts the rest, so a hostile file cannot fill memory. */
export class Warnings {
  static readonly KEEP = 1000;
  private readonly kept: Warning[] = [];
  private dropped = 0;

  add(warning: Warning): void {
    if (this.kept.length < Warnings.KEEP) this.kept.push(warning);
    else this.dropped++;
  }

  list(): Warning[] {
    return this.dropped > 0 ? [...this.kept, { code: "more-warnings", count: this.dropped }] : [...this.kept];
  }
}

/** What `--strict` refuses: the places where reading the export would otherwise take a guess. */
const GUESSES: Partial<Record<Warning["code"], ErrorCode>> = {
  "unread-line": "E_STRICT_UNREAD",
  "date-order-assumed": "E_STRICT_DATE_ORDER",
  "unknown-placeholder": "E_STRICT_PLACEHOLDER",
};

/** Warnings that stop the reading at the first guess, with what and where. */
export class StrictWarnings extends Warnings {
  override add(warning: Warning): void {
    const refused = GUESSES[warning.code];
    if (refused) {
      throw new ChatFerryError(refused, {
        file: warning.file ?? "",
        line: warning.line ?? 0,
        text: warning.text ?? "",
      });
    }
    super.add(warning);
  }
}

/** A summary as ChatFerry counts it while reading: one written by an older version may lack these. */
export type CountedSummary = Summary & Required<Pick<Summary, "activity" | "findings">>;

/** What the summary counts of a message: the raw message as the source gave it, or a schema message. */
export interface Counted {
  sender: string | null;
  kind: string;
  text: string;
  attachments?: readonly Attachment[] | null | undefined;
}

/**
 * Counts a conversation's summary message by message: in constant memory per participant, and
 * constant otherwise (activity.ts, findings.ts).
 */
export class SummaryCounter {
  private count = 0;
  private readonly participants = new Map<string, Writer>();
  private readonly media = new Map<AttachmentType, number>();
  private firstInstant = Infinity;
  private firstIso: string | null = null;
  private lastInstant = -Infinity;
  private lastIso: string | null = null;
  private readonly activity = new ActivityCounter();
  private readonly opening = new Opening();
  /** Whether any attachment names a file: a WhatsApp export with media does, one without does not. */
  private namesFiles = false;
  private missingFiles = 0;

  /**
   * `platform`: the messenger of the one export counted, whose limits it is checked against (null: several merged);
   * `oneSided`: its format holds the exporter's messages only (Source.oneSided).
   */
  constructor(
    readonly warnings: Warnings,
    private readonly platform: Platform | null = null,
    private readonly oneSided = false,
  ) {}

  get messages(): number {
    return this.count;
  }

  /**
   * One message: `instant` in epoch milliseconds, `iso` its time, `local` the wall-clock time
   * that ISO time shows, as milliseconds as if UTC (see ZoneClock.local).
   */
  add(message: Counted, instant: number, iso: string, local: number): void {
    this.count++;
    const { sender, attachments } = message;
    let writer: Writer | null = null;
    if (sender !== null) {
      writer = this.participants.get(sender) ?? null;
      if (writer === null) this.participants.set(sender, (writer = new Writer(sender)));
      writer.messages++;
    }
    this.activity.add(writer, local);
    if (this.opening.watching) this.opening.see(message.kind, message.text, instant, iso);
    if (attachments) {
      for (const a of attachments) {
        this.media.set(a.type, (this.media.get(a.type) ?? 0) + 1);
        if (a.name !== undefined) this.namesFiles = true;
      }
    }
    if (instant < this.firstInstant) {
      this.firstInstant = instant;
      this.firstIso = iso;
    }
    if (instant >= this.lastInstant) {
      this.lastInstant = instant;
      this.lastIso = iso;
    }
  }

  /** Files the messages name that the input lacks (each also a `missing-media` warning, which may not be kept). */
  missingMedia(files: number): void {
    this.missingFiles += files;
  }

  summary(dateOrder?: DateOrderDecision): CountedSummary {
    const participants = [...this.participants.values()].map(({ name, messages }) => ({ name, messages })).sort((a, b) => b.messages - a.messages);
    return {
      messages: this.count,
      warnings: this.warnings.list(),
      participants,
      first: this.firstIso,
      last: this.lastIso,
      media: Object.fromEntries(this.media),
      ...(dateOrder ? { dateOrder } : {}),
      activity: this.activity.activity(participants.map((p) => p.name)),
      findings: findings({
        oneSided: this.oneSided,
        cap: exportCap(this.platform, this.count, this.namesFiles),
        start: this.opening.found(),
        silences: silences(this.activity.days),
        missingFiles: this.missingFiles,
      }),
    };
  }
}
