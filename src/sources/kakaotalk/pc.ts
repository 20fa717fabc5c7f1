import { hour24 } from "../../normalize/time.js";
import { MessageAccumulator, oneConversation, parseLines } from "../accumulator.js";
import { format, NONE, whole } from "../parts.js";
import type { Detection, LinePart, ParseContext, RawConversation, Source, TextHead, TextInput } from "../types.js";
import { MADE_NAMES, startSenderMessage } from "./bodies.js";
import { confidence } from "./detect.js";
import { Header, readSaved, readTitle } from "./header.js";
import { isPolicyNotice, isSystemNotice, looksLikeNotice, startNotice, trimTrailing } from "./notices.js";
import { bodyParts, headerParts, KAKAO_WORDS } from "./redaction.js";
import { readDayHeading } from "./stamps.js";

/**
 * KakaoTalk for Windows `.txt`: `[name] [time] body` under
 * `--------------- date ---------------` separators; notices have no time.
 */
export const kakaoPc: Source = {
  id: "kakaotalk.pc",
  platform: "kakaotalk",
  clock: "wall",
  label: "KakaoTalk Windows PC (.txt)",
  redaction: { layout: "lines", words: KAKAO_WORDS, madeNames: MADE_NAMES, lines: () => lineParts },
  detect,
  parse,
};

// The name is the shortest run up to "] [" that is followed by a valid time (정오/자정 [M], as mobile writes them).
const MESSAGE = /^\[(.*?)\] \[(?:(오전|오후) (\d{1,2}):(\d{2})|(\d{1,2}):(\d{2}) ([AaPp][Mm])|(\d{1,2}):(\d{2})|(정오|자정))\] ?/;

interface PcLine {
  sender: string;
  /** Minutes after midnight; null when the clock reading is impossible. */
  minutes: number | null;
  body: string;
}

function readMessage(line: string): PcLine | null {
  if (line.charCodeAt(0) !== 91 /* [ */) return null;
  const m = MESSAGE.exec(line);
  if (!m) return null;
  let hour: number | null;
  let minute: number;
  if (m[3] !== undefined) {
    hour = hour24(Number(m[3]), m[2] === "오전" ? "am" : "pm");
    minute = Number(m[4]);
  } else if (m[5] !== undefined) {
    hour = hour24(Number(m[5]), m[7]!.toLowerCase() === "am" ? "am" : "pm");
    minute = Number(m[6]);
  } else if (m[10] !== undefined) {
    hour = m[10] === "정오" ? 12 : 0;
    minute = 0;
  } else {
    hour = hour24(Number(m[8]), null);
    minute = Number(m[9]);
  }
  const minutes = hour === null || minute > 59 ? null : hour * 60 + minute;
  return { sender: m[1]!, minutes, body: line.slice(m[0].length) };
}

/** The app's own parts of a line: header, day separators, the time after a name, bodies that are placeholders. */
function lineParts(text: string, n: number): readonly LinePart[] {
  const header = n <= 2 ? headerParts(text) : null;
  if (header) return header;
  if (readDayHeading(text)) return whole(text);
  const message = readMessage(text);
  if (message) {
    const body = text.length - message.body.length;
    return [format(1 + message.sender.length, body), ...bodyParts(text, body)];
  }
  return isPolicyNotice(text) ? whole(text) : NONE;
}

function detect(head: TextHead): Detection | null {
  const [first = "", second = ""] = head.lines;
  const title = readTitle(first);
  const saved = readSaved(second);
  if (saved && saved.style !== "pc") return null;
  let structural = 0;
  let content = 0;
  // Day separators are in the UI's language (2015 Korean writes "Date Saved" above Korean
  // ones); names and words in any: the saved line breaks a tie only.
  let korean = 0;
  let english = 0;
  for (const line of head.lines.slice(saved ? 2 : 0)) {
    if (line === "") continue;
    content++;
    const heading = readDayHeading(line);
    if (heading?.style === "pc-ko" || heading?.style === "pc-en") {
      structural++;
      if (heading.style === "pc-ko") korean++;
      else english++;
    } else if (readMessage(line)) {
      structural++;
    } else if (isSystemNotice(trimTrailing(line))) {
      structural++;
    }
  }
  if (structural === 0 && !saved) return null;
  return {
    variant: korean > english || (korean === english && saved !== null && /[가-힣]/.test(second)) ? "kakaotalk.pc.ko" : "kakaotalk.pc.en",
    confidence: confidence({
      title: title !== null,
      saved: saved !== null,
      structural,
      content,
      hint: /^KakaoTalk_\d.*\.txt$/i.test(head.name),
    }),
    title: title?.title ?? null,
    exportedAt: saved?.wall ?? null,
    ...(title?.kind ? { kind: title.kind } : {}),
  };
}

function parse(input: TextInput, ctx: ParseContext): AsyncIterable<RawConversation> {
  const acc = new MessageAccumulator(ctx);
  const header = new Header(ctx);
  let day: number | null = null;
  /** Notices have no time: they take the previous message's, or the day's start after a separator. */
  let lastWall: number | null = null;

  const handle = (text: string, line: number): void => {
    if (text === "") return acc.blank();
    if (header.skip(text, line)) return;
    const heading = readDayHeading(text);
    if (heading && heading.wall !== null && (heading.style === "pc-ko" || heading.style === "pc-en")) {
      day = heading.wall;
      acc.layout();
      return;
    }
    const message = day === null ? null : readMessage(text);
    if (message && day !== null) {
      if (message.minutes === null) {
        acc.invalidDate(text, line);
      } else {
        const wall = day + message.minutes * 60_000;
        lastWall = wall;
        startSenderMessage(acc, message.sender, wall, message.body, line);
        return;
      }
    }
    if (day !== null) {
      const bare = trimTrailing(text);
      if (isSystemNotice(bare)) {
        startNotice(acc, Math.max(lastWall ?? day, day), bare, line, true);
        return;
      }
      // Worded like a notice no rule knows: kept as text, but counted.
      if (looksLikeNotice(bare)) ctx.warn({ code: "unread-line", file: ctx.file, line, text });
    }
    acc.continuation(text, line);
  };

  return oneConversation(parseLines(input.lines(), acc, handle));
}
