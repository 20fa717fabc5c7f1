import { MessageAccumulator, oneConversation, parseLines, rawMessage } from "../accumulator.js";
import type { ParseContext, RawConversation, RawMessage, Source, TextInput } from "../types.js";
import { StampClock } from "./clock.js";
import { detectWhatsApp } from "./detect.js";
import { isLocationText, readMedia, stripMarks } from "./media.js";
import { editMarkerAt, hasQuote, isDeletion, isSystemNotice } from "./notices.js";
import { ORDER_NAMES, scanOrder, type DateOrder } from "./order.js";
import { BOM, LRM, readStamp, RLM, Stamp } from "./stamp.js";

/** WhatsApp's text export, Android (`WhatsApp Chat with X.txt`) and iOS (`_chat.txt`), any locale. */
export const whatsapp: Source = {
  id: "whatsapp",
  platform: "whatsapp",
  clock: "wall",
  label: "WhatsApp Android/iOS (.txt)",
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
  for await (const batch of parseLines(input.lines(), acc, lineReader(order, acc, ctx))) {
    for (let i = 0; i < batch.length; i++) complete(batch[i]!);
    yield batch;
  }
}

function lineReader(order: DateOrder, acc: MessageAccumulator, ctx: ParseContext): (text: string, line: number) => void {
  const stamp = new Stamp();
  const clock = new StampClock(order);

  const onStamped = (text: string, time: number, line: number): void => {
    const from = stamp.end;
    const sep = text.indexOf(": ", from);
    if (sep < 0) {
      if (text.charCodeAt(text.length - 1) === 58 /* : */ && text.length - 1 > from) {
        acc.start(rawMessage("text", text.slice(from, -1), time, "", null, line));
      } else {
        // A timestamp without "author: " is an event (Android's only form of them, iOS's for some).
        acc.start(rawMessage("system", null, time, stripMarks(text.slice(from)), null, line));
      }
      return;
    }
    const sender = text.slice(from, sep);
    if (hasQuote(sender)) {
      const whole = stripMarks(text.slice(from));
      if (isSystemNotice(whole, true)) {
        acc.start(rawMessage("system", null, time, whole, null, line));
        return;
      }
    }
    const marked = text.charCodeAt(sep + 2);
    const body = marked === LRM || marked === RLM ? stripMarks(text.slice(sep + 2)) : text.slice(sep + 2);
    if (body === "") {
      acc.start(rawMessage("text", sender, time, body, null, line));
      return;
    }
    if (isDeletion(body)) {
      acc.start(rawMessage("deleted", sender, time, body, null, line));
      return;
    }
    const media = readMedia(body);
    if (media) {
      acc.start(rawMessage("media", sender, time, media.text, media.attachments, line), media.text !== "");
      return;
    }
    // iOS tells events as a message of the group or the actor; U+200E marks them.
    if (stamp.ios && isSystemNotice(body, marked === LRM || body.startsWith(sender))) {
      acc.start(rawMessage("system", null, time, body, null, line));
      return;
    }
    acc.start(rawMessage("text", sender, time, body, null, line));
  };

  return (text: string, line: number): void => {
    if (text === "") return acc.blank();
    const c = text.charCodeAt(0);
    if ((c >= 48 && c <= 57) || c === 91 /* [ */ || c === LRM || c === RLM || c === BOM) {
      if (readStamp(text, stamp)) {
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

/** What only the whole message shows: the edit marker on its last line, a shared place on its last line. */
function complete(m: RawMessage): void {
  const text = m.text;
  const last = text.charCodeAt(text.length - 1);
  if (last === 62 /* > */) {
    const at = editMarkerAt(text);
    if (at >= 0) {
      m.text = text.slice(0, at);
      m.edited = m.time;
    }
  } else if (last >= 48 && last <= 57 && m.kind === "text" && isLocationText(text)) {
    m.kind = "media";
    m.attachments = [{ type: "location" }];
  }
}
