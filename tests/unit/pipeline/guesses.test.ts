import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ChatFerryError } from "../../../src/errors.js";
import { readOne } from "../../helpers/read.js";

const dir = mkdtempSync(join(tmpdir(), "chatferry-guesses-"));

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/** A KakaoTalk Android export with one line in a shape no rule reads. */
const kakao = file(
  "KakaoTalkChats.txt",
  [
    "주말 등산 모임 님과 카카오톡 대화",
    "저장한 날짜 : 2024년 1월 2일 오후 11:10",
    "",
    "",
    "2024년 1월 1일 오후 12:00",
    "2024년 1월 1일 오후 12:00, 이하은 : 하산하고 국밥 어때",
    "2024-01-01 12:01:30 | 김민지 | 좋아요",
    "2024년 1월 1일 오후 12:02, 박서준 : 나도",
    "",
  ].join("\n"),
);

/** WhatsApp Android, 24-hour, days and months both ≤ 12 and in order either way: nothing decides. */
const undecided = file(
  "WhatsApp Chat with Tennis.txt",
  ["1/2/24, 10:00 - Alice: Court at ten?", "2/3/24, 11:00 - Bob: Yes", "3/4/24, 09:30 - Alice: Again next week", ""].join("\n"),
);

async function refusal(promise: Promise<unknown>): Promise<ChatFerryError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ChatFerryError);
  return err as ChatFerryError;
}

describe("no silent guesses", () => {
  it("keeps a line no rule reads in the message before it, and counts it with its line number", async () => {
    const { messages, summary } = await readOne(kakao);
    expect(messages.map((m) => [m.source.line, m.sender, m.text])).toEqual([
      [6, "이하은", "하산하고 국밥 어때\n2024-01-01 12:01:30 | 김민지 | 좋아요"],
      [8, "박서준", "나도"],
    ]);
    expect(summary.warnings).toEqual([
      { code: "unread-line", file: "KakaoTalkChats.txt", line: 7, text: "2024-01-01 12:01:30 | 김민지 | 좋아요" },
    ]);
  });

  it("refuses that line with --strict, naming file and line", async () => {
    const err = await refusal(readOne(kakao, "Asia/Seoul", { strict: true }));
    expect(err.code).toBe("E_STRICT_UNREAD");
    expect(err.params).toMatchObject({ file: "KakaoTalkChats.txt", line: 7 });
  });

  it("says which evidence decided the date order, and that only the locale did", async () => {
    const { summary, messages } = await readOne(undecided, "UTC");
    expect(summary.dateOrder).toEqual({ order: "dmy", by: "locale" });
    expect(summary.warnings.map((w) => w.code)).toEqual(["date-order-assumed"]);
    expect(messages.map((m) => m.time)).toEqual(["2024-02-01T10:00:00+00:00", "2024-03-02T11:00:00+00:00", "2024-04-03T09:30:00+00:00"]);
  });

  it("reads the dates the way the user says, and says so", async () => {
    const { summary, messages } = await readOne(undecided, "UTC", { dateOrder: "mdy" });
    expect(summary.dateOrder).toEqual({ order: "mdy", by: "option" });
    expect(summary.warnings).toEqual([]);
    expect(messages.map((m) => m.time)).toEqual(["2024-01-02T10:00:00+00:00", "2024-02-03T11:00:00+00:00", "2024-03-04T09:30:00+00:00"]);
  });

  it("refuses an undecided order where the destination cannot be undone, and with --strict", async () => {
    expect((await refusal(readOne(undecided, "UTC", { undecidedDates: "refuse" }))).code).toBe("E_DATE_ORDER");
    expect((await refusal(readOne(undecided, "UTC", { strict: true }))).code).toBe("E_STRICT_DATE_ORDER");
    // The user's word decides: nothing is refused then.
    expect((await readOne(undecided, "UTC", { undecidedDates: "refuse", strict: true, dateOrder: "dmy" })).messages).toHaveLength(3);
  });

  it("leaves a file whose dates decide alone", async () => {
    const decided = file("WhatsApp Chat with Hikers.txt", ["31/12/23, 21:00 - Alice: Hi", "1/1/24, 00:01 - Bob: Happy new year", ""].join("\n"));
    const { summary } = await readOne(decided, "UTC", { undecidedDates: "refuse", strict: true });
    expect(summary.dateOrder).toEqual({ order: "dmy", by: "dates" });
  });

  it("reports a placeholder several people send that ChatFerry does not know, and refuses it with --strict", async () => {
    const path = file(
      "WhatsApp Chat with Pics.txt",
      ["31/12/23, 21:00 - Alice: [Hologram]", "31/12/23, 21:01 - Bob: [Hologram]", "31/12/23, 21:02 - Alice: [Hologram]", "31/12/23, 21:03 - Bob: ok", ""].join("\n"),
    );
    const { summary } = await readOne(path, "UTC");
    expect(summary.warnings).toEqual([{ code: "unknown-placeholder", file: "WhatsApp Chat with Pics.txt", line: 1, text: "[Hologram]", count: 3 }]);
    expect((await refusal(readOne(path, "UTC", { strict: true }))).code).toBe("E_STRICT_PLACEHOLDER");
  });
});
