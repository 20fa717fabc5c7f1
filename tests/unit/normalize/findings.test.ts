import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ActiveDays } from "../../../src/normalize/active-days.js";
import { silences } from "../../../src/normalize/findings.js";
import { SummaryCounter, Warnings } from "../../../src/normalize/summary.js";
import { drain, readConversations } from "../../../src/pipeline.js";

const DAY = 86_400_000;
const day = (date: string) => Date.parse(date) / DAY;
const tmp = () => mkdtempSync(join(tmpdir(), "chatferry-findings-"));

/** Days with messages: every day of each [from, to] stretch, and single days. */
function active(...stretches: ([string, string] | string)[]): ActiveDays {
  const days = new ActiveDays();
  for (const s of stretches) {
    const [from, to] = typeof s === "string" ? [s, s] : s;
    for (let d = day(from); d <= day(to); d++) days.add(d);
  }
  return days;
}

/** The summary of a WhatsApp Android export with these lines ("31/12/2023, 21:00 - Ann: hi"), read in Seoul. */
async function whatsapp(lines: string[], media: Record<string, string> = {}) {
  const dir = tmp();
  const chat = join(dir, "WhatsApp Chat with Family.txt");
  writeFileSync(chat, lines.join("\n") + "\n");
  for (const [name, content] of Object.entries(media)) writeFileSync(join(dir, name), content);
  const input = Object.keys(media).length > 0 ? dir : chat;
  const summaries = [];
  for await (const c of readConversations(input, { timezone: "Asia/Seoul" })) summaries.push(await drain(c, () => undefined));
  return summaries[0]!;
}

/** `n` messages of two people, a minute apart from 9:00 on 13 January 2024 (day 13: the date order is plain). */
function messages(n: number, body = (i: number) => `message ${i}`): string[] {
  return Array.from({ length: n }, (_, i) => {
    const at = new Date(Date.UTC(2024, 0, 13, 9, 0) + i * 60_000);
    const stamp = `${String(at.getUTCDate()).padStart(2, "0")}/${String(at.getUTCMonth() + 1).padStart(2, "0")}/${at.getUTCFullYear()}, ${String(at.getUTCHours()).padStart(2, "0")}:${String(at.getUTCMinutes()).padStart(2, "0")}`;
    return `${stamp} - ${i % 2 ? "Ann" : "Bob"}: ${body(i)}`;
  });
}

describe("findings: a silence long for this chat", () => {
  it("flags two years without a message in a chat that talks every day, with the usual gap as evidence", () => {
    const found = silences(active(["2019-01-01", "2019-03-14"], ["2021-06-02", "2021-08-01"]));
    expect(found).toEqual([{ code: "silence", from: "2019-03-14", to: "2021-06-02", days: 811, usual: 1 }]);
  });

  it("needs at least 60 days, and ten times the chat's usual gap", () => {
    // Every day, then 59 days of quiet: holidays, not a hole.
    expect(silences(active(["2024-01-01", "2024-03-01"], ["2024-04-29", "2024-05-30"]))).toEqual([]);
    // Every day, then 60 days of quiet.
    expect(silences(active(["2024-01-01", "2024-03-01"], ["2024-04-30", "2024-05-30"])).map((s) => s.days)).toEqual([60]);
    // A chat that talks once a week (usual gap 7 days): 63 days of quiet is its own rhythm, 70 is not.
    const weekly = (quiet: number) => {
      const days = new ActiveDays();
      for (let d = 0; d < 30 * 7; d += 7) days.add(d);
      for (let d = 30 * 7 - 7 + quiet; d < 60 * 7 + quiet; d += 7) days.add(d);
      return silences(days).map((s) => [s.days, s.usual]);
    };
    expect(weekly(63)).toEqual([]);
    expect(weekly(70)).toEqual([[70, 7]]);
  });

  it("tells the three longest, in time order", () => {
    const found = silences(
      active(["2019-01-01", "2019-02-01"], ["2019-05-01", "2019-06-01"], ["2020-01-01", "2020-02-01"], ["2020-06-01", "2020-07-01"], ["2021-07-01", "2021-09-01"], ["2021-12-01", "2021-12-31"]),
    );
    expect(found.map((s) => [s.from, s.to])).toEqual([
      ["2019-06-01", "2020-01-01"],
      ["2020-02-01", "2020-06-01"],
      ["2020-07-01", "2021-07-01"],
    ]);
  });

  it("sees the days in time order whatever order the messages came in: a day inside a silence splits it", () => {
    const days = active(["2022-01-01", "2022-01-31"], ["2022-12-01", "2022-12-31"]);
    expect(silences(days).map((s) => [s.from, s.to])).toEqual([["2022-01-31", "2022-12-01"]]);
    days.add(day("2022-06-15"));
    days.add(day("2021-01-01"));
    expect(silences(days).map((s) => [s.from, s.to])).toEqual([
      ["2021-01-01", "2022-01-01"],
      ["2022-01-31", "2022-06-15"],
      ["2022-06-15", "2022-12-01"],
    ]);
  });

  it("stops telling silences when the dates spread wider than any calendar (a hostile file), holding no more than a bounded bitmap", () => {
    const days = active(["2024-01-01", "2024-01-10"], "2024-12-01");
    days.add(day("2024-01-05") + 4_000_000);
    expect(silences(days)).toEqual([]);
    expect(days.span).toBeGreaterThan(4_000_000);
  });
});

describe("findings from whole exports", () => {
  it("flags a group whose notices are years older than its first message (a restored phone), once, with the notice as evidence", async () => {
    const summary = await whatsapp([
      "02/03/2019, 10:00 - Messages and calls are end-to-end encrypted. No one outside of this chat, not even WhatsApp, can read or listen to them.",
      '02/03/2019, 10:00 - Ann created group "Family"',
      "02/03/2019, 10:01 - Ann added Bob",
      "15/06/2021, 09:00 - Bob: Hello again",
      "16/06/2021, 09:00 - Ann: Hi",
    ]);
    expect(summary.findings).toEqual([
      { code: "late-start", notice: "Ann added Bob", at: "2019-03-02T10:01:00+09:00", first: "2021-06-15T09:00:00+09:00", days: 835 },
    ]);
  });

  it("does not flag a group where someone writes within two months of its notices", async () => {
    const summary = await whatsapp(['02/03/2019, 10:00 - Ann created group "Family"', "30/04/2019, 09:00 - Bob: Hello", "01/05/2019, 09:00 - Ann: Hi"]);
    expect(summary.findings).toEqual([]);
  });

  it("flags a WhatsApp export of exactly 40,000 messages, and of 10,000 when it has media", async () => {
    expect((await whatsapp(messages(40_000))).findings).toEqual([{ code: "export-cap", cap: 40_000, media: false }]);
    expect((await whatsapp(messages(39_999))).findings).toEqual([]);
    expect((await whatsapp(messages(10_000))).findings).toEqual([]);
    const withMedia = messages(10_000, (i) => (i === 5 ? "IMG-20240113-WA0001.jpg (file attached)" : `message ${i}`));
    expect((await whatsapp(withMedia, { "IMG-20240113-WA0001.jpg": "jpeg" })).findings).toEqual([{ code: "export-cap", cap: 10_000, media: true }]);
  });

  it("does not hold other messengers to WhatsApp's limit", async () => {
    const dir = tmp();
    const chat = join(dir, "KakaoTalkChats.txt");
    const lines = ["Family 3 카카오톡 대화", "저장한 날짜 : 2024년 1월 2일 오후 11:10", "", "2024년 1월 1일 오전 9:00"];
    for (let i = 0; i < 40_000; i++) lines.push(`2024년 1월 1일 오전 9:00, 민지 : ${i}`);
    writeFileSync(chat, lines.join("\n") + "\n");
    for await (const c of readConversations(chat, { timezone: "Asia/Seoul" })) {
      const summary = await drain(c, () => undefined);
      expect([summary.messages, summary.findings]).toEqual([40_000, []]);
    }
  });

  it("counts every file the messages name that the input lacks, beyond the warnings kept", async () => {
    const names = Array.from({ length: 1_200 }, (_, i) => `IMG-20240113-WA${String(i).padStart(4, "0")}.jpg (file attached)`);
    const summary = await whatsapp(messages(1_300, (i) => names[i] ?? `message ${i}`), { "IMG-20240113-WA0000.jpg": "jpeg" });
    expect(summary.warnings.filter((w) => w.code === "missing-media")).toHaveLength(Warnings.KEEP);
    expect(summary.findings).toEqual([{ code: "media-missing", files: 1_199 }]);
  });

  it("leaves the WhatsApp limit out of a merged conversation, which is no single export", () => {
    const counter = new SummaryCounter(new Warnings());
    for (let i = 0; i < 40_000; i++) counter.add({ sender: "Ann", kind: "text", text: "hi" }, i * 60_000, "2024-01-01T00:00:00Z", i * 60_000);
    expect(counter.summary().findings).toEqual([]);
  });
});
