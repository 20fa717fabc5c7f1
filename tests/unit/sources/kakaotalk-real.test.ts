import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { inspect } from "../../../src/pipeline.js";
import type { Attachment, Call, Message, Warning } from "../../../src/schema/index.js";
import { detectSource } from "../../../src/sources/index.js";
import { kakaoCsv } from "../../../src/sources/kakaotalk/csv.js";
import { kakaoMobile } from "../../../src/sources/kakaotalk/mobile.js";
import { kakaoPc } from "../../../src/sources/kakaotalk/pc.js";
import { readOne, runSource } from "../../helpers/read.js";
import { expectRows, type Row } from "../../helpers/rows.js";

/** Issue 10: shapes seen in real KakaoTalk exports (2013–2025), each in a fixture of its own. */
const dir = join(import.meta.dirname, "../../fixtures/kakaotalk");

interface Case {
  what: string;
  file: string;
  variant: string;
  /** Detection without the export's header is weaker, but must still be enough. */
  confidence: number;
  title: string | null;
  exportedAt: string | null;
  rows: Row[];
  /** Calls by source line. */
  calls?: Record<number, Call>;
  warnings?: Warning[];
}

const photo: Attachment = { type: "photo" };
const video: Attachment = { type: "video" };
const emoticon: Attachment = { type: "emoticon" };
const HEX = "5e0c3b2a1f9d8e7c6b5a49382716f5e4d3c2b1a09f8e7d6c5b4a39281706f5e4.jpg";
const GLUED_POLICY =
  "타인, 기관 등의 사칭에 유의해 주세요. 금전 또는개인정보를 요구 받을 경우 신고해 주시기 바랍니다.운영정책을 위반한 메시지로 신고 접수 시 카카오톡 이용에 제한이 있을 수 있습니다.";
const POLICY = "운영정책을 위반한 메시지로 신고 접수 시 카카오톡 이용에 제한이 있을 수 있습니다.";
const FOOTAGE =
  "불법촬영물등 식별 및 게재제한 조치 안내\n그룹 오픈채팅방에서 동영상・압축파일 전송 시 전기통신사업법에 따라 방송통신심의위원회에서 불법촬영물등으로 심의・의결한 정보에 해당하는지를 비교・식별 후 전송을 제한하는 조치가 적용됩니다. 불법촬영물등을 전송할 경우 관련 법령에 따라 처벌받을 수 있사오니 서비스 이용 시 유의하여 주시기 바랍니다.";

const cases: Case[] = [
  {
    what: "1, 6, calls: iOS placeholders and tombstones with a trailing space",
    file: "ios-ko-trailing-space.txt",
    variant: "kakaotalk.ios.ko",
    confidence: 0.8,
    title: "주말 등산 모임",
    exportedAt: "2024-03-02 23:10",
    rows: [
      [6, "2024-03-01 21:10", "김민지", "media", "", [emoticon]],
      [7, "2024-03-01 21:11", "박서준", "deleted", "삭제된 메시지입니다."],
      [8, "2024-03-01 21:12", "이하은", "media", "", [photo]],
      // A real message keeps its trailing space.
      [9, "2024-03-01 21:13", "김민지", "text", "이따 봐요 "],
      // The bare word and more words on one line are people writing about emoticons: in real
      // exports of one 2015 chat, the English-UI copy writes the same line with the Korean word.
      [10, "2024-03-01 21:14", "박서준", "text", "이모티콘 ㅋㅋㅋ"],
      [11, "2024-03-01 21:20", null, "system", "보이스톡 해요"],
      [12, "2024-03-01 21:21", null, "system", "보이스톡 03:25"],
      [13, "2024-03-01 21:30", null, "system", "페이스톡 해요"],
      [14, "2024-03-01 21:30", null, "system", "페이스톡 취소"],
      [15, "2024-03-01 21:31", null, "system", "부재중 보이스톡"],
      [16, "2024-03-01 21:40", "이하은", "media", "", [video]],
    ],
    calls: {
      11: { media: "voice", outcome: "unknown", by: "김민지" },
      12: { media: "voice", outcome: "answered", seconds: 205, by: "김민지" },
      13: { media: "video", outcome: "unknown", by: "박서준" },
      14: { media: "video", outcome: "cancelled", by: "박서준" },
      15: { media: "voice", outcome: "missed", by: "이하은" },
    },
  },
  {
    what: "1, 6: 2015 iOS English '(emoticon) ' and lower-case 'photo'",
    file: "ios-en-2015-placeholders.txt",
    variant: "kakaotalk.ios.en",
    confidence: 0.8,
    title: null,
    exportedAt: "2015-08-03 01:01",
    rows: [
      [6, "2015-07-09 20:34", "Mina", "media", "", [emoticon]],
      [7, "2015-07-09 20:35", "Joon", "media", "", [photo]],
      [8, "2015-07-09 20:36", "Mina", "media", "see you", [emoticon]],
      [9, "2015-07-09 20:37", "Joon", "text", "photos are up"],
    ],
  },
  {
    what: "2: Android unread media, several on the following lines",
    file: "android-ko-unread-media.txt",
    variant: "kakaotalk.android.ko",
    confidence: 0.8,
    title: "주말 등산 모임",
    exportedAt: "2024-03-02 23:10",
    rows: [
      [6, "2024-03-01 21:10", "김민지", "media", "", [photo, photo, photo]],
      [9, "2024-03-01 21:11", "박서준", "media", "", [photo]],
      [10, "2024-03-01 21:12", "이하은", "media", "", [video, photo]],
      [12, "2024-03-01 21:13", "김민지", "media", "", [{ type: "voice" }]],
      [13, "2024-03-01 21:14", "박서준", "media", "", [{ type: "photo", name: HEX }, photo]],
      [15, "2024-03-01 21:15", "이하은", "media", "다들 잘 나왔네", [photo]],
      [17, "2024-03-01 21:16", "김민지", "media", "", [{ type: "file" }]],
      [18, "2024-03-01 21:17", "박서준", "media", "", [emoticon]],
    ],
  },
  {
    what: "2: Android unread media, English UI",
    file: "android-en-unread-media.txt",
    variant: "kakaotalk.android.en",
    confidence: 0.8,
    title: "Weekend Hikers",
    exportedAt: "2024-03-02 23:10",
    rows: [
      [6, "2024-03-01 21:10", "Mina Kim", "media", "", [photo, photo]],
      [8, "2024-03-01 21:11", "Seojun Park", "media", "", [video, video, photo]],
      [11, "2024-03-01 21:12", "Haeun Lee", "media", "", [{ type: "voice" }]],
      [12, "2024-03-01 21:13", "Haeun Lee", "media", "", [{ type: "file" }]],
    ],
  },
  {
    what: "6, 7: 2013 Android, 정오/자정 as times, emoticon packs and captions",
    file: "android-ko-2013-noon.txt",
    variant: "kakaotalk.android.ko",
    confidence: 0.8,
    title: "민지",
    exportedAt: "2013-02-23 00:00",
    rows: [
      [6, "2013-02-22 11:58", "민지", "text", "점심 뭐 먹지"],
      [7, "2013-02-22 12:00", "서준", "media", "", [emoticon]],
      [8, "2013-02-22 12:00", "민지", "text", "벌써 12시네"],
      [9, "2013-02-22 12:01", "서준", "media", "배고파", [emoticon]],
      [10, "2013-02-22 23:59", "민지", "text", "이모티콘 잘자"],
      [13, "2013-02-23 00:00", "서준", "text", "자정이다"],
      [14, "2013-02-23 00:01", "민지", "media", "", [emoticon]],
    ],
  },
  {
    what: "4: English UI, day first",
    file: "android-en-day-first.txt",
    variant: "kakaotalk.android.en",
    confidence: 0.8,
    title: "Weekend Hikers",
    exportedAt: "2018-10-15 09:02",
    rows: [
      [6, "2018-10-14 19:29", "Mina Kim", "text", "Who is in for Sunday?"],
      [7, "2018-10-14 19:31", "Seojun Park", "text", "Me : north gate, 6 AM"],
      [8, "2018-10-14 19:40", null, "system", "Haeun Lee joined this chatroom."],
      [9, "2018-10-14 23:59", "Haeun Lee", "media", "", [photo]],
      [12, "2018-10-15 00:00", "Mina Kim", "text", "Good night\nSee you all"],
    ],
  },
  {
    what: "4, 9: day first with 'at' and 24 hours; a title without 'with'",
    file: "android-en-day-first-24h.txt",
    variant: "kakaotalk.android.en",
    confidence: 0.8,
    title: "Weekend Hikers",
    exportedAt: "2024-01-02 23:10",
    rows: [
      [6, "2024-01-01 00:05", "Mina Kim", "text", "Happy New Year"],
      [7, "2024-01-01 13:45", "Seojun Park", "text", "Lunch?"],
      [8, "2024-01-01 13:46", null, "system", "Seojun Park left this chatroom."],
    ],
  },
  {
    what: "3, 8, calls: Windows PC open chat",
    file: "pc-ko-open-chat.txt",
    variant: "kakaotalk.pc.ko",
    confidence: 0.8,
    title: "랭체인 스터디",
    exportedAt: "2024-04-05 01:36:14",
    rows: [
      [5, "2024-03-27 00:00", null, "system", "김민지님이 들어왔습니다.", undefined, true],
      [5, "2024-03-27 00:00", null, "system", GLUED_POLICY, undefined, true],
      [6, "2024-03-27 00:00", null, "system", FOOTAGE, undefined, true],
      [8, "2024-03-27 00:00", null, "system", "박서준님이 들어왔습니다.", undefined, true],
      [9, "2024-03-27 10:55", "김민지", "text", "안녕하세요"],
      [10, "2024-03-27 10:56", "박서준", "text", "광고 링크 http://spam.example"],
      [11, "2024-03-27 10:56", null, "system", "채팅방 관리자가 메시지를 가렸습니다.", undefined, true],
      [12, "2024-03-27 10:57", "김민지", "text", "다들 반가워요\n좋은 하루 보내세요"],
      [14, "2024-03-27 10:57", null, "system", "박서준님이 부방장이 되었습니다.", undefined, true],
      [15, "2024-03-27 10:57", null, "system", "박서준님이 부방장에서 해제되었습니다.", undefined, true],
      [16, "2024-03-27 10:57", null, "system", "채팅방 관리자가 3개의 메시지를 가렸습니다.", undefined, true],
      // A notice-shaped line no rule knows: kept where it was, and counted below.
      [17, "2024-03-27 11:00", "이하은", "text", "오늘 스터디 있나요?\n김민지님이 톡게시판 공지를 등록했습니다."],
      [19, "2024-03-27 21:02", null, "system", "보이스톡 해요"],
      [20, "2024-03-27 21:03", null, "system", "보이스톡 0:17"],
      [21, "2024-03-27 21:10", null, "system", "보이스톡 취소"],
      [22, "2024-03-27 21:11", null, "system", "부재중 페이스톡"],
      [23, "2024-03-27 21:20", null, "system", "페이스톡 1:02:03"],
      [24, "2024-03-27 21:20", null, "system", POLICY, undefined, true],
    ],
    calls: {
      19: { media: "voice", outcome: "unknown", by: "김민지" },
      20: { media: "voice", outcome: "answered", seconds: 17, by: "김민지" },
      21: { media: "voice", outcome: "cancelled", by: "이하은" },
      22: { media: "video", outcome: "missed", by: "이하은" },
      23: { media: "video", outcome: "answered", seconds: 3723, by: "박서준" },
    },
    warnings: [{ code: "unread-line", file: "pc-ko-open-chat.txt", line: 18, text: "김민지님이 톡게시판 공지를 등록했습니다." }],
  },
  {
    what: "8: Android open chat, the policy notice on the line after the join",
    file: "android-ko-open-chat.txt",
    variant: "kakaotalk.android.ko",
    confidence: 0.8,
    title: "랭체인 스터디",
    exportedAt: "2024-04-05 01:36",
    rows: [
      [6, "2024-03-27 10:50", null, "system", "김민지님이 들어왔습니다."],
      [7, "2024-03-27 10:50", null, "system", POLICY, undefined, true],
      [8, "2024-03-27 10:52", null, "system", "박서준님이 들어왔습니다."],
      [8, "2024-03-27 10:52", null, "system", GLUED_POLICY],
      [9, "2024-03-27 10:55", "김민지", "text", "안녕하세요"],
      [10, "2024-03-27 10:56", null, "system", "채팅방 관리자가 메시지를 가렸습니다."],
    ],
  },
  {
    what: "5: a PC export without its header lines",
    file: "pc-ko-no-header.txt",
    variant: "kakaotalk.pc.ko",
    confidence: 0.5,
    title: null,
    exportedAt: null,
    rows: [
      [2, "2024-01-01 12:00", "이하은", "text", "하산하고 국밥 어때"],
      [3, "2024-01-01 12:01", "박서준", "text", "좋아요\n국밥집 위치는"],
      [5, "2024-01-01 12:01", null, "system", "이하은님이 나갔습니다.", undefined, true],
    ],
    warnings: [{ code: "header-missing", file: "pc-ko-no-header.txt", text: "title, saved date" }],
  },
  {
    what: "5: an Android export without title and saved lines",
    file: "android-ko-no-header.txt",
    variant: "kakaotalk.android.ko",
    confidence: 0.5,
    title: null,
    exportedAt: null,
    rows: [
      [2, "2024-01-01 12:00", "이하은", "text", "하산하고 국밥 어때"],
      [3, "2024-01-01 12:01", "박서준", "text", "좋아요"],
    ],
    warnings: [{ code: "header-missing", file: "android-ko-no-header.txt", text: "title, saved date" }],
  },
  {
    what: "5, 9: a Mac CSV without its column row, a copy's name",
    file: "KakaoTalk_Chat_주말 등산 모임_2024-01-03-09-12-30 (1).csv",
    variant: "kakaotalk.csv",
    confidence: 0.5,
    title: "주말 등산 모임",
    exportedAt: "2024-01-03 09:12:30",
    rows: [
      // The first row is a message, not a header to skip.
      [1, "2023-12-31 21:10:04", "김민지", "text", "다들 내일 해돋이 산행 올 거지?"],
      [2, "2023-12-31 21:13:09", "이하은", "text", "나는 조금 늦을 수도 있어\n6시 반까지는 도착할게"],
      [4, "2023-12-31 21:30:40", "박서준", "media", "", [emoticon]],
      [5, "2023-12-31 21:31:00", null, "system", "보이스톡 00:23"],
    ],
    calls: { 5: { media: "voice", outcome: "answered", seconds: 23, by: "박서준" } },
    warnings: [{ code: "header-missing", file: "KakaoTalk_Chat_주말 등산 모임_2024-01-03-09-12-30 (1).csv", text: "Date,User,Message" }],
  },
];

function seoul(local: string): string {
  const withSeconds = local.length === 16 ? `${local}:00` : local;
  return `${withSeconds.replace(" ", "T")}+09:00`;
}

/** Detection, then every message, call and warning of a fixture against its table. */
function checkCase(c: Case): void {
  it("is detected by content", async () => {
    const { container, chats } = await inspect(join(dir, c.file));
    await container.close();
    const [{ detected }] = chats as [(typeof chats)[0]];
    expect(detected.variant).toBe(c.variant);
    expect(detected.confidence).toBeGreaterThanOrEqual(c.confidence);
  });

  it("yields every message, field by field, with its warnings", async () => {
    const { header, messages, summary } = await readOne(join(dir, c.file), "Asia/Seoul");
    expect(header.title).toBe(c.title);
    expect(header.source.exportedAt).toBe(c.exportedAt && seoul(c.exportedAt));
    expectRows(messages, summary, c.rows, seoul, (m) => m.timeInferred === true);
    const calls: Record<number, Call> = {};
    for (const m of messages as Message[]) if (m.call) calls[m.source.line] = m.call;
    expect(calls).toEqual(c.calls ?? {});
    expect(summary.warnings).toEqual(c.warnings ?? []);
  });
}

describe.each(cases)("KakaoTalk, real shapes: $what", checkCase);

describe("KakaoTalk titles (9)", () => {
  const title = (lines: string[], name = "chat.txt") => detectSource({ name, lines })?.title;
  const body = ["", "", "2024년 1월 1일 오후 12:00", "2024년 1월 1일 오후 12:00, 민지 : 안녕"];

  it("keeps the room's name only", () => {
    // Before 님과 a bare count follows a list of members only; see the describe block below for names ending in a number.
    expect(title(["민지,서준,하은 4 님과 카카오톡 대화", "저장한 날짜 : 2024년 1월 2일 오후 11:10", ...body])).toBe("민지,서준,하은");
    expect(title(["주말 등산 모임 (4명) 카카오톡 대화", "저장한 날짜 : 2024년 1월 2일 오후 11:10", ...body])).toBe("주말 등산 모임");
    expect(title(["주말 등산 모임-1.txt 님과 카카오톡 대화", "저장한 날짜 : 2024년 1월 2일 오후 11:10", ...body])).toBe("주말 등산 모임");
    expect(title(["KakaoTalk Chats Weekend Hikers (24)", "Date Saved : January 2, 2024 at 11:10 PM", "", "", "January 1, 2024 at 3:04 PM, Mina : hi"])).toBe(
      "Weekend Hikers",
    );
    expect(title(["Weekend Hikers (4) with KakaoTalk Chats", "Date Saved : 2024-01-02 23:10:41", "", "--------------- Monday, January 1, 2024 ---------------", "[Mina] [3:04 PM] hi"])).toBe(
      "Weekend Hikers",
    );
    // A name that merely ends in a number, in the English form, is left whole.
    expect(title(["KakaoTalk Chats with Class of 2024", "Date Saved : January 2, 2024 at 11:10 PM", "", "", "January 1, 2024 at 3:04 PM, Mina : hi"])).toBe(
      "Class of 2024",
    );
  });

  it("reads the room's name from a copied CSV's file name", () => {
    const lines = ['2024-01-01 12:00:00,"민지","안녕"', '2024-01-01 12:01:00,"서준","응"', '2024-01-01 12:02:00,"민지","가자"'];
    expect(title(lines, "KakaoTalk_Chat_주말 등산 모임_2024-01-03-09-12-30-1.csv")).toBe("주말 등산 모임");
  });
});

describe("KakaoTalk trimmed files (5) do not make other text KakaoTalk", () => {
  it("leaves a dated CSV of another program alone", () => {
    const lines = ["2024-01-01 12:00:00,42,ok", "2024-01-01 12:01:00,43,ok", "2024-01-01 12:02:00,44,fail"];
    expect(kakaoCsv.detect({ name: "log.csv", lines })).toBeNull();
    expect(detectSource({ name: "log.csv", lines })?.source.platform).not.toBe("kakaotalk");
  });

  it("leaves prose alone", () => {
    const lines = ["Meeting notes", "", "We met at 10:30 and talked : a lot.", "[Action] [owner] follow up"];
    expect(detectSource({ name: "notes.txt", lines })).toBeNull();
  });
});

describe("KakaoTalk notices and calls, inline", () => {
  it("reads English call wordings [M] as calls and leaves ordinary words as text", async () => {
    const text = [
      "Weekend Hikers with KakaoTalk Chats",
      "Date Saved : 2024-01-02 23:10:41",
      "",
      "--------------- Monday, January 1, 2024 ---------------",
      "[Mina] [3:04 PM] Voice Talk 0:42",
      "[Mina] [3:05 PM] Missed Face Talk",
      "[Mina] [3:06 PM] Voice Talk Canceled",
      "[Mina] [3:07 PM] Voice Talk later?",
      "[민지] [오후 3:08] 보이스톡 해요.",
      "[민지] [오후 3:09] 보이스톡 하자",
    ].join("\r\n");
    const { conversations, warnings } = await runSource(kakaoPc, text);
    const messages = conversations[0]!.messages;
    expect(messages.map((m) => [m.kind, m.sender, m.text, m.call])).toEqual([
      ["system", null, "Voice Talk 0:42", { media: "voice", outcome: "answered", seconds: 42, by: "Mina" }],
      ["system", null, "Missed Face Talk", { media: "video", outcome: "missed", by: "Mina" }],
      ["system", null, "Voice Talk Canceled", { media: "voice", outcome: "cancelled", by: "Mina" }],
      ["text", "Mina", "Voice Talk later?", undefined],
      ["system", null, "보이스톡 해요.", { media: "voice", outcome: "unknown", by: "민지" }],
      ["text", "민지", "보이스톡 하자", undefined],
    ]);
    expect(warnings).toEqual([]);
  });

  it("reads a PC 정오 [M] and refuses a 정오 after 오전", async () => {
    const text = [
      "민지 님과 카카오톡 대화",
      "저장한 날짜 : 2013-02-23 00:00:00",
      "",
      "--------------- 2013년 2월 22일 금요일 ---------------",
      "[민지] [정오] 점심",
      "2013년 2월 22일 오후 정오, 민지 : 없는 시각",
    ].join("\n");
    const pc = await runSource(kakaoPc, text);
    expect(pc.conversations[0]!.messages.map((m) => [m.time, m.text])).toEqual([
      [Date.UTC(2013, 1, 22, 12, 0), "점심\n2013년 2월 22일 오후 정오, 민지 : 없는 시각"],
    ]);
    // The impossible line is kept and counted, not read.
    expect(pc.warnings.map((w) => [w.code, w.line])).toEqual([["unread-line", 6]]);
    const mobile = await runSource(kakaoMobile, ["민지 님과 카카오톡 대화", "저장한 날짜 : 2013년 2월 23일 자정", "", "", "2013년 2월 22일 오후 12:00, 민지 : 점심", "2013년 2월 22일 오후 정오, 민지 : 없는 시각"].join("\n"));
    expect(mobile.conversations[0]!.messages).toHaveLength(1);
    expect(mobile.warnings.map((w) => [w.code, w.line])).toEqual([["invalid-date", 6]]);
  });

  it("keeps a policy line before any message as an orphan line, not a notice", async () => {
    const text = "민지 님과 카카오톡 대화\n저장한 날짜 : 2024년 1월 2일 오후 11:10\n\n\n" + POLICY + "\n";
    const { conversations, warnings } = await runSource(kakaoMobile, text);
    expect(conversations[0]!.messages).toHaveLength(0);
    expect(warnings.map((w) => w.code)).toEqual(["orphan-line"]);
  });
});

/**
 * What a sweep over real published exports (2013–2025) still found: emoticon placeholders in
 * every spelling, the unplayed voice message, the old iOS file-name title, member counts in
 * titles, the language of a trimmed file, and board shares. Fixtures are invented, in the
 * same shapes.
 */
describe("KakaoTalk, a sweep of real exports", () => {
  const voice: Attachment = { type: "voice" };
  const sweep: Case[] = [
    {
      what: "2013 Android: emoticons by pack, title, words; unread voice, contact and spacing",
      file: "android-ko-2013-emoticon-shapes.txt",
      variant: "kakaotalk.android.ko",
      confidence: 0.8,
      title: "산악회",
      exportedAt: "2014-02-21 22:04",
      rows: [
        [6, "2013-09-06 00:28", "김도윤", "media", "", [emoticon]],
        [7, "2013-09-06 00:29", "이서연", "media", "", [emoticon]],
        // The title is the emoticon's own text; words sent with it follow on their own line.
        [8, "2013-09-06 00:30", "박지호", "media", "엉엉", [emoticon]],
        [9, "2013-09-06 00:31", "김도윤", "media", "최고\n다들 수고했어요", [emoticon]],
        [10, "2013-09-06 00:32", "이서연", "media", "반갑습니다.", [emoticon]],
        [11, "2013-09-06 00:33", "박지호", "media", "히잉", [emoticon]],
        [12, "2013-09-06 00:34", "김도윤", "media", "생일축하해", [emoticon]],
        [13, "2013-09-06 00:35", "이서연", "media", "안녕\n다음 주에 봐요", [emoticon]],
        [15, "2013-09-06 00:36", "박지호", "media", "", [voice]],
        [16, "2013-09-06 00:37", "김도윤", "media", "연락처:최민준", [{ type: "contact" }]],
        [17, "2013-09-06 00:38", "이서연", "media", "", [video]],
        // Someone writing about emoticons, and a typed emoticon code, stay text.
        [18, "2013-09-06 00:39", "박지호", "text", "저 (이모티콘) 뭐예요?"],
        [19, "2013-09-06 00:40", "김도윤", "text", "(최고)"],
        [20, "2013-09-06 00:41", "이서연", "text", "회의록(3월)(이모티콘 목록)"],
        [21, "2013-09-06 00:42", "박지호", "text", "이모티콘이 귀엽네"],
        [22, "2013-09-06 00:43", "김도윤", "media", "", [emoticon]],
      ],
    },
    {
      what: "2014 iOS: the file's name as title, '(Emoticon)' with titles and packs",
      file: "ios-ko-2014-file-name-title.txt",
      variant: "kakaotalk.ios.ko",
      confidence: 0.8,
      title: "산악회",
      exportedAt: "2014-02-21 22:21",
      rows: [
        [4, "2013-10-11 12:05", null, "system", "김도윤님이 이서연님과 박지호님을 초대했습니다."],
        [5, "2013-10-11 12:07", "이서연", "media", "Cool~", [emoticon]],
        [6, "2013-10-11 12:08", "박지호", "media", "", [emoticon]],
        [7, "2013-10-11 12:09", "김도윤", "media", "", [emoticon]],
        [8, "2013-10-11 12:10", "회원님", "media", "굿나잇", [emoticon]],
        [9, "2013-10-11 12:11", "이서연", "media", "", [emoticon]],
        [10, "2013-10-11 12:12", "박지호", "media", "Have a good day", [emoticon]],
        [11, "2013-10-11 12:13", "김도윤", "text", "내일 봐요 "],
      ],
    },
    {
      what: "2015 iOS: a 1:1 chat's file-name title, '님과' glued, a copy's '-1.txt'",
      file: "ios-ko-2015-file-name-1to1.txt",
      variant: "kakaotalk.ios.ko",
      confidence: 0.8,
      title: "한서윤",
      exportedAt: "2015-08-03 00:15",
      rows: [
        [7, "2015-07-09 20:34", "한서윤", "text", "안녕하세요 "],
        [8, "2015-07-09 20:35", "회원님", "text", "네 반가워요"],
      ],
    },
    {
      what: "2015 iOS English: '(4 people)' left out of the title",
      file: "ios-en-2015-people-count.txt",
      variant: "kakaotalk.ios.en",
      confidence: 0.8,
      title: "스터디방",
      exportedAt: "2015-08-03 00:20",
      rows: [
        [7, "2015-07-09 20:34", null, "system", "김도윤 invited 이서연 and 박지호."],
        [8, "2015-07-09 20:35", "이서연", "text", "안녕하세요"],
        [9, "2015-07-09 20:36", "You", "media", "", [photo]],
      ],
    },
    {
      what: "2014 Android: a 1:1 contact whose name ends in a number keeps it",
      file: "android-ko-1to1-name-ends-in-number.txt",
      variant: "kakaotalk.android.ko",
      confidence: 0.8,
      title: "최하늘 cls 10",
      exportedAt: "2014-02-20 09:49",
      rows: [
        [6, "2014-02-20 09:46", "최하늘 cls 10", "text", "안녕"],
        [7, "2014-02-20 09:47", "회원님", "text", "응 안녕"],
      ],
    },
    {
      what: "2022 Android English without its header: the stamps tell the language, not the names",
      file: "android-en-no-header.txt",
      variant: "kakaotalk.android.en",
      confidence: 0.5,
      title: null,
      exportedAt: null,
      rows: [
        [2, "2022-09-22 16:30", "이서연", "text", "오늘 몇 시에 만나?"],
        [3, "2022-09-22 16:31", "박지호", "text", "6시"],
      ],
      warnings: [{ code: "header-missing", file: "android-en-no-header.txt", text: "title, saved date" }],
    },
    {
      what: "2023 PC: board posts and # search shares are what people sent; a board poll is a poll",
      file: "pc-ko-board-and-search.txt",
      variant: "kakaotalk.pc.ko",
      confidence: 0.8,
      title: "모임방",
      exportedAt: "2023-02-01 08:20:41",
      rows: [
        [5, "2023-01-08 09:05", "김도윤", "text", "톡게시판 '공지': 230108 기도제목\n도윤: 가족 건강\n서연: 새 학기 준비 "],
        [8, "2023-01-08 09:58", "김도윤", "media", "톡게시판 '투표': 29일 식당 추천", [{ type: "poll" }]],
        [9, "2023-01-08 09:59", "이서연", "media", "", [emoticon]],
        [10, "2023-01-08 18:05", "김도윤", "text", "톡게시판 '투표 종료': 29일 식당 추천"],
        [11, "2023-01-08 18:10", "박지호", "text", "샵검색: #눈오리"],
        [12, "2023-01-08 18:10", "박지호", "text", "샵검색 : #인디언포커 룰"],
        [13, "2023-01-08 18:11", "이서연", "media", "넵! 감사합니다~", [emoticon]],
      ],
    },
  ];
  describe.each(sweep)("$what", checkCase);

  const title = (first: string, second = "저장한 날짜 : 2014. 2. 21. 오후 10:21") =>
    detectSource({ name: "chat.txt", lines: [first, second, "2014년 2월 6일 목요일", "2014. 2. 6. 오전 10:25, 민지 : 안녕 "] })?.title;

  it("reads every old iOS file-name title", () => {
    expect(title("N04 (11명)과 카카오톡 대화.txt")).toBe("N04");
    expect(title("민지, 서준, 하은 (6명)과 카카오톡 대화.txt")).toBe("민지, 서준, 하은");
    expect(title("산악회 (4명)과 카카오톡 대화-1.txt")).toBe("산악회");
    expect(title("송민지님과 카카오톡 대화.txt")).toBe("송민지");
    // Kakao adds 님 to every name, so a contact saved as "…선생님" keeps its own.
    expect(title("홍민지선생님님과 카카오톡 대화.txt")).toBe("홍민지선생님");
    expect(title("송민지 님과 카카오톡 대화-1.txt")).toBe("송민지");
  });

  it("strips a bare count only where it is one", () => {
    const android = "저장한 날짜 : 2014년 2월 20일 오전 1:35";
    expect(title("민지,서준,하은 (4명) 님과 카카오톡 대화", android)).toBe("민지,서준,하은");
    expect(title("민지,서준,하은 4 님과 카카오톡 대화", android)).toBe("민지,서준,하은");
    expect(title("교사모임 (17명) 카카오톡 대화", android)).toBe("교사모임");
    expect(title("스터디그룹 잡담방 62 카카오톡 대화", android)).toBe("스터디그룹 잡담방");
    // 1:1 titles and named rooms before 님과: the number is part of the name.
    expect(title("최하늘 cls 10 님과 카카오톡 대화", android)).toBe("최하늘 cls 10");
    expect(title("3학년 2반 님과 카카오톡 대화", "저장한 날짜 : 2024-01-02 23:10:41")).toBe("3학년 2반");
    expect(title("KakaoTalk Chats with 스터디방 (4 people)-1.txt", "Date Saved : Aug 3, 2015, 12:20 AM")).toBe("스터디방");
    expect(title("KakaoTalk Chats with 민지 (1 person).txt", "Date Saved : Aug 3, 2015, 12:20 AM")).toBe("민지");
  });

  it("tells a trimmed PC file's language by its day separators, not its names", () => {
    const lines = ["--------------- Sunday, January 8, 2023 ---------------", "[이서연] [9:05 AM] 안녕", "[박지호] [9:06 AM] 응"];
    expect(detectSource({ name: "chat.txt", lines })?.variant).toBe("kakaotalk.pc.en");
  });

  it("reads every spacing of every unread type, and leaves near misses as text", async () => {
    const bodies = [
      "<음성메시지 읽지 않음>",
      "<음성 메시지 읽지않음>",
      "<파일 읽지 않음>",
      "<이모티콘읽지 않음>",
      "<Voice Message Unread>",
      "<VoiceMessage unread>",
      "<File Unread>",
      "‹Video Unread›",
      "<Contact:Mina Unread>",
      "<공지 읽지 않음>",
      "(이모티콘_)",
      "(emoticons) 뭐지",
      "어제 산 새 이모티콘 다들 한번씩 써 보세요 이렇게요(이모티콘)",
    ];
    const text = ["민지 님과 카카오톡 대화", "저장한 날짜 : 2014년 2월 20일 오전 9:49", "", "", ...bodies.map((b, i) => `2014년 2월 20일 오전 9:${10 + i}, 민지 : ${b}`)].join("\n");
    const { conversations, warnings } = await runSource(kakaoMobile, text);
    expect(conversations[0]!.messages.map((m) => [m.kind, m.text, m.attachments])).toEqual([
      ["media", "", [voice]],
      ["media", "", [voice]],
      ["media", "", [{ type: "file" }]],
      ["media", "", [emoticon]],
      ["media", "", [voice]],
      ["media", "", [voice]],
      ["media", "", [{ type: "file" }]],
      ["media", "", [video]],
      ["media", "Contact:Mina", [{ type: "contact" }]],
      ["text", "<공지 읽지 않음>", null],
      ["text", "(이모티콘_)", null],
      ["text", "(emoticons) 뭐지", null],
      ["text", "어제 산 새 이모티콘 다들 한번씩 써 보세요 이렇게요(이모티콘)", null],
    ]);
    expect(warnings).toEqual([]);
  });

  it("reads the Mac CSV's English '(Emoticon) '", async () => {
    const text = 'Date,User,Message\n2015-07-26 22:29:10,"민지","(Emoticon) "\n2015-07-26 22:29:30,"민지","Good(Emoticon) ok"\n';
    const { conversations, warnings } = await runSource(kakaoCsv, text);
    expect(conversations[0]!.messages.map((m) => [m.kind, m.sender, m.text, m.attachments])).toEqual([
      ["media", "민지", "", [emoticon]],
      ["media", "민지", "Good\nok", [emoticon]],
    ]);
    expect(warnings).toEqual([]);
  });
});
