import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { detectSource } from "../../../src/sources/index.js";
import { discordPackage, PACKAGE_SELF } from "../../../src/sources/discord/package.js";
import { cli } from "../../helpers/cli.js";
import { readAll, runSource } from "../../helpers/read.js";

const PACKAGE = join(import.meta.dirname, "../../fixtures/discord/package");
const JSON_CHANNEL = "messages/c1187334450129805412/messages.json";
const CSV_CHANNEL = "messages/c772915480237637652/messages.csv";

describe("Discord data package: detection", () => {
  it("knows messages.json and messages.csv by content, and not the package's other files", () => {
    const json = '[{"ID": 1187334512376573962, "Timestamp": "2023-12-21 11:14:03", "Contents": "hi", "Attachments": ""}]';
    expect(detectSource({ name: "messages.json", lines: [json] })).toMatchObject({ source: { id: "discord.package" }, variant: "discord.package" });
    expect(detectSource({ name: "x.csv", lines: ["ID,Timestamp,Contents,Attachments", "1,2020-11-08 19:02:11.452000+00:00,gg,"] })).toMatchObject({
      source: { id: "discord.package.csv" },
      variant: "discord.package.csv",
    });
    expect(discordPackage.detect({ name: "channel.json", lines: ['{"id": "1234", "type": 1, "recipients": ["1", "2"]}'] })).toBeNull();
    expect(discordPackage.detect({ name: "index.json", lines: ["{", '  "1234": "Direct Message with alice#0"', "}"] })).toBeNull();
  });
});

describe("Discord data package: a package folder", () => {
  it("reads each channel's messages, the account's own, under one sender who is the one who exported", async () => {
    const all = await readAll(PACKAGE, "UTC");
    expect(all.map((c) => c.header.source.files[0])).toEqual([JSON_CHANNEL, CSV_CHANNEL]);
    // Named from channel.json and messages/index.json beside them: a direct chat after the other person, a server channel as DiscordChatExporter names it.
    expect(all.map((c) => [c.header.title, c.header.kind])).toEqual([
      ["junhopark", "direct"],
      ["코딩 모임 / #general", "group"],
    ]);
    expect(all.map((c) => c.summary.messages)).toEqual([3, 3]);
    for (const c of all) {
      expect(c.summary.participants).toEqual([{ name: PACKAGE_SELF, messages: 3 }]);
      expect(c.summary.self).toBe(PACKAGE_SELF);
      expect(c.summary.findings).toContainEqual({ code: "one-sided" });
      expect(c.summary.warnings).toEqual([]);
    }
  });

  it("reads messages.json: UTC times, ids as refs, CDN attachments as files with their links", async () => {
    const [json] = await readAll(PACKAGE, "Asia/Seoul");
    const m = json!.messages;
    expect(m.map((x) => x.id.split("-n")[1])).toEqual(["1187334512376573962", "1187336701250551879", "1187390115872399410"]);
    expect(m[0]).toMatchObject({ time: "2023-12-21T20:14:03+09:00", sender: "Me", kind: "text", text: "준호야 내일 몇 시에 만나? 😊" });
    expect(m[1]!.attachments).toEqual([
      { type: "photo", name: "IMG_2041.png" },
      { type: "file", name: "notes.txt" },
    ]);
    expect(m[1]!.text.split("\n")).toEqual([
      "좋아! 이거 봐봐",
      "https://cdn.discordapp.com/attachments/1187334450129805412/1187336701250551879/IMG_2041.png",
      "https://cdn.discordapp.com/attachments/1187334450129805412/1187336701250551880/notes.txt",
    ]);
    expect(m[2]!.text).toBe("줄바꿈\n있는 메시지");
  });

  it("reads the older messages.csv: quoted multi-line contents, fractional times with offsets, lines counted", async () => {
    const [, csv] = await readAll(PACKAGE, "UTC");
    const m = csv!.messages;
    expect(m.map((x) => [x.time, x.text.split("\n")[0], x.source.line])).toEqual([
      ["2020-11-08T19:02:11+00:00", "gg everyone", 2],
      ["2020-11-08T19:03:53+00:00", "line one", 3],
      ["2020-11-08T19:04:38+00:00", "https://cdn.discordapp.com/attachments/772915480237637652/772931712328597534/a.png", 5],
    ]);
    expect(m[1]!.text).toBe('line one\nline two, with a comma and "quotes"\nhttps://cdn.discordapp.com/attachments/772915480237637652/772931520741179412/clip.mp4');
    expect(m[1]!.attachments).toEqual([{ type: "video", name: "clip.mp4" }]);
    expect(m[2]!.attachments).toEqual([
      { type: "photo", name: "a.png" },
      { type: "photo", name: "b.png" },
    ]);
  });

  it("reads the same in chunks of any size", async () => {
    const json = '[{"ID": 1, "Timestamp": "2024-01-15 10:30:00", "Contents": "a \\"quoted\\" word", "Attachments": ""}, {"ID": "2", "Timestamp": "2024-01-15 10:31:00", "Contents": "b"}]';
    const whole = await runSource(discordPackage, json, 1 << 20);
    expect(whole.conversations[0]!.messages.map((m) => [m.ref, m.text, m.time, m.shows])).toEqual([
      ["1", 'a "quoted" word', Date.UTC(2024, 0, 15, 10, 30), "exporter"],
      ["2", "b", Date.UTC(2024, 0, 15, 10, 31), "exporter"],
    ]);
    for (const size of [1, 3, 11]) expect((await runSource(discordPackage, json, size)).conversations).toEqual(whole.conversations);
  });
});

describe("Discord data package: one channel's file given alone", () => {
  it("finds channel.json and messages/index.json beside it on the disk", async () => {
    const [alone] = await readAll(join(PACKAGE, CSV_CHANNEL), "UTC");
    expect([alone!.header.title, alone!.header.kind, alone!.summary.messages]).toEqual(["코딩 모임 / #general", "group", 3]);
  });

  it("is left unnamed where nothing beside it names it (a file alone knows no folder), and a broken channel.json names nothing", async () => {
    const dir = mkdtempSync(join(tmpdir(), "chatferry-dpkg-"));
    const bare = join(dir, "c42");
    mkdirSync(bare);
    copyFileSync(join(PACKAGE, JSON_CHANNEL), join(bare, "messages.json"));
    writeFileSync(join(bare, "channel.json"), '{"id": "42", "type": 1, "recip');
    const [alone] = await readAll(join(bare, "messages.json"), "UTC");
    expect([alone!.header.title, alone!.header.kind, alone!.summary.messages]).toEqual([null, undefined, 3]);
  });
});

describe("Discord data package: the Check step says the other side is missing", () => {
  it("chatferry stats says so in English and in Korean", async () => {
    const en = await cli(["stats", PACKAGE, "--timezone", "UTC", "--lang", "en"]);
    expect(en.code, en.stderr).toBe(0);
    expect(en.stdout.match(/the other side of the conversation is not in it/g)).toHaveLength(2);
    const ko = await cli(["stats", PACKAGE, "--timezone", "UTC", "--lang", "ko"]);
    expect(ko.code, ko.stderr).toBe(0);
    expect(ko.stdout.match(/상대방 쪽 대화는 들어 있지 않습니다/g)).toHaveLength(2);
  });
});
