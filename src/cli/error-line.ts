import { ChatFerryError } from "../errors.js";
import { errorSentence, type Translate } from "../i18n/index.js";
import { strictParams } from "./guesses.js";

/** Anything thrown, as a ChatFerryError: what ChatFerry did not foresee is E_INTERNAL, with the first line of its message. */
export function knownError(err: unknown): ChatFerryError {
  if (err instanceof ChatFerryError) return err;
  return new ChatFerryError("E_INTERNAL", { reason: err instanceof Error ? err.message.split("\n")[0]! : String(err) }, { cause: err });
}

/** The one line the CLI says of an error, in the user's language (without the "chatferry: " before it). */
export function errorLine({ code, params }: ChatFerryError, t: Translate): string {
  return errorSentence(t, code, code.startsWith("E_STRICT_") ? strictParams(params, t) : params);
}
