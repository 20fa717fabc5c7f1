import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ChatFerryError } from "../../../src/errors.js";
import { readConversations } from "../../../src/pipeline.js";
import type { ChatKind } from "../../../src/schema/index.js";
import { readAll, readOne } from "../../helpers/read.js";

const fixtures = join(import.meta.dirname, "../../fixtures");
const at = (path: string) => join(fixtures, path);

interface Who {
  kind?: ChatKind;
  self?: string;
}
const who = ({ kind, self }: Who): Who => ({ ...(kind ? { kind } : {}), ...(self !== undefined ? { self } : {}) });

/** [fixture, what the header says, what the summary says] */
const CASES: [string, Who, Who][] = [
  // KakaoTalk PC: "X 님과 카카오톡 대화" / "X with KakaoTalk Chats" is also a group's title.
  ["kakaotalk/pc-ko.txt", {}, { kind: "group" }],
  ["kakaotalk/pc-en.txt", {}, { kind: "group" }],
  ["kakaotalk/pc-ko-cp949.txt", {}, {}], // "옛날 동아리 님과 …", two writers, neither of them "옛날 동아리"
  ["kakaotalk/pc-ko-no-header.txt", {}, {}],
  // KakaoTalk Android: a group's title has a member count, or no "님과"; a 1:1's is "X 님과".
  ["kakaotalk/android-ko.txt", { kind: "group" }, { kind: "group" }],
  ["kakaotalk/android-ko-open-chat.txt", { kind: "group" }, { kind: "group" }], // one writer
  ["kakaotalk/android-ko-2013-emoticon-shapes.txt", { kind: "group" }, { kind: "group" }],
  ["kakaotalk/android-ko-2013-noon.txt", {}, { kind: "direct", self: "서준" }], // "민지 님과", 민지 and 서준 write
  ["kakaotalk/android-ko-1to1-name-ends-in-number.txt", {}, { kind: "direct", self: "회원님" }],
  ["kakaotalk/android-en.txt", { kind: "group" }, { kind: "group" }],
  ["kakaotalk/android-en-day-first-24h.txt", { kind: "group" }, { kind: "group" }], // two writers
  ["kakaotalk/android-en-no-header.txt", {}, {}],
  // KakaoTalk iOS: groups too are "X 님과"; old exports carry their file name and write the exporter "회원님" / "You".
  ["kakaotalk/ios-ko.txt", {}, { kind: "group" }],
  ["kakaotalk/ios-ko-old.txt", {}, {}], // "테스트방 님과 …", two writers, neither "테스트방"
  ["kakaotalk/ios-ko-2015-file-name-1to1.txt", {}, { kind: "direct", self: "회원님" }],
  ["kakaotalk/ios-ko-2014-file-name-title.txt", { kind: "group" }, { kind: "group", self: "회원님" }],
  ["kakaotalk/ios-en.txt", {}, { kind: "group" }],
  ["kakaotalk/ios-en-12h.txt", {}, {}], // the file name as title, two writers
  ["kakaotalk/ios-en-2015-people-count.txt", { kind: "group" }, { kind: "group", self: "You" }],
  // KakaoTalk CSV: the file name has the room's name only.
  ["kakaotalk/KakaoTalk_Chat_주말 등산 모임_2024-01-03-09-12-30.csv", {}, { kind: "group" }],
  // LINE: "with X" / "Xとの" / "與X" is one-to-one, "in X" / "Xの" a group, in the head; the
  // one-to-one title names the other person, so the other writer exported it. Korean wordings
  // are unconfirmed: "X님과의" only pairs, " 대화" says nothing.
  ["line/[LINE] Alice Chen.txt", { kind: "direct" }, { kind: "direct", self: "Seojun Park" }],
  ["line/[LINE] Trail Crew.txt", { kind: "group" }, { kind: "group" }],
  ["line/[LINE] 佐藤美咲.txt", { kind: "direct" }, { kind: "direct", self: "高橋翔" }],
  ["line/[LINE] ハイキング部.txt", { kind: "group" }, { kind: "group" }], // two writers
  ["line/[LINE] 王小明.txt", { kind: "direct" }, { kind: "direct", self: "陳美玲" }],
  ["line/[LINE] 김민지.txt", {}, { kind: "direct", self: "박서준" }],
  ["line/[LINE] 등산 동호회.txt", {}, { kind: "group" }], // three writers
  ["line/android-2017-en.txt", { kind: "direct" }, { kind: "direct", self: "Alice Chen" }],
  ["line/windows-desktop-en-group.txt", { kind: "group" }, { kind: "group" }],
  ["line/windows-desktop-ja-one-to-one.txt", { kind: "direct" }, { kind: "direct", self: "高橋 翔" }],
  // WhatsApp: the file name (Android) or the name the encryption notice stands under (iOS) is
  // the group's or the other person's: direct with two writers, one of them so named; a group
  // event or three writers make a group; "You deleted this message" names the exporter.
  ["whatsapp/WhatsApp Chat with Alice Chen.txt", {}, { kind: "direct", self: "Tom Wright" }],
  ["whatsapp/WhatsApp Chat with Mina Park.txt", {}, { kind: "direct", self: "Jordan Lee" }], // a pinned message is no group's
  ["whatsapp/WhatsApp-Chat mit Anna Becker.txt", {}, { kind: "direct", self: "Jonas Weber" }], // "Du hast diese Nachricht gelöscht"
  ["whatsapp/Chat de WhatsApp con Lucía Gómez.txt", {}, { kind: "direct", self: "Diego Ruiz" }], // "Eliminaste este mensaje"
  ["whatsapp/WhatsApp Chat with Sam Taylor.txt", {}, { kind: "direct" }], // both write "You deleted this message": no self
  ["whatsapp/title-not-a-writer", {}, { self: "Jordan Lee" }], // "with Mina Park", Mina never writes
  ["whatsapp/WhatsApp Chat with Book Club.txt", {}, {}], // two writers, neither the chat's name
  ["whatsapp/WhatsApp Chat with Book Swap.txt", {}, { kind: "group", self: "Tom Baker" }], // two writers, "You created group"
  ["whatsapp/WhatsApp Chat with Weekend Hikers.txt", {}, { kind: "group", self: "Alice Chen" }],
  ["whatsapp/WhatsApp Chat with 등산 모임.txt", {}, { kind: "group" }],
  ["whatsapp/ios-en-gb", {}, { kind: "direct", self: "Alice Chen" }],
  ["whatsapp/ios-en-us-one-to-one", {}, { kind: "direct", self: "Jordan Lee" }],
  ["whatsapp/ios-en-us", {}, { kind: "group", self: "Bob Kim" }],
  ["whatsapp/ios-de", {}, { kind: "group" }], // two writers, "hat die Gruppe … erstellt"
  ["whatsapp/ios-de-group-events", {}, { kind: "group" }],
  ["whatsapp/ios-es-group-events", {}, { kind: "group" }], // two writers
  ["whatsapp/ios-pt-br-group-events", {}, { kind: "group" }], // two writers
  // Telegram: the chat's type, written before its messages; in Saved Messages, the account's
  // own chat, only its owner writes; a personal chat is named after the other person.
  ["telegram/chat", { kind: "group" }, { kind: "group" }],
  ["telegram/channel", { kind: "channel" }, { kind: "channel" }],
  ["telegram/forwards-calls", { kind: "direct" }, { kind: "direct", self: "Mina Kim" }],
  ["telegram/saved-messages", {}, { self: "Mina Kim" }],
];

describe("who a chat is between and who exported it, per source variant", () => {
  it.each(CASES)("%s", async (path, header, summary) => {
    const c = await readOne(at(path));
    expect(who(c.header)).toEqual(header);
    expect(who(c.summary)).toEqual(summary);
  });

  it("reads each chat's type in a Telegram account export", async () => {
    const all = await readAll(at("telegram/account"));
    expect(all.map((c) => [c.header.title, who(c.header), who(c.summary)])).toEqual([
      [null, {}, { self: "Mina Kim" }], // saved messages: oneself
      ["Bob Kim", { kind: "direct" }, { kind: "direct" }], // only Bob Kim writes
      ["Hiking News", { kind: "channel" }, { kind: "channel" }],
    ]);
  });

  it("takes the exporting account of a Telegram account export as self wherever it writes", async () => {
    const all = await readAll(at("telegram/account-self"));
    expect(all.map((c) => [c.header.title, who(c.header), who(c.summary)])).toEqual([
      ["Bob Kim", { kind: "direct" }, { kind: "direct", self: "Mina Kim" }],
      ["Trail Bot", { kind: "direct" }, { kind: "direct", self: "Mina Kim" }],
      ["Trail Crew", { kind: "group" }, { kind: "group", self: "Mina Kim" }],
      ["Hiking News", { kind: "channel" }, { kind: "channel" }], // the account never writes there
    ]);
  });
});

describe("--me: which participant is the one who exported", () => {
  it("is self from the header on, where the export does not say", async () => {
    const c = await readOne(at("kakaotalk/android-ko-2013-noon.txt"), "Asia/Seoul", { me: "서준" });
    expect(who(c.header)).toEqual({ self: "서준" });
    expect(who(c.summary)).toEqual({ kind: "direct", self: "서준" });
  });

  it("wins over the name the export gives the exporter", async () => {
    const c = await readOne(at("kakaotalk/ios-ko-2015-file-name-1to1.txt"), "Asia/Seoul", { me: "한서윤" });
    expect(who(c.summary)).toEqual({ kind: "direct", self: "한서윤" });
  });

  it("refuses a name nobody in the input writes as, once it is read", async () => {
    const read = readAll(at("whatsapp/WhatsApp Chat with Alice Chen.txt"), "Asia/Seoul", { me: "Alice" });
    await expect(read).rejects.toThrow(ChatFerryError);
    await expect(read).rejects.toMatchObject({ code: "E_ME_UNKNOWN", params: { name: "Alice", file: "WhatsApp Chat with Alice Chen.txt" } });
  });

  it("holds for every chat of an input when the name writes in one: in others one may only read", async () => {
    const all = await readAll(at("telegram/account"), "Asia/Seoul", { me: "Bob Kim" });
    expect(all.map((c) => [c.header.self, c.summary.self])).toEqual([
      ["Bob Kim", "Bob Kim"],
      ["Bob Kim", "Bob Kim"],
      ["Bob Kim", "Bob Kim"],
    ]);
  });

  it("is not judged when no chat was read to its end", async () => {
    let seen = 0;
    for await (const c of readConversations(at("telegram/account"), { timezone: "Asia/Seoul", me: "Nobody" })) seen += c.header.self === "Nobody" ? 1 : 0;
    expect(seen).toBe(3);
  });
});
