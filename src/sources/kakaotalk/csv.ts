import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import Papa from "papaparse";
import { wallTime } from "../../normalize/time.js";
import { MessageAccumulator, oneConversation } from "../accumulator.js";
import { format, NONE, whole } from "../parts.js";
import type { Detection, LinePart, ParseContext, RawConversation, RawMessage, Source, TextHead, TextInput } from "../types.js";
import { isAppBody, MADE_NAMES, startSenderMessage } from "./bodies.js";
import { wholeRecords } from "./csv-records.js";
import { roomName } from "./header.js";
import { isSystemNotice, startNotice, trimTrailing } from "./notices.js";
import { KAKAO_WORDS } from "./redaction.js";

/** KakaoTalk for macOS (and recent Windows) CSV: `Date,User,Message`, quoted multi-line fields. */
export const kakaoCsv: Source = {
  id: "kakaotalk.csv",
  platform: "kakaotalk",
  clock: "wall",
  label: "KakaoTalk macOS/PC (.csv)",
  redaction: { layout: "lines", words: KAKAO_WORDS, madeNames: MADE_NAMES, lines: () => lineParts },
  detect,
  parse,
};

const HEADER = /^"?Date"?,"?User"?,"?Message"?$/;
const ROW_DATE = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;
// A copy keeps the name with "-1" or " (1)" before the extension.
const FILE_NAME = /^KakaoTalk_Chat_(.+)_(\d{4})-(\d{2})-(\d{2})-(\d{2})-(\d{2})-(\d{2})(?:-\d{1,3}| \(\d{1,3}\))?\.csv$/i;
/** A row as Kakao writes it: the date bare, the sender quoted. Without the header row, only this is evidence. */
const QUOTED_ROW = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2},"/;
const NEWLINES = /\r\n|\r|\n/g;

const DATE_LENGTH = "2024-01-15 15:04:00".length;

/**
 * The app's own parts of a line: the header row, a row's date, a message that is all the
 * app's ("사진", "삭제된 메시지입니다."). Lines inside a quoted field are people's words.
 */
function lineParts(text: string, n: number): readonly LinePart[] {
  if (n === 1 && HEADER.test(text)) return whole(text);
  const dated = text.charCodeAt(DATE_LENGTH) === COMMA && ROW_DATE.test(text.slice(0, DATE_LENGTH));
  if (!dated && text.charCodeAt(0) !== COMMA) return NONE;
  const parts = dated ? [format(0, DATE_LENGTH)] : [];
  const user = fieldEnd(text, dated ? DATE_LENGTH + 1 : 1);
  const message = user < 0 ? null : fieldValue(text, user + 1);
  return message !== null && isAppBody(message) ? [...parts, format(user + 1, text.length)] : parts;
}

const QUOTE = 34;
const COMMA = 44;

/** Where the field starting at `start` ends (its comma), or -1 when it runs past the line. */
function fieldEnd(text: string, start: number): number {
  if (text.charCodeAt(start) !== QUOTE) return text.indexOf(",", start);
  for (let i = start + 1; i < text.length; i++) {
    if (text.charCodeAt(i) !== QUOTE) continue;
    if (text.charCodeAt(i + 1) === QUOTE) i++;
    else return text.charCodeAt(i + 1) === COMMA ? i + 1 : -1;
  }
  return -1;
}

/** The message from `start` to the line's end as the parse reads it; null when its record goes on past this line. */
function fieldValue(text: string, start: number): string | null {
  if (text.charCodeAt(start) !== QUOTE) return text.slice(start);
  const last = text.length - 1;
  if (last <= start || text.charCodeAt(last) !== QUOTE) return null;
  const inner = text.slice(start + 1, last);
  return inner.replaceAll('""', "").includes('"') ? null : inner.replaceAll('""', '"');
}

function detect(head: TextHead): Detection | null {
  const headed = HEADER.test(head.lines[0] ?? "");
  const rows = head.lines.slice(headed ? 1 : 0, 20).filter((l) => l !== "");
  let score: number;
  if (headed) {
    const dated = rows.filter((l) => ROW_DATE.test(l.slice(0, 19)) || l.startsWith(",")).length;
    score = 0.6 + (rows.length ? (0.3 * dated) / rows.length : 0);
  } else {
    // A file someone trimmed of its header row: its first line and most others must be Kakao rows.
    const dated = rows.filter((l) => QUOTED_ROW.test(l)).length;
    if (!QUOTED_ROW.test(rows[0] ?? "") || dated < Math.min(3, rows.length)) return null;
    score = 0.3 + (0.4 * dated) / rows.length;
  }
  const name = FILE_NAME.exec(head.name);
  return {
    variant: "kakaotalk.csv",
    confidence: Math.round(Math.min(1, score + (name ? 0.1 : 0)) * 100) / 100,
    title: name ? roomName(name[1]!) : null,
    exportedAt: name ? wallTime(...(name.slice(2, 8).map(Number) as [number, number, number, number, number, number])) : null,
  };
}

function readDate(field: string): number | null {
  const m = ROW_DATE.exec(field);
  if (!m) return null;
  return wallTime(Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
}

export function lineBreaks(field: string): number {
  return field.includes("\n") || field.includes("\r") ? (field.match(NEWLINES)?.length ?? 0) : 0;
}

export async function* rows(chunks: AsyncIterable<string>, ctx: ParseContext): AsyncGenerator<string[]> {
  const parser = Papa.parse(Papa.NODE_STREAM_INPUT, { header: false, skipEmptyLines: false });
  const feeding = pipeline(Readable.from(wholeRecords(chunks, ctx), { objectMode: false }), parser);
  // A failure in the text (a record too long, a read error) ends the rows below with that error,
  // before `feeding` is awaited: handled here, it is not also an unhandled rejection that kills the process.
  feeding.catch(() => undefined);
  for await (const row of parser) yield row as string[];
  await feeding;
}

function parse(input: TextInput, ctx: ParseContext): AsyncIterable<RawConversation> {
  return oneConversation(messages(input, ctx));
}

async function* messages(input: TextInput, ctx: ParseContext): AsyncGenerator<RawMessage[]> {
  const acc = new MessageAccumulator(ctx);
  let line = 1;
  let lastWall: number | null = null;
  let out: RawMessage[] = [];
  for await (const fields of rows(input.chunks(), ctx)) {
    const at = line;
    line += 1 + fields.reduce((n, f) => n + lineBreaks(f), 0);
    if (at === 1) {
      if (HEADER.test(fields.join(","))) continue;
      ctx.warn({ code: "header-missing", file: ctx.file, text: "Date,User,Message" });
    }
    if (fields.length === 1 && fields[0] === "") continue;
    const [date = "", user = "", ...rest] = fields.map((f) => f.replace(NEWLINES, "\n"));
    const message = rest.join(",");
    const wall: number | null = date === "" ? lastWall : readDate(date);
    if (fields.length < 3 || wall === null) {
      if (fields.length >= 3 && date !== "") ctx.warn({ code: "invalid-date", file: ctx.file, line: at, text: fields.join(",") });
      acc.continuation(fields.join(","), at);
      continue;
    }
    lastWall = wall;
    const inferred = date === "";
    if (user === "" || isSystemNotice(trimTrailing(message))) {
      // Notices name their actor inside the text; the row's User column is not a sender.
      startNotice(acc, wall, message, at, inferred);
    } else {
      startSenderMessage(acc, user, wall, message, at, inferred);
    }
    const done = acc.take();
    if (done.length > 0) out = out.concat(done);
    if (out.length >= 1000) {
      yield out;
      out = [];
    }
  }
  out = out.concat(acc.finish());
  if (out.length > 0) yield out;
}
