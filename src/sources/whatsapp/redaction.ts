import { format, NONE } from "../parts.js";
import type { LinePart } from "../types.js";
import { CALL_WORDS, readCall } from "./calls.js";
import { MADE_NAMES, MEDIA_WORDS, readMedia, stripMarks } from "./media.js";
import { Authors, senderName } from "./names.js";
import { NOTICE_WORDS } from "./notices.js";
import { POLL_WORDS } from "./polls.js";
import { BOM, LRM, readStamp, RLM, Stamp } from "./stamp.js";

/** What a redacted sample of a WhatsApp chat keeps (src/redact/): its stamps, its own words, bodies that are all the app's. */

export const WHATSAPP_WORDS: readonly string[] = [...NOTICE_WORDS, ...MEDIA_WORDS, ...CALL_WORDS, ...POLL_WORDS];

/** A reader of one file's lines: the stamp, and a body the app wrote whole ("‎Voice call, ‎3 min", "‎image omitted"). */
export function lineParts(): (text: string) => readonly LinePart[] {
  const stamp = new Stamp();
  const authors = new Authors();
  return (text) => {
    const c = text.charCodeAt(0);
    if (!((c >= 48 && c <= 57) || c === 91 /* [ */ || c === LRM || c === RLM || c === BOM) || !readStamp(text, stamp)) return NONE;
    const parts = [format(0, stamp.end)];
    const sep = authors.end(text, stamp.end, stamp.ios);
    if (sep < 0) return parts;
    const body = stripMarks(text.slice(sep + 2));
    const marked = text.charCodeAt(sep + 2) === LRM;
    if (body !== "" && isAppBody(body, marked, senderName(text, stamp.end, sep))) parts.push(format(text.length - body.length, text.length));
    return parts;
  };
}

/** A call, or media without a caption whose files (if it names any) the app named. */
function isAppBody(body: string, marked: boolean, sender: string): boolean {
  if (readCall(body, marked, sender)) return true;
  const media = readMedia(body);
  return media !== null && media.text === "" && media.attachments.every((a) => a.name === undefined || isMadeName(a.name));
}

function isMadeName(name: string): boolean {
  MADE_NAMES.lastIndex = 0;
  return MADE_NAMES.test(name) && MADE_NAMES.lastIndex === name.length;
}
