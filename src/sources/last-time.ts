import type { ParseContext } from "./types.js";

/**
 * A message's time, or, where it has none that reads, the time of the message before it, with
 * a `time-missing` warning: the JSON sources (Meta, Discord) put a message without one in its
 * place rather than at 1970.
 */
export class LastTime {
  /** `last`: what a message without a time takes before any message had one. */
  constructor(
    private readonly ctx: ParseContext,
    private last = 0,
  ) {}

  /** `own`: the message's time, null where it has none; `text`: what stood there, for the warning. */
  of(own: number | null, file: string, line: number, text: unknown): number {
    if (own === null) this.ctx.warn({ code: "time-missing", file, line, text: String(text ?? "") });
    else this.last = own;
    return this.last;
  }
}
