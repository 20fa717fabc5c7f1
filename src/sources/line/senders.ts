import type { LineBatch } from "../../input/lines.js";
import { isPlaceholderOnly, isSpacedEvent } from "./bodies.js";
import { readCall } from "./calls.js";
import { readDayHeading } from "./days.js";
import { readTitle } from "./header.js";
import { readMessageLine } from "./message.js";

/**
 * LINE display names hold at most 20 characters [M]; twice that in UTF-16
 * units leaves room for emoji. A longer prefix is never taken for a name.
 */
const MAX_NAME = 40;
/** A file with more names than any chat has is no space-separated export; memory stays bounded. */
const MAX_NAMES = 10_000;

/**
 * Where the sender ends in a space-separated line ("16:23 Bob Smith Today I
 * found…"). Names may hold spaces and nothing marks their end; a line that
 * starts with a time may also be the next line of a message ("7:00 sharp").
 * So the whole file is read first for the names its lines show:
 *   - a line of two words: its body is not empty, so the first word is the whole name;
 *   - a line that ends in a placeholder ("Bob Smith Photos", "佐藤 美咲 [スタンプ]")
 *     or is a call record ("Bob Smith ☎ Missed call"): everything before it.
 * Such a name counts only when its first word starts at least two lines (one
 * line alone may be a message's next line); the title of a one-to-one chat
 * ("Chat history with Bob Smith") counts by itself.
 * A line is split after the longest name it starts with: when both "Bob" and
 * "Bob Smith" are shown, "Bob Smith hi" is taken as Bob Smith's, as Bob would
 * have had to start with the other's surname. A line that starts with no such
 * name is not split at a guess (a wrong split makes up a participant): the
 * reader keeps it whole as text of the message before it and reports it.
 */
export class SenderNames {
  /** Lines each first word starts. */
  private readonly firstWords = new Map<string, number>();
  /** Names some line shows, not yet corroborated. */
  private readonly shown = new Set<string>();
  private readonly names = new Set<string>();

  /** Learns from the part of a space-separated line after its time. */
  learn(rest: string): void {
    const first = rest.indexOf(" ");
    if (first <= 0 || first > MAX_NAME || isSpacedEvent(rest)) return;
    const word = rest.slice(0, first);
    const seen = this.firstWords.get(word);
    if (seen !== undefined) this.firstWords.set(word, seen + 1);
    else if (this.firstWords.size < MAX_NAMES) this.firstWords.set(word, 1);
    if (rest.indexOf(" ", first + 1) < 0) return this.show(word);
    const phone = rest.lastIndexOf(" ☎", MAX_NAME);
    if (phone > 0 && readCall(rest.slice(phone + 1), null)) return this.show(rest.slice(0, phone));
    const end = rest.charCodeAt(rest.length - 1) === 93 /* ] */ ? rest.lastIndexOf(" [") : rest.lastIndexOf(" ");
    if (end > 0 && end <= MAX_NAME && isPlaceholderOnly(rest.slice(end + 1))) this.show(rest.slice(0, end));
  }

  private show(name: string): void {
    if (name.length <= MAX_NAME && this.shown.size < MAX_NAMES) this.shown.add(name);
  }

  /** A name that needs no corroboration. */
  add(name: string): void {
    if (name.length <= MAX_NAME) this.names.add(name);
  }

  /** The file is read: the names shown are kept where their first word starts more than one line. */
  settle(): this {
    for (const name of this.shown) {
      const space = name.indexOf(" ");
      if ((this.firstWords.get(space < 0 ? name : name.slice(0, space)) ?? 0) >= 2) this.names.add(name);
    }
    this.shown.clear();
    this.firstWords.clear();
    return this;
  }

  /** The length of the sender at the start of `rest` (which holds a space), or -1 when no known name starts it. */
  split(rest: string): number {
    let found = -1;
    for (let at = rest.indexOf(" "); at > 0 && at <= MAX_NAME; at = rest.indexOf(" ", at + 1)) {
      if (this.names.has(rest.slice(0, at))) found = at;
    }
    return found;
  }
}

/**
 * The first of two passes over a file: the names its space-separated lines
 * prove. The lines are classified as the reader does; the first TAB message
 * line ends the pass, as a file with one reads no space-separated lines.
 */
export async function gatherNames(batches: AsyncIterable<LineBatch>): Promise<SenderNames> {
  const names = new SenderNames();
  let spaced = false;
  for await (const { first, lines } of batches) {
    for (let i = 0; i < lines.length; i++) {
      const text = lines[i]!;
      if (first + i === 1) {
        const title = readTitle(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
        if (title) {
          // A one-to-one chat's title is the other person's name.
          if (title.kind === "direct" || title.kind === "pair") names.add(title.title);
          continue;
        }
      }
      const c = text.charCodeAt(0);
      // Headings and space-separated lines start with a digit; TAB lines may start with an AM/PM word.
      if (c < 48 || c > 57) {
        if (c > 0x7f && readMessageLine(text, false)) return names.settle();
        continue;
      }
      const message = readMessageLine(text, spaced);
      if (message) {
        if (!message.spaced) return names.settle();
        if (message.minutes !== null) names.learn(message.body);
      } else {
        const heading = readDayHeading(text);
        if (heading?.dotted && heading.wall !== null) spaced = true;
      }
    }
  }
  return names.settle();
}
