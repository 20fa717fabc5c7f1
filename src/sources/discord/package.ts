import { posix } from "node:path";
import { typeFromName } from "../../normalize/media.js";
import type { Attachment, ChatKind } from "../../schema/index.js";
import { rawMessage } from "../accumulator.js";
import { lineBreaks, rows } from "../kakaotalk/csv.js";
import { record, str } from "../telegram-desktop/types.js";
import { format, NONE, whole } from "../parts.js";
import type { Detection, LinePart, ParseContext, RawConversation, RawMessage, SentMessage, Source, TextHead, TextInput } from "../types.js";
import { discordRedaction } from "./dce.js";
import { ElementScanner, scanChunks } from "../json-elements.js";
import { idOf } from "./senders.js";
import { lastPart } from "./content.js";
import { instantOf } from "./time.js";
import { LastTime } from "../last-time.js";

/**
 * The sender of every message in a data package. The package holds only the account's own
 * messages and never its name (that is in `account/user.json`, which a channel's file cannot
 * see), so they are all under this one label, the same in every language: a sender is data,
 * and the same input must give the same archive whatever the app's language.
 */
export const PACKAGE_SELF = "Me";

const CSV_HEADER = "ID,Timestamp,Contents,Attachments";
/** Beside `messages/c<id>/messages.json`: the channel's own file, and the package's list of channels. */
const COMPANIONS = ["channel.json", "../index.json"];
const ARRAY = /^\uFEFF?\s*\[\s*\{/;
const KEYS = ["ID", "Timestamp", "Contents"].map((key) => new RegExp(`"${key}"\\s*:`));

/**
 * A channel's `messages.json`: an array of `{ID, Timestamp, Contents, Attachments}`. The
 * folder's name is the package's language's word for messages ("messages", "Nachrichten", …),
 * so only the content tells.
 */
function detectJson(head: TextHead): Detection | null {
  const text = head.lines.join("\n");
  if (!ARRAY.test(text) || !KEYS.every((key) => key.test(text))) return null;
  return { variant: "discord.package", confidence: 0.85, title: null, exportedAt: null };
}

/** `Attachments`: the files' addresses on Discord's CDN, separated by spaces; each a file the package does not hold. */
function attachmentsOf(value: string): { attachments: Attachment[]; links: string[] } {
  const links = value.split(" ").filter((url) => url !== "");
  const attachments = links.map((url): Attachment => {
    const name = lastPart(url);
    return name ? { type: typeFromName(name), name } : { type: "file" };
  });
  return { attachments, links };
}

/** The messages of one package file, each the account's own. */
class PackageReader {
  private readonly times: LastTime;

  constructor(private readonly ctx: ParseContext) {
    this.times = new LastTime(ctx);
  }

  read(id: unknown, timestamp: unknown, contents: unknown, files: unknown, line: number): RawMessage {
    const own = instantOf(timestamp);
    const inferred = own === null;
    const time = this.times.of(own, this.ctx.file, line, timestamp);
    const { attachments, links } = attachmentsOf(str(files) ?? "");
    const text = [str(contents) ?? "", ...links].filter(Boolean).join("\n");
    const message: SentMessage =
      attachments.length > 0 ? rawMessage("media", PACKAGE_SELF, time, text, attachments, line, inferred) : rawMessage("text", PACKAGE_SELF, time, text, null, line, inferred);
    message.shows = "exporter";
    message.ref = idOf(id);
    return message;
  }
}

/** An `ID` written as a bare number: Discord's ids pass 2^53, past which JSON.parse would round them. */
const NUMERIC_ID = /"ID"(\s*):(\s*)(\d+)/;

/**
 * Quotes a message's numeric `ID` so that it is read digit for digit. Inside a string a quote
 * is escaped, so `"ID"` followed by a colon is only ever the key.
 */
function quoteId(slice: string): string {
  return slice.replace(NUMERIC_ID, '"ID"$1:$2"$3"');
}

async function* jsonMessages(input: TextInput, ctx: ParseContext): AsyncGenerator<RawMessage[]> {
  const reader = new PackageReader(ctx);
  const out: RawMessage[] = [];
  const scanner = new ElementScanner(
    ctx,
    "",
    {
      element: (value, line) => {
        const m = record(value) ?? {};
        out.push(reader.read(m.ID, m.Timestamp, m.Contents, m.Attachments, line));
      },
    },
    quoteId,
  );
  yield* scanChunks(input.chunks()[Symbol.asyncIterator](), scanner, out);
}

async function* csvMessages(input: TextInput, ctx: ParseContext): AsyncGenerator<RawMessage[]> {
  const reader = new PackageReader(ctx);
  let line = 1;
  let out: RawMessage[] = [];
  for await (const fields of rows(input.chunks(), ctx)) {
    const at = line;
    line += 1 + fields.reduce((n, f) => n + lineBreaks(f), 0);
    if (at === 1 || (fields.length === 1 && fields[0] === "")) continue;
    // The attachments are the last field: a row of more fields than the header's has commas its
    // writer did not quote in the contents, which are joined back as they were.
    const [id, timestamp] = fields;
    const contents = fields.length > 4 ? fields.slice(2, -1).join(",") : fields[2];
    const files = fields.length > 3 ? fields.at(-1) : undefined;
    out.push(reader.read(id, timestamp, contents ?? "", files, at));
    if (out.length >= 1000) {
      yield out;
      out = [];
    }
  }
  if (out.length > 0) yield out;
}

/** Discord's channel types (its API's numbers, which `channel.json` writes) and who such a channel is between. */
const KINDS: Readonly<Record<number, ChatKind>> = { 0: "group", 1: "direct", 3: "group", 5: "channel", 10: "group", 11: "group", 12: "group" };

/** "Direct Message with junhopark#0": `messages/index.json`'s name of a direct chat, in English in every package. */
const DIRECT = /^Direct Message with (.+?)(?:#\d{1,4})?$/;

function parsed(text: string | null): Record<string, unknown> | undefined {
  if (text === null) return undefined;
  try {
    return record(JSON.parse(text));
  } catch {
    return undefined;
  }
}

/**
 * The channel a package file holds, from the files beside it: `channel.json` (its type, and a
 * server channel's name and server) and `messages/index.json` (every channel's name as Discord
 * lists it). A server channel is titled "Server / #channel", as DiscordChatExporter's are; a
 * direct chat after the other person; without either file, after its folder (`c<id>`).
 */
async function channelOf(ctx: ParseContext): Promise<{ title: string | null; kind?: ChatKind }> {
  const folder = posix.basename(posix.dirname(ctx.file));
  const channel = parsed(await ctx.companion("channel.json"));
  const id = str(channel?.id) ?? folder.replace(/^c/, "");
  const listed = str(parsed(await ctx.companion("../index.json"))?.[id]);
  const type = typeof channel?.type === "number" && Object.hasOwn(KINDS, channel.type) ? channel.type : undefined;
  const kind = type === undefined ? undefined : KINDS[type];
  const name = str(channel?.name);
  const server = str(record(channel?.guild)?.name);
  const title = server && name ? `${server} / #${name}` : (listed && (DIRECT.exec(listed)?.[1] ?? listed)) || name || (folder === "." || folder === "" ? null : folder);
  return { title, ...(kind ? { kind } : {}) };
}

/** The older packages' `messages.csv`, by its header row. */
function detectCsv(head: TextHead): Detection | null {
  if (head.lines[0]?.replace(/^\uFEFF/, "") !== CSV_HEADER) return null;
  return { variant: "discord.package.csv", confidence: 0.9, title: null, exportedAt: null };
}

/** A row's ID and Timestamp, as the package writes them: the format's own, kept in a redacted sample. */
const ROW_START = /^\d+,\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[+-]\d{2}:\d{2})?,/;

/** The package's own parts of a CSV line: the header, and a row's ID and time; the rest is the account's words and files. */
function csvParts(text: string, n: number): readonly LinePart[] {
  if (n === 1 && text === CSV_HEADER) return whole(text);
  const start = ROW_START.exec(text);
  return start ? [format(0, start[0].length)] : NONE;
}

/** The messages of one channel in Discord's own data package ("Request my data"): the account's side only. */
export const discordPackage: Source = {
  id: "discord.package",
  platform: "discord",
  label: "Discord data package (messages/c…/messages.json)",
  clock: "utc",
  mediaBy: "path",
  oneSided: true,
  redaction: discordRedaction(["ID", "Timestamp", "Contents", "Attachments"]),
  companions: COMPANIONS,
  detect: detectJson,
  parse: async function* (input: TextInput, ctx: ParseContext): AsyncGenerator<RawConversation> {
    yield { ...(await channelOf(ctx)), messages: jsonMessages(input, ctx) };
  },
};

/** The same in older packages, as `messages.csv`. */
export const discordPackageCsv: Source = {
  id: "discord.package.csv",
  platform: "discord",
  label: "Discord data package (messages/c…/messages.csv)",
  clock: "utc",
  mediaBy: "path",
  oneSided: true,
  redaction: { layout: "lines", words: [CSV_HEADER], madeNames: null, lines: () => csvParts },
  companions: COMPANIONS,
  detect: detectCsv,
  parse: async function* (input: TextInput, ctx: ParseContext): AsyncGenerator<RawConversation> {
    yield { ...(await channelOf(ctx)), messages: csvMessages(input, ctx) };
  },
};
