import { mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import type { Attachment, Message } from "../../../../src/schema/index.js";
import { cli, ROOT } from "../../../helpers/cli.js";
import { readOne } from "../../../helpers/read.js";

const fixtures = join(ROOT, "tests/fixtures");
const ZONE = "Asia/Seoul";

/** Telegram has no deletion notices or emoticons; what the export turns them into. */
function asTelegram(m: Message) {
  const type = (a: Attachment) => (a.type === "emoticon" ? "sticker" : a.type === "other" ? "file" : a.type);
  const [first, ...more] = m.attachments ?? [];
  const extra = more.map((a) => `[${a.type}${a.name ? `: ${a.name}` : ""}]`);
  return {
    time: m.time,
    sender: m.sender,
    kind: m.kind === "deleted" ? (m.sender === null ? "text" : "text") : m.kind,
    text: [m.text, ...extra].filter(Boolean).join("\n"),
    attachment: first ? type(first) : null,
  };
}

describe.each([
  "kakaotalk/android-ko.txt",
  "kakaotalk/pc-ko.txt",
  "whatsapp/ios-en-us/_chat.txt",
  "line/[LINE] Weekend Hikers.txt",
  "telegram/chat",
])("telegram-json export of %s", (fixture) => {
  it("reads back through ChatFerry's Telegram source as the same messages", async () => {
    const source = await readOne(join(fixtures, fixture), ZONE);
    const dir = join(mkdtempSync(join(tmpdir(), "chatferry-tgjson-")), "export");
    const r = await cli(["export", join(fixtures, fixture), "--to", "telegram-json", "-o", dir, "--timezone", ZONE]);
    expect(r.stderr).toBe(`Created folder ${dir}\n`);
    expect(r.code).toBe(0);
    const back = await readOne(dir, ZONE);
    expect(back.header.source.platform).toBe("telegram");
    expect(back.header.title).toBe(source.header.title ?? "");
    const deletedWithoutSender = (m: Message) => m.kind === "deleted" && m.sender === null;
    expect(back.messages.map((m) => ({ ...asTelegram(m), sender: m.sender === "" ? null : m.sender }))).toEqual(
      source.messages.map((m) => ({
        ...asTelegram(m),
        // A notice without author becomes a message from nobody.
        sender: deletedWithoutSender(m) || m.sender === "" ? null : m.sender,
      })),
    );
    // Media that the input had are in the export's folders, byte for byte.
    const linked = source.messages.flatMap((m) => m.attachments ?? []).filter((a) => a.media !== undefined);
    const files = readdirSync(dir, { recursive: true }) as string[];
    expect(files.filter((f) => f.includes("/")).length).toBe(linked.length);
  });
});

describe("csv and txt exports", () => {
  it("csv has a row a message, with a BOM for Excel, that papaparse reads back", async () => {
    const input = join(fixtures, "kakaotalk/android-ko.txt");
    const r = await cli(["export", input, "--to", "csv", "--timezone", ZONE]);
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith("\ufeffconversation,seq,time,sender,kind,text,attachments,forwarded_from\r\n")).toBe(true);
    const rows = Papa.parse<string[]>(r.stdout.slice(1).trimEnd()).data.slice(1);
    const { messages } = await readOne(input, ZONE);
    expect(rows.map((row) => [row[2], row[3], row[4], row[5]])).toEqual(messages.map((m) => [m.time, m.sender ?? "", m.kind, m.text]));
  });

  it("txt has day headings and every message", async () => {
    const input = join(fixtures, "kakaotalk/pc-ko.txt");
    const dir = mkdtempSync(join(tmpdir(), "chatferry-txt-"));
    const out = join(dir, "chat.txt");
    expect((await cli(["export", input, "--to", "txt", "-o", out, "--timezone", ZONE])).code).toBe(0);
    const text = readFileSync(out, "utf8");
    expect(text).toContain("--- 2024-01-01 ---");
    expect(text).toContain("[21:21] 산타는 곰돌이: 저도 갈게요!\n    랜턴 챙겨야 하나요?");
    const { summary } = await readOne(input, ZONE);
    expect(text.split("\n").filter((l) => /^\[\d\d:\d\d\] /.test(l))).toHaveLength(summary.messages);
  });

  it("an unknown format and a telegram-json export without a folder are usage errors", async () => {
    const input = join(fixtures, "kakaotalk/pc-ko.txt");
    const bad = await cli(["export", input, "--to", "pdf"]);
    expect([bad.code, bad.stderr.includes("unknown format pdf")]).toEqual([2, true]);
    const noDir = await cli(["export", input, "--to", "telegram-json"], { LANG: "ko_KR.UTF-8" });
    expect([noDir.code, noDir.stderr.includes("폴더가 필요합니다")]).toEqual([2, true]);
  });
});
