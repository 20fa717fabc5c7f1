import { ChatFerryError } from "../errors.js";
import type { ParseContext } from "./types.js";

/**
 * The refusal of a message past ParseContext.maxMessageChars, named by the line it
 * starts on: the whole file is refused, as a message cut short or dropped would be
 * lost without a word.
 */
export function messageTooLong(ctx: ParseContext, line: number): ChatFerryError {
  return new ChatFerryError("E_MESSAGE_TOO_LONG", { file: ctx.file, line, limit: ctx.maxMessageChars.toLocaleString("en-US") });
}
