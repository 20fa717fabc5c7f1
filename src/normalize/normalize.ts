import type { ConversationHeader, DateOrderDecision, Message } from "../schema/index.js";
import type { RawMessage } from "../sources/types.js";
import type { MediaIndex } from "./media.js";
import { PlaceholderWatch } from "./placeholders.js";
import { SummaryCounter, type CountedSummary, type Warnings } from "./summary.js";
import type { ZoneClock } from "./time.js";
import { Witness } from "./who.js";

/**
 * Raw messages to schema messages: the zone applied, ids and order assigned,
 * and the summary counted on the way (the stream is never held whole).
 */
export class Normalizer {
  private seq = 0;
  private readonly counter: SummaryCounter;
  private readonly source: { file: string };
  private readonly placeholders = new PlaceholderWatch();
  /** What the messages' own words show about who the chat is between and who exported it. */
  readonly witness = new Witness();

  constructor(
    private readonly header: ConversationHeader,
    private readonly clock: ZoneClock,
    /** How the source's times are meant (see RawMessage.time). */
    private readonly sourceClock: "wall" | "utc",
    private readonly media: MediaIndex,
    private readonly mediaBy: "name" | "path",
    private readonly warnings: Warnings,
    oneSided = false,
  ) {
    this.source = { file: header.source.files[0] ?? "" };
    this.counter = new SummaryCounter(warnings, header.source.platform, oneSided);
  }

  get count(): number {
    return this.seq;
  }

  messages(raw: readonly RawMessage[]): Message[] {
    const out: Message[] = new Array(raw.length);
    for (let i = 0; i < raw.length; i++) out[i] = this.message(raw[i]!);
    return out;
  }

  private message(r: RawMessage): Message {
    const seq = this.seq++;
    const wall = this.sourceClock === "wall";
    const local = wall ? this.clock.local(r.time) : this.clock.localOfInstant(r.time);
    const time = wall ? this.clock.iso(r.time) : this.clock.isoOfInstant(r.time, local);
    this.counter.add(r, wall ? this.clock.instant(r.time) : r.time, time, local);
    if (r.kind === "text") this.placeholders.add(r.text, r.sender, r.line);
    this.witness.see(r);
    const file = r.file ?? this.source.file;
    if (r.attachments) {
      const missing = this.media.link(r.attachments, file, this.mediaBy);
      for (const name of missing) this.warnings.add({ code: "missing-media", file, line: r.line, text: name });
      if (missing.length > 0) this.counter.missingMedia(missing.length);
    }
    // One literal shape for every message (fast in V8); the key order is the NDJSON field
    // order, and JSON.stringify leaves out the keys whose value is undefined.
    return {
      id: this.idOf(r.ref ?? seq),
      seq,
      time,
      timeInferred: r.timeInferred ? true : undefined,
      sender: r.sender,
      kind: r.kind,
      text: r.text,
      attachments: r.attachments ?? undefined,
      replyTo: r.replyTo === undefined ? undefined : this.idOf(r.replyTo),
      edited: r.edited === undefined ? undefined : wall ? this.clock.iso(r.edited) : this.clock.isoOfInstant(r.edited),
      reactions: r.reactions,
      reactionCounts: r.reactionCounts,
      forwardedFrom: r.forwardedFrom,
      call: r.call,
      source: { file, line: r.line },
    } as Message;
  }

  /** Sources with their own ids keep them (so replies resolve without a lookup table); others number in order. */
  private idOf(ref: string | number): string {
    return typeof ref === "number" ? `${this.header.id}-${ref}` : `${this.header.id}-n${ref}`;
  }

  /** The summary; `dateOrder` where the source had to decide how its dates read. */
  summary(dateOrder?: DateOrderDecision): CountedSummary {
    for (const w of this.placeholders.findings(this.source.file)) this.warnings.add(w);
    return this.counter.summary(dateOrder);
  }
}
