import { ChatFerryError } from "../errors.js";
import { drain } from "../pipeline.js";
import type { CliContext } from "./context.js";
import { readWithProgress, type ReadFlags, type Undecided } from "./read.js";

/**
 * The flags with `--me` filled in, for a target that must know the user's own messages before
 * it writes the first one (`--me-as`). Where the user did not say, one reading ahead learns
 * what the export says (KakaoTalk's "회원님", a Telegram account export's owner): every chat of
 * the input must name the same person, or the user is asked (--me), as a guess could put
 * someone else's words on the user's side of a chat everyone will see.
 */
export async function withKnownSelf<F extends ReadFlags>(inputs: readonly string[], flags: F, ctx: CliContext, undecided: Undecided): Promise<F> {
  if (flags.me !== undefined) return flags;
  const { conversations, done } = await readWithProgress(inputs, flags, ctx, undecided);
  const selves = new Set<string | undefined>();
  let title = "";
  try {
    for await (const conversation of conversations) {
      const { self } = await drain(conversation, () => undefined);
      if (self === undefined) title = conversation.header.title ?? inputs[0] ?? "";
      selves.add(self);
    }
  } finally {
    done();
  }
  const [self] = selves;
  if (selves.size !== 1 || self === undefined) throw new ChatFerryError("E_ME_AS_UNKNOWN", { title: title || (inputs[0] ?? "") });
  return { ...flags, me: self };
}
