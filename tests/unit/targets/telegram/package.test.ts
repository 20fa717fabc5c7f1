import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseString } from "whatsapp-chat-parser";
import { describe, expect, it } from "vitest";
import { drain, readConversations } from "../../../../src/pipeline.js";
import type { Message } from "../../../../src/schema/index.js";
import { writeImportPackage } from "../../../../src/targets/telegram/package.js";
import { DELETED_TEXT } from "../../../../src/targets/telegram/whatsapp-text.js";
import { cli, ROOT } from "../../../helpers/cli.js";
import { readAll } from "../../../helpers/read.js";
import { unzip } from "../../../helpers/unzip.js";
import { writeZip } from "../../../helpers/zip.js";

const fixtures = join(ROOT, "tests/fixtures");
const ZONE = "Asia/Seoul";

/** What a message must look like once Telegram's importer (or any WhatsApp parser) reads the package. */
interface Seen {
  date: string; // "2024-01-01T00:05:00" local wall time
  author: string;
  text: string;
}

/** The messages the package should hold: one per attachment (WhatsApp has no albums), a forward marked on its first line. */
function expected(messages: Message[], title: string): Seen[] {
  return messages.flatMap((m) => {
    const date = m.time.slice(0, 19);
    const author = m.sender === null || m.sender === "" ? title : m.sender;
    const text = m.forwardedFrom === undefined ? m.text : [`[Forwarded from ${m.forwardedFrom}]`, m.text].filter(Boolean).join("\n");
    if (m.kind === "deleted") return [{ date, author, text: DELETED_TEXT }];
    if (m.kind !== "media") return [{ date, author, text }];
    // The caption goes with the first attachment.
    return (m.attachments ?? []).map((_, i) => ({ date, author, text: i === 0 ? text : "" }));
  });
}

async function packageOf(input: string, dir = mkdtempSync(join(tmpdir(), "chatferry-pkg-"))) {
  const results = [];
  for await (const conversation of readConversations(input, { timezone: ZONE })) {
    results.push(await writeImportPackage(conversation, dir));
  }
  return { dir, results };
}

const sources = [
  "kakaotalk/android-ko.txt",
  "kakaotalk/pc-ko.txt",
  "kakaotalk/ios-en.txt",
  "kakaotalk/KakaoTalk_Chat_주말 등산 모임_2024-01-03-09-12-30.csv",
  "kakaotalk/pc-ko-cp949.txt",
  // Every day 12 or less: day-first dates here would read just as well month-first.
  "kakaotalk/android-ko-days-up-to-12.txt",
  "whatsapp/ios-en-us/_chat.txt",
  "line/[LINE] Weekend Hikers.txt",
  "telegram/chat",
];

describe.each(sources)("Telegram import package from %s", (fixture) => {
  it("reads back with the same messages through whatsapp-chat-parser and ChatFerry's WhatsApp source", async () => {
    const input = join(fixtures, fixture);
    const [source] = await readAll(input, ZONE);
    const { results } = await packageOf(input);
    const [result] = results;
    const entries = await unzip(result!.zip);
    const chat = entries.find((e) => e.name === "_chat.txt")!;
    const text = chat.data.toString("utf8");
    expect(readFileSync(result!.txt, "utf8")).toBe(text);

    // Telegram's apps take the first 3000 bytes as the header and need them to be UTF-8.
    expect(() => new TextDecoder("utf-8", { fatal: true }).decode(chat.data.subarray(0, 3000), { stream: true })).not.toThrow();

    const want = expected(source!.messages, result!.title);
    // The peer's own date-order detection stays on: the package must leave it nothing to guess.
    const peer = parseString(text, { parseAttachments: true });
    expect(peer.map((m) => ({ date: localIso(m.date), author: m.author ?? result!.title, text: peerText(m.message) }))).toEqual(
      want.map((w) => ({ ...w, text: w.text })),
    );

    const dir = mkdtempSync(join(tmpdir(), "chatferry-pkg-read-"));
    writeFileSync(join(dir, "_chat.txt"), text);
    const [back] = await readAll(join(dir, "_chat.txt"), ZONE);
    expect(back!.summary.dateOrder).toEqual({ order: "ymd", by: "dates" });
    expect(back!.messages.map((m) => ({ date: m.time.slice(0, 19), text: m.kind === "media" ? m.text : m.text }))).toEqual(
      want.map(({ date, text }) => ({ date, text })),
    );
  });
});

/** The peer reads times as the machine's local time; the test runs with TZ=UTC in CI but not always here. */
function localIso(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** The peer leaves the attachment line in the text; the caption is what follows it. */
function peerText(message: string): string {
  // The peer keeps the file's final newline in the last message.
  const cleaned = message.replace(/^\u200e/, "").replace(/\n$/, "");
  const [first = "", ...rest] = cleaned.split("\n");
  return /^<attached: [^>]+>$| omitted$/.test(first) ? rest.join("\n") : cleaned;
}

describe("Telegram import package layout", () => {
  it("names the zip and txt after the chat, keeps _chat.txt first and media flat, named as referenced and typed by Telegram's patterns", async () => {
    const zip = join(mkdtempSync(join(tmpdir(), "chatferry-pkg-in-")), "WhatsApp Chat - Hikers.zip");
    const media = ["00000012-PHOTO-2024-01-15-15-05-01.jpg", "00000013-AUDIO-2024-01-15-15-05-30.opus", "00000014-trail-map.pdf", "00000015-VIDEO-2024-01-16-09-00-00.mp4"];
    // The video spans several megabyte reads: the reader lends two buffers by turns, the writer copies each piece.
    const video = randomBytes(3_500_000);
    const data = (name: string, i: number) => (name.endsWith(".mp4") ? video : Buffer.alloc(100 + i, i));
    await writeZip(zip, [
      { name: "_chat.txt", data: readFileSync(join(fixtures, "whatsapp/ios-en-us/_chat.txt")) },
      ...media.map((name, i) => ({ name, data: data(name, i), compress: false })),
    ]);
    const { dir, results } = await packageOf(zip);
    const [result] = results;
    expect(readdirSync(dir).sort()).toEqual([`WhatsApp Chat with ${result!.title}.txt`, `WhatsApp Chat with ${result!.title}.zip`]);
    const entries = await unzip(result!.zip);
    expect(entries[0]!.name).toBe("_chat.txt");
    const referenced = [...entries[0]!.data.toString("utf8").matchAll(/<attached: ([^>]+)>/g)].map((m) => m[1]);
    expect(entries.slice(1).map((e) => e.name)).toEqual(referenced);
    expect(entries.slice(1).every((e) => !e.name.includes("/") && !e.compressed)).toBe(true);
    const names = entries.slice(1).map((e) => e.name);
    expect(names.filter((n) => /\.jpg$/.test(n))).toHaveLength(1);
    expect(names.filter((n) => /^\d+-VIDEO-.*\.mp4$/.test(n))).toHaveLength(1);
    expect(names.filter((n) => /^\d+-AUDIO-.*\.opus$/.test(n))).toHaveLength(1);
    expect(names.filter((n) => /^\d+-trail-map\.pdf$/.test(n))).toHaveLength(1);
    // The bytes are the input's, untouched, from a zip and from the same export as a folder.
    expect(entries.find((e) => e.name.endsWith(".pdf"))!.data).toEqual(Buffer.alloc(102, 2));
    expect(entries.find((e) => e.name.endsWith(".mp4"))!.data.equals(video)).toBe(true);
    const folder = mkdtempSync(join(tmpdir(), "chatferry-pkg-folder-"));
    writeFileSync(join(folder, "_chat.txt"), readFileSync(join(fixtures, "whatsapp/ios-en-us/_chat.txt")));
    media.forEach((name, i) => writeFileSync(join(folder, name), data(name, i)));
    const fromFolder = await unzip((await packageOf(folder)).results[0]!.zip);
    expect(fromFolder.map((e) => e.data.toString("base64"))).toEqual(entries.map((e) => e.data.toString("base64")));
  });

  it("writes a CP949 source as UTF-8", async () => {
    const { results } = await packageOf(join(fixtures, "kakaotalk/pc-ko-cp949.txt"));
    const text = readFileSync(results[0]!.txt, "utf8");
    expect(text).toContain("[2012/03/03, 21:14:00] 김철수: 내일 동아리방에서 봐요");
    expect(Buffer.from(text, "utf8")).toEqual(readFileSync(results[0]!.txt));
  });

  it("the CLI prints where the files are and the steps, in Korean too, and refuses to overwrite", async () => {
    const dir = mkdtempSync(join(tmpdir(), "chatferry-pkg-cli-"));
    const input = join(fixtures, "kakaotalk/android-ko.txt");
    const r = await cli(["telegram", "package", input, "-o", dir, "--lang", "ko", "--timezone", ZONE]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("주말 등산 모임: 메시지 15개");
    expect(r.stdout).toContain("아이폰");
    const again = await cli(["telegram", "package", input, "-o", dir]);
    expect(again.code).toBe(2);
    expect(again.stderr.trim().split("\n")).toHaveLength(1);
    const forced = await cli(["telegram", "package", input, "-o", dir, "--force"]);
    expect(forced.code).toBe(0);
    const summary = await (async () => {
      for await (const c of readConversations(join(dir, "WhatsApp Chat with 주말 등산 모임.txt"), { timezone: ZONE })) return drain(c, () => undefined);
    })();
    expect(summary!.messages).toBeGreaterThanOrEqual(15);
  });
});
