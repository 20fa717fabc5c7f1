import { MessageAccumulator, oneConversation, parseLines } from "../accumulator.js";
import { format, NONE, whole } from "../parts.js";
import type { Detection, LinePart, ParseContext, RawConversation, Source, TextHead, TextInput } from "../types.js";
import { followingAttachment, MADE_NAMES, startSenderMessage } from "./bodies.js";
import { confidence } from "./detect.js";
import { Header, readSaved, readTitle } from "./header.js";
import { isPolicyNotice, startNotice } from "./notices.js";
import { bodyParts, headerParts, KAKAO_WORDS } from "./redaction.js";
import { dayOf, readDayHeading, readStamp, type Stamp } from "./stamps.js";

// Exports of 2013–2015 write the exporter so (tests/fixtures/kakaotalk: Korean "회원님",
// iOS English "You"; Android English "you", formats.md §1.4); later ones write their name.
const SELF_NAMES = ["회원님", "You", "you"];

/**
 * KakaoTalk Android (`KakaoTalkChats.txt`) and iOS (`Talk_….txt`) exports:
 * both write `STAMP, name : body` messages and differ in stamp style, day
 * headings and how system notices are joined, so one reader serves both.
 */
export const kakaoMobile: Source = {
  id: "kakaotalk.mobile",
  platform: "kakaotalk",
  clock: "wall",
  label: "KakaoTalk Android/iOS (.txt)",
  selfNames: SELF_NAMES,
  // The names the app writes for the exporter are its own words too.
  redaction: { layout: "lines", words: [...KAKAO_WORDS, ...SELF_NAMES], madeNames: MADE_NAMES, lines: () => lineParts },
  detect,
  parse,
};

/** What a line after the stamp is. */
type Tail =
  | { type: "heading" }
  | { type: "message"; sender: string; body: string }
  | { type: "system"; text: string }
  | { type: "none" };

function readTail(line: string, stamp: Stamp): Tail {
  const end = stamp.end;
  if (end === line.length) return stamp.timeOnly ? { type: "none" } : { type: "heading" };
  const c1 = line.charCodeAt(end);
  if (line.charCodeAt(end + 1) !== 32) return { type: "none" };
  if (c1 === 58 /* : */) return { type: "system", text: line.slice(end + 2) }; // iOS notice
  if (c1 !== 44 /* , */) return { type: "none" };
  const from = end + 2;
  // Names may contain spaces, emoji and brackets but the body may contain " : " too: the first one
  // splits. Sliced from the line itself, with no string of the rest in between.
  const sep = line.indexOf(" : ", from);
  if (sep >= 0) return { type: "message", sender: line.slice(from, sep), body: line.slice(sep + 3) };
  if (line.length - from >= 2 && line.endsWith(" :")) return { type: "message", sender: line.slice(from, -2), body: "" };
  return { type: "system", text: line.slice(from) };
}

/**
 * The app's own parts of a line: header, day headings, stamps, bodies that are placeholders.
 * A time without a date reads under any day here: only where the stamp ends matters.
 */
function lineParts(text: string, n: number): readonly LinePart[] {
  const header = n <= 2 ? headerParts(text) : null;
  if (header) return header;
  if (readDayHeading(text)) return whole(text);
  const stamp = readStamp(text, 0);
  const tail = stamp ? readTail(text, stamp) : null;
  if (stamp && tail && tail.type !== "none") {
    if (tail.type === "heading") return whole(text);
    const parts = [format(0, stamp.end)];
    return tail.type === "message" ? [...parts, ...bodyParts(text, text.length - tail.body.length)] : parts;
  }
  return isPolicyNotice(text) ? whole(text) : NONE;
}

function detect(head: TextHead): Detection | null {
  const [first = "", second = ""] = head.lines;
  const title = readTitle(first);
  const saved = readSaved(second);
  if (saved?.style === "pc") return null;
  let structural = 0;
  let content = 0;
  let ios = 0;
  let android = 0;
  let korean = 0;
  let english = 0;
  let day: number | null = null;
  for (const line of head.lines.slice(saved ? 2 : 0)) {
    if (line === "") continue;
    content++;
    const heading = readDayHeading(line);
    if (heading && (heading.style === "ko" || heading.style === "en")) {
      structural++;
      ios++;
      day = heading.wall;
      if (heading.style === "ko") korean++;
      else english++;
      continue;
    }
    const stamp = readStamp(line, day);
    if (!stamp || stamp.wall === null) continue;
    const tail = readTail(line, stamp);
    if (tail.type === "none") continue;
    structural++;
    if (stamp.style === "ko-long" || stamp.style === "ko-dotted" || stamp.style === "ko-time") korean++;
    else english++;
    if (tail.type === "heading" || stamp.style === "ko-long" || stamp.style === "en-2015" || stamp.style === "en-dmy") android++;
    if (stamp.style === "ko-dotted" || stamp.style === "ko-time") ios++;
    if (stamp.style === "en-long" && /^[A-Z][a-z]{2} /.test(line)) ios++; // "Jan 15, 2024 at 15:04"
    if (tail.type === "system" && line.charCodeAt(stamp.end) === 58) ios++;
  }
  if (structural === 0) return null;
  if (title?.title === null) ios += 2; // the file name as first line is an iOS English trait
  const hint = /^KakaoTalkChats.*\.txt$|^Talk_.*\.txt$/i.test(head.name);
  const platform = ios > android ? "ios" : "android";
  // Stamps and headings are in the UI's language, names and words in any: the saved line
  // (absent from a trimmed file) breaks a tie only.
  const lang = korean > english || (korean === english && saved !== null && /[가-힣]/.test(second)) ? "ko" : "en";
  return {
    variant: `kakaotalk.${platform}.${lang}`,
    confidence: confidence({ title: title !== null, saved: saved !== null, structural, content, hint }),
    title: title?.title ?? null,
    exportedAt: saved?.wall ?? null,
    ...(title?.kind ? { kind: title.kind } : {}),
  };
}

function parse(input: TextInput, ctx: ParseContext): AsyncIterable<RawConversation> {
  const acc = new MessageAccumulator(ctx);
  const header = new Header(ctx);
  let day: number | null = null;
  const handle = (text: string, line: number): void => {
    if (text === "") return acc.blank();
    if (header.skip(text, line)) return;
    const stamp = readStamp(text, day);
    if (stamp) {
      const tail = readTail(text, stamp);
      if (tail.type !== "none") {
        if (stamp.wall === null) {
          acc.invalidDate(text, line);
        } else {
          onStamped(stamp.wall, tail, line);
          return;
        }
      }
    }
    const heading = readDayHeading(text);
    if (heading && heading.wall !== null) {
      day = heading.wall;
      acc.layout();
      return;
    }
    const open = acc.current;
    if (open !== null) {
      if (open.kind === "media" && open.attachments) {
        // Several photos sent at once: one file name (or "<사진 읽지 않음>") a line after the first.
        const attachment = followingAttachment(text);
        if (attachment) {
          acc.attach(attachment, text);
          return;
        }
      }
      // Open chats: Kakao's policy notices follow a join on the next line, with no stamp.
      if (isPolicyNotice(text)) {
        startNotice(acc, open.time, text, line, true);
        return;
      }
    }
    acc.continuation(text, line);
  };

  const onStamped = (wall: number, tail: Exclude<Tail, { type: "none" }>, line: number): void => {
    day = dayOf(wall);
    if (tail.type === "heading") {
      acc.layout();
    } else if (tail.type === "system") {
      startNotice(acc, wall, tail.text, line);
    } else {
      startSenderMessage(acc, tail.sender, wall, tail.body, line);
    }
  };

  return oneConversation(parseLines(input.lines(), acc, handle));
}
