import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { merge, mergeMinute } from "../../src/merge.js";
import { drain } from "../../src/pipeline.js";
import type { Message } from "../../src/schema/index.js";
import { cli } from "../helpers/cli.js";

const dir = mkdtempSync(join(tmpdir(), "chatferry-merge-"));
const HEADER = "주말 등산 모임 4 카카오톡 대화\n저장한 날짜 : 2024년 1월 2일 오후 11:10\n\n\n";
const LINES = [
  "2024년 1월 1일 오전 12:00, 이하은 : 새해 복 많이 받아요 🎍",
  "2024년 1월 1일 오전 12:00, 박서준 : ㅋㅋ",
  "2024년 1월 1일 오전 12:00, 박서준 : ㅋㅋ",
  "2024년 1월 1일 오전 12:01, 김민지 : 다들 잘 자요",
  "내일 봐요",
  "2024년 1월 1일 오전 6:12, 김민지 : 사진",
  "2024년 1월 1일 오후 12:00, 이하은 : 하산하고 국밥 어때",
  "2024년 1월 1일 오후 12:45, 산타는 곰돌이님이 나갔습니다.",
];

function write(name: string, lines: string[]): string {
  const path = join(dir, name);
  writeFileSync(path, HEADER + lines.join("\n") + "\n");
  return path;
}

async function texts(paths: string[]): Promise<{ texts: string[]; messages: number; dropped: number }> {
  const merged = await merge(paths, { timezone: "Asia/Seoul" });
  const all: Message[] = [];
  const summary = await drain(merged, (batch) => void all.push(...batch));
  expect(all.map((m) => m.seq)).toEqual(all.map((_, i) => i));
  return { texts: all.map((m) => `${m.time.slice(11, 16)} ${m.sender ?? "-"}: ${m.text}`), messages: summary.messages, dropped: merged.dropped() };
}

describe("merge", () => {
  const whole = [
    "00:00 이하은: 새해 복 많이 받아요 🎍",
    "00:00 박서준: ㅋㅋ",
    "00:00 박서준: ㅋㅋ",
    "00:01 김민지: 다들 잘 자요\n내일 봐요",
    "06:12 김민지: ",
    "12:00 이하은: 하산하고 국밥 어때",
    "12:45 -: 산타는 곰돌이님이 나갔습니다.",
  ];

  it("joins two overlapping exports in order, the overlap once", async () => {
    // The phone's export ends early; the later one starts mid-way (after a reinstall).
    const early = write("early.txt", LINES.slice(0, 6));
    const late = write("late.txt", [LINES[0]!, LINES[1]!, ...LINES.slice(3)]);
    expect(await texts([early, late])).toEqual({ texts: whole, messages: 7, dropped: 4 });
    // The order of the inputs does not matter.
    expect((await texts([late, early])).texts).toEqual(whole);
  });

  it("keeps a message repeated within a minute as often as the export that has it most", async () => {
    const once = write("once.txt", [LINES[0]!, LINES[1]!]);
    const twice = write("twice.txt", LINES.slice(0, 3));
    expect((await texts([once, twice])).texts).toEqual(whole.slice(0, 3));
    expect((await texts([twice, twice])).texts).toEqual(whole.slice(0, 3));
  });

  it("matches a phone export (minutes) with a Mac CSV (seconds)", async () => {
    const phone = write("KakaoTalkChats.txt", LINES.slice(0, 3));
    const csv = join(dir, "KakaoTalk_Chat_주말 등산 모임_2024-01-03-09-12-30.csv");
    writeFileSync(csv, ["Date,User,Message", '2024-01-01 00:00:12,"이하은","새해 복 많이 받아요 🎍"', '2024-01-01 00:00:40,"박서준","ㅋㅋ"', '2024-01-01 00:01:05,"김민지","다들 잘 자요\n내일 봐요"'].join("\n"));
    const { texts: merged, dropped } = await texts([phone, csv]);
    expect(merged).toEqual(whole.slice(0, 4));
    expect(dropped).toBe(2);
  });

  describe("who is who", () => {
    const PAIR = "김민지 님과 카카오톡 대화\n저장한 날짜 : 2024년 1월 2일 오후 11:10\n\n\n";
    const pair = (name: string, lines: string[]) => {
      const path = join(dir, name);
      writeFileSync(path, PAIR + lines.join("\n") + "\n");
      return path;
    };
    const DUO = ["2024년 1월 1일 오전 12:01, 김민지 : 다들 잘 자요", "2024년 1월 1일 오전 12:02, 박서준 : 잘 자"];

    async function who(paths: string[], me?: string) {
      const merged = await merge(paths, { timezone: "Asia/Seoul", ...(me !== undefined ? { me } : {}) });
      const summary = await drain(merged, () => undefined);
      return { header: { kind: merged.header.kind, self: merged.header.self }, summary: { kind: summary.kind, self: summary.self } };
    }

    it("keeps what every export says: a group's member count, and --me", async () => {
      const early = write("who-early.txt", LINES.slice(0, 4));
      const late = write("who-late.txt", LINES.slice(1, 5));
      expect(await who([early, late], "김민지")).toEqual({ header: { kind: "group", self: "김민지" }, summary: { kind: "group", self: "김민지" } });
    });

    it("keeps a direct chat that every export showed as one, which only their messages decided, and who exported it", async () => {
      const first = pair("pair-1.txt", DUO);
      const second = pair("pair-2.txt", [...DUO, "2024년 1월 2일 오전 8:00, 박서준 : 좋은 아침"]);
      expect(await who([first, second])).toEqual({ header: { kind: undefined, self: undefined }, summary: { kind: "direct", self: "박서준" } });
    });

    it("takes neither side where two exports disagree, unless the merged chat itself decides", async () => {
      const direct = pair("pair-duo.txt", DUO);
      const group = write("group-duo.txt", DUO);
      expect((await who([direct, group])).summary.kind).toBeUndefined();
      // Three writers make a group whatever the exports said.
      const third = write("group-third.txt", [LINES[0]!]);
      expect((await who([direct, third])).summary.kind).toBe("group");
    });
  });

  it("mergeMinute keeps the fullest copy's order and appends what only others have", () => {
    const m = (text: string, sender = "A") => ({ kind: "text", sender, text }) as Message;
    const { kept, dropped } = mergeMinute([[m("x"), m("y")], [m("z"), m("x"), m("y"), m("y")]]);
    expect(kept.map((k) => k.text)).toEqual(["z", "x", "y", "y"]);
    expect(dropped).toBe(2);
  });

  it("the CLI writes one NDJSON block and says what it removed", async () => {
    const early = write("cli-early.txt", LINES.slice(0, 6));
    const late = write("cli-late.txt", LINES.slice(3));
    const r = await cli(["merge", early, late, "--timezone", "Asia/Seoul"]);
    expect(r.code).toBe(0);
    const types = r.stdout.trimEnd().split("\n").map((l) => (JSON.parse(l) as { type: string }).type);
    expect(types.filter((t) => t === "conversation")).toHaveLength(1);
    expect(types.filter((t) => t === "message")).toHaveLength(7);
    expect(r.stderr.trim()).toBe("Merged 2 exports: 7 messages, 2 duplicates removed.");
  });
});
