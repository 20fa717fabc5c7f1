import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cli } from "../../helpers/cli.js";

/**
 * A family group that talks every day in 2019 and 2021, silent in between, whose notices are
 * months older than its first message: what `stats` shows of it.
 */
function family(): string {
  const lines = [
    '02/09/2018, 10:00 - Ann created group "Family"',
    "02/09/2018, 10:01 - Ann added Bob",
  ];
  const day = (d: number) => new Date(Date.UTC(2019, 0, 1) + d * 86_400_000);
  const stamp = (at: Date, hour: number) => `${String(at.getUTCDate()).padStart(2, "0")}/${String(at.getUTCMonth() + 1).padStart(2, "0")}/${at.getUTCFullYear()}, ${hour}:00`;
  for (let d = 0; d < 90; d++) lines.push(`${stamp(day(d), 21)} - Ann: evening ${d}`, `${stamp(day(d), 8)} - Bob: morning ${d}`);
  for (let d = 900; d < 930; d++) lines.push(`${stamp(day(d), 21)} - Cy: back ${d}`);
  const file = join(mkdtempSync(join(tmpdir(), "chatferry-stats-")), "WhatsApp Chat with Family.txt");
  writeFileSync(file, lines.join("\n") + "\n");
  return file;
}

describe("chatferry stats: activity and findings", () => {
  const file = family();

  it("shows a line of months per year, the busiest hours and the findings in words, in English", async () => {
    const { code, stdout } = await cli(["stats", file, "--timezone", "Asia/Seoul"]);
    expect(code).toBe(0);
    expect(stdout).toContain(
      [
        "Activity (messages per month, January to December; · none)",
        "  2018          ▁···  2",
        "  2019  ███·········  180",
        "  2020  no messages",
        "  2021  ·····▂▃       30",
      ].join("\n"),
    );
    expect(stdout).toContain("Hours of the day (busiest: 21:00 57%, 08:00 42%, 10:00 1%)");
    expect(stdout).toContain("Findings  \n");
    expect(stdout).toContain(
      '  the chat opens with "Ann added Bob" on 2018-09-02, but the first message anyone wrote is from 2019-01-01, 121 days later: a phone set up or restored later exports only what it has held since',
    );
    expect(stdout).toContain("  no messages between 2019-03-31 and 2021-06-19 (811 days; this chat's usual gap is 1 day(s)): the export may be missing that time");
  });

  it("speaks Korean with --lang ko", async () => {
    const { stdout } = await cli(["stats", file, "--timezone", "Asia/Seoul", "--lang", "ko"]);
    expect(stdout).toContain("활동 (월별 메시지 수, 1월부터 12월까지, · 없음)");
    expect(stdout).toContain("시간대 (가장 많은 때: 21시 57%, 08시 42%, 10시 1%)");
    expect(stdout).toContain("2019-03-31과 2021-06-19 사이에 메시지가 없습니다(811일, 이 대화의 보통 간격은 1일): 내보낸 파일에 이 기간이 빠졌을 수 있습니다");
  });

  it("carries the activity and the findings in --json", async () => {
    const { stdout } = await cli(["stats", file, "--timezone", "Asia/Seoul", "--json"]);
    const { summary } = JSON.parse(stdout) as { summary: { activity: { people: string[]; months: unknown[]; weeks?: unknown; hours: number[] }; findings: { code: string }[] } };
    expect(summary.activity.people).toEqual(["Ann", "Bob", "Cy"]);
    expect(summary.activity.months.slice(0, 2)).toEqual([
      { period: "2018-09", messages: 2, by: [0, 0, 0] },
      { period: "2019-01", messages: 62, by: [31, 31, 0] },
    ]);
    expect(summary.activity.weeks).toBeUndefined();
    expect(summary.activity.hours[21]).toBe(120);
    expect(summary.findings.map((f) => f.code)).toEqual(["late-start", "silence"]);
  });

  it("shows a short chat per week", async () => {
    const short = join(mkdtempSync(join(tmpdir(), "chatferry-stats-")), "WhatsApp Chat with Two.txt");
    writeFileSync(short, ["13/01/2024, 09:00 - Ann: hi", "14/01/2024, 09:00 - Bob: hi", "29/01/2024, 09:00 - Ann: hi"].join("\n") + "\n");
    const { stdout } = await cli(["stats", short, "--timezone", "Asia/Seoul"]);
    expect(stdout).toContain("Activity (messages per week from the Monday shown; · none)\n  2024-01-08  █··▄\n");
  });
});
