// Forwards (Message.forwardedFrom) and calls (Message.call) through every target: the
// interchange files carry the fields, the files people read show them in words.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Papa from "papaparse";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Message } from "../../../src/schema/index.js";
import { VIEWER_HTML } from "../../../src/targets/archive/viewer.js";
import { catalogScript, VIEWER_CATALOG, viewerChunkPath } from "../../../src/targets/archive/viewer-data.js";
import { writeJson, writeNdjson } from "../../../src/targets/export/ndjson.js";
import { writeCsv, writeTxt } from "../../../src/targets/export/table.js";
import { writeTelegramJson } from "../../../src/targets/export/telegram-json.js";
import { writeImportPackage } from "../../../src/targets/telegram/package.js";
import { planMessages, type Item, type MediaItem, type TextItem } from "../../../src/targets/telegram/replay/plan.js";
import { compose, header, TEXT_LIMIT } from "../../../src/targets/telegram/replay/render.js";
import { requireTool } from "../../helpers/age.js";
import { ROOT } from "../../helpers/cli.js";
import { readAll, readOne } from "../../helpers/read.js";
import { firstConversation, memory, one, viewerChunks } from "../../helpers/targets.js";
import { conversation as synthetic, media, photo, text, WORDS } from "./telegram/replay/messages.js";

const ZONE = "Asia/Seoul";
const FIXTURE = join(ROOT, "tests/fixtures/telegram/forwards-calls");
const LRM = "\u200e";

/** The fixture's one conversation, read anew for each target. */
const fixture = () => firstConversation(FIXTURE, ZONE);

const tmp = () => mkdtempSync(join(tmpdir(), "chatferry-fwd-calls-"));

describe("forwards and calls in the interchange files", () => {
  it("NDJSON and JSON carry forwardedFrom and call as optional fields, only on the messages that have them", async () => {
    const { messages, summary } = await readOne(FIXTURE, ZONE);
    expect(messages.filter((m) => m.forwardedFrom !== undefined)).toHaveLength(3);
    expect(messages.filter((m) => m.call !== undefined)).toHaveLength(12);

    const ndjson = memory();
    await writeNdjson(one(await fixture()), ndjson);
    const records = ndjson.text().trimEnd().split("\n").map((line) => JSON.parse(line) as { type: string });
    expect(records.map((r) => r.type)).toEqual(["conversation", ...messages.map(() => "message"), "summary"]);
    expect(records.slice(1, -1)).toEqual(messages.map((m) => ({ type: "message", ...JSON.parse(JSON.stringify(m)) })));
    const lines = ndjson.text().split("\n");
    // Absent, not null, where a message has none: the documented shape only gains optional fields.
    expect(lines.filter((l) => l.includes('"forwardedFrom"'))).toHaveLength(3);
    expect(lines.filter((l) => l.includes('"call"'))).toHaveLength(12);
    expect(lines[13]).toContain('"forwardedFrom":"Hiking News"');
    expect(lines[1]).toContain('"call":{"media":"voice","outcome":"answered","seconds":125,"by":"Bob Kim"}');
    expect(lines[7]).toContain('"call":{"media":"voice","outcome":"missed"}');
    expect(records.at(-1)).toMatchObject({ type: "summary", messages: summary.messages });

    const json = memory();
    await writeJson(one(await fixture()), json);
    const doc = JSON.parse(json.text()) as { conversations: { messages: Message[] }[] };
    expect(doc.conversations[0]!.messages).toEqual(JSON.parse(JSON.stringify(messages)));
  });
});

describe("forwards and calls in the files people read", () => {
  it("CSV has a forwarded_from column, last, so earlier columns keep their places", async () => {
    const { messages } = await readOne(FIXTURE, ZONE);
    const sink = memory();
    await writeCsv(one(await fixture()), sink);
    const [head, ...rows] = Papa.parse<string[]>(sink.text().slice(1).trimEnd()).data;
    expect(head).toEqual(["conversation", "seq", "time", "sender", "kind", "text", "attachments", "forwarded_from"]);
    expect(rows).toHaveLength(messages.length);
    expect(rows.map((r) => [r[3], r[4], r[5], r[7]])).toEqual(messages.map((m) => [m.sender ?? "", m.kind, m.text, m.forwardedFrom ?? ""]));
  });

  it("CSV keeps a forward's author from being read as a formula", async () => {
    const names = ["=HYPERLINK(\"https://example.org\",\"click\")", "+82 10 1234 5678", "-5 News", "@channel", "Ørsted News", "한국 뉴스"];
    const sink = memory();
    await writeCsv(one(synthetic(names.map((name) => text("hi", { forwardedFrom: name })))), sink);
    const rows = Papa.parse<string[]>(sink.text().slice(1).trimEnd()).data.slice(1);
    expect(rows.map((r) => r[7])).toEqual([`'${names[0]}`, `'${names[1]}`, `'${names[2]}`, `'${names[3]}`, names[4], names[5]]);
  });

  it("TXT writes a forward's author as the first line and a call in its own words", async () => {
    const { summary } = await readOne(FIXTURE, ZONE);
    const sink = memory();
    await writeTxt(one(await fixture()), sink);
    const txt = sink.text();
    expect(txt).toContain("[00:13] Mina Kim: [Forwarded from Hiking News]\n    Trails reopen Monday\n");
    expect(txt).toContain("[00:14] Bob Kim: [Forwarded from Deleted Account]\n    who wrote this first?\n");
    expect(txt).toContain("[00:15] Bob Kim: [Forwarded from Haeun Lee]\n    Summit at dawn [photo]\n");
    expect(txt).toContain("[00:16] Mina Kim: ok, see you there\n");
    expect(txt).toContain("[00:01] * Bob Kim called (2:05)\n");
    expect(txt).toContain("[00:11] * Bob Kim started a group call (1:02:05)\n");
    expect(txt.split("\n").filter((l) => /^\[\d\d:\d\d\] /.test(l))).toHaveLength(summary.messages);
  });
});

describe("forwards and calls in a Telegram Desktop export", () => {
  it("writes forwarded_from as tdesktop does, calls as phone_call service messages, and reads back the same", async () => {
    const source = await readOne(FIXTURE, ZONE);
    const dir = join(tmp(), "export");
    await writeTelegramJson(await fixture(), dir);
    const written = JSON.parse(readFileSync(join(dir, "result.json"), "utf8")) as { messages: Record<string, unknown>[] };
    const byText = (t: string) => written.messages.find((m) => m.text === t)!;
    // tdesktop's key order: from, from_id, forwarded_from, then the rest.
    expect(Object.keys(byText("Trails reopen Monday"))).toEqual(["id", "type", "date", "date_unixtime", "from", "from_id", "forwarded_from", "text", "text_entities"]);
    expect(byText("Trails reopen Monday").forwarded_from).toBe("Hiking News");
    expect(byText("Summit at dawn")).toMatchObject({ from: "Bob Kim", forwarded_from: "Haeun Lee", photo: expect.stringContaining("File not included") });
    expect(byText("ok, see you there")).not.toHaveProperty("forwarded_from");

    expect(byText("Bob Kim called (2:05)")).toMatchObject({
      type: "service",
      actor: "Bob Kim",
      actor_id: expect.stringMatching(/^user\d+$/),
      action: "phone_call",
      duration_seconds: 125,
      discard_reason: "hangup",
    });
    expect(byText("Bob Kim called (busy)")).toMatchObject({ action: "phone_call", discard_reason: "busy" });
    // No reason for an unknown outcome (tdesktop writes none), and no actor where the caller is unknown.
    expect(byText("Bob Kim called (disconnect)")).not.toHaveProperty("discard_reason");
    expect(byText("Missed call from Deleted Account")).not.toHaveProperty("actor");
    expect(byText("Missed call from Deleted Account")).toMatchObject({ action: "phone_call", discard_reason: "missed" });

    const back = await readOne(dir, ZONE);
    const shape = (m: Message) => [m.time, m.sender, m.kind, m.text, m.forwardedFrom, m.call];
    expect(back.messages.map(shape)).toEqual(source.messages.map(shape));
    expect(back.summary.messages).toBe(source.summary.messages);
  });

  it("writes what tdesktop cannot say as the nearest it can: a video call as a call, a cancelled one as missed", async () => {
    const call = (c: Message["call"], words: string) => ({ ...text(words), kind: "system", sender: null, call: c }) as Message;
    const messages = [
      call({ media: "video", outcome: "cancelled", by: "Alice" }, "Video call, No answer"),
      call({ media: "video", outcome: "answered", seconds: 61, by: "김민지" }, "Video call, 1 min"),
      call({ media: "voice", outcome: "answered", by: "Alice" }, "Voice call"),
    ];
    const dir = join(tmp(), "export");
    await writeTelegramJson(synthetic(messages), dir);
    const back = await readOne(dir, ZONE);
    expect(back.messages.map((m) => [m.kind, m.sender, m.text, m.call])).toEqual([
      ["system", null, "Video call, No answer", { media: "voice", outcome: "missed", by: "Alice" }],
      ["system", null, "Video call, 1 min", { media: "voice", outcome: "answered", seconds: 61, by: "김민지" }],
      // Answered but of unknown length: Telegram's "hangup" without a duration says no more than that.
      ["system", null, "Voice call", { media: "voice", outcome: "unknown", by: "Alice" }],
    ]);
  });
});

describe("forwards and calls in the Telegram import package", () => {
  it("marks a forward in English on its first line (the caption's, under a file) and keeps a call as a notice in its words", async () => {
    const source = await readOne(FIXTURE, ZONE);
    const out = tmp();
    const result = await writeImportPackage(await fixture(), out);
    const chat = readFileSync(result.txt, "utf8");
    expect(chat).toContain(`[2024/01/01, 00:13:00] Mina Kim: [Forwarded from Hiking News]\nTrails reopen Monday\n`);
    expect(chat).toContain(`[2024/01/01, 00:15:00] Bob Kim: ${LRM}image omitted\n[Forwarded from Haeun Lee]\nSummit at dawn\n`);
    expect(chat).toContain(`[2024/01/01, 00:16:00] Mina Kim: ok, see you there\n`);
    // Notices speak in the chat's name, as in a WhatsApp export; the words are the source's.
    expect(chat).toContain(`[2024/01/01, 00:01:00] Bob Kim: ${LRM}Bob Kim called (2:05)\n`);
    expect(chat).toContain(`[2024/01/01, 00:07:00] Bob Kim: ${LRM}Missed call from Deleted Account\n`);

    // Read as Telegram's importer would read a WhatsApp export: every message, the mark in the text.
    const dir = tmp();
    writeFileSync(join(dir, "_chat.txt"), chat);
    const [back] = await readAll(join(dir, "_chat.txt"), ZONE);
    expect(back!.summary.messages).toBe(source.summary.messages);
    const marked = (m: Message) => (m.forwardedFrom === undefined ? m.text : `[Forwarded from ${m.forwardedFrom}]\n${m.text}`);
    expect(back!.messages.map((m) => [m.time, m.text])).toEqual(source.messages.map((m) => [m.time, marked(m)]));
  });
});

describe("forwards and calls in the bot replay", () => {
  async function planOf(messages: readonly Message[], pack = true): Promise<Item[]> {
    async function* batches() {
      yield messages;
    }
    const items: Item[] = [];
    for await (const item of planMessages(batches(), { pack, words: WORDS })) items.push(item);
    return items;
  }
  const spans = (item: { text: string; entities: { type: string; offset: number; length: number }[] }) =>
    item.entities.map((e) => [e.type, item.text.slice(e.offset, e.offset + e.length)]);

  it("opens a forward with an italic line naming its author, and writes a call as an italic note in its words", async () => {
    const forwarded = text("Trails reopen Monday", { forwardedFrom: "Hiking News" });
    const called = { ...text("Bob Kim called (2:05)"), kind: "system", sender: null, call: { media: "voice", outcome: "answered", seconds: 125, by: "Bob Kim" } } as Message;
    const [item] = (await planOf([forwarded, called], false)) as TextItem[];
    const head = header(forwarded).text;
    expect(item!.text).toBe(`${head}\nForwarded from Hiking News\nTrails reopen Monday`);
    expect(spans(item!).slice(2)).toEqual([["italic", "Forwarded from Hiking News"]]);
    const items = await planOf([called], false);
    expect(spans(items[0] as TextItem).at(-1)).toEqual(["italic", "Bob Kim called (2:05)"]);
  });

  it("counts the forward's line when packing messages into 4096 characters", async () => {
    const first = text("a".repeat(2000));
    const body = (n: number, extra: Partial<Message> = {}) => text("b".repeat(n), extra);
    const probe = body(1);
    const room = TEXT_LIMIT - compose(header(first), { text: first.text, italic: false }).text.length - 2 - compose(header(probe), { text: "", italic: false }).text.length - 1;
    // Fits exactly without the forward's line; with it, it must go in a message of its own.
    const plain = body(room, { time: probe.time, sender: probe.sender } as Partial<Message>);
    const forward = { ...plain, id: "fwd", forwardedFrom: "Hiking News" } as Message;
    expect(await planOf([first, plain])).toHaveLength(1);
    const split = await planOf([first, forward]);
    expect(split).toHaveLength(2);
    for (const item of split) expect((item as TextItem).text.length).toBeLessThanOrEqual(TEXT_LIMIT);
    expect((split[1] as TextItem).text.split("\n")[1]).toBe("Forwarded from Hiking News");
  });

  it("puts the forward's line in the first part of a long message only, and in a photo's caption", async () => {
    const long = text("word ".repeat(2000).trim(), { forwardedFrom: "Hiking News" });
    const parts = (await planOf([long])) as TextItem[];
    expect(parts.length).toBeGreaterThan(2);
    expect(parts.map((p) => p.text.split("\n")[1] === "Forwarded from Hiking News")).toEqual(parts.map((_, i) => i === 0));
    for (const p of parts) expect(p.text.length).toBeLessThanOrEqual(TEXT_LIMIT);
    // Nothing lost: the parts' bodies, joined at the spaces they were cut at, are the text.
    const bodies = parts.map((p, i) => p.text.split("\n").slice(i === 0 ? 2 : 1).join("\n"));
    expect(bodies.join(" ")).toBe(long.text);

    const [shot] = (await planOf([media([photo("summit.jpg")], "Summit at dawn", { forwardedFrom: "Haeun Lee" })])) as MediaItem[];
    expect(shot!.caption!.text.split("\n").slice(1)).toEqual(["Forwarded from Haeun Lee", "Summit at dawn"]);
    expect(spans(shot!.caption!).at(-1)).toEqual(["italic", "Forwarded from Haeun Lee"]);
  });
});

describe("forwards and calls in the archive's viewer", () => {
  let browser: Browser | undefined;
  let site = "";
  let id = "";

  beforeAll(async () => {
    requireTool("chromium", "chromium");
    const c = await fixture();
    id = c.header.id;
    const { chunks, catalog } = await viewerChunks(c);
    site = tmp();
    writeFileSync(join(site, "index.html"), VIEWER_HTML);
    mkdirSync(join(site, "viewer", c.header.id), { recursive: true });
    writeFileSync(join(site, VIEWER_CATALOG), catalogScript([catalog], { chatferry: "test", created: "2024-01-02T00:00:00Z" }));
    chunks.forEach((script, i) => writeFileSync(join(site, viewerChunkPath(c.header.id, i)), script));
    browser = await chromium.launch({ executablePath: "/usr/bin/chromium", headless: true, args: ["--no-sandbox", "--disable-gpu"] });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  it("keeps who a forward came from and each call in its compact rows", async () => {
    const script = readFileSync(join(site, viewerChunkPath(id, 0)), "utf8");
    const rows = JSON.parse(script.slice(script.indexOf("["), script.lastIndexOf("]") + 1)) as Record<string, unknown>[];
    expect(rows).toHaveLength(16);
    expect(rows[0]).toEqual({ t: "2024-01-01T00:01:00+09:00", s: -1, k: 2, x: "Bob Kim called (2:05)", c: { m: "voice", o: "answered", d: 125 } });
    expect(rows[1]).toMatchObject({ c: { m: "voice", o: "missed" } });
    expect(rows[12]).toMatchObject({ x: "Trails reopen Monday", f: "Hiking News" });
    expect(rows.filter((r) => "f" in r)).toHaveLength(3);
    expect(rows.filter((r) => "c" in r)).toHaveLength(12);
  });

  it.each([
    ["en-US", "Forwarded from Hiking News"],
    ["ko-KR", "전달됨: Hiking News"],
  ])("shows a forward's author above its text and a call as a centred event with its icon and length (%s)", async (locale, label) => {
    const context = await browser!.newContext({ locale });
    const blocked: string[] = [];
    await context.route(/^(?!file:)/, (route) => {
      blocked.push(route.request().url());
      return route.abort();
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    await page.goto(`file://${join(site, "index.html")}`);
    await page.locator(".row").first().waitFor();
    const forward = page.locator(".bubble", { hasText: "Trails reopen Monday" });
    expect(await forward.locator(".fwd").textContent()).toBe(label);
    expect(await forward.textContent()).toBe(`${label}Trails reopen Monday`);
    // Every forward, in order, says whose it was.
    expect(await page.locator(".fwd").allTextContents()).toEqual([label, label.replace("Hiking News", "Deleted Account"), label.replace("Hiking News", "Haeun Lee")]);
    const calls = page.locator(".system.call");
    expect(await calls.count()).toBe(12);
    expect(await calls.first().textContent()).toBe("📞 Bob Kim called (2:05)00:01 · 2:05");
    expect(await calls.nth(10).locator(".meta").textContent()).toBe("00:11 · 1:02:05");
    // Calls nobody took stand out; the others do not.
    expect(await page.locator(".system.call.missed").allTextContents()).toEqual([
      "📞 Missed call from Mina Kim00:02",
      "📞 Bob Kim called (busy)00:03",
      "📞 Missed call from Deleted Account00:07",
      "📞 Missed group call from Mina Kim00:10",
    ]);
    // A forward is found by the name of who wrote it first.
    await page.fill("#search", "haeun");
    await page.press("#search", "Enter");
    await expect.poll(() => page.locator("#results .hit").count()).toBe(1);
    expect(await page.locator("#results .hit").textContent()).toContain("Summit at dawn");
    expect([blocked, errors]).toEqual([[], []]);
    await context.close();
  });
});
