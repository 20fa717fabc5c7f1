import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { inspect } from "../../../src/pipeline.js";
import type { Attachment } from "../../../src/schema/index.js";
import { readTitle } from "../../../src/sources/kakaotalk/header.js";
import { kakaoMobile } from "../../../src/sources/kakaotalk/mobile.js";
import { kakaoPc } from "../../../src/sources/kakaotalk/pc.js";
import { readOne, runSource } from "../../helpers/read.js";
import { expectRows, type Row } from "../../helpers/rows.js";

const dir = join(import.meta.dirname, "../../fixtures/kakaotalk");

/** [line, local time "YYYY-MM-DD HH:MM(:SS)", sender, kind, text, attachments?, timeInferred?] */

interface Case {
  file: string;
  variant: string;
  encoding: string;
  title: string | null;
  exportedAt: string | null;
  rows: Row[];
}

const photo: Attachment = { type: "photo" };
const HEX1 = "3f1c2b9e8d7a6f5e4d3c2b1a0f9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e.jpg";
const HEX2 = "9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b.jpg";

const cases: Case[] = [
  {
    file: "android-ko.txt",
    variant: "kakaotalk.android.ko",
    encoding: "utf-8",
    title: "주말 등산 모임",
    exportedAt: "2024-01-02 23:10",
    rows: [
      [6, "2023-12-31 21:10", "김민지", "text", "다들 내일 해돋이 산행 올 거지?"],
      [7, "2023-12-31 21:20", null, "system", "김민지님이 산타는 곰돌이님을 초대했습니다."],
      [8, "2023-12-31 21:21", "산타는 곰돌이", "text", "저도 갈게요!\n랜턴 챙겨야 하나요?\n\n배낭은 작은 걸로 가져갈게요"],
      [12, "2023-12-31 23:59", "박서준", "text", "🎉🎉🎉"],
      [15, "2024-01-01 00:00", "이하은", "text", "새해 복 많이 받아요 🎍"],
      [16, "2024-01-01 00:05", "박서준", "text", "집결 시간 : 새벽 5시 30분"],
      [17, "2024-01-01 06:12", "김민지", "media", "", [photo]],
      [18, "2024-01-01 06:13", "김민지", "media", "", [{ type: "photo", name: HEX1 }, { type: "photo", name: HEX2 }]],
      [20, "2024-01-01 06:20", "이하은", "media", "", [{ type: "file", name: "등산로.pdf" }]],
      [21, "2024-01-01 07:02", "박서준", "media", "", [{ type: "emoticon" }]],
      [22, "2024-01-01 07:03", "박서준", "deleted", "삭제된 메시지입니다."],
      [23, "2024-01-01 12:00", "이하은", "text", "하산하고 국밥 어때"],
      [24, "2024-01-01 12:30", null, "deleted", "메시지가 삭제되었습니다."],
      [25, "2024-01-01 12:45", null, "system", "산타는 곰돌이님이 나갔습니다."],
      [26, "2024-01-01 13:07", "김민지", "media", "", [{ type: "video" }]],
    ],
  },
  {
    file: "android-en.txt",
    variant: "kakaotalk.android.en",
    encoding: "utf-8",
    title: "Weekend Hikers",
    exportedAt: "2024-01-02 23:10",
    rows: [
      [6, "2023-12-31 21:10", "Mina Kim", "text", "Everyone coming to the sunrise hike tomorrow?"],
      [7, "2023-12-31 21:20", null, "system", "Mina Kim invited Hiking Bear 🐻."],
      [8, "2023-12-31 21:21", "Hiking Bear 🐻", "text", "Count me in!\nDo I need a headlamp?"],
      [10, "2023-12-31 23:59", "Seojun Park", "text", "🎉🎉🎉"],
      [13, "2024-01-01 00:00", "Haeun Lee", "text", "Happy New Year 🎍"],
      [14, "2024-01-01 12:00", "Haeun Lee", "text", "Gukbap after the hike?"],
      [15, "2024-01-01 12:05", "Mina Kim", "media", "", [photo]],
      [16, "2024-01-01 12:06", "Mina Kim", "deleted", "This message was deleted."],
      [17, "2024-01-01 12:07", "Seojun Park", "media", "", [{ type: "file", name: "trail-map.pdf" }]],
      [18, "2024-01-01 12:08", "Seojun Park", "media", "", [{ type: "emoticon" }]],
      [19, "2024-01-01 12:45", null, "system", "Hiking Bear 🐻 left this chatroom."],
      // The day heading says 8:00 AM; the first message is later (seen in a real 2023 file).
      [22, "2024-01-02 09:15", null, "system", "Sleepy Muzi joined this chatroom."],
      [23, "2024-01-02 09:16", "Sleepy Muzi", "text", "Meeting point : north gate, 5:30 AM"],
    ],
  },
  {
    file: "ios-ko.txt",
    variant: "kakaotalk.ios.ko",
    encoding: "utf-8",
    title: "주말 등산 모임",
    exportedAt: "2024-01-02 23:10",
    rows: [
      [6, "2023-12-31 21:10", "김민지", "text", "다들 내일 해돋이 산행 올 거지?"],
      [7, "2023-12-31 21:15", "김민지", "media", "", [photo]],
      [8, "2023-12-31 21:20", null, "system", "김민지님이 산타는 곰돌이님을 초대했습니다."],
      [9, "2023-12-31 23:59", "박서준", "text", "올해도 고마웠어요\n내년에도 잘 부탁해요 🙏"],
      [13, "2024-01-01 00:00", "이하은", "text", "새해 복 많이 받아요 🎍"],
      [14, "2024-01-01 12:00", "이하은", "text", "하산하고 국밥 어때"],
      [15, "2024-01-01 12:45", null, "system", "산타는 곰돌이님이 나갔습니다."],
      [16, "2024-01-01 15:04", "이하은", "text", "24시간제로 바꿨어요"],
      [17, "2024-01-01 15:05", "박서준", "media", "", [photo, photo, photo]],
    ],
  },
  {
    file: "ios-ko-old.txt",
    variant: "kakaotalk.ios.ko",
    encoding: "utf-8",
    title: "테스트방",
    exportedAt: "2021-12-18 19:17",
    rows: [
      [6, "2021-12-17 20:36", "테스트", "text", "ㅎㅇ"],
      [7, "2021-12-17 20:38", null, "system", "테스트님이 나갔습니다."],
      [10, "2021-12-18 00:01", "친구", "text", "자정 넘었다\n벌써 토요일"],
    ],
  },
  {
    file: "ios-en.txt",
    variant: "kakaotalk.ios.en",
    encoding: "utf-8",
    title: null,
    exportedAt: "2024-01-02 23:10",
    rows: [
      [6, "2023-12-31 21:10", "Mina Kim", "text", "Everyone coming to the sunrise hike tomorrow?"],
      [7, "2023-12-31 21:20", null, "system", "Mina Kim invited Hiking Bear 🐻."],
      [8, "2023-12-31 21:25", "Hiking Bear 🐻", "text", "Time : 5:30 at the gate\nBring snacks"],
      [12, "2024-01-01 00:00", "Haeun Lee", "text", "새해 복 많이 받아요 🎍"],
      [13, "2024-01-01 12:00", "Haeun Lee", "media", "", [photo]],
      [14, "2024-01-01 12:45", null, "system", "Hiking Bear 🐻 left this chatroom."],
    ],
  },
  {
    file: "ios-en-12h.txt",
    variant: "kakaotalk.ios.en",
    encoding: "utf-8",
    title: null,
    exportedAt: "2024-01-02 23:10",
    rows: [
      [6, "2024-01-01 00:05", "Haeun Lee", "text", "Still awake?"],
      [7, "2024-01-01 12:30", "Mina Kim", "text", "Lunch at noon-thirty"],
      [8, "2024-01-01 23:59", "Mina Kim", "text", "Good night"],
    ],
  },
  {
    file: "pc-ko.txt",
    variant: "kakaotalk.pc.ko",
    encoding: "utf-8",
    title: "주말 등산 모임",
    exportedAt: "2024-01-02 23:10:41",
    rows: [
      [5, "2023-12-31 21:10", "김민지", "text", "다들 내일 해돋이 산행 올 거지?"],
      [6, "2023-12-31 21:10", null, "system", "김민지님이 산타는 곰돌이님을 초대하였습니다.", undefined, true],
      [7, "2023-12-31 21:21", "산타는 곰돌이", "text", "저도 갈게요!\n랜턴 챙겨야 하나요?"],
      [9, "2023-12-31 23:59", "박서준", "text", "🎉🎉🎉"],
      // A notice right after a day separator belongs to the new day, not the previous message's time.
      [12, "2024-01-01 00:00", null, "system", "홍길동님이 들어왔습니다.", undefined, true],
      [13, "2024-01-01 00:00", "산타는 곰돌이", "text", "새해 복 많이 받으세요"],
      [14, "2024-01-01 12:00", "이하은", "text", "하산하고 국밥 어때"],
      [15, "2024-01-01 12:01", "이하은", "media", "", [photo]],
      [16, "2024-01-01 12:02", "박서준", "media", "", [{ type: "file", name: "등산로.pdf" }]],
      [17, "2024-01-01 12:03", "박서준", "media", "", [{ type: "emoticon" }]],
      [18, "2024-01-01 12:04", "김민지", "deleted", "삭제된 메시지입니다."],
      [19, "2024-01-01 12:04", null, "deleted", "메시지가 삭제되었습니다.", undefined, true],
      [20, "2024-01-01 20:36", "테스트", "text", "24시간제 ㅎㅇ"],
      [21, "2024-01-01 20:37", "", "text", "이름 없는 사람"],
      [22, "2024-01-01 21:00", "홍길동", "text", "[공지] [오후 1:00] 집합 : 정문"],
    ],
  },
  {
    file: "pc-en.txt",
    variant: "kakaotalk.pc.en",
    encoding: "utf-8",
    title: "Weekend Hikers",
    exportedAt: "2024-01-02 23:10:41",
    rows: [
      [5, "2023-12-31 21:10", "Mina Kim", "text", "Everyone coming to the sunrise hike tomorrow?"],
      [6, "2023-12-31 21:10", null, "system", "Mina Kim invited Hiking Bear 🐻.", undefined, true],
      [7, "2023-12-31 21:21", "Hiking Bear 🐻", "text", "Count me in!"],
      [8, "2023-12-31 23:59", "Seojun Park", "text", "🎉"],
      [11, "2024-01-01 00:00", "Haeun Lee", "text", "Happy New Year 🎍"],
      [12, "2024-01-01 12:00", "Haeun Lee", "media", "", [photo]],
      [13, "2024-01-01 12:02", "Seojun Park", "media", "", [{ type: "file", name: "trail-map.pdf" }]],
      [14, "2024-01-01 12:02", null, "system", "Hiking Bear 🐻 left this chatroom.", undefined, true],
    ],
  },
  {
    file: "pc-ko-cp949.txt",
    variant: "kakaotalk.pc.ko",
    encoding: "cp949",
    title: "옛날 동아리",
    exportedAt: "2012-03-04 22:05:11",
    rows: [
      [5, "2012-03-03 21:14", "김철수", "text", "내일 동아리방에서 봐요"],
      [6, "2012-03-03 21:15", "박영희", "text", "네 ^^\n회비는 제가 걷을게요"],
      [8, "2012-03-03 21:15", null, "system", "김철수님이 나갔습니다.", undefined, true],
    ],
  },
  {
    file: "KakaoTalk_Chat_주말 등산 모임_2024-01-03-09-12-30.csv",
    variant: "kakaotalk.csv",
    encoding: "utf-8",
    title: "주말 등산 모임",
    exportedAt: "2024-01-03 09:12:30",
    rows: [
      [2, "2023-12-31 21:10:04", "김민지", "text", "다들 내일 해돋이 산행 올 거지?"],
      [3, "2023-12-31 21:13:09", "이하은", "text", "나는 조금 늦을 수도 있어\n6시 반까지는 도착할게"],
      [5, "2023-12-31 21:20:02", null, "system", "김민지님이 산타는 곰돌이님을 초대했습니다."],
      [6, "2023-12-31 21:30:40", "박서준", "media", "좋아요", [{ type: "emoticon" }]],
      [7, "2023-12-31 21:30:40", null, "system", "관리자가 메시지를 가렸습니다.", undefined, true],
      [8, "2024-01-01 00:00:00", "이하은", "media", "", [photo]],
      [9, "2024-01-01 00:01:30", "박서준", "deleted", "삭제된 메시지입니다."],
      [10, "2024-01-01 00:01:30", null, "deleted", "메시지가 삭제되었습니다.", undefined, true],
      [11, "2024-01-02 23:59:57", "박서준", "text", '"굿밤"이라고 하기엔, 아직 11시 59분인데?'],
    ],
  },
];

/** "2024-01-01 00:05" in Seoul (no DST) as the schema writes it. */
function seoul(local: string): string {
  const withSeconds = local.length === 16 ? `${local}:00` : local;
  return `${withSeconds.replace(" ", "T")}+09:00`;
}

describe.each(cases)("KakaoTalk $file", (c) => {
  it("is detected by content", async () => {
    const { container, chats } = await inspect(join(dir, c.file));
    await container.close();
    const [{ encoding, detected }] = chats as [(typeof chats)[0]];
    expect(detected.variant).toBe(c.variant);
    expect(encoding.encoding).toBe(c.encoding);
    expect(detected.confidence).toBeGreaterThanOrEqual(0.8);
  });

  it("yields every message, field by field", async () => {
    const { header, messages, summary } = await readOne(join(dir, c.file), "Asia/Seoul");
    expect(header.title).toBe(c.title);
    expect(header.source.exportedAt).toBe(c.exportedAt && seoul(c.exportedAt));
    expect(header.source.encoding).toBe(c.encoding);
    expectRows(messages, summary, c.rows, seoul, (m) => m.timeInferred === true);
    expect(summary.warnings).toEqual([]);
  });
});

describe("KakaoTalk tolerance", () => {
  it("reads the dotted (iOS) stamp in an Android-style file and the Android stamp in an iOS one", async () => {
    const text = [
      "민지 님과 카카오톡 대화",
      "저장한 날짜 : 2024년 1월 2일 오후 11:10",
      "",
      "",
      "2024년 1월 1일 오후 3:04, 민지 : 안드로이드",
      "2024. 1. 1. 오후 3:05, 민지 : 아이폰",
      "2024.1.1. 오후 3:06, 민지 : 붙여 쓴 날짜",
    ].join("\n");
    const { conversations, warnings } = await runSource(kakaoMobile, text);
    expect(conversations[0]!.messages.map((m) => m.text)).toEqual(["안드로이드", "아이폰", "붙여 쓴 날짜"]);
    expect(warnings).toEqual([]);
  });

  it("keeps a line before the first message as a warning with its line number", async () => {
    const text = "첫 줄은 제목이 아님\n2024년 1월 1일 오후 3:04, 민지 : 안녕\n";
    const { conversations, warnings } = await runSource(kakaoMobile, text);
    expect(conversations[0]!.messages).toHaveLength(1);
    expect(warnings).toEqual([
      { code: "header-missing", file: "inline.txt", text: "title, saved date" },
      { code: "orphan-line", file: "inline.txt", line: 1, text: "첫 줄은 제목이 아님" },
    ]);
  });

  it("treats an impossible date as text of the previous message and says so", async () => {
    const text = "2024년 1월 1일 오후 3:04, 민지 : 안녕\n2024년 2월 30일 오후 3:05, 민지 : 없는 날\n";
    const { conversations, warnings } = await runSource(kakaoMobile, text);
    expect(conversations[0]!.messages).toHaveLength(1);
    expect(conversations[0]!.messages[0]!.text).toBe("안녕\n2024년 2월 30일 오후 3:05, 민지 : 없는 날");
    expect(warnings.map((w) => [w.code, w.line])).toEqual([["header-missing", undefined], ["invalid-date", 2]]);
  });

  it("reads the 2015 Android English stamp", async () => {
    const text = "Date Saved : 1:01am, August 3, 2015\n\n8:34pm, July 9, 2015, Mina : hi there\n";
    const { conversations } = await runSource(kakaoMobile, text);
    const [m] = conversations[0]!.messages;
    expect(m).toMatchObject({ sender: "Mina", text: "hi there", time: Date.UTC(2015, 6, 9, 20, 34) });
  });

  it("does not take a PC message line before any day separator", async () => {
    const text = "[민지] [오후 3:04] 날짜 없음\n--------------- 2024년 1월 1일 월요일 ---------------\n[민지] [오후 3:05] 안녕\n";
    const { conversations, warnings } = await runSource(kakaoPc, text);
    expect(conversations[0]!.messages.map((m) => m.text)).toEqual(["안녕"]);
    expect(warnings.map((w) => [w.code, w.line])).toEqual([["header-missing", undefined], ["orphan-line", 1]]);
  });
});

describe("KakaoTalk titles: who the chat is between", () => {
  it.each([
    // A member count, or the Android group form without "님과", makes a group.
    ["주말 등산 모임 4 카카오톡 대화", "주말 등산 모임", "group"],
    ["랭체인 스터디 카카오톡 대화", "랭체인 스터디", "group"],
    ["산악회 (6명) 카카오톡 대화", "산악회", "group"],
    ["민지,서준,하은 4 님과 카카오톡 대화", "민지,서준,하은", "group"],
    ["KakaoTalk Chats with Weekend Hikers (4)", "Weekend Hikers", "group"],
    ["KakaoTalk Chats Weekend Hikers (24)", "Weekend Hikers", "group"],
    ["KakaoTalk Chats with 스터디방 (4 people)-1.txt", "스터디방", "group"],
    ["산악회 (4명)과 카카오톡 대화.txt", "산악회", "group"],
    // A one-to-one chat's title, which PC and iOS groups share: the messages decide.
    ["민지 님과 카카오톡 대화", "민지", "pair"],
    ["최하늘 cls 10 님과 카카오톡 대화", "최하늘 cls 10", "pair"],
    ["주말 등산 모임 님과 카카오톡 대화", "주말 등산 모임", "pair"],
    ["한서윤님과 카카오톡 대화-1.txt", "한서윤", "pair"],
    ["KakaoTalk Chats with Mina Kim", "Mina Kim", "pair"],
    ["Weekend Hikers with KakaoTalk Chats", "Weekend Hikers", "pair"],
  ])("%s", (line, title, kind) => {
    expect(readTitle(line)).toEqual({ title, kind });
  });

  it("says nothing where the title is the export's file name", () => {
    expect(readTitle("Talk_2024.1.2 23:10-1.txt")).toEqual({ title: null });
  });
});
