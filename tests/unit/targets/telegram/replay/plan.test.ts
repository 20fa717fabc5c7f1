import { describe, expect, it } from "vitest";
import type { Message } from "../../../../../src/schema/index.js";
import { PlanDigest, planMessages, type Item, type TextItem } from "../../../../../src/targets/telegram/replay/plan.js";
import { CAPTION_LIMIT, ENTITY_LIMIT, splitText, TEXT_LIMIT } from "../../../../../src/targets/telegram/replay/render.js";
import { media, photo, text, WORDS } from "./messages.js";

async function plan(messages: readonly Message[], pack = true, self?: string): Promise<Item[]> {
  async function* one() {
    yield messages;
  }
  const items: Item[] = [];
  for await (const item of planMessages(one(), { pack, words: WORDS, ...(self === undefined ? {} : { self }) })) items.push(item);
  return items;
}

function texts(items: Item[]): TextItem[] {
  return items.filter((i): i is TextItem => i.kind === "text");
}

/** Every entity's text, as a client would show it highlighted. */
function spans(item: { text: string; entities: { type: string; offset: number; length: number }[] }) {
  return item.entities.map((e) => [e.type, item.text.slice(e.offset, e.offset + e.length)]);
}

describe("replay plan: rendering", () => {
  it("heads each message with the bold sender and a date_time entity over the original wall time", async () => {
    const m = text("안녕하세요 👋");
    const [item] = texts(await plan([m]));
    expect(item!.text).toBe(`${m.sender} · ${m.time.slice(0, 10)} ${m.time.slice(11, 16)}\n안녕하세요 👋`);
    expect(spans(item!)).toEqual([
      ["bold", m.sender],
      ["date_time", `${m.time.slice(0, 10)} ${m.time.slice(11, 16)}`],
    ]);
    const dateTime = item!.entities[1]!;
    expect(dateTime.unix_time).toBe(Date.parse(m.time) / 1000);
    expect(dateTime.date_time_format).toBeTruthy();
  });

  it("heads the exporter's own messages as theirs, keeping the name; others' stay as they were", async () => {
    const mine = text("내가 쓴 글", { sender: "서준" });
    const theirs = text("답장", { sender: "민지" });
    const [item] = texts(await plan([mine, theirs], true, "서준"));
    const [first, second] = item!.text.split("\n\n");
    expect(first).toMatch(/^서준 \(me\) · /);
    expect(second).toMatch(/^민지 · /);
    expect(spans(item!).filter(([type]) => type === "bold").map(([, name]) => name)).toEqual(["서준 (me)", "민지"]);
  });

  it("writes deletions and system events as italic notes, and names attachments the export lacks", async () => {
    const deleted = { ...text(""), kind: "deleted" } as Message;
    const system = { ...text("Alice joined"), kind: "system", sender: null } as Message;
    const missing = media([{ type: "video", name: "ridge.mp4" }, { type: "location" }], "Ridge walk");
    const items = texts(await plan([deleted, system, missing], false));
    expect(spans(items[0]!).at(-1)).toEqual(["italic", WORDS.deleted]);
    expect(spans(items[1]!)).toEqual([
      ["date_time", "2024-01-15 " + system.time.slice(11, 16)],
      ["italic", "Alice joined"],
    ]);
    // The location's words are in the text already; only the missing video gets a note.
    expect(items[2]!.text.endsWith("\nRidge walk\n📎 ridge.mp4 (not in the export)")).toBe(true);
  });
});

describe("replay plan: packing and limits", () => {
  it("packs consecutive messages into one Telegram message with entities at their new offsets", async () => {
    const messages = [text("first"), text("second"), text("third")];
    const items = await plan(messages);
    expect(items).toHaveLength(1);
    const item = items[0] as TextItem;
    expect(item.sources).toEqual(messages.map((m) => m.id));
    expect(spans(item).filter(([type]) => type === "bold").map(([, s]) => s)).toEqual(messages.map((m) => m.sender));
    expect(item.text.split("\n\n").map((block) => block.split("\n")[1])).toEqual(["first", "second", "third"]);
  });

  it("never passes 4096 UTF-16 units or 100 entities, and keeps every message whole and in order", async () => {
    // Korean (1 unit), emoji (2 units) and lengths that land near the limit.
    const messages = Array.from({ length: 400 }, (_, i) => text(`${"가나다🎉".repeat(i % 90)} ${i}`));
    const items = texts(await plan(messages));
    expect(items.length).toBeGreaterThan(1);
    for (const item of items) {
      expect(item.text.length).toBeLessThanOrEqual(TEXT_LIMIT);
      expect(item.entities.length).toBeLessThanOrEqual(ENTITY_LIMIT);
      for (const e of item.entities) expect(e.offset + e.length).toBeLessThanOrEqual(item.text.length);
    }
    const bodies = items.flatMap((item) => item.text.split("\n\n").map((block) => block.slice(block.indexOf("\n") + 1)));
    expect(bodies).toEqual(messages.map((m) => m.text));
    expect(items.flatMap((i) => i.sources)).toEqual(messages.map((m) => m.id));
  });

  it("caps a pack at 100 entities even when the text is short", async () => {
    const items = texts(await plan(Array.from({ length: 120 }, () => text("ok"))));
    expect(items.map((i) => i.entities.length)).toEqual([100, 100, 40]);
  });

  it("--one-per-message: one Telegram message per source message", async () => {
    const messages = [text("a"), text("b"), text("c")];
    expect((await plan(messages, false)).map((i) => (i as TextItem).sources)).toEqual(messages.map((m) => [m.id]));
  });

  it("splits a message longer than 4096 at line breaks, each part under its header with (k/n)", async () => {
    const lines = Array.from({ length: 400 }, (_, i) => `line ${i}: ${"산".repeat(20 + (i % 13))}`);
    const long = text(lines.join("\n"));
    const items = texts(await plan([text("before"), long, text("after")]));
    const parts = items.filter((i) => i.label === items[1]!.label);
    expect(parts.length).toBeGreaterThan(2);
    parts.forEach((part, k) => {
      expect(part.text.length).toBeLessThanOrEqual(TEXT_LIMIT);
      expect(part.text.split("\n")[0]).toMatch(new RegExp(` \\(${k + 1}/${parts.length}\\)$`));
    });
    // Cut at line breaks only: the parts' bodies, joined by the dropped breaks, are the message.
    expect(parts.map((p) => p.text.slice(p.text.indexOf("\n") + 1)).join("\n")).toBe(long.text);
    expect(parts[0]!.sources).toEqual([long.id]);
    expect(items.at(-1)!.text.endsWith("\nafter")).toBe(true);
  });

  it("keeps room for the text under a sender name far longer than Telegram allows", async () => {
    const items = texts(await plan([text("본문 ".repeat(3000), { sender: "이름".repeat(3000) })]));
    expect(items.length).toBeGreaterThan(1);
    for (const item of items) {
      expect(item.text.length).toBeLessThanOrEqual(TEXT_LIMIT);
      expect(spans(item)[0]![1]).toBe(`${"이름".repeat(32)}…`);
    }
  });

  it("cuts text without spaces at character boundaries, never inside an emoji", () => {
    const text = "👨‍👩‍👧‍👦a🎉".repeat(500);
    const chunks = splitText(text, 1000);
    expect(chunks.join("")).toBe(text);
    for (const chunk of chunks) {
      expect(chunk.length).toBeLessThanOrEqual(1000);
      expect(chunk.startsWith("\u200d")).toBe(false);
      expect(/[\ud800-\udbff]$/.test(chunk)).toBe(false);
    }
  });
});

describe("replay plan: media", () => {
  it("sends a photo with the header and text as its caption", async () => {
    const m = media([photo("a.jpg")], "Summit at dawn");
    const [item] = await plan([m]);
    expect(item).toMatchObject({ kind: "media", method: "photo", file: { path: "media/a.jpg", name: "a.jpg" }, sources: [m.id] });
    expect(item?.kind === "media" && item.caption?.text.endsWith("\nSummit at dawn")).toBe(true);
  });

  it("moves a caption over 1024 units into a text right after the media", async () => {
    const m = media([photo("a.jpg")], "길".repeat(CAPTION_LIMIT));
    const items = await plan([m, text("next")]);
    expect(items.map((i) => i.kind)).toEqual(["media", "text"]);
    const [first, second] = items as [Extract<Item, { kind: "media" }>, TextItem];
    expect(first.caption!.text).not.toContain("길");
    expect(first.caption!.text.length).toBeLessThanOrEqual(CAPTION_LIMIT);
    expect(second.text).toContain(m.text);
    expect(second.text.endsWith("\nnext")).toBe(true);
  });

  it("gathers runs of photos into albums of 2 to 10; a lone photo goes as a photo", async () => {
    const run = Array.from({ length: 12 }, (_, i) => media([photo(`p${i}.jpg`)], i === 0 ? "trip" : ""));
    const items = await plan([...run, text("between"), media([photo("lone.jpg")])]);
    expect(items.map((i) => (i.kind === "album" ? `album${i.photos.length}` : i.kind))).toEqual(["album10", "album2", "text", "media"]);
    const album = items[0] as Extract<Item, { kind: "album" }>;
    expect(album.photos.map((p) => p.source)).toEqual(run.slice(0, 10).map((m) => m.id));
    expect(album.photos[0]!.caption!.text.endsWith("\ntrip")).toBe(true);
  });

  it("chooses the method by what Telegram accepts, else a document; files over 50 MB become a note", async () => {
    const items = await plan(
      [
        media([{ type: "photo", name: "x.heic", media: "x.heic" }]),
        media([{ type: "photo", name: "big.jpg", media: "big.jpg", size: 12 * 1024 * 1024 }]),
        media([{ type: "video", name: "v.mov", media: "v.mov" }]),
        media([{ type: "video", name: "v.mp4", media: "v.mp4" }]),
        media([{ type: "voice", name: "a.ogg", media: "a.ogg" }]),
        media([{ type: "sticker", name: "s.webp", media: "s.webp" }]),
        media([{ type: "file", name: "huge.zip", media: "huge.zip", size: 60 * 1024 * 1024 }]),
      ],
      false,
    );
    expect(items.map((i) => (i.kind === "media" ? i.method : i.kind))).toEqual(["document", "document", "document", "video", "voice", "document", "text"]);
    expect((items[6] as TextItem).text).toContain("huge.zip (60 MB: too large for a bot to send)");
  });
});

describe("replay plan: replies and determinism", () => {
  it("starts a new Telegram message at a reply, which carries the target's source id", async () => {
    const target = text("question?");
    const answer = text("answer", { replyTo: target.id });
    const items = texts(await plan([target, answer, text("more")]));
    expect(items.map((i) => i.replyTo)).toEqual([undefined, target.id]);
    expect(items[1]!.sources).toEqual([answer.id, expect.any(String)]);
  });

  it("plans the same items with the same numbers every time; a different option changes the digest", async () => {
    const messages = [...Array.from({ length: 30 }, (_, i) => text(`t${i}`)), media([photo("a.jpg")]), media([photo("b.jpg")])];
    const digest = async (pack: boolean) => {
      const d = new PlanDigest();
      for (const item of await plan(messages, pack)) d.add(item);
      return d.hex();
    };
    expect((await plan(messages)).map((i) => i.n)).toEqual([0, 1]);
    expect(await digest(true)).toBe(await digest(true));
    expect(await digest(true)).not.toBe(await digest(false));
  });
});
