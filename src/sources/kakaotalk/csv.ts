import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import Papa from "papaparse";
import { wallTime } from "../../normalize/time.js";
import { MessageAccumulator, oneConversation, rawMessage } from "../accumulator.js";
import type { Detection, ParseContext, RawConversation, RawMessage, Source, TextHead, TextInput } from "../types.js";
import { classifyBody, isDeletionNotice, isSystemNotice } from "./bodies.js";

/** KakaoTalk for macOS (and recent Windows) CSV: `Date,User,Message`, quoted multi-line fields. */
export const kakaoCsv: Source = {
  id: "kakaotalk.csv",
  platform: "kakaotalk",
  clock: "wall",
  label: "KakaoTalk macOS/PC (.csv)",
  detect,
  parse,
};

const HEADER = /^"?Date"?,"?User"?,"?Message"?$/;
const ROW_DATE = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;
const FILE_NAME = /^KakaoTalk_Chat_(.+)_(\d{4})-(\d{2})-(\d{2})-(\d{2})-(\d{2})-(\d{2})\.csv$/i;
const NEWLINES = /\r\n|\r|\n/g;

function detect(head: TextHead): Detection | null {
  if (!HEADER.test(head.lines[0] ?? "")) return null;
  const name = FILE_NAME.exec(head.name);
  const rows = head.lines.slice(1, 20).filter((l) => l !== "");
  const dated = rows.filter((l) => ROW_DATE.test(l.slice(0, 19)) || l.startsWith(",")).length;
  return {
    variant: "kakaotalk.csv",
    confidence: Math.min(1, 0.6 + (rows.length ? (0.3 * dated) / rows.length : 0) + (name ? 0.1 : 0)),
    title: name?.[1] ?? null,
    exportedAt: name ? wallTime(...(name.slice(2, 8).map(Number) as [number, number, number, number, number, number])) : null,
  };
}

function readDate(field: string): number | null {
  const m = ROW_DATE.exec(field);
  if (!m) return null;
  return wallTime(Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
}

function lineBreaks(field: string): number {
  return field.includes("\n") || field.includes("\r") ? (field.match(NEWLINES)?.length ?? 0) : 0;
}

async function* rows(chunks: AsyncIterable<string>): AsyncGenerator<string[]> {
  const parser = Papa.parse(Papa.NODE_STREAM_INPUT, { header: false, skipEmptyLines: false });
  const feeding = pipeline(Readable.from(chunks, { objectMode: false }), parser);
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
  for await (const fields of rows(input.chunks())) {
    const at = line;
    line += 1 + fields.reduce((n, f) => n + lineBreaks(f), 0);
    if (at === 1 && HEADER.test(fields.join(","))) continue;
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
    if (user === "" || isSystemNotice(message)) {
      // Notices name their actor inside the text; the row's User column is not a sender.
      acc.start(rawMessage(isDeletionNotice(message) ? "deleted" : "system", null, wall, message, null, at, inferred));
    } else {
      const body = classifyBody(message);
      if (body.kind === "media") acc.start(rawMessage("media", user, wall, body.text, body.attachments, at, inferred));
      else if (body.kind === "deleted" || isDeletionNotice(message)) acc.start(rawMessage("deleted", user, wall, message, null, at, inferred));
      else acc.start(rawMessage("text", user, wall, message, null, at, inferred));
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
