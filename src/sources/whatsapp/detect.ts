import type { Detection, TextHead } from "../types.js";
import { stripMarks } from "./media.js";
import { markedSeparator, senderName } from "./names.js";
import { isEncryptionNotice } from "./notices.js";
import { LRM, readStamp, Stamp } from "./stamp.js";

/**
 * The names Android gives a shared chat, per UI language (the chat's name
 * follows); browsers and mail clients sometimes turn the spaces into "_".
 */
const NAME_PREFIXES = [
  "WhatsApp Chat with ",
  "WhatsApp Chat - ",
  "WhatsApp-Chat mit ",
  "WhatsApp Chat mit ",
  "Chat de WhatsApp con ",
  "Chat WhatsApp con ",
  "Conversa do WhatsApp com ",
  "Conversa no WhatsApp com ",
  "Discussion WhatsApp avec ",
  "Chat WhatsApp dengan ", // [M] id
  "WhatsApp-chat met ", // [M] nl
  "Чат WhatsApp с ",
].flatMap((p) => [p, p.replaceAll(" ", "_")]);

/** iOS always names the text `_chat.txt` (a copy may get a number). */
const IOS_NAME = /^_chat(?: \d+)?\.txt$/;

function titleFromName(name: string): string | null {
  if (!name.toLowerCase().endsWith(".txt")) return null;
  for (const prefix of NAME_PREFIXES) {
    if (name.startsWith(prefix) && name.length > prefix.length + 4) return name.slice(prefix.length, -4);
  }
  return null;
}

/**
 * iOS writes the encryption notice as a message of the group (or, in a
 * one-to-one chat, of the other person): the only place its file names the chat.
 * A name may hold ": " itself; the app's words after it are marked with U+200E.
 */
function titleFromNotice(line: string, stamp: Stamp, first: boolean): string | null {
  let sep = line.indexOf(": ", stamp.end);
  if (sep <= stamp.end) return null;
  if (line.charCodeAt(sep + 2) !== LRM) {
    const later = markedSeparator(line, sep);
    if (later >= 0) sep = later;
  }
  const marked = line.charCodeAt(sep + 2) === LRM;
  return isEncryptionNotice(stripMarks(line.slice(sep + 2)), first && marked) ? senderName(line, stamp.end, sep) : null;
}

export function detectWhatsApp(head: TextHead): Detection | null {
  const stamp = new Stamp();
  let content = 0;
  let ios = 0;
  let android = 0;
  let title = titleFromName(head.name);
  const named = title !== null || IOS_NAME.test(head.name);
  for (const line of head.lines) {
    if (line === "") continue;
    content++;
    if (!readStamp(line, stamp)) continue;
    if (stamp.ios) {
      ios++;
      if (title === null && ios <= 3) title = titleFromNotice(line, stamp, ios === 1);
    } else {
      android++;
    }
  }
  const structural = ios + android;
  if (structural === 0) return null;
  // Multi-line messages lower the share of stamped lines; a head half made of them is still a chat.
  const share = Math.min(1, (structural / content) * 1.5);
  const confidence = Math.round(Math.min(1, 0.9 * share + (named ? 0.1 : 0)) * 100) / 100;
  const variant = ios > android ? "whatsapp.ios" : "whatsapp.android";
  // A chat's file name, or the name iOS writes its encryption notice under, is the group's or the other person's.
  return { variant, confidence, title, exportedAt: null, ...(title !== null ? { kind: "pair" as const } : {}) };
}
