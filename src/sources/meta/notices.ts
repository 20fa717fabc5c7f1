/**
 * Messenger and Instagram write some events as ordinary messages of the person who caused
 * them ("Alice named the group Trip.", `type` "Generic"). These are the English wordings that
 * other readers of real exports recognise (Facebook's HTML and JSON downloads; the poll and
 * joined-the-group wordings from an Instagram thread in chat-miner's tests). No Korean or other
 * wording was found in any public export or reader, so none is assumed: such a notice stays the
 * sender's message, word for word.
 *
 * Each wording follows its subject (the sender, or "You" when the sender is the one who
 * downloaded), and is matched by its start and end alone: linear in the text, whatever it holds.
 */
/** A wording after its subject: the whole of it, or its start and end around a name it holds. */
type Wording = { is: string; group: boolean } | { starts: string; ends: string; group: boolean };

const WORDINGS: readonly Wording[] = [
  { starts: " named the group ", ends: ".", group: true },
  { is: " removed the group name.", group: true },
  { is: " changed the group photo.", group: true },
  { starts: " added ", ends: " to the group.", group: true },
  { starts: " removed ", ends: " from the group.", group: true },
  { starts: " added ", ends: " as a group admin.", group: true },
  { starts: " removed ", ends: " as a group admin.", group: true },
  { is: " left the group.", group: true },
  { is: " joined the group.", group: true },
  { is: " created the group.", group: true },
  { starts: " set the nickname for ", ends: ".", group: false },
  { starts: " set your nickname to ", ends: ".", group: false },
  { starts: " cleared the nickname for ", ends: ".", group: false },
  { starts: " set the emoji to ", ends: ".", group: false },
  { is: " changed the chat theme.", group: false },
  { is: " started a video chat.", group: false },
  { is: " joined the video chat.", group: false },
  { is: " joined the call.", group: false },
  { is: "'s poll has multiple updates.", group: false },
];

/** What Instagram leaves of a poll that is gone; it names nobody. */
const POLL_GONE = "This poll is no longer available.";

/** The fixed words of the wordings: a redacted sample keeps them (src/redact/). */
export const NOTICE_WORDS: readonly string[] = [
  ...new Set(WORDINGS.flatMap((w) => ("is" in w ? [w.is] : [w.starts, w.ends]).map((words) => words.trim()).filter((words) => words.length > 1))),
  POLL_GONE,
];

/** Whether a message's text is a notice in words, and whether only groups have it; null when it is what someone wrote. */
export function noticeOf(text: string, sender: string): { group: boolean } | null {
  if (text === POLL_GONE) return { group: false };
  for (const subject of [sender, "You"]) {
    if (subject === "" || !text.startsWith(subject)) continue;
    const rest = text.slice(subject.length);
    for (const w of WORDINGS) {
      const matches = "is" in w ? rest === w.is : rest.length > w.starts.length + w.ends.length && rest.startsWith(w.starts) && rest.endsWith(w.ends);
      if (matches) return { group: w.group };
    }
  }
  return null;
}
