// Facebook Messenger's "Download your information" (JSON) and its end-to-end encrypted chats'
// download, read from fixtures written byte for byte as Meta writes them (tests/fixtures/messenger).
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { chatBytes, inspect } from "../../../src/pipeline.js";
import { mediaPath } from "../../../src/sources/meta/media.js";
import { repairText } from "../../../src/sources/meta/mojibake.js";
import { noticeOf } from "../../../src/sources/meta/notices.js";
import { messenger } from "../../../src/sources/messenger/index.js";
import { ROOT } from "../../helpers/cli.js";
import { readAll, readOne } from "../../helpers/read.js";
import { writeZip } from "../../helpers/zip.js";

const FIXTURES = join(ROOT, "tests/fixtures/messenger");
const DYI = join(FIXTURES, "dyi");
const GROUP = join(DYI, "your_facebook_activity/messages/inbox/deungsanmoim_7311524683941276");
const E2EE = join(FIXTURES, "e2ee/Alex Park_12.json");
const ZONE = "Asia/Seoul";

describe("mojibake repair", () => {
  it("reads each code point as a byte and the bytes as UTF-8: accents, Hangul, 4-byte emoji", () => {
    expect(repairText("caf\u00c3\u00a9")).toBe("café");
    expect(repairText("\u00ec\u0095\u0088\u00eb\u0085\u0095")).toBe("안녕");
    expect(repairText("\u00f0\u009f\u0098\u0080")).toBe("😀");
    expect(repairText("\u00e2\u009d\u00a4\u00ef\u00b8\u008f")).toBe("❤️");
  });

  it("leaves text that was already right: ASCII, a lone é, Hangul, emoji, bytes that are not UTF-8", () => {
    for (const right of ["plain", "café", "é", "안녕", "😀", "\u00e9t\u00e9", "\u00c3"]) expect(repairText(right)).toBe(right);
  });
});

describe("Messenger: a group over three files", () => {
  it("detects the download by its keys and path, with the folder that says Facebook", () => {
    const text = readFileSync(join(GROUP, "message_2.json"), "utf8");
    const head = { name: "message_2.json", path: "your_facebook_activity/messages/inbox/x_1/message_2.json", lines: text.split("\n").slice(0, 200) };
    expect(messenger.detect(head)).toMatchObject({ variant: "messenger.json" });
    // Without the folder, the uris in its head still say Facebook.
    expect(messenger.detect({ ...head, path: undefined })).toMatchObject({ variant: "messenger.json" });
  });

  it("reads the three files as one conversation, oldest first, every message once", async () => {
    const [dm, group] = await readAll(DYI, ZONE);
    expect(dm!.header.title).toBe("Alex Park");
    const { header, messages, summary } = group!;
    expect(header.title).toBe("등산 모임");
    expect(header.kind).toBe("group");
    expect(header.source).toMatchObject({ platform: "messenger", variant: "messenger.json" });
    expect(header.source.files.map((f) => f.slice(-14))).toEqual(["message_1.json", "message_2.json", "message_3.json"]);
    // 6 + 6 + 6 messages in, 18 out, in time order.
    expect(summary.messages).toBe(18);
    expect(messages).toHaveLength(18);
    const times = messages.map((m) => Date.parse(m.time));
    expect(times).toEqual(times.toSorted((a, b) => a - b));
    expect(messages.map((m) => m.source.file.slice(-14))).toEqual([...Array(6).fill("message_3.json"), ...Array(6).fill("message_2.json"), ...Array(6).fill("message_1.json")]);
    // Each message names the line it starts on in its own file.
    const first = readFileSync(join(GROUP, "message_3.json"), "utf8").split("\n");
    expect(first[messages[0]!.source.line - 1]).toBe("    {");
    expect(first[messages[0]!.source.line]).toContain('"sender_name"');
  });

  it("keeps two messages of one instant in the order they were sent: a newest-first file's order, reversed", async () => {
    const { messages } = (await readAll(DYI, ZONE))[1]!;
    expect(messages[3]).toMatchObject({ sender: "이서준", text: "안녕하세요! 이번 주 토요일 북한산 어때요? 🏔️" });
    expect(messages[4]).toMatchObject({ sender: "최유나", text: "좋아요 😀", time: messages[3]!.time });
  });

  it("repairs names, texts, reactions and titles", async () => {
    const { messages, summary } = (await readAll(DYI, ZONE))[1]!;
    expect(summary.participants.map((p) => p.name).sort()).toEqual(["Alex Park", "김민지", "이서준", "최유나"].sort());
    expect(messages[4]!.reactions).toEqual([
      { emoji: "❤", by: "김민지" },
      { emoji: "😆", by: "이서준" },
    ]);
    expect(messages.find((m) => m.text.startsWith("Café"))!.text).toBe("Café에서 만나요 ☕");
    expect(messages.at(-1)!.text).toBe("다음에 또 가요! 🥾");
  });

  it("reads notices in words, Subscribe and Unsubscribe as system notices only groups have", async () => {
    const { messages } = (await readAll(DYI, ZONE))[1]!;
    const system = messages.filter((m) => m.kind === "system" && !m.call).map((m) => m.text);
    expect(system).toEqual([
      "김민지 created the group.",
      "김민지 added 최유나 to the group.",
      "Alex Park named the group 등산 모임.",
      "김민지 set the nickname for Alex Park to 알렉스.",
      "이서준 left the group.",
    ]);
  });

  it("links every kind of media by its uri, relative to the export's root", async () => {
    const { messages, summary } = (await readAll(DYI, ZONE))[1]!;
    const media = messages.filter((m) => m.kind === "media").map((m) => m.attachments![0]!);
    expect(media.map((a) => a.type)).toEqual(["photo", "video", "audio", "sticker", "gif", "file"]);
    for (const a of media) expect(a.media).toMatch(/^your_facebook_activity\/messages\//);
    expect(media[3]!.media).toBe("your_facebook_activity/messages/stickers_used/39178562_1505197616293642_5411344281094848512_n.png");
    expect(media[5]).toMatchObject({ name: "코스 안내.pdf", size: 125 });
    expect(summary.warnings).toEqual([]);
  });

  it("reads an unsent message as a deletion, a call as a call event, a share with its link", async () => {
    const { messages } = (await readAll(DYI, ZONE))[1]!;
    expect(messages[11]).toMatchObject({ kind: "deleted", sender: "Alex Park", text: "" });
    expect(messages[12]).toMatchObject({ kind: "system", sender: null, text: "이서준 started a call.", call: { media: "voice", outcome: "answered", seconds: 754, by: "이서준" } });
    expect(messages[7]).toMatchObject({ kind: "text", text: "코스 여기요 https://www.komoot.com/tour/1234567890" });
  });

  it("reads a missed call and an answered one of a direct thread, and has no replies (the format has none)", async () => {
    const { messages } = (await readAll(DYI, ZONE))[0]!;
    expect(messages.map((m) => m.call)).toEqual([
      undefined,
      undefined,
      { media: "voice", outcome: "missed", by: "김민지" },
      { media: "voice", outcome: "answered", seconds: 95, by: "김민지" },
      undefined,
    ]);
    expect(messages.every((m) => m.replyTo === undefined)).toBe(true);
  });

  it("counts all the parts for progress and leaves them out of the media", async () => {
    const inspection = await inspect(DYI);
    try {
      expect(inspection.chats).toHaveLength(2);
      const group = inspection.chats[1]!;
      expect([group.entry, ...group.rest.map((r) => r.entry)].map((e) => e.path.slice(-14))).toEqual(["message_1.json", "message_2.json", "message_3.json"]);
      const sizes = ["message_1.json", "message_2.json", "message_3.json"].map((f) => readFileSync(join(GROUP, f)).length);
      expect(chatBytes(inspection)).toBe(inspection.chats[0]!.entry.size + sizes.reduce((a, b) => a + b));
    } finally {
      await inspection.container.close();
    }
    // Each part is read twice (its order, then its messages): each pass counts half, so progress ends at the bytes.
    const done: number[] = [];
    let total = 0;
    await readAll(DYI, ZONE, { onProgress: (p) => void (done.push(p.done), (total = p.total)) });
    expect(done).toEqual(done.toSorted((x, y) => x - y));
    expect(done.at(-1)).toBe(total);
  });

  it("reads the download zipped inside a folder of its own, its media found from the export's root", async () => {
    const zip = join(mkdtempSync(join(tmpdir(), "chatferry-meta-")), "facebook-minji.zip");
    const files = readdirSync(DYI, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
    await writeZip(zip, files.map((e) => ({ name: join("facebook-minji", e.parentPath.slice(DYI.length + 1), e.name), data: readFileSync(join(e.parentPath, e.name)) })));
    const { messages, summary } = (await readAll(zip, ZONE))[1]!;
    expect(summary.messages).toBe(18);
    expect(summary.warnings).toEqual([]);
    const media = messages.flatMap((m) => m.attachments ?? []).map((a) => a.media);
    expect(media).toHaveLength(6);
    for (const path of media) expect(path).toMatch(/^facebook-minji\/your_facebook_activity\/messages\//);
  });

  it("keeps the conversation's id across runs", async () => {
    const a = (await readAll(DYI, ZONE))[1]!.header.id;
    const b = (await readAll(DYI, ZONE))[1]!.header.id;
    expect(a).toBe(b);
  });

  it("brings the other parts with a lone message_N.json, whichever is given, and finds its media beside it", async () => {
    for (const given of ["message_1.json", "message_3.json"]) {
      const { header, messages } = await readOne(join(GROUP, given), ZONE);
      expect(header.source.files).toEqual(["message_1.json", "message_2.json", "message_3.json"]);
      expect(messages).toHaveLength(18);
      const photo = messages.find((m) => m.attachments?.[0]?.type === "photo")!.attachments![0]!;
      expect(photo.media).toBe("photos/431278905612345_1023456789012345_7412589630147852369_n.jpg");
    }
  });

  it("decides a file's direction from its instants, not its number: a file oldest first is read forwards", async () => {
    const dir = mkdtempSync(join(tmpdir(), "chatferry-meta-"));
    cpSync(GROUP, dir, { recursive: true });
    // message_2 rewritten oldest first: the conversation is the same.
    const part = JSON.parse(readFileSync(join(dir, "message_2.json"), "utf8")) as { messages: unknown[] };
    part.messages.reverse();
    writeFileSync(join(dir, "message_2.json"), JSON.stringify(part, null, 2));
    const turned = await readOne(dir, ZONE);
    const original = (await readAll(DYI, ZONE))[1]!;
    const shape = (m: { time: string; sender: string | null; text: string; kind: string }) => [m.time, m.sender, m.kind, m.text];
    expect(turned.messages.map(shape)).toEqual(original.messages.map(shape));
  });

  it("tells a notice in words only where its subject is the sender (or You)", () => {
    expect(noticeOf("Bob left the group.", "Bob")).toEqual({ group: true });
    expect(noticeOf("You named the group Trip.", "Bob")).toEqual({ group: true });
    expect(noticeOf("Bob set your nickname to Bobby.", "Bob")).toEqual({ group: false });
    expect(noticeOf("Alice left the group.", "Bob")).toBeNull();
    expect(noticeOf("Bob left the group. Bye!", "Bob")).toBeNull();
    expect(noticeOf("This poll is no longer available.", "Jane")).toEqual({ group: false });
  });

  it("resolves a uri from the export's root wherever the thread sits in the input", () => {
    const chat = "fb-2024/your_facebook_activity/messages/inbox/a_1/message_1.json";
    expect(mediaPath("your_facebook_activity/messages/inbox/a_1/photos/p.jpg", chat)).toBe("photos/p.jpg");
    expect(mediaPath("your_facebook_activity/messages/stickers_used/s.png", chat)).toBe("../../stickers_used/s.png");
    // An older export's root inside a folder itself named "messages".
    expect(mediaPath("messages/inbox/a_1/photos/p.jpg", "messages/messages/inbox/a_1/message_1.json")).toBe("photos/p.jpg");
    // A lone file shows no folders: the uri stays, and its file is found by name.
    expect(mediaPath("messages/inbox/a_1/photos/p.jpg", "message_1.json")).toBe("messages/inbox/a_1/photos/p.jpg");
  });

  it("reports a message without a time at its file and line, and keeps it", async () => {
    const dir = mkdtempSync(join(tmpdir(), "chatferry-meta-"));
    writeFileSync(
      join(dir, "message_1.json"),
      '{\n  "participants": [\n    {\n      "name": "A"\n    }\n  ],\n  "messages": [\n    {\n      "sender_name": "A",\n      "timestamp_ms": 1709251200000,\n      "content": "b",\n      "type": "Generic"\n    },\n    {\n      "sender_name": "A",\n      "content": "a",\n      "type": "Poke"\n    }\n  ],\n  "title": "A"\n}',
    );
    const { messages, summary } = await readOne(join(dir, "message_1.json"), ZONE);
    expect(messages.map((m) => m.text)).toEqual(["a", "b"]);
    // The first message read has no time before it: it takes the thread's earliest, never 1970.
    expect(messages[0]!.time).toBe(messages[1]!.time);
    expect(summary.warnings).toEqual([
      { code: "time-missing", file: "message_1.json", line: 14, text: "" },
      { code: "unknown-type", file: "message_1.json", line: 14, text: "Poke" },
    ]);
  });

  it("reads a hand-made file larger than a window back from its end, window by window, in order", async () => {
    const dir = mkdtempSync(join(tmpdir(), "chatferry-meta-"));
    // 25,001 messages of 1,400 characters: 35M characters, past a window (32M), so read back in two.
    const count = 25_001;
    const pad = " ".padEnd(1400, "x");
    const items = Array.from({ length: count }, (_, i) => `    {\n      "sender_name": "A",\n      "timestamp_ms": ${1709251200000 + (count - 1 - i) * 1000},\n      "content": "m${count - 1 - i}${pad}"\n    }`);
    writeFileSync(join(dir, "message_1.json"), `{\n  "participants": [],\n  "messages": [\n${items.join(",\n")}\n  ]\n}`);
    const { messages } = await readOne(join(dir, "message_1.json"), ZONE);
    expect(messages).toHaveLength(count);
    expect(messages.every((m, i) => m.text === `m${i}${pad}`)).toBe(true);
    expect(messages[0]!.source.line).toBe(4 + (count - 1) * 5);
  });

  it("refuses a file cut short with a one-line error naming it", async () => {
    const dir = mkdtempSync(join(tmpdir(), "chatferry-meta-"));
    writeFileSync(join(dir, "message_1.json"), readFileSync(join(GROUP, "message_1.json"), "utf8").slice(0, 900));
    await expect(readAll(join(dir, "message_1.json"), ZONE)).rejects.toMatchObject({ code: "E_READ", params: { file: "message_1.json" } });
  });
});

describe("Messenger: the end-to-end encrypted chats' download", () => {
  it("reads the camelCase shape as it is (its text is right), with media, unsent and failed media", async () => {
    const { header, messages, summary } = await readOne(E2EE, ZONE);
    expect(header.title).toBe("Alex Park");
    expect(header.source.variant).toBe("messenger.e2ee.json");
    expect(messages.map((m) => [m.kind, m.sender, m.text])).toEqual([
      ["text", "Alex Park", "9시 구파발역 2번 출구 😊"],
      ["text", "Alex Park", "좋아요 👍"],
      ["media", "김민지", ""],
      ["media", "Alex Park", ""],
      ["deleted", "Alex Park", ""],
      ["text", "김민지", "내일 봐요 🌄"],
    ]);
    expect(messages[2]!.attachments).toEqual([{ type: "photo", name: "6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b.jpeg", media: "media/6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b.jpeg", size: 160 }]);
    expect(messages[5]!.reactions).toEqual([{ emoji: "❤", by: "Alex Park" }]);
    expect(summary.warnings).toEqual([{ code: "missing-media", file: "Alex Park_12.json", line: 44, text: "Failed to download media" }]);
  });
});

describe("Meta's HTML download", () => {
  it.each([
    ["a folder", join(FIXTURES, "html")],
    ["a lone thread file", join(FIXTURES, "html/your_facebook_activity/messages/inbox/alexpark_1029384756102938/message_1.html")],
  ])("is refused with E_META_HTML (%s)", async (_, path) => {
    await expect(readAll(path, ZONE)).rejects.toMatchObject({ code: "E_META_HTML" });
  });
});

describe("Messenger: what review found", () => {
  /** A part as Meta writes one: its people, then its messages newest first, given as [ms, text]. */
  const part = (people: string[], messages: [number, string][]) =>
    JSON.stringify(
      {
        participants: people.map((name) => ({ name })),
        messages: messages.map(([ms, content]) => ({ sender_name: people[0], timestamp_ms: ms, content, is_geoblocked_for_viewer: false })),
        title: people[0],
      },
      null,
      2,
    );
  const folderWith = (files: Record<string, string>) => {
    const dir = mkdtempSync(join(tmpdir(), "chatferry-meta-"));
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    return dir;
  };

  it("keeps the parts in Meta's order when one stray time says otherwise, and names the file it doubts", async () => {
    const dir = folderWith({
      "message_1.json": part(["A", "B"], [[9000, "9"], [8000, "8"], [7000, "7"], [1000, "stray"]]),
      "message_2.json": part(["A", "B"], [[3000, "3"], [2000, "2"]]),
    });
    const { messages, summary } = await readOne(dir, ZONE);
    expect(messages.map((m) => m.text)).toEqual(["2", "3", "stray", "7", "8", "9"]);
    expect(summary.warnings.map((w) => [w.code, w.text])).toEqual([["order-unclear", "message_1.json"]]);
  });

  it("says which part of a thread is missing", async () => {
    const dir = folderWith({ "message_1.json": part(["A", "B"], [[9000, "9"]]), "message_3.json": part(["A", "B"], [[1000, "1"]]) });
    const { messages, summary } = await readOne(dir, ZONE);
    expect(messages.map((m) => m.text)).toEqual(["1", "9"]);
    expect(summary.warnings.map((w) => [w.code, w.count])).toEqual([["part-missing", 2]]);
  });

  it("does not join a lone file with a message_N.json of another thread lying beside it", async () => {
    const dir = folderWith({ "message_1.json": part(["Alice", "Me"], [[9000, "hi"]]), "message_2.json": part(["Bob", "Me"], [[1000, "other chat"]]) });
    const { header, messages } = await readOne(join(dir, "message_1.json"), ZONE);
    expect([header.title, header.source.files, messages.map((m) => m.text)]).toEqual(["Alice", ["message_1.json"], ["hi"]]);
  });

  it("lets only media paths and a group's join link tell Instagram, not a link someone sent", () => {
    const lines = (extra: object) => part(["A", "B"], [[1000, "join us https://ig.me/j/AbCdEf/"]]).replace('"title"', `${JSON.stringify(extra).slice(1, -1)},\n  "title"`).split("\n");
    expect(messenger.detect({ name: "message_1.json", lines: lines({ thread_path: "inbox/a_1" }) })?.variant).toBe("meta.json");
    expect(messenger.detect({ name: "message_1.json", lines: lines({ joinable_mode: { mode: 1, link: "https://m.me/j/Xy/" } }) })?.variant).toBe("messenger.json");
  });
});
