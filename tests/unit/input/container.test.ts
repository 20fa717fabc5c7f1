import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ChatFerryError } from "../../../src/errors.js";
import { openContainer } from "../../../src/input/container.js";
import { drain, readConversations, type Conversation } from "../../../src/pipeline.js";
import type { Message } from "../../../src/schema/index.js";
import { cli, ROOT } from "../../helpers/cli.js";
import { forgeName, writeZip, zipBuffer } from "../../helpers/zip.js";

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

  it("says so when a zip holds no chat", async () => {
    const path = join(dir, "photos.zip");
    await writeZip(path, [{ name: "a.jpg", data: jpeg(1) }]);
    const r = await cli(["stats", path]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("photos.zip holds no chat export ChatFerry recognises");
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
    await refused(await zipBuffer([{ name: "KakaoTalkChats.txt", data: Buffer.alloc(50 * 1024 * 1024, 0x20) }]), "bomb.zip", /compressed more than 100:1/);
  });

  it("more entries or bytes than the limits", async () => {
    const path = join(dir, "many.zip");
    await writeZip(path, Array.from({ length: 20 }, (_, i) => ({ name: `m${i}.txt`, data: "x".repeat(1000) })));
    const tooMany = await openContainer(path, { entries: 10, bytes: 1e9, ratio: 100 }).catch((e: unknown) => e);
    expect(tooMany).toBeInstanceOf(ChatFerryError);
    expect((tooMany as ChatFerryError).params.reason).toBe("20 entries");
    const tooBig = await openContainer(path, { entries: 100, bytes: 10_000, ratio: 100 }).catch((e: unknown) => e);
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

  it("a file that only looks like a zip", async () => {
    const r = await cli(["stats", (() => { const p = join(dir, "fake.zip"); writeFileSync(p, Buffer.concat([Buffer.from("PK\x03\x04"), Buffer.alloc(100)])); return p; })()]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("is not a readable zip file");
  });
});
