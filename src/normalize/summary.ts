import { ChatFerryError, type ErrorCode } from "../errors.js";
import type { Attachment, AttachmentType, DateOrderDecision, Summary, Warning } from "../schema/index.js";

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

/** Counts a conversation's summary message by message, in constant memory per participant. */
export class SummaryCounter {
  private count = 0;
  private readonly participants = new Map<string, number>();
  private readonly media = new Map<AttachmentType, number>();
  private firstInstant = Infinity;
  private firstIso: string | null = null;
  private lastInstant = -Infinity;
  private lastIso: string | null = null;

  constructor(readonly warnings: Warnings) {}

  get messages(): number {
    return this.count;
  }

  add(sender: string | null, attachments: readonly Attachment[] | null | undefined, instant: number, iso: string): void {
    this.count++;
    if (sender !== null) this.participants.set(sender, (this.participants.get(sender) ?? 0) + 1);
    if (attachments) for (const a of attachments) this.media.set(a.type, (this.media.get(a.type) ?? 0) + 1);
    if (instant < this.firstInstant) {
      this.firstInstant = instant;
      this.firstIso = iso;
    }
    if (instant >= this.lastInstant) {
      this.lastInstant = instant;
      this.lastIso = iso;
    }
  }

  summary(dateOrder?: DateOrderDecision): Summary {
    return {
      messages: this.count,
      warnings: this.warnings.list(),
      participants: [...this.participants].map(([name, messages]) => ({ name, messages })).sort((a, b) => b.messages - a.messages),
      first: this.firstIso,
      last: this.lastIso,
      media: Object.fromEntries(this.media),
      ...(dateOrder ? { dateOrder } : {}),
    };
  }
}
