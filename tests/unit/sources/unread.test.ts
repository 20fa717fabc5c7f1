import { describe, expect, it } from "vitest";
import { looksStamped } from "../../../src/sources/unread.js";

describe("lines that look like a message of their own", () => {
  it.each([
    ["14 October 2018, 7:29 PM, Mina : hi"],
    ["2013년 2월 22일 정오, 김민지 : 점심 먹자"],
    ["2024. 1. 15. 오후 3:04, 김민지 : 안녕"],
    ["13.06.18 21.25.15: Anna: Hallo"],
    ["13. 6. 2018. 21:25:15 - a: m"],
    ["02/01/2024 03:04 下午 - Alice: hi"],
    ["[2024-01-15 15:04] Bob: hi"],
    ["\u200e[15/01/2024, 15:04:12] Tom: hi"],
    ["Oct 14, 2018 at 19:29, Mina : hi"],
    ["8:34pm, July 9, 2015, Mina : hi"],
    ["오후 8:36, 테스트 : ㅎㅇ"],
    ["21:05\t佐藤美咲\t明日"],
    ["下午07:04\t\tXXX已加入群組"],
  ])("counts %j", (line) => {
    expect(looksStamped(line)).toBe(true);
  });

  it.each([
    ["10:30 at the north gate"],
    ["2024 was a good year, see you at 10:30"],
    ["Meeting point : north gate, 5:30 AM"],
    ["https://example.com/2024/01/15/post"],
    ["3/4 of us are coming"],
    ["2014.03.02.~2014.04.01."],
    ["2024-01-15~2024-02-01 12명"],
    ["ㅋㅋㅋ 오후에 봐"],
    ["October was fun"],
    [""],
  ])("leaves %j alone", (line) => {
    expect(looksStamped(line)).toBe(false);
  });

  it("takes linear time on lines built to make a regex backtrack", () => {
    const lines = [
      "1".repeat(200_000),
      "2024. ".repeat(50_000),
      "14 " + "October ".repeat(40_000),
      "1/1/1 " + "9".repeat(200_000),
      "[".repeat(100_000) + "1/1/1",
    ];
    const started = performance.now();
    for (const line of lines) expect(looksStamped(line)).toBe(false);
    // A backtracking pattern takes minutes on these; a generous guard, not a timing target.
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});
