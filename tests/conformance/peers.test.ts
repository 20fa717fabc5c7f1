import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { drain, readConversations } from "../../src/pipeline.js";
import {
  Message as MessageSchema,
  type DateOrder,
  type DateOrderDecision,
  type Message,
  type Summary,
} from "../../src/schema/index.js";
import { rowOfChatMiner, rowOfPeer, view, withChatLabType, type PeerMessage, type PeerRow } from "./peer-rows.js";

/**
 * Conformance with other parsers' test suites: every WhatsApp, LINE and Telegram Desktop
 * input in ../shared/peer-fixtures (other projects' test inputs, read in place, never
 * copied here) goes through ChatFerry's pipeline, and what each peer asserts is compared,
 * value by value, with what ChatFerry reads. Its README says where each file comes from.
 */

const repoRoot = join(import.meta.dirname, "../..");
const peers = join(repoRoot, "../shared/peer-fixtures");
const present = existsSync(peers);
if (!present) console.warn(`conformance: ${peers} is absent, so the peer conformance suite is skipped`);

// ---------------------------------------------------------------------------------------
// Where ChatFerry differs from a peer ON PURPOSE. Each difference says what ChatFerry does
// and how the comparison takes it into account; `ours` and `peer` are that transformation,
// applied only to the files listed for it below. Nothing else is excused.
// ---------------------------------------------------------------------------------------

interface Difference {
  says: string;
  /** Applied to ChatFerry's messages before they are paired with the peer's rows. */
  ours?: (messages: Message[]) => Message[];
  /** Applied to the peer's rows. */
  peer?: (rows: PeerRow[], c: Case) => PeerRow[];
}

const DIFFERENCES = {
  notices: {
    says: "Notices (and Telegram service events) stay in the conversation as system messages; the peer drops them. Its rows are paired with ChatFerry's messages that are not system.",
    ours: (ms) => ms.filter((m) => m.kind !== "system"),
  },
  newlines: {
    says: 'Lines of a multi-line message are joined with "\\n"; the peer joins them with a space. ChatFerry\'s "\\n" is read as a space when compared.',
    ours: (ms) => ms.map((m) => ({ ...m, text: m.text.replaceAll("\n", " ") })),
  },
  newestFirst: {
    says: "The peer lists messages newest first; its list is reversed.",
    peer: (rows) => rows.toReversed(),
  },
  fileOrder: {
    says: "Messages keep the file's order (seq); the peer sorts them by time. ChatFerry's messages are sorted by time, stably, before pairing.",
    ours: (ms) => ms.toSorted((a, b) => Date.parse(a.time) - Date.parse(b.time)),
  },
  placeholders: {
    says: 'A media placeholder ("<media omitted>", "image omitted", "[Photo]", "Photos", "[File] name") is an attachment with empty text, the file name in the attachment. The peer\'s placeholder text is expected as "".',
    peer: (rows) =>
      rows.map((r) => {
        if (r.kind !== "media" || r.text === undefined) return r;
        const named = /^\[File\] (.+)$/.exec(r.text);
        const attachments = named && r.attachments ? r.attachments.map((a) => ({ ...a, name: named[1]! })) : r.attachments;
        return { ...r, text: "", attachments };
      }),
  },
  askDates: {
    says: "Every date in the file reads both day/month and month/day; the peer assumes one. ChatFerry does not guess silently: it warns date-order-assumed (checked), and the test then answers as a user would, with the peer's order.",
  },
  peerDatesUnasserted: {
    says: "The expected file's dates are a day-first guess the peer does not assert (it checks count and last text), and they run backwards (8 May, then 9 Apr). ChatFerry reads month/day, the only order in which time runs forwards; its dates are checked as such, the peer's rows by clock only.",
    peer: (rows) => rows.map((r) => (r.time && "wall" in r.time ? { ...r, time: { clock: r.time.wall.slice(11, 16) } } : r)),
  },
  caption: {
    says: "A caption on the line after an attachment is the message's text (the peer reads it as the message's second line).",
  },
  unstampedFirstLine: {
    says: "A first line without a timestamp (no message, as the peer says) is kept in an orphan-line warning instead of being dropped.",
  },
  plainTitle: {
    says: 'A first line that is not LINE\'s "[LINE] …" title is kept in an orphan-line warning instead of being taken as a title.',
  },
  links: {
    says: "A link is a text message: the schema has no link kind.",
    peer: (rows) => rows.map((r) => (r.kind === "link" ? { ...r, kind: "text" } : r)),
  },
  senderColumn: {
    says: "A LINE line with a sender column is that sender's message even when its words read like a notice (a real notice has an empty sender column); the peer calls it SYSTEM by its words.",
    peer: (rows) => rows.map((r) => (r.kind === "system" && r.sender ? { ...r, kind: "text" } : r)),
  },
  textParts: {
    says: "Telegram's text parts are joined as the app shows them, adding nothing; the peer puts a space between parts. The two texts may differ only in white space, and ChatFerry's is checked exactly (`exactText`).",
    peer: (rows, c) =>
      rows.map((r, i) => {
        const exact = c.exactText?.[i];
        if (exact === undefined || r.text === undefined) return r;
        expect(r.text.replace(/\s+/g, ""), "only white space may differ").toBe(exact.replace(/\s+/g, ""));
        return { ...r, text: exact };
      }),
  },
  linkAddress: {
    says: 'A text link keeps its address after its words, " (https://…)"; that is removed before comparing.',
    ours: (ms) => ms.map((m) => ({ ...m, text: m.text.replace(/ \(https?:\/\/[^\s()]+\)/g, "") })),
  },
  userIds: {
    says: 'Authors are display names: the peer\'s "user700000000 (Bob)" is "Bob".',
    peer: (rows) => rows.map((r) => (r.sender ? { ...r, sender: r.sender.replace(/^user\d+ \((.*)\)$/, "$1") } : r)),
  },
  calls: {
    says: "A phone_call is a system message with `call` (voice, answered, its seconds, the caller); the peer counts calls apart. Checked against the peer's call.",
  },
  forwards: {
    says: '"[Forwarded from X]" is not written into the text: X is the message\'s `forwardedFrom`. Checked for every forwarded message.',
  },
  refusedYearInMiddle: {
    says: "The probe writes the year between month and day ([06/2018/13, 21:25:15]), which no phone's locale does. Rather than guess at a shape no real export has, ChatFerry refuses the file as not a chat export (one line, exit 2); checked.",
  },
  mixedShapes: {
    says: "The file mixes three stamp shapes, which no real export does. ChatFerry reads the shape of the file's first message; the line in another shape stays with the message before it and is counted as an unread line (checked), never read silently.",
  },
  expectedErratum: {
    says: "The expected file writes the last text with (水); the input's bytes hold (月), as does its heading. The input wins.",
    peer: (rows) => rows.map((r) => (r.text ? { ...r, text: r.text.replace("(水)", "(月)") } : r)),
  },
} satisfies Record<string, Difference>;

type DifferenceName = keyof typeof DIFFERENCES;

/** File → the deliberate differences that apply to it, in the order they are applied. */
const DELIBERATE: Record<string, DifferenceName[]> = {
  "whatsapp/chat-analytics_2A_5M.txt": ["askDates", "fileOrder"],
  "whatsapp/chat-analytics_4A_11M.txt": ["askDates"],
  "whatsapp/chat-analytics_4A_11M.zip": ["askDates"],
  "whatsapp/chat-miner_test_[mmddyy]_24hrs.txt": ["notices", "newlines", "newestFirst"],
  "whatsapp/chat-miner_test_ddmmyy_24hrs.txt": ["notices", "newlines", "newestFirst"],
  "whatsapp/chat-miner_test_mmddyy_24hrs.txt": ["notices", "newlines", "newestFirst"],
  "whatsapp/chat-miner_test_mmddyyyy_12hrs.txt": ["notices", "newlines", "newestFirst"],
  "whatsapp/chat-miner_test_yyyymmdd_24hrs.txt": ["notices", "newlines", "newestFirst"],
  "whatsapp/chatlab_wa-private-mixed.txt": ["unstampedFirstLine", "placeholders"],
  "whatsapp/pustur_attachments.txt": ["caption"],
  "whatsapp/pustur_index-example.txt": ["peerDatesUnasserted"],
  "whatsapp/pustur-format-probes/format01.txt": ["askDates"],
  "whatsapp/pustur-format-probes/format02.txt": ["askDates"],
  "whatsapp/pustur-format-probes/format07.txt": ["askDates"],
  "whatsapp/pustur-format-probes/format08.txt": ["askDates"],
  "whatsapp/pustur-format-probes/format11.txt": ["askDates"],
  "whatsapp/pustur-format-probes/format12.txt": ["askDates"],
  "whatsapp/pustur-format-probes/format10.txt": ["refusedYearInMiddle"],
  "whatsapp/whats-reader_dot-time-klo-format-test.txt": ["mixedShapes"],
  "line/chatlab_line-en-group-2024.txt": ["placeholders"],
  "line/chatlab_line-en-prefixed-media.txt": ["placeholders", "links", "senderColumn"],
  "line/line-history-py_history.txt": ["plainTitle", "expectedErratum"],
  "line/meyfa_windows-desktop-spaces.txt": ["placeholders"],
  "telegram/chat-analytics_DM_2A_7M.json": ["notices", "calls", "userIds", "textParts"],
  "telegram/chat-miner_test_single_export.json": ["textParts"],
  "telegram/chat-miner_test_batch_export.json": ["textParts"],
  "telegram/telegram-chat-parser_saved.json": ["linkAddress", "forwards"],
  "telegram/telegram-chat-parser_users_test.json": ["forwards"],
};

// ---------------------------------------------------------------------------------------
// The cases: what each peer asserts, and what ChatFerry must say about each file.
// ---------------------------------------------------------------------------------------

interface Read {
  messages: Message[];
  summary: Summary;
}

interface Case {
  /** Path under peer-fixtures: a file, a zip or an export folder. */
  file: string;
  /** Zone of the wall times; UTC unless the peer's values need another. */
  zone?: string;
  /** Messages ChatFerry must give: the peer's count, plus what it counts apart (said where). */
  count: number;
  /** Warning codes, in order; none unless listed. */
  warnings?: string[];
  /** WhatsApp: what must decide the date order. */
  decided?: DateOrderDecision;
  /** askDates: the user's answer, the order the peer assumes. */
  answer?: DateOrder;
  /** The peer's rows, paired with ChatFerry's messages one to one after the deliberate differences. */
  rows?: () => PeerRow[];
  /**
   * How the rows pair with ChatFerry's messages: "all" (default) one to one, all of them;
   * "first": the peer asserts only the first few; "found": a few anywhere, each found by its sender and text.
   */
  pairing?: "all" | "first" | "found";
  /** The peer's authors: ChatFerry's participants. */
  senders?: string[];
  /** textParts: ChatFerry's exact text for the peer's row at an index. */
  exactText?: Record<number, string>;
  /** Further assertions of the peer or of a deliberate difference. */
  also?: (read: Read) => void;
  /** The error code ChatFerry refuses the file with (a deliberate difference says why). */
  refused?: string;
}

function json<T>(path: string): T {
  return JSON.parse(readFileSync(join(peers, path), "utf8")) as T;
}

/** The `messages` rows of an expected file. */
function expected(path: string): () => PeerRow[] {
  return () => json<{ messages: PeerMessage[] }>(path).messages.map(rowOfPeer);
}

const chatMiner = (path: string) => () => json<Parameters<typeof rowOfChatMiner>[0][]>(path).map(rowOfChatMiner);

/** Opening notices that are never a person's words, whoever the export names as their author. */
const NOTICE_OPENINGS = [
  "Messages and calls are end-to-end encrypted",
  "Messages to this group are now secured with end-to-end encryption",
  "Messages you send to this group are now secured with end-to-end encryption",
  "This business uses a secure service from Meta",
];

/** WhatsApp media names carry the date they were sent (IMG-20241202-WA0001.jpg): it must be the message's date. */
function mediaNamesMatchDates({ messages }: Read): void {
  const pairs = messages.flatMap((m) =>
    (m.attachments ?? []).flatMap((a) => {
      const d = a.name && /-(\d{4})(\d{2})(\d{2})-WA\d/.exec(a.name);
      return d ? [[a.name, m.time.slice(0, 10), `${d[1]}-${d[2]}-${d[3]}`]] : [];
    }),
  );
  expect(pairs.length).toBeGreaterThan(0);
  expect(pairs.map(([name, date]) => [name, date])).toEqual(pairs.map(([name, , named]) => [name, named]));
}

/** The message at seq `i`. */
function at({ messages }: Read, i: number): Message {
  const m = messages[i];
  if (!m) throw new Error(`no message ${i}`);
  return m;
}

function forwards(expectations: Record<number, string>) {
  return (read: Read): void => {
    const seen = Object.fromEntries(read.messages.flatMap((m) => (m.forwardedFrom === undefined ? [] : [[m.seq, m.forwardedFrom]])));
    expect(seen).toEqual(expectations);
    for (const m of read.messages) expect(m.text).not.toContain("[Forwarded from");
  };
}

interface Probe {
  file: string;
  expected_local_minute: string;
  seconds: number;
  author: string;
  text: string;
}
const probes: Probe[] = present ? json<{ probes: Probe[] }>("whatsapp/pustur-format-probes/expected.json").probes : [];

const cases: Case[] = [
  // ----- WhatsApp -----
  {
    file: "whatsapp/chat-analytics_2A_5M.txt",
    count: 5,
    answer: "dmy",
    rows: expected("whatsapp/chat-analytics_2A_5M.expected.json"),
    senders: ["A", "B"],
  },
  ...["txt", "zip"].map(
    (ext): Case => ({
      file: `whatsapp/chat-analytics_4A_11M.${ext}`,
      // 11 messages and 3 notices, which the peer counts apart.
      count: 11 + 3,
      answer: "dmy",
      rows: expected("whatsapp/chat-analytics_4A_11M.expected.json"),
      pairing: "found",
      senders: ["Alice", "Bob", "Eve", "Mallory", "Trent"],
    }),
  ),
  ...(
    [
      ["[mmddyy]_24hrs", "mdy"],
      ["ddmmyy_24hrs", "dmy"],
      ["mmddyy_24hrs", "mdy"],
      ["mmddyyyy_12hrs", "mdy"],
      ["yyyymmdd_24hrs", "ymd"],
    ] as const
  ).map(
    ([name, order]): Case => ({
      file: `whatsapp/chat-miner_test_${name}.txt`,
      // The target's 6 messages, 2 notices and "John Doe:." (no space after the colon: not a person's message), all dropped by the peer.
      count: 6 + 3,
      decided: { order, by: "dates" },
      rows: chatMiner("whatsapp/chat-miner_target.json"),
    }),
  ),
  {
    file: "whatsapp/chatlab_wa-en-period-mdy.txt",
    count: 1,
    // One ambiguous date; the peer's expectation checks only the clock.
    warnings: ["date-order-assumed"],
    rows: expected("whatsapp/chatlab_wa-en-period-mdy.expected.json"),
  },
  {
    file: "whatsapp/chatlab_wa-ios-ymd-1004.txt",
    count: 1004,
    decided: { order: "ymd", by: "dates" },
    also: (read) => expect([at(read, 0).kind, at(read, 0).sender]).toEqual(["system", null]),
  },
  {
    file: "whatsapp/chatlab_wa-ko-period-before-time.txt",
    count: 1,
    rows: expected("whatsapp/chatlab_wa-ko-period-before-time.expected.json"),
  },
  {
    file: "whatsapp/chatlab_wa-private-mixed.txt",
    count: 2,
    warnings: ["orphan-line"],
    rows: expected("whatsapp/chatlab_wa-private-mixed.expected.json"),
  },
  {
    file: "whatsapp/chatlab_wa-system-with-colon.txt",
    count: 1,
    rows: expected("whatsapp/chatlab_wa-system-with-colon.expected.json"),
  },
  {
    file: "whatsapp/chatlab_wa-zh-period-after-time.txt",
    count: 1,
    warnings: ["date-order-assumed"],
    rows: expected("whatsapp/chatlab_wa-zh-period-after-time.expected.json"),
  },
  {
    file: "whatsapp/pustur_attachments.txt",
    count: 5,
    // The peer asserts the clock only ("13:55", date ambiguous).
    warnings: ["date-order-assumed"],
    rows: () => expected("whatsapp/pustur_attachments.expected.json")().map((r) => ({ ...r, time: { clock: "13:55" } })),
  },
  {
    file: "whatsapp/pustur_index-example.txt",
    count: 5,
    decided: { order: "mdy", by: "sequence" },
    rows: expected("whatsapp/pustur_index-example.expected.json"),
    also: ({ messages }) =>
      expect(messages.map((m) => m.time.slice(0, 10))).toEqual(["2017-06-03", "2017-06-03", "2017-06-03", "2017-08-05", "2017-09-04"]),
  },
  {
    file: "whatsapp/pustur_issue237.txt",
    count: 2,
    decided: { order: "dmy", by: "dates" },
    rows: expected("whatsapp/pustur_issue237.expected.json"),
  },
  ...probes.map((p): Case => {
    const file = `whatsapp/pustur-format-probes/${p.file}`;
    const deliberate = DELIBERATE[file] ?? [];
    if (deliberate.includes("refusedYearInMiddle")) return { file, count: 0, refused: "E_UNKNOWN_FORMAT" };
    return {
      file,
      count: 1,
      ...(deliberate.includes("askDates") ? { answer: "dmy" as const } : {}),
      rows: () => [{ time: { wall: `${p.expected_local_minute}:${String(p.seconds).padStart(2, "0")}` }, sender: p.author, text: p.text }],
    };
  }),
  // whats-reader's locale probes: the README's truth is the number of stamped lines.
  ...(
    [
      ["asian-ampm-format", 5, []],
      ["asian-format", 5, []],
      ["bracketed-year-first", 3, []],
      ["dash-format", 5, ["date-order-assumed"]],
      // mixedShapes: the second line's shape differs from the file's.
      ["dot-time-klo-format", 2, ["unread-line"]],
      ["european-ampm-format", 4, []],
      ["french-format", 6, ["date-order-assumed"]],
      ["german-format", 6, ["date-order-assumed"]],
      ["ios-format", 5, []],
      ["spanish-format", 6, ["date-order-assumed"]],
    ] as const
  ).map(
    ([name, count, warnings]): Case => ({
      file: `whatsapp/whats-reader_${name}-test.txt`,
      count,
      warnings: [...warnings],
    }),
  ),
  // whats-reader's export folders: the dates in the media names prove day/month.
  ...(
    [
      ["android-group-chat", 50, []],
      ["android-private-chat", 45, []],
      // Two of its attachments are not in the folder.
      ["ios-group-chat", 39, ["missing-media", "missing-media"]],
      ["ios-private-chat", 45, []],
    ] as const
  ).map(
    ([name, count, warnings]): Case => ({
      file: `whatsapp/whats-reader_${name}`,
      count,
      warnings: [...warnings],
      decided: { order: "dmy", by: "media-names" },
      also: mediaNamesMatchDates,
    }),
  ),
  ...(["example-12h-2", "example_2", "lorem-2000", "pokemon", "samplechat_4"] as const).map(
    (name): Case => ({ file: `whatsapp/whatstk_${name}.txt`, count: name === "lorem-2000" ? 2000 : 20 }),
  ),

  // ----- LINE -----
  {
    file: "line/chatlab_line-en-group-2024.txt",
    count: 3,
    rows: expected("line/chatlab_line-en-group-2024.expected.json"),
  },
  {
    file: "line/chatlab_line-en-prefixed-media.txt",
    count: 4,
    rows: () => {
      const { messages, asserted_types } = json<{ messages: PeerMessage[]; asserted_types: string[] }>("line/chatlab_line-en-prefixed-media.expected.json");
      return messages.map((m, i) => withChatLabType(rowOfPeer(m), asserted_types[i]!));
    },
  },
  {
    file: "line/chatlab_line-zhTW-private-1002.txt",
    count: 1002,
    // The peer also asserts the chat is private: ChatFerry's header has no chat type.
    rows: () => [{ time: { wall: "2024-01-02T15:04" } }],
    pairing: "first",
  },
  {
    file: "line/line-history-py_history.txt",
    count: 8,
    warnings: ["orphan-line"],
    rows: expected("line/line-history-py_history.expected.json"),
  },
  {
    file: "line/meyfa_hour24-and-1digit.txt",
    count: 2,
    rows: expected("line/meyfa_hour24-and-1digit.expected.json"),
  },
  {
    file: "line/meyfa_tabs-multiline.txt",
    count: 2,
    rows: expected("line/meyfa_tabs-multiline.expected.json"),
  },
  {
    file: "line/meyfa_windows-desktop-spaces.txt",
    count: 6,
    // The peer prints bodies as they are; its "Photos" is the Windows app's photo placeholder.
    rows: () =>
      expected("line/meyfa_windows-desktop-spaces.expected.json")().map((r) =>
        r.text === "Photos" ? { ...r, kind: "media", attachments: [{ type: "photo" }] } : r,
      ),
  },

  // ----- Telegram Desktop -----
  {
    file: "telegram/chat-analytics_BIG_20A_5475M.json",
    count: 5475,
    also: ({ summary }) => {
      expect(summary.participants.length).toBe(20);
      expect([summary.first, summary.last]).toEqual(["2017-01-01T06:20:09+00:00", "2019-12-31T18:19:24+00:00"]);
    },
  },
  {
    file: "telegram/chat-analytics_DM_2A_7M.json",
    // 6 messages, the call, and joined_telegram (not a message for the peer).
    count: 6 + 1 + 1,
    // The export says itself that it left the two photos out.
    warnings: ["missing-media", "missing-media"],
    rows: expected("telegram/chat-analytics_DM_2A_7M.expected.json"),
    exactText: { 0: "https://google.com 👀" },
    also: ({ messages }) => {
      const { calls } = json<{ calls: { author: string; start_unix: number; end_unix: number }[] }>(
        "telegram/chat-analytics_DM_2A_7M.expected.json",
      );
      const seen = messages.filter((m) => m.call).map((m) => ({ at: Date.parse(m.time) / 1000, call: m.call }));
      expect(seen).toEqual(
        calls.map((c) => ({ at: c.start_unix, call: { media: "voice", outcome: "answered", seconds: c.end_unix - c.start_unix, by: c.author } })),
      );
      // joined_telegram and the call.
      expect(messages.filter((m) => m.kind === "system").length).toBe(2);
    },
  },
  ...(["single", "batch"] as const).map(
    (kind): Case => ({
      file: `telegram/chat-miner_test_${kind}_export.json`,
      count: 2,
      rows: chatMiner("telegram/chat-miner_target.json"),
      exactText: { 1: "Link:https://telegram.org/" },
    }),
  ),
  ...(
    [
      ["bot", 2, []],
      ["personal", 0, ["no-messages"]],
      ["private_channel", 7, []],
      ["private_group", 2, []],
      ["public_channel", 7, []],
      ["public_supergroup", 4, []],
    ] as const
  ).map(([name, count, warnings]): Case => ({ file: `telegram/telegram-chat-parser_${name}.json`, count, warnings: [...warnings] })),
  {
    file: "telegram/telegram-chat-parser_saved.json",
    count: 21,
    // The export says itself that it left the video out; the five files its paths name are not beside
    // it (the peer keeps result.json alone), and a path says the export holds its file.
    warnings: Array(6).fill("missing-media"),
    rows: () => {
      const { asserted } = json<{ asserted: Record<string, string> }>("telegram/telegram-chat-parser_saved.expected.json");
      return [{ text: asserted["messages[0].text"]! }, { text: asserted["messages[1].text"]! }];
    },
    pairing: "first",
    also: (read) => {
      // messageByID(7).replyTo is message 6: ids 6 and 7 are the 19th and 20th messages.
      expect(at(read, 19).replyTo).toBe(at(read, 18).id);
      expect([at(read, 18).text, at(read, 19).text]).toEqual(["quiz poll", "reply to quiz"]);
      forwards({ 3: "Other Person", 6: "Ben", 8: "Other Person", 13: "Other Person", 14: "Other Person", 15: "ForwardedFrom Person" })(read);
    },
  },
  {
    file: "telegram/telegram-chat-parser_users_test.json",
    count: 9,
    // The file it left out, and the one its path names, not beside it.
    warnings: ["missing-media", "missing-media"],
    also: forwards({ 3: "User3", 4: "User2", 8: "User5" }),
  },
];

// ---------------------------------------------------------------------------------------

async function read(c: Case, dateOrder?: DateOrder): Promise<Read> {
  const conversations: Read[] = [];
  for await (const conversation of readConversations(join(peers, c.file), { timezone: c.zone ?? "UTC", dateOrder })) {
    const messages: Message[] = [];
    const summary = await drain(conversation, (batch) => void messages.push(...batch));
    conversations.push({ messages, summary });
  }
  expect(conversations.length, "conversations").toBe(1);
  return conversations[0]!;
}

/** Each file is read once per answer, however many tests look at it. */
const reads = new Map<string, Promise<Read>>();
function readOnce(c: Case, dateOrder?: DateOrder): Promise<Read> {
  const key = `${c.file}\0${dateOrder ?? ""}`;
  let r = reads.get(key);
  if (!r) reads.set(key, (r = read(c, dateOrder)));
  return r;
}

function differences(c: Case): Difference[] {
  return (DELIBERATE[c.file] ?? []).map((name) => DIFFERENCES[name]);
}

/** Every chat input of the three platforms in the folder: files, zips and export folders. */
function inputs(): string[] {
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(join(peers, dir)).sort()) {
      const path = `${dir}/${name}`;
      if (statSync(join(peers, path)).isDirectory()) {
        if (name.startsWith("whats-reader_")) found.push(path);
        else walk(path);
      } else if (!/(expected|truth|target)\.json$/.test(name)) {
        found.push(path);
      }
    }
  };
  for (const platform of ["whatsapp", "line", "telegram"]) walk(platform);
  return found;
}

describe.skipIf(!present)("peer fixtures: conformance with other parsers' test suites", () => {
  it("has a case for every WhatsApp, LINE and Telegram input, and a listed difference only for those", () => {
    const files = cases.map((c) => c.file);
    expect(files.toSorted()).toEqual(inputs().toSorted());
    for (const file of Object.keys(DELIBERATE)) expect(files).toContain(file);
    // The user's answer is given exactly where the table says the file cannot tell.
    expect(cases.filter((c) => c.answer).map((c) => c.file)).toEqual(files.filter((f) => DELIBERATE[f]?.includes("askDates")));
  });

  for (const c of cases) describe(c.file, () => {
    const deliberate = DELIBERATE[c.file] ?? [];

    if (c.refused) {
      it("refuses the file with a clear error", async () => {
        await expect(readOnce(c)).rejects.toMatchObject({ code: c.refused });
      });
      return;
    }

    it("reads every message, valid, in order, with exactly the expected warnings", async () => {
      const { messages, summary } = await readOnce(c, c.answer);
      expect(messages.length, "messages").toBe(c.count);
      expect(summary.messages).toBe(messages.length);
      expect(messages.map((m) => m.seq)).toEqual(messages.map((_, i) => i));
      expect(new Set(messages.map((m) => m.id)).size).toBe(messages.length);
      for (const m of messages) expect(MessageSchema.safeParse(m).success, JSON.stringify(m)).toBe(true);
      const instants = messages.map((m) => Date.parse(m.time));
      const firstAt = instants.indexOf(Math.min(...instants));
      const lastAt = instants.lastIndexOf(Math.max(...instants));
      expect([summary.first, summary.last]).toEqual(messages.length ? [messages[firstAt]!.time, messages[lastAt]!.time] : [null, null]);
      // No orphan-line, unread-line or any other warning unless the case lists it.
      expect(summary.warnings.map((w) => w.code)).toEqual(c.warnings ?? []);
      // A notice is never a person's words, whoever the export names as its author.
      const asPerson = messages.filter((m) => m.sender !== null && NOTICE_OPENINGS.some((n) => m.text.startsWith(n)));
      expect(asPerson.map((m) => [m.source.line, m.sender, m.text])).toEqual([]);
      if (c.answer) expect(summary.dateOrder).toEqual({ order: c.answer, by: "option" });
      if (c.decided) expect(summary.dateOrder).toEqual(c.decided);
    });

    if (deliberate.includes("askDates")) it("without an answer, says that it assumed the date order", async () => {
      const { summary } = await readOnce(c);
      expect(summary.dateOrder?.by).toBe("locale");
      expect(summary.warnings.map((w) => w.code)).toContain("date-order-assumed");
    });

    if (c.rows) it("says what the peer asserts", async () => {
      const read = await readOnce(c, c.answer);
      let ours = read.messages;
      let rows = c.rows!();
      for (const d of differences(c)) {
        if (d.ours) ours = d.ours(ours);
        if (d.peer) rows = d.peer(rows, c);
      }
      const pairing = c.pairing ?? "all";
      if (pairing === "found") {
        for (const row of rows) {
          const match = ours.filter((m) => m.sender === row.sender && m.text === row.text);
          expect(match.map((m) => view(m, row)), `${row.sender}: ${row.text}`).toEqual([row]);
        }
      } else {
        expect(ours.slice(0, rows.length).map((m, i) => view(m, rows[i]!))).toEqual(rows);
        if (pairing === "all") expect(ours.length, "messages paired with the peer's rows").toBe(rows.length);
      }
      if (c.senders) expect(read.summary.participants.map((p) => p.name).toSorted()).toEqual(c.senders.toSorted());
    });

    if (c.also) it("holds the peer's further assertions and ChatFerry's own", async () => {
      c.also!(await readOnce(c, c.answer));
    });
  });

  it("names every deliberate difference it applies", () => {
    const used = new Set(Object.values(DELIBERATE).flat());
    expect([...used].toSorted()).toEqual(Object.keys(DIFFERENCES).toSorted());
  });
});
