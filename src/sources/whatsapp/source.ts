import { MessageAccumulator, oneConversation, parseLines, rawMessage } from "../accumulator.js";
import type { ParseContext, RawConversation, RawMessage, Source, TextInput } from "../types.js";
import { StampClock } from "./clock.js";
import { detectWhatsApp } from "./detect.js";
import { readCall } from "./calls.js";
import { attachedAtEnd, isLocationText, MADE_NAMES, readMedia, stripMarks } from "./media.js";
import { Authors, noticeLead, noticeText, senderName } from "./names.js";
import { CHANGED, deletedBy, editMarkerAt, hasQuote, isEncryptionNotice, isGroupEvent, isSystemNotice } from "./notices.js";
import { ORDER_NAMES, scanOrder, type DateOrder } from "./order.js";
import { readPoll } from "./polls.js";
import { lineParts, WHATSAPP_WORDS } from "./redaction.js";
import { BOM, LRM, readStamp, RLM, Stamp } from "./stamp.js";

/** WhatsApp's text export, Android (`WhatsApp Chat with X.txt`) and iOS (`_chat.txt`), any locale. */
export const whatsapp: Source = {
  id: "whatsapp",
  platform: "whatsapp",
  clock: "wall",
  label: "WhatsApp Android/iOS (.txt)",
  redaction: { layout: "lines", words: WHATSAPP_WORDS, madeNames: MADE_NAMES, lines: lineParts },
  detect: detectWhatsApp,
  parse,
};

function parse(input: TextInput, ctx: ParseContext): AsyncIterable<RawConversation> {
  return oneConversation(messages(input, ctx));
}

/** Two passes: the dates of the whole file decide their order, then the lines are read with it. */
async function* messages(input: TextInput, ctx: ParseContext): AsyncGenerator<RawMessage[]> {
  const decision = ctx.dateOrder ? { order: ctx.dateOrder, by: "option" as const } : await scanOrder(input.lines());
  ctx.decided(decision);
  const { order } = decision;
  if (decision.by === "locale") ctx.warn({ code: "date-order-assumed", file: ctx.file, text: ORDER_NAMES[order] });
  const acc = new MessageAccumulator(ctx);
  for await (const batch of parseLines(input.lines(), acc, lineReader(order, acc))) {
    for (let i = 0; i < batch.length; i++) complete(batch[i]!);
    yield batch;
  }
}

function lineReader(order: DateOrder, acc: MessageAccumulator): (text: string, line: number) => void {
  const stamp = new Stamp();
  const clock = new StampClock(order);
  /** Whether the file's messages start with a weak stamp (see Stamp.weak); decided by its first one. */
  let weakFile: boolean | null = null;
  /** iOS: who "wrote" the encryption notice, the group (or, one to one, the other party); null until seen. */
  let chatName: string | null = null;
  /** Whether a message was read yet: the first one is where the encryption notice stands. */
  let started = false;
  const authors = new Authors();

  const system = (time: number, text: string, line: number): void => {
    const notice = rawMessage("system", null, time, noticeText(text), null, line);
    if (isGroupEvent(notice.text)) notice.shows = "group";
    acc.start(notice);
  };

  const onStamped = (text: string, time: number, line: number): void => {
    const from = stamp.end;
    const first = !started;
    started = true;
    const sep = authors.end(text, from, stamp.ios);
    if (sep < 0) {
      if (text.charCodeAt(text.length - 1) === 58 /* : */ && text.length - 1 > from) {
        acc.start(rawMessage("text", senderName(text, from, text.length - 1), time, "", null, line));
      } else {
        // A timestamp without "author: " is an event (Android's only form of them, iOS's for some).
        system(time, stripMarks(text.slice(from)), line);
      }
      return;
    }
    const sender = senderName(text, from, sep);
    // A notice whose own words hold ": " (see CHANGED).
    if (!stamp.ios && sender.includes(CHANGED)) return system(time, stripMarks(text.slice(from)), line);
    if (hasQuote(sender)) {
      const whole = stripMarks(text.slice(from));
      if (isSystemNotice(whole, true)) return system(time, whole, line);
    }
    const marked = text.charCodeAt(sep + 2);
    const lrm = marked === LRM;
    const body = lrm || marked === RLM ? stripMarks(text.slice(sep + 2)) : text.slice(sep + 2);
    if (body === "") {
      acc.start(rawMessage("text", sender, time, body, null, line));
      return;
    }
    const deleter = deletedBy(body);
    if (deleter !== null) {
      const tombstone = rawMessage("deleted", sender, time, noticeText(body), null, line);
      // "You deleted this message" stands under the exporter's own name.
      if (deleter === "exporter") tombstone.shows = "exporter";
      acc.start(tombstone);
      return;
    }
    const media = readMedia(body);
    if (media) {
      acc.start(rawMessage("media", sender, time, media.text, media.attachments, line), media.text !== "");
      return;
    }
    const called = readCall(body, lrm, sender);
    if (called) {
      const m = rawMessage("system", null, time, called.text, null, line);
      m.call = called.call;
      acc.start(m);
      return;
    }
    if (chatName === null && isEncryptionNotice(body, first && lrm)) chatName = sender;
    if (stamp.ios) {
      if (isIosNotice(body, sender, lrm, sender === chatName)) return system(time, body, line);
    } else if (isSystemNotice(body, false)) {
      // Some Android builds, too, write the encryption and security notices under the chat's name.
      return system(time, body, line);
    }
    acc.start(rawMessage("text", sender, time, body, null, line));
  };

  return (text: string, line: number): void => {
    if (text === "") return acc.blank();
    const c = text.charCodeAt(0);
    if ((c >= 48 && c <= 57) || c === 91 /* [ */ || c === LRM || c === RLM || c === BOM) {
      // A weak stamp in a file whose messages have strong ones (or the reverse) is a line of text.
      if (readStamp(text, stamp) && stamp.weak === (weakFile ??= stamp.weak)) {
        const time = clock.wall(stamp);
        if (time !== null) return onStamped(text, time, line);
        acc.invalidDate(text, line);
      }
      if (c >= 0x200e) {
        const rest = stripMarks(c === BOM ? text.slice(1) : text);
        return rest === "" ? acc.blank() : acc.continuation(rest, line);
      }
    }
    acc.continuation(text, line);
  };
}

/**
 * iOS tells events as messages of the group (or the other party) or of the actor,
 * U+200E before the words. Marked words under the chat's own name, or opening with
 * the author's own name ("Alice: ‎Alice added Bob"), are a notice whatever their
 * language, unless they are content people send (a shared place, a poll); unmarked
 * or otherwise, only the known wordings are.
 */
function isIosNotice(body: string, sender: string, lrm: boolean, byChat: boolean): boolean {
  // The name may open the words with its contact marker or direction controls, the sender without them.
  const lead = noticeLead(body);
  const named = lead.startsWith(sender) && lead.charCodeAt(sender.length) === 32;
  if (lrm && (byChat || named) && !isSentContent(body)) return true;
  return isSystemNotice(lead, lrm || named);
}

/** `‎POLL:` and `‎EVENT:` (a word in capitals), or a shared place: marked like notices, but sent by people. */
const SENT_HEADER = /^\p{Lu}{2,12}:/u;

function isSentContent(body: string): boolean {
  return SENT_HEADER.test(body) || isLocationText(body);
}

/**
 * What only the whole message shows: the edit marker and a captioned attachment on its
 * last line, a shared place on its last line, a poll's options on the lines after its head.
 */
function complete(m: RawMessage): void {
  let text = m.text;
  let last = text.charCodeAt(text.length - 1);
  if (last === 62 /* > */) {
    const at = editMarkerAt(text);
    if (at >= 0) {
      m.text = text = text.slice(0, at);
      m.edited = m.time;
      last = text.charCodeAt(text.length - 1);
    }
    if (last === 62 && m.kind === "text") {
      const media = attachedAtEnd(text);
      if (media) {
        m.kind = "media";
        m.text = media.text;
        m.attachments = media.attachments;
      }
    }
  } else if (last >= 48 && last <= 57 && m.kind === "text" && isLocationText(text)) {
    m.kind = "media";
    m.attachments = [{ type: "location" }];
  } else if (last === 41 /* ) */ && m.kind === "text") {
    const poll = readPoll(text);
    if (poll !== null) {
      m.kind = "media";
      m.text = poll;
      m.attachments = [{ type: "poll" }];
    }
  }
}
