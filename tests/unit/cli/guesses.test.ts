// No silent guesses on the command line: --date-order and --strict on every command that reads,
// imports that refuse a date order the file does not show, and the stats rows that say what
// reading decided (date order, time zone) and could not read (unread lines, unknown placeholders).
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cli, ROOT } from "../../helpers/cli.js";

/** Android en-US, 12-hour, every message on 3/4/24: nothing shows whether that is 4 March or 3 April. */
const UNDECIDED = join(ROOT, "tests/fixtures/whatsapp/undecided/WhatsApp Chat with Tennis Club.txt");
/** Android en-GB (14/03/2024 decides day/month) with two pasted KakaoTalk lines (3, 4) and "<Status reply omitted>" ×3 from line 5. */
const GUESSES = join(ROOT, "tests/fixtures/whatsapp/guesses/WhatsApp Chat with Kim Family.txt");
const KO = { LANG: "ko_KR.UTF-8" };
const tmp = () => mkdtempSync(join(tmpdir(), "chatferry-guesses-"));

interface Row {
  type: string;
  time?: string;
  sender?: string | null;
  kind?: string;
  text?: string;
  messages?: number;
  warnings?: { code: string; line?: number; text?: string }[];
  dateOrder?: { order: string; by: string };
}
const records = (stdout: string) => stdout.trimEnd().split("\n").map((line) => JSON.parse(line) as Row);
const messages = (stdout: string) =>
  records(stdout)
    .filter((r) => r.type === "message")
    .map(({ kind, sender, time, text }) => ({ kind, sender, time, text }));

/** The fixture's eight messages, with the date each reading gives. */
function tennisClub(date: string) {
  const at = (hm: string) => `${date}T${hm}:00+00:00`;
  return [
    { kind: "system", sender: null, time: at("18:02"), text: "Messages and calls are end-to-end encrypted. No one outside of this chat, not even WhatsApp, can read or listen to them. Tap to learn more." },
    { kind: "system", sender: null, time: at("18:02"), text: 'Sam Park created group "Tennis Club"' },
    { kind: "system", sender: null, time: at("18:03"), text: "Sam Park added Kim Lee and Jo Martin" },
    { kind: "text", sender: "Sam Park", time: at("18:05"), text: "Court 3 is booked for tomorrow, 10 to 12" },
    { kind: "text", sender: "Kim Lee", time: at("18:07"), text: "I'm in 🎾" },
    { kind: "text", sender: "Jo Martin", time: at("18:09"), text: "Me too. Who brings balls?" },
    { kind: "text", sender: "Sam Park", time: at("18:10"), text: "I have a new can\nBring water" },
    { kind: "text", sender: "Kim Lee", time: at("21:41"), text: "See you there!" },
  ];
}

/** One line on stderr, nothing on stdout: the CLI's way of refusing. */
function expectRefusal(r: { code: number | null; stdout: string; stderr: string }, sentence: RegExp): void {
  expect(r.code).toBe(2);
  expect(r.stderr.endsWith("\n")).toBe(true);
  expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
  expect(r.stderr.trimEnd()).toMatch(sentence);
}

describe("--date-order", () => {
  it("reads an undecided file the locale's way with a warning, and the chosen way without one", async () => {
    const assumed = await cli(["parse", UNDECIDED]);
    expect(assumed.code).toBe(0);
    expect(messages(assumed.stdout)).toEqual(tennisClub("2024-03-04"));
    const summary = records(assumed.stdout).at(-1)!;
    expect(summary.messages).toBe(8);
    expect(summary.dateOrder).toEqual({ order: "mdy", by: "locale" });
    expect(summary.warnings).toEqual([{ code: "date-order-assumed", file: "WhatsApp Chat with Tennis Club.txt", text: "month/day" }]);

    const chosen = await cli(["parse", UNDECIDED, "--date-order", "dmy"]);
    expect(chosen.code).toBe(0);
    expect(messages(chosen.stdout)).toEqual(tennisClub("2024-04-03"));
    const told = records(chosen.stdout).at(-1)!;
    expect(told.messages).toBe(8);
    expect(told.dateOrder).toEqual({ order: "dmy", by: "option" });
    expect(told.warnings).toEqual([]);
  });

  it("refuses a value it does not know with one line in the user's language, before reading", async () => {
    const commands = [["parse"], ["stats"], ["merge"], ["export", "--to", "csv"], ["archive", "-o", join(tmp(), "a")], ["telegram", "package"]];
    for (const r of await Promise.all(commands.map((command) => cli([...command, UNDECIDED, "--date-order", "d/m/y"])))) {
      expectRefusal(r, /^chatferry: --date-order takes dmy, mdy or ymd, not 'd\/m\/y'\. Run 'chatferry --help' for usage\.$/);
      expect(r.stdout).toBe("");
    }
    const ko = await cli(["stats", UNDECIDED, "--date-order", "DMY"], KO);
    expectRefusal(ko, /^chatferry: --date-order에는 dmy, mdy, ymd 중 하나를 쓰세요\('DMY'은\(는\) 쓸 수 없습니다\)\. 사용법은 'chatferry --help'로 확인하세요\.$/);
  });

  it("is offered, with --strict, by every command that reads exports; imports say they refuse without it", async () => {
    const commands = [["parse"], ["stats"], ["merge"], ["export"], ["archive"], ["telegram", "package"], ["telegram", "replay"]];
    const helps = await Promise.all(commands.map((command) => cli([...command, "--help"])));
    for (const [i, command] of commands.entries()) {
      const { code, stdout } = helps[i]!;
      expect(code).toBe(0);
      expect(stdout).toContain("--date-order <order>");
      expect(stdout).toContain("--strict");
      const flat = stdout.replace(/\s+/g, " ");
      const imports = command[0] === "telegram";
      expect(flat.includes("nothing is imported until you say")).toBe(imports);
      expect(flat.includes("else the phone language's habit, with a warning")).toBe(!imports);
    }
    const ko = await cli(["telegram", "package", "--help"], KO);
    expect(ko.stdout.replace(/\s+/g, " ")).toContain("판단할 수 없으면 알려 주실 때까지 가져오지 않습니다");
  });

  it("flows through merge, export and archive", async () => {
    const merged = await cli(["merge", UNDECIDED, UNDECIDED, "--date-order", "dmy"]);
    expect(merged.code).toBe(0);
    expect(messages(merged.stdout)).toEqual(tennisClub("2024-04-03"));
    const csv = await cli(["export", UNDECIDED, "--to", "csv", "--date-order", "dmy"]);
    expect(csv.code).toBe(0);
    expect(csv.stdout).toContain("2024-04-03T21:41:00+00:00");
    expect(csv.stdout).not.toContain("2024-03-04");
  });
});

describe("imports that cannot be undone", () => {
  it("telegram package refuses an undecided file with exit 2 and one line, writing nothing", async () => {
    const out = tmp();
    const r = await cli(["telegram", "package", UNDECIDED, "-o", out]);
    expectRefusal(
      r,
      /^chatferry: WhatsApp Chat with Tennis Club\.txt: nothing in the file shows whether dates such as 3\/4 are day\/month or month\/day, and an import cannot be undone\. Check with 'chatferry stats', then say which with --date-order dmy, mdy or ymd\.$/,
    );
    expect(r.stdout).toBe("");
    expect(readdirSync(out)).toEqual([]);

    const ko = await cli(["telegram", "package", UNDECIDED, "-o", out], KO);
    expectRefusal(ko, /^chatferry: WhatsApp Chat with Tennis Club\.txt: 3\/4 같은 날짜가 일\/월인지 월\/일인지 파일 안에서 알 수 없고, 가져오기는 되돌릴 수 없습니다\. .*--date-order dmy, mdy, ymd 중 하나로 알려 주세요\.$/);
    expect(readdirSync(out)).toEqual([]);
  });

  it("telegram package writes the file once --date-order says, with the dates read that way", async () => {
    const out = tmp();
    const r = await cli(["telegram", "package", UNDECIDED, "-o", out, "--date-order", "dmy"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Tennis Club: 8 messages, 0 media files\n/);
    expect(readdirSync(out).sort()).toEqual(["WhatsApp Chat with Tennis Club.txt", "WhatsApp Chat with Tennis Club.zip"]);
    // The package writes the year first, whatever the input's order was.
    const text = readFileSync(join(out, "WhatsApp Chat with Tennis Club.txt"), "utf8");
    expect(text).toContain("[2024/04/03, 21:41:00] Kim Lee: See you there!\n");
    expect(text).not.toContain("04/03/2024");
  });

  it("telegram replay refuses too, even a dry run, until --date-order says", async () => {
    const refused = await cli(["telegram", "replay", UNDECIDED, "--chat", "@tennisclub", "--dry-run"]);
    expectRefusal(refused, /^chatferry: WhatsApp Chat with Tennis Club\.txt: nothing in the file shows whether dates/);
    const told = await cli(["telegram", "replay", UNDECIDED, "--chat", "@tennisclub", "--dry-run", "--date-order", "mdy"]);
    expect(told.stderr).toBe("");
    expect(told.code).toBe(0);
    expect(told.stdout).toMatch(/^Tennis Club: 8 messages become /);
  });

  it("a file whose dates decide their order needs no --date-order", async () => {
    const out = tmp();
    const r = await cli(["telegram", "package", GUESSES, "-o", out]);
    expect(r.code).toBe(0);
    expect(readdirSync(out)).toHaveLength(2);
  });
});

describe("--strict", () => {
  it("stops at the first unread line, naming file, line and text, in both languages", async () => {
    const r = await cli(["parse", GUESSES, "--strict"]);
    expectRefusal(
      r,
      /^chatferry: WhatsApp Chat with Kim Family\.txt, line 3: looks like a message in a shape ChatFerry does not know \(2024\. 3\. 13\. 오후 10:14, 아빠 : 일요일 저녁 우리집에서 먹자\); --strict stops here\./,
    );
    const ko = await cli(["stats", GUESSES, "--strict"], KO);
    expectRefusal(ko, /^chatferry: WhatsApp Chat with Kim Family\.txt 3번째 줄: ChatFerry가 모르는 형식의 메시지처럼 보입니다\(2024\. 3\. 13\. 오후 10:14, 아빠 : 일요일 저녁 우리집에서 먹자\)\. --strict라서 멈춥니다\./);
    const archive = join(tmp(), "kim");
    const pass = join(tmp(), "pass.txt");
    writeFileSync(pass, "correct horse battery staple\n");
    const archived = await cli(["archive", GUESSES, "-o", archive, "--passphrase-file", pass, "--strict"]);
    expectRefusal(archived, /line 3: looks like a message/);
    expect(readdirSync(join(archive, ".."))).toEqual([]);
  });

  it("stops at a date order only the locale decided, in the user's words, unless --date-order says", async () => {
    expectRefusal(await cli(["stats", UNDECIDED, "--strict"]), /\(the phone language's habit would read them as month\/day\); --strict stops here\./);
    expectRefusal(await cli(["stats", UNDECIDED, "--strict"], KO), /\(휴대폰 언어로 짐작하면 월\/일 순서\)\. --strict라서 멈춥니다\./);
    const told = await cli(["parse", UNDECIDED, "--strict", "--date-order", "mdy"]);
    expect(told.code).toBe(0);
    expect(messages(told.stdout)).toEqual(tennisClub("2024-03-04"));
  });

  it("shows control characters of the refused line as escapes, never raw on the terminal", async () => {
    const dir = tmp();
    const file = join(dir, "WhatsApp Chat with Eve.txt");
    writeFileSync(file, "14/03/2024, 08:56 - Eve: look\n2024-03-13 22:14 \u001b[2J\u001b[31mred\n14/03/2024, 08:58 - Eve: ok\n");
    const r = await cli(["parse", file, "--strict"]);
    expectRefusal(r, /line 2: .*\(2024-03-13 22:14 \\u001b\[2J\\u001b\[31mred\)/);
    expect(r.stderr).not.toContain("\u001b");
  });
});

describe("stats says what reading decided and could not read", () => {
  it("names the date order and its evidence, the zone's origin, unread lines and placeholders", async () => {
    const { code, stdout } = await cli(["stats", GUESSES, "--timezone", "Europe/London"]);
    expect(code).toBe(0);
    expect(stdout).toContain("Time zone             Europe/London (from --timezone)\n");
    expect(stdout).toContain("Date order            day/month (from dates that can be read only one way)\n");
    expect(stdout).toContain("Unread lines          2 (lines 3, 4; kept as part of the message before each)\n");
    expect(stdout).toContain('Unknown placeholders  "<Status reply omitted>" ×3 (first on line 5)\n');
    expect(stdout).toContain("Messages              6\n");
    // The warnings are still listed, one a line.
    expect(stdout).toContain("  line 3: looks like a message in a shape ChatFerry does not know; kept as part of the message before it: 2024. 3. 13. 오후 10:14, 아빠 : 일요일 저녁 우리집에서 먹자\n");
    expect(stdout).toContain('  line 5 and 3 times in all: "<Status reply omitted>" looks like a placeholder ChatFerry does not know (kept as text)\n');
  });

  it("says when the file did not decide the order, and that the zone is this computer's", async () => {
    const { code, stdout } = await cli(["stats", UNDECIDED]);
    expect(code).toBe(0);
    expect(stdout).toContain("Time zone             UTC (this computer's time zone; another with --timezone)\n");
    expect(stdout).toContain("Date order            month/day (NOT shown by the file: the phone language's habit was assumed; check a date and give --date-order)\n");
    expect(stdout).toContain("Unread lines          none\n");
    expect(stdout).toContain("Unknown placeholders  none\n");
    const told = await cli(["stats", UNDECIDED, "--date-order", "dmy"]);
    expect(told.stdout).toContain("Date order            day/month (as --date-order says)\n");
    expect(told.stdout).toContain("First                 2024-04-03T18:02:00+00:00\n");
  });

  it("in Korean", async () => {
    const { stdout } = await cli(["stats", GUESSES], KO);
    expect(stdout).toContain("시간대             UTC (이 컴퓨터의 시간대, --timezone으로 바꿀 수 있음)\n");
    expect(stdout).toContain("날짜 순서          일/월 (한 가지로만 읽히는 날짜로 판단)\n");
    expect(stdout).toContain("읽지 못한 줄       2줄 (3, 4번째 줄, 각각 앞 메시지의 일부로 보존)\n");
    expect(stdout).toContain('모르는 자리표시자  "<Status reply omitted>" 3번 (5번째 줄부터)\n');
    const undecided = await cli(["stats", UNDECIDED], KO);
    expect(undecided.stdout).toContain("날짜 순서          월/일 (파일만으로는 알 수 없어 휴대폰 언어에서 흔한 순서로 짐작함. 날짜 하나를 확인하고 --date-order로 알려 주세요)\n");
    expect(undecided.stdout).toContain("  3/4 같은 날짜가 일/월인지 월/일인지 파일만으로는 알 수 없어, 휴대폰 언어에서 흔한 월/일 순서로 읽었습니다\n");
  });

  it("--json keeps its shape and adds where the time zone came from", async () => {
    const system = JSON.parse((await cli(["stats", UNDECIDED, "--json"])).stdout) as Record<string, unknown>;
    expect(Object.keys(system)).toEqual(["header", "timezoneFrom", "summary"]);
    expect(system.timezoneFrom).toBe("system");
    expect((system.summary as Row).dateOrder).toEqual({ order: "mdy", by: "locale" });
    const option = JSON.parse((await cli(["stats", UNDECIDED, GUESSES, "--json", "--timezone", "Asia/Seoul"])).stdout) as Record<string, unknown>[];
    expect(option.map((r) => r.timezoneFrom)).toEqual(["option", "option"]);
    expect(option.map((r) => (r.summary as Row).warnings!.map((w) => w.code))).toEqual([
      ["date-order-assumed"],
      ["unread-line", "unread-line", "unknown-placeholder"],
    ]);
  });
});
