// Instagram's "Download your information" (JSON), read from a fixture written byte for byte as
// Meta writes it (tests/fixtures/instagram), and Messenger's two downloads of one thread merged.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { merge } from "../../../src/merge.js";
import { drain, type ReadOptions } from "../../../src/pipeline.js";
import type { Message } from "../../../src/schema/index.js";
import { instagram } from "../../../src/sources/instagram/index.js";
import { messenger } from "../../../src/sources/messenger/index.js";
import { ROOT } from "../../helpers/cli.js";
import { readAll, readOne } from "../../helpers/read.js";

const DYI = join(ROOT, "tests/fixtures/instagram/dyi");
const THREAD = "your_instagram_activity/messages/inbox/jiwoo.han_17846351902784513";
const ZONE = "Asia/Seoul";

describe("Instagram", () => {
  it("is told from Messenger by its folder and its uris; a file that shows neither is left undecided", () => {
    const lines = readFileSync(join(DYI, THREAD, "message_1.json"), "utf8").split("\n");
    const head = { name: "message_1.json", path: `${THREAD}/message_1.json`, lines };
    expect(instagram.detect(head)).toMatchObject({ variant: "instagram.json" });
    expect(messenger.detect(head)).toBeNull();
    // The uris alone say Instagram too.
    expect(instagram.detect({ ...head, path: undefined })).toMatchObject({ variant: "instagram.json" });
    // Before 2023 both wrote messages/inbox/…: nothing tells them apart, and the variant says so.
    const old = lines.map((l) => l.replaceAll("your_instagram_activity/", ""));
    expect(instagram.detect({ name: "message_1.json", lines: old })).toBeNull();
    expect(messenger.detect({ name: "message_1.json", lines: old })).toMatchObject({ variant: "meta.json" });
  });

  it("reads a thread: Hangul and emoji repaired, a share with its words and link, media, unsent, reactions", async () => {
    const { header, messages, summary } = await readOne(DYI, ZONE);
    expect(header).toMatchObject({ title: "한지우", source: { platform: "instagram", variant: "instagram.json" } });
    expect(summary.messages).toBe(8);
    expect(messages.map((m) => [m.kind, m.sender, m.text])).toEqual([
      ["text", "한지우", "민지야 이거 봤어? 😂"],
      ["text", "한지우", "한지우 sent an attachment.\n봄 등산 코스 추천 🌸\nhttps://www.instagram.com/reel/C4aBcDeFgHi/"],
      ["text", "Minji Kim", "ㅋㅋㅋ 가자!"],
      ["media", "Minji Kim", ""],
      ["media", "한지우", ""],
      ["media", "한지우", ""],
      ["deleted", "Minji Kim", ""],
      ["text", "Minji Kim", "토요일 9시 🥾 👍"],
    ]);
    expect(messages[2]!.reactions).toEqual([{ emoji: "❤", by: "한지우" }]);
    expect(messages.slice(3, 6).map((m) => [m.attachments![0]!.type, m.attachments![0]!.media?.startsWith(`${THREAD}/`)])).toEqual([
      ["photo", true],
      ["video", true],
      ["audio", true],
    ]);
    expect(messages[0]!.time).toBe("2024-03-10T13:00:00+09:00");
    expect(summary.warnings).toEqual([]);
  });

  it("refuses Instagram's HTML download with E_META_HTML", async () => {
    await expect(readAll(join(ROOT, "tests/fixtures/instagram/html"), ZONE)).rejects.toMatchObject({ code: "E_META_HTML" });
  });
});

describe("Messenger's download and its E2EE download of one thread, merged", () => {
  it("keeps each message once where the two overlap", async () => {
    const dyi = join(ROOT, "tests/fixtures/messenger/dyi/your_facebook_activity/messages/inbox/alexpark_1029384756102938/message_1.json");
    const e2ee = join(ROOT, "tests/fixtures/messenger/e2ee/Alex Park_12.json");
    const options: ReadOptions = { timezone: ZONE };
    const merged = await merge([dyi, e2ee], options);
    const all: Message[] = [];
    const summary = await drain(merged, (batch) => void all.push(...batch));
    const [a, b] = [await readOne(dyi, ZONE), await readOne(e2ee, ZONE)];
    // Two messages are in both copies.
    expect(merged.dropped()).toBe(2);
    expect(summary.messages).toBe(a.messages.length + b.messages.length - 2);
    expect(all.map((m) => `${m.time.slice(11, 19)} ${m.sender ?? "-"} ${m.kind}: ${m.text}`)).toEqual([
      "19:00:00 김민지 text: 토요일 몇 시에 만나요?",
      "19:01:12 Alex Park text: 9시 구파발역 2번 출구 😊",
      "19:05:00 - system: Alex Park missed your call.",
      "19:06:00 - system: You called Alex Park.",
      "19:09:40 Alex Park text: 좋아요 👍",
      "21:30:00 김민지 media: ",
      "21:31:00 Alex Park media: ",
      "21:32:00 Alex Park deleted: ",
      "22:00:00 김민지 text: 내일 봐요 🌄",
    ]);
  });
});
