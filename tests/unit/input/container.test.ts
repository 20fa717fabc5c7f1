import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import yauzl from "yauzl";
import { ChatFerryError } from "../../../src/errors.js";
import { translator } from "../../../src/i18n/index.js";
import { openContainer } from "../../../src/input/container.js";
import { EXPANSION_ALLOWANCE, INPUT_LIMITS } from "../../../src/input/limits.js";
import { drain, inspect, readConversations, type Conversation } from "../../../src/pipeline.js";
import type { Message } from "../../../src/schema/index.js";
import { writeKakaoAndroid } from "../../bench/kakao-export.js";
import { cli, ROOT } from "../../helpers/cli.js";
import { declareSize, forgeName, repeatEntry, writeZip, zipBuffer } from "../../helpers/zip.js";

const dir = mkdtempSync(join(tmpdir(), "chatferry-zip-"));
const HEX1 = "3f1c2b9e8d7a6f5e4d3c2b1a0f9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e.jpg";
const HEX2 = "9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b.jpg";
const chat = readFileSync(join(ROOT, "tests/fixtures/kakaotalk/android-ko.txt"));
const jpeg = (seed: number) => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(3000, seed)]);

async function collect(conversation: Conversation): Promise<{ messages: Message[]; summary: Awaited<ReturnType<typeof drain>> }> {
  const messages: Message[] = [];
  const summary = await drain(conversation, (batch) => void messages.push(...batch));
  return { messages, summary };
}

async function bytes(stream: AsyncIterable<Buffer>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const b of stream) parts.push(b);
  return Buffer.concat(parts);
}

describe("zip and folder inputs", () => {
  it("finds the chat in an Android 'all messages' zip by content and links its media by name", async () => {
    const path = join(dir, "KakaoTalk_Chats_2024-01-02.zip");
    await writeZip(path, [
      { name: "Kakao Talk Export/KakaoTalkChats.txt", data: chat },
      { name: `Kakao Talk Export/${HEX1}`, data: jpeg(1) },
      { name: `Kakao Talk Export/${HEX2}`, data: jpeg(2) },
      { name: "Kakao Talk Export/notes.txt", data: "not a chat, just a note\n" },
    ]);
    const conversations = [];
    for await (const c of readConversations(path, { timezone: "Asia/Seoul" })) {
      const { messages, summary } = await collect(c);
      const photos = messages.find((m) => m.attachments?.some((a) => a.name === HEX1))!;
      expect(photos.attachments).toEqual([
        { type: "photo", name: HEX1, media: `Kakao Talk Export/${HEX1}`, size: 3004 },
        { type: "photo", name: HEX2, media: `Kakao Talk Export/${HEX2}`, size: 3004 },
      ]);
      expect(await bytes(c.media.open(`Kakao Talk Export/${HEX2}`))).toEqual(jpeg(2));
      // The 등산로.pdf the chat names is not in the zip: reported, not dropped.
      expect(summary.warnings).toEqual([{ code: "missing-media", file: "Kakao Talk Export/KakaoTalkChats.txt", line: 20, text: "등산로.pdf" }]);
      conversations.push({ header: c.header, count: messages.length });
    }
    expect(conversations).toHaveLength(1);
    expect(conversations[0]!.header.source.files).toEqual(["Kakao Talk Export/KakaoTalkChats.txt"]);
    expect(conversations[0]!.count).toBe(15);
  });

  it("reads an unzipped export folder the same way", async () => {
    const folder = join(dir, "KakaoTalk_Chats_folder");
    mkdirSync(join(folder, "media"), { recursive: true });
    writeFileSync(join(folder, "KakaoTalkChats.txt"), chat);
    writeFileSync(join(folder, "media", HEX1), jpeg(1));
    const r = await cli(["stats", folder, "--json"]);
    expect(r.stderr).toBe("");
    const { summary } = JSON.parse(r.stdout) as { summary: { messages: number; warnings: { text: string }[] } };
    expect(summary.messages).toBe(15);
    expect(summary.warnings.map((w) => w.text).sort()).toEqual([HEX2, "등산로.pdf"].sort());
  });

  it("links WhatsApp iOS attachments inside 'WhatsApp Chat - X.zip' and streams them", async () => {
    const path = join(dir, "WhatsApp Chat - Weekend Hikers.zip");
    const names = ["00000012-PHOTO-2024-01-15-15-05-01.jpg", "00000013-AUDIO-2024-01-15-15-05-30.opus", "00000014-trail-map.pdf", "00000015-VIDEO-2024-01-16-09-00-00.mp4"];
    await writeZip(path, [
      { name: "_chat.txt", data: readFileSync(join(ROOT, "tests/fixtures/whatsapp/ios-en-us/_chat.txt")) },
      ...names.map((name, i) => ({ name, data: jpeg(i) })),
    ]);
    for await (const c of readConversations(path, { timezone: "UTC" })) {
      const { messages, summary } = await collect(c);
      const linked = messages.flatMap((m) => m.attachments ?? []).filter((a) => a.media !== undefined);
      expect(linked.map((a) => a.media).sort()).toEqual([...names].sort());
      expect(summary.warnings.filter((w) => w.code === "missing-media")).toEqual([]);
      expect(await bytes(c.media.open(names[2]!))).toEqual(jpeg(2));
    }
  });

  it("reads a zipped Telegram export and links media by their relative paths", async () => {
    const root = join(ROOT, "tests/fixtures/telegram/chat");
    const files = (readdirSync(root, { recursive: true }) as string[]).filter((f) => statSync(join(root, f)).isFile());
    const path = join(dir, "Telegram Export.zip");
    await writeZip(path, files.map((f) => ({ name: `ChatExport_2024-01-02/${f}`, data: readFileSync(join(root, f)) })));
    let zipped: Awaited<ReturnType<typeof collect>> | undefined;
    for await (const c of readConversations(path, { timezone: "UTC" })) zipped = await collect(c);
    const photo = zipped!.messages.flatMap((m) => m.attachments ?? []).find((a) => a.type === "photo")!;
    expect(photo.media).toBe("ChatExport_2024-01-02/photos/photo_1@01-01-2024_00-05-00.jpg");
    // The same export as a folder gives the same messages.
    for await (const c of readConversations(root, { timezone: "UTC" })) {
      const folder = await collect(c);
      expect(folder.messages.map((m) => m.text)).toEqual(zipped!.messages.map((m) => m.text));
      expect(folder.summary.messages).toBe(zipped!.summary.messages);
    }
  });

  it("keeps the conversations of several inputs apart", async () => {
    const a = join(ROOT, "tests/fixtures/kakaotalk/pc-ko.txt");
    const b = join(ROOT, "tests/fixtures/kakaotalk/ios-en.txt");
    const r = await cli(["parse", a, b]);
    expect(r.code).toBe(0);
    const types = r.stdout.trimEnd().split("\n").map((l) => (JSON.parse(l) as { type: string }).type);
    const blocks = types.join(",").replace(/(,message)+/g, ",messages");
    expect(blocks).toBe("conversation,messages,summary,conversation,messages,summary");
  });

  it("reads stored entries from any offset, in the pieces asked for", async () => {
    const path = join(dir, "stored.zip");
    const media = randomBytes(300_000);
    await writeZip(path, [
      { name: "a.mp4", data: media, compress: false },
      { name: "empty.jpg", data: Buffer.alloc(0), compress: false },
      { name: "b.txt", data: "deflated, after the stored ones", compress: true },
    ]);
    const container = await openContainer(path);
    try {
      const entry = (name: string) => container.entries.find((e) => e.path === name)!;
      const pieces: Buffer[] = [];
      for await (const piece of entry("a.mp4").read({ start: 1000, chunkSize: 64 * 1024 })) pieces.push(piece);
      expect(Buffer.concat(pieces).equals(media.subarray(1000))).toBe(true);
      expect(Math.max(...pieces.map((p) => p.length))).toBe(64 * 1024);
      expect((await bytes(entry("a.mp4").read())).equals(media)).toBe(true);
      // Lent: two buffers take turns, so a piece must be copied before the next is asked for.
      const lent: Buffer[] = [];
      const copies: Buffer[] = [];
      for await (const piece of entry("a.mp4").read({ chunkSize: 64 * 1024, lent: true })) {
        lent.push(piece);
        copies.push(Buffer.from(piece));
      }
      expect(Buffer.concat(copies).equals(media)).toBe(true);
      expect(new Set(lent.map((piece) => piece.buffer)).size).toBe(2);
      expect((await bytes(entry("a.mp4").read({ start: media.length }))).length).toBe(0);
      expect((await bytes(entry("empty.jpg").read())).length).toBe(0);
      expect((await bytes(entry("b.txt").read({ start: 10 }))).toString()).toBe("deflated, after the stored ones".slice(10));
    } finally {
      await container.close();
    }
  });

  it("says so when a zip holds no chat", async () => {
    const path = join(dir, "photos.zip");
    await writeZip(path, [{ name: "a.jpg", data: jpeg(1) }]);
    const r = await cli(["stats", path]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("photos.zip holds no chat export ChatFerry recognises");
  });
});

describe("folders too big to be an export are refused while they are walked", () => {
  /** A folder of `count` small files, spread over a few subfolders. */
  const folderOf = (name: string, count: number, bytes = 10) => {
    const root = join(dir, name);
    for (let i = 0; i < count; i++) {
      const sub = join(root, `sub${i % 3}`);
      mkdirSync(sub, { recursive: true });
      writeFileSync(join(sub, `f${i}.jpg`), Buffer.alloc(bytes, 1));
    }
    writeFileSync(join(root, "KakaoTalkChats.txt"), chat);
    return root;
  };

  it("more files than the limit", async () => {
    const root = folderOf("crowded", 300);
    const error = await openContainer(root, { ...INPUT_LIMITS, entries: 200 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "E_FOLDER_TOO_BIG", params: { file: "crowded", entries: "200" } });
    // The same folder is read under the default limit, which no real export folder reaches.
    expect((await openContainer(root)).entries).toHaveLength(301);
    expect(INPUT_LIMITS.entries).toBe(100_000);
  });

  it("more bytes than the limit", async () => {
    const root = folderOf("heavy", 3, 1000);
    const error = await openContainer(root, { ...INPUT_LIMITS, bytes: 2500 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "E_FOLDER_TOO_BIG" });
    expect((await openContainer(root, { ...INPUT_LIMITS, bytes: 3000 + chat.length })).entries).toHaveLength(4);
  });

  it("a media folder beside a lone chat file", async () => {
    const root = join(dir, "telegram-lone");
    mkdirSync(join(root, "photos"), { recursive: true });
    writeFileSync(join(root, "result.json"), readFileSync(join(ROOT, "tests/fixtures/telegram/chat/result.json")));
    for (let i = 0; i < 300; i++) writeFileSync(join(root, "photos", `p${i}.jpg`), "x");
    const read = async () => {
      for await (const c of readConversations(join(root, "result.json"), { timezone: "UTC", limits: { ...INPUT_LIMITS, entries: 200 } })) await collect(c);
    };
    await expect(read()).rejects.toMatchObject({ code: "E_FOLDER_TOO_BIG", params: { file: "photos" } });
  });

  it("says so in one line, in English and in Korean", () => {
    const params = { file: "crowded", entries: "100,000", gb: 20 };
    expect(translator("en")("E_FOLDER_TOO_BIG", params)).toBe(
      "crowded holds more than 100,000 files or 20 GB, more than any chat export; nothing was read. Choose the export's own folder or its zip.",
    );
    expect(translator("ko")("E_FOLDER_TOO_BIG", params)).toMatch(/^crowded 폴더에는 파일이 100,000개 또는 20GB보다 많이 들어 있어 [^\n]+$/);
  });
});

describe("hostile zips are refused before anything is read or written", () => {
  const refused = async (zip: Buffer, name: string, reason: RegExp) => {
    const path = join(dir, name);
    writeFileSync(path, zip);
    const out = join(dir, `${name}.ndjson`);
    const r = await cli(["parse", path, "-o", out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(reason);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(existsSync(out)).toBe(false);
  };

  it("an entry that climbs out with ..", async () => {
    const zip = forgeName(await zipBuffer([{ name: "xx/evil.txt", data: chat }]), "xx/evil.txt", "../evil.txt");
    await refused(zip, "climb.zip", /refused as unsafe \(\.\.\/evil\.txt: invalid relative path/);
  });

  it("an absolute path", async () => {
    const zip = forgeName(await zipBuffer([{ name: "xetc/passwd.txt", data: chat }]), "xetc/passwd.txt", "/etc/passwd.txt");
    await refused(zip, "absolute.zip", /refused as unsafe \(\/etc\/passwd\.txt/);
  });

  it("a symbolic link", async () => {
    await refused(await zipBuffer([{ name: "link.txt", data: "/etc/passwd", mode: 0o120777 }]), "link.zip", /link\.txt: a link/);
  });

  it("a zip bomb (over 100:1)", async () => {
    await refused(
      await zipBuffer([{ name: "KakaoTalkChats.txt", data: Buffer.alloc(50 * 1024 * 1024, 0x20) }]),
      "bomb.zip",
      /bomb\.zip\/KakaoTalkChats\.txt would expand to more than 100 times its compressed size/,
    );
  });

  it("many small bombs, each below any per-entry check: 300 entries of 1 MiB of zeros", async () => {
    const zip = repeatEntry(await zipBuffer([{ name: "zeros.jpg", data: Buffer.alloc(1024 * 1024) }]), 300);
    // 300 MiB in about 340 KB: 900:1 over the whole zip, though no entry holds more than 1 MiB.
    expect(zip.length).toBeLessThan(400_000);
    await refused(zip, "bombs.zip", /^chatferry: bombs\.zip would expand to more than 100 times its compressed size/);
    // Refused from the zip's directory alone: not one entry was opened, let alone inflated.
    const opened = vi.spyOn(yauzl.ZipFile.prototype, "openReadStream");
    const error = await openContainer(join(dir, "bombs.zip")).catch((e: unknown) => e);
    const reads = opened.mock.calls.length;
    opened.mockRestore();
    expect(error).toMatchObject({ code: "E_ZIP_BOMB", params: { file: "bombs.zip", ratio: 100 } });
    expect(reads).toBe(0);
  });

  it("an entry whose header understates its size: it is stopped at the size it declared", async () => {
    const chat = Buffer.concat([readFileSync(join(ROOT, "tests/fixtures/kakaotalk/android-ko.txt")), Buffer.alloc(8 * 1024 * 1024, 0x61)]);
    const zip = declareSize(await zipBuffer([{ name: "KakaoTalkChats.txt", data: chat }]), 1000);
    const path = join(dir, "liar.zip");
    writeFileSync(path, zip);
    const container = await openContainer(path);
    let got = 0;
    const error = await (async () => {
      for await (const chunk of container.entries[0]!.read()) got += chunk.length;
    })().catch((e: unknown) => e);
    await container.close();
    expect(error).toMatchObject({ code: "E_BAD_ZIP" });
    expect(got).toBeLessThanOrEqual(1000);
    const r = await cli(["stats", path]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^chatferry: liar\.zip is not a readable zip file: KakaoTalkChats\.txt: too many bytes/);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
  });

  it("more entries or bytes than the limits", async () => {
    const path = join(dir, "many.zip");
    await writeZip(path, Array.from({ length: 20 }, (_, i) => ({ name: `m${i}.txt`, data: "x".repeat(1000) })));
    const tooMany = await openContainer(path, { ...INPUT_LIMITS, entries: 10 }).catch((e: unknown) => e);
    expect(tooMany).toBeInstanceOf(ChatFerryError);
    expect((tooMany as ChatFerryError).params.reason).toBe("20 entries");
    const tooBig = await openContainer(path, { ...INPUT_LIMITS, entries: 100, bytes: 10_000 }).catch((e: unknown) => e);
    expect((tooBig as ChatFerryError).code).toBe("E_UNSAFE_ZIP");
  });

  it("more than 100,000 entries with the default limits", async () => {
    // A directory that claims 100,001 entries (ZIP64 end records): refused from the count alone.
    const head = Buffer.from("PK\x03\x04");
    const zip64End = Buffer.alloc(56);
    zip64End.writeUInt32LE(0x06064b50, 0);
    zip64End.writeBigUInt64LE(44n, 4);
    zip64End.writeBigUInt64LE(100_001n, 24);
    zip64End.writeBigUInt64LE(100_001n, 32);
    const locator = Buffer.alloc(20);
    locator.writeUInt32LE(0x07064b50, 0);
    locator.writeBigUInt64LE(BigInt(head.length), 8);
    locator.writeUInt32LE(1, 16);
    const end = Buffer.alloc(22, 0xff);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt32LE(0, 4);
    end.writeUInt16LE(0, 20);
    await refused(Buffer.concat([head, zip64End, locator, end]), "crowd.zip", /refused as unsafe \(100001 entries\)/);
  });

  it("a realistic export still opens: 20 MB of chat text and incompressible media", async () => {
    const text = join(dir, "generated.txt");
    await writeKakaoAndroid(text, 200_000);
    const size = statSync(text).size;
    // Enough text that the ratio decides, not the allowance every zip has.
    expect(size).toBeGreaterThan(EXPANSION_ALLOWANCE);
    const path = join(dir, "KakaoTalk_Chats_realistic.zip");
    await writeZip(path, [
      { name: "Kakao Talk Export/KakaoTalkChats.txt", data: readFileSync(text) },
      ...Array.from({ length: 5 }, (_, i) => ({ name: `Kakao Talk Export/photo${i}.jpg`, data: randomBytes(300_000) })),
    ]);
    const ratio = (size + 5 * 300_000) / statSync(path).size;
    expect(ratio).toBeGreaterThan(3);
    expect(ratio).toBeLessThan(INPUT_LIMITS.ratio / 5);
    const inspection = await inspect(path);
    expect(inspection.chats.map((c) => c.entry.path)).toEqual(["Kakao Talk Export/KakaoTalkChats.txt"]);
    await inspection.container.close();
  });

  it("a file that only looks like a zip", async () => {
    const r = await cli(["stats", (() => { const p = join(dir, "fake.zip"); writeFileSync(p, Buffer.concat([Buffer.from("PK\x03\x04"), Buffer.alloc(100)])); return p; })()]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("is not a readable zip file");
  });
});
