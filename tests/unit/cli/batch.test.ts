// `chatferry batch` (issue 13): many exports in one run, each into a folder of its own, a
// failing one reported and the others written, with a report (HTML and CSV) and a JSON-lines log.
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { csvTable, GOOD_INPUTS, parsed } from "../../helpers/batch.js";
import { cli, ROOT, type CliResult } from "../../helpers/cli.js";
import { png } from "../../helpers/png.js";

const tmp = () => mkdtempSync(join(tmpdir(), "chatferry-batch-"));
const TZ = ["--timezone", "Asia/Seoul"];
const KO = { LANG: "ko_KR.UTF-8" };
/** Android en-US, every message on 3/4/24: only the phone's language would decide the date order. */
const UNDECIDED = join(ROOT, "tests/fixtures/whatsapp/undecided/WhatsApp Chat with Tennis Club.txt");
const stem = (input: string) => basename(input).replace(/\.[^.]*$/, "");
const col = (head: string[], name: string) => {
  const i = head.indexOf(name);
  if (i < 0) throw new Error(`no column ${name} in ${head.join(", ")}`);
  return i;
};

interface LogEvent {
  event: string;
  n?: number;
  status?: string;
  input?: string;
  code?: string;
  message?: string;
  outputs?: string[];
  messages?: { in: number; out: number } | number;
  conversations?: number;
  ok?: number;
  failed?: number;
  inputs?: number | string[];
}

describe("chatferry batch: good inputs and bad ones together", () => {
  const dir = tmp();
  const out = join(dir, "out");
  const picture = join(dir, "holiday.png");
  const empty = join(dir, "empty.txt");
  const inputs = [GOOD_INPUTS[0]!, GOOD_INPUTS[1]!, picture, GOOD_INPUTS[2]!, GOOD_INPUTS[3]!, empty, GOOD_INPUTS[4]!];
  const good = (input: string) => input !== picture && input !== empty;
  let run: CliResult;
  let expected: Map<string, Awaited<ReturnType<typeof parsed>>>;

  beforeAll(async () => {
    writeFileSync(picture, png(8, 8));
    writeFileSync(empty, "");
    expected = new Map(await Promise.all(GOOD_INPUTS.map(async (input) => [input, await parsed(input)] as const)));
    run = await cli(["batch", ...inputs, "--to", "ndjson", "-o", out, "--report", join(dir, "report.html"), "--log", join(dir, "log.jsonl"), ...TZ]);
  }, 60_000);

  it("exits 4, says which failed and why on stdout, and goes on past them", () => {
    expect(run.code, run.stderr).toBe(4);
    expect(run.stderr).toBe(`Created folder ${out}\nchatferry: 2 of 7 inputs failed; each one's reason is on its line above.\n`);
    const lines = run.stdout.trimEnd().split("\n");
    expect(lines).toHaveLength(inputs.length + 2);
    expect(lines[2]).toBe("[3/7] holiday.png: FAILED. holiday.png is not a text chat export (it looks like a binary file, such as an image).");
    expect(lines[5]).toBe("[6/7] empty.txt: FAILED. empty.txt is empty: there is no chat in it.");
    expect(lines[0]).toBe(`[1/7] android-ko.txt: 1 conversation(s), 15 messages, 0 media files, 0 warning(s) → ${join(out, "android-ko.txt")}`);
    expect(lines.at(-1)).toBe(`5 of 7 inputs written into ${out}.`);
  });

  it("writes each good input into a folder named after it, with every message, and gives a bad one no folder", () => {
    expect(readdirSync(out).sort()).toEqual(inputs.filter(good).map((i) => basename(i)).sort());
    for (const input of inputs.filter(good)) {
      const file = join(out, basename(input), `${stem(input)}.ndjson`);
      const records = readFileSync(file, "utf8").trimEnd().split("\n").map((l) => JSON.parse(l) as { type: string });
      expect(records.filter((r) => r.type === "message"), input).toHaveLength(expected.get(input)!.messages);
    }
  });

  it("reports one row an input: what was read, how many messages in and out, the files, the error in words", () => {
    const { head, rows } = csvTable(readFileSync(join(dir, "report.csv"), "utf8"));
    expect(head).toEqual([
      "#", "Input", "Status", "Error", "Messenger", "Variant", "Encoding", "Date order (what decided it)", "Time zone (where it came from)",
      "Conversations", "Messages read", "Messages written", "Media found", "Media missing", "Warnings (code, lines)", "Unread lines",
      "Written (in the output folder)",
    ]);
    expect(rows).toHaveLength(inputs.length);
    const cell = (row: string[], name: string) => row[col(head, name)]!;
    rows.forEach((row, i) => {
      const input = inputs[i]!;
      expect(cell(row, "#")).toBe(String(i + 1));
      expect(cell(row, "Input")).toBe(basename(input));
      if (!good(input)) {
        expect(cell(row, "Status")).toBe("failed");
        expect(run.stdout).toContain(`: FAILED. ${cell(row, "Error")}\n`);
        expect(cell(row, "Messages read")).toBe("");
        return;
      }
      expect(cell(row, "Status")).toBe("ok");
      expect(cell(row, "Error")).toBe("");
      expect(cell(row, "Messages read")).toBe(String(expected.get(input)!.messages));
      expect(cell(row, "Messages written")).toBe(cell(row, "Messages read"));
      expect(cell(row, "Time zone (where it came from)")).toBe("Asia/Seoul (from --timezone)");
      expect(cell(row, "Written (in the output folder)")).toBe(`${basename(input)}/${stem(input)}.ndjson`);
      expect(existsSync(join(out, cell(row, "Written (in the output folder)")))).toBe(true);
    });
    const byInput = (name: string) => rows.find((row) => cell(row, "Input") === name)!;
    expect(cell(byInput("pc-ko-cp949.txt"), "Encoding")).toBe("cp949");
    expect(cell(byInput("pc-ko-cp949.txt"), "Variant")).toBe("kakaotalk.pc.ko");
    expect(cell(byInput("WhatsApp Chat with Book Club.txt"), "Messenger")).toBe("WhatsApp");
    expect(cell(byInput("WhatsApp Chat with Book Club.txt"), "Date order (what decided it)")).toBe("day/month (from dates that can be read only one way)");
    expect(cell(byInput("[LINE] Weekend Hikers.txt"), "Messenger")).toBe("LINE");
    const telegram = byInput("chat");
    expect(cell(telegram, "Messenger")).toBe("Telegram");
    expect(cell(telegram, "Media found")).toBe("5");
    expect(cell(telegram, "Media missing")).toBe("2");
    expect(cell(telegram, "Warnings (code, lines)")).toMatch(/^missing-media ×2 \(lines \d+, \d+\)$/);
  });

  it("shows no message text, no sender's name and no path outside the output folder, in the page or the CSV", () => {
    const html = readFileSync(join(dir, "report.html"), "utf8");
    const csv = readFileSync(join(dir, "report.csv"), "utf8");
    for (const { senders, texts } of expected.values()) {
      // Two-letter texts ("ok") could be any word of the report.
      for (const said of [...senders, ...texts].filter((s) => s.trim().length >= 3)) {
        expect(html, said).not.toContain(said);
        expect(csv, said).not.toContain(said);
      }
    }
    for (const path of [dir, ROOT, tmpdir()]) {
      expect(html).not.toContain(path);
      expect(csv).not.toContain(path);
    }
  });

  it("logs one JSON object a line: start, each input with the report's fields, end with totals", () => {
    const events = readFileSync(join(dir, "log.jsonl"), "utf8").trimEnd().split("\n").map((line) => JSON.parse(line) as LogEvent);
    expect(events.map((e) => e.event)).toEqual(["start", "input-done", "input-done", "input-failed", "input-done", "input-done", "input-failed", "input-done", "end"]);
    expect(events[0]).toMatchObject({ to: "ndjson", inputs: inputs.map((i) => basename(i)) });
    expect(events[3]).toEqual({
      event: "input-failed",
      n: 3,
      status: "failed",
      input: "holiday.png",
      code: "E_BINARY",
      message: "holiday.png is not a text chat export (it looks like a binary file, such as an image).",
      outputs: [],
    });
    expect(events[6]).toMatchObject({ n: 6, code: "E_EMPTY" });
    expect(events[1]).toMatchObject({
      n: 1,
      status: "ok",
      input: "android-ko.txt",
      messengers: ["KakaoTalk"],
      variants: ["kakaotalk.android.ko"],
      encodings: ["utf-8"],
      timezone: "Asia/Seoul",
      timezoneFrom: "option",
      conversations: 1,
      messages: { in: 15, out: 15 },
      outputs: ["android-ko.txt/android-ko.ndjson"],
    });
    const total = [...expected.values()].reduce((n, p) => n + p.messages, 0);
    expect(events.at(-1)).toMatchObject({ event: "end", inputs: 7, ok: 5, failed: 2, conversations: 5, messages: total });
  });
});

describe("chatferry batch: every input good", () => {
  it("exits 0, in Korean, and gives two inputs of one name two folders", async () => {
    const dir = tmp();
    const out = join(dir, "out");
    const copy = join(dir, "android-ko.txt");
    copyFileSync(GOOD_INPUTS[0]!, copy);
    const r = await cli(["batch", GOOD_INPUTS[0]!, copy, GOOD_INPUTS[3]!, "--to", "csv", "-o", out, "--report", join(dir, "보고서.html"), ...TZ], KO);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe(`폴더를 만들었습니다: ${out}\n`);
    expect(r.stdout).toContain(`[2/3] android-ko.txt: 대화 1개, 메시지 15개, 미디어 파일 0개, 경고 0개 → ${join(out, "android-ko (2).txt")}\n`);
    expect(r.stdout).toContain(`입력 3개 중 3개를 ${out}에 썼습니다.\n`);
    expect(readdirSync(out).sort()).toEqual(["[LINE] Weekend Hikers.txt", "android-ko (2).txt", "android-ko.txt"]);
    const { head, rows } = csvTable(readFileSync(join(dir, "보고서.csv"), "utf8"));
    expect(head.slice(0, 3)).toEqual(["#", "입력", "상태"]);
    expect(rows.map((row) => row[2])).toEqual(["완료", "완료", "완료"]);
    expect(rows[1]![col(head, "쓴 파일 (출력 폴더 기준)")]).toBe("android-ko (2).txt/android-ko.csv");
    expect(readFileSync(join(dir, "보고서.html"), "utf8")).toContain('<html lang="ko">');

    // A second run keeps what the first wrote, unless told to replace it.
    const again = await cli(["batch", GOOD_INPUTS[0]!, "--to", "csv", "-o", out, ...TZ]);
    expect(again.code).toBe(4);
    expect(again.stdout).toContain("[1/1] android-ko.txt: FAILED. android-ko.txt/android-ko.csv already exists; nothing was written.");
    expect(again.stderr).toBe("chatferry: 1 of 1 inputs failed; each one's reason is on its line above.\n");
    const forced = await cli(["batch", GOOD_INPUTS[0]!, "--to", "csv", "-o", out, "--force", ...TZ]);
    expect(forced.code, forced.stderr).toBe(0);
  });
});

describe("chatferry batch --to telegram-package", () => {
  it("fails an input whose date order only the phone's language decides, in E_DATE_ORDER's words, and writes the rest", async () => {
    const dir = tmp();
    const out = join(dir, "out");
    const r = await cli(["batch", GOOD_INPUTS[0]!, UNDECIDED, GOOD_INPUTS[4]!, "--to", "telegram-package", "-o", out, "--report", join(dir, "r.html"), "--log", join(dir, "log")]);
    expect(r.code, r.stderr).toBe(4);
    const refusal =
      "WhatsApp Chat with Tennis Club.txt: nothing in the file shows whether dates such as 3/4 are day/month or month/day, and an import cannot be undone. Check with 'chatferry stats', then say which with --date-order dmy, mdy or ymd.";
    expect(r.stdout).toContain(`[2/3] WhatsApp Chat with Tennis Club.txt: FAILED. ${refusal}\n`);
    expect(readdirSync(out).sort()).toEqual(["android-ko.txt", "chat"]);
    expect(readdirSync(join(out, "android-ko.txt")).sort()).toEqual(["WhatsApp Chat with 주말 등산 모임.txt", "WhatsApp Chat with 주말 등산 모임.zip"]);
    expect(readdirSync(join(out, "chat")).sort()).toEqual(["WhatsApp Chat with Weekend Hikers.txt", "WhatsApp Chat with Weekend Hikers.zip"]);
    const { head, rows } = csvTable(readFileSync(join(dir, "r.csv"), "utf8"));
    expect(rows[1]![col(head, "Error")]).toBe(refusal);
    expect(rows[0]![col(head, "Written (in the output folder)")]).toBe("android-ko.txt/WhatsApp Chat with 주말 등산 모임.zip\nandroid-ko.txt/WhatsApp Chat with 주말 등산 모임.txt");
    const failed = readFileSync(join(dir, "log"), "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l) as LogEvent)[2]!;
    expect(failed).toMatchObject({ event: "input-failed", code: "E_DATE_ORDER", message: refusal });

    const told = await cli(["batch", UNDECIDED, "--to", "telegram-package", "-o", join(dir, "told"), "--date-order", "dmy"]);
    expect(told.code, told.stderr).toBe(0);
    expect(told.stdout).toContain("[1/1] WhatsApp Chat with Tennis Club.txt: 1 conversation(s), 8 messages");
  });
});

describe("chatferry batch --to archive", () => {
  it("locks every input's archive with the passphrase file, each one verifying", async () => {
    const dir = tmp();
    const pass = join(dir, "pass.txt");
    writeFileSync(pass, "그 산에 다시 가자, correct horse battery\n");
    const out = join(dir, "archives");
    const r = await cli(["batch", GOOD_INPUTS[0]!, GOOD_INPUTS[2]!, "--to", "archive", "-o", out, "--passphrase-file", pass, ...TZ]);
    expect(r.code, r.stderr).toBe(0);
    for (const input of [GOOD_INPUTS[0]!, GOOD_INPUTS[2]!]) {
      const archive = join(out, basename(input), `${stem(input)}.chatferry.age`);
      const v = await cli(["verify", archive, "--passphrase-file", pass]);
      expect(v.code, v.stderr).toBe(0);
      expect(v.stdout).toMatch(new RegExp(`OK\\. 1 conversation\\(s\\), ${(await parsed(input)).messages} messages`));
    }
    // `open -o` makes the folder's parents; the folder itself appears once all is unpacked and checked.
    const unpacked = join(dir, "opened", "here");
    const o = await cli(["open", join(out, "android-ko.txt", "android-ko.chatferry.age"), "-o", unpacked, "--passphrase-file", pass]);
    expect(o.code, o.stderr).toBe(0);
    expect(o.stderr).toBe(`Created folder ${join(dir, "opened")}\nUnpacked 5 files into ${unpacked}.\n`);
    expect(existsSync(join(unpacked, "manifest.json"))).toBe(true);
    // Five passphrase derivations (two archives, two verifications, one open), each of scrypt's 256 MiB.
  }, 90_000);

  it("refuses to start without a key it can read, and a key for any other format", async () => {
    const dir = tmp();
    const none = await cli(["batch", GOOD_INPUTS[0]!, "--to", "archive", "-o", join(dir, "a")]);
    expect(none.code).toBe(2);
    expect(none.stderr).toBe(
      "chatferry: an archive in a batch needs a key it can read without asking: --passphrase-file, --recipient or --recipients-file. Run 'chatferry --help' for usage.\n",
    );
    const made = await cli(["batch", GOOD_INPUTS[0]!, "--to", "archive", "-o", join(dir, "a"), "--generate-passphrase"]);
    expect(made.code).toBe(2);
    expect(made.stderr).toContain("unknown option --generate-passphrase");
    writeFileSync(join(dir, "pass"), "a passphrase for nothing at all\n");
    const stray = await cli(["batch", GOOD_INPUTS[0]!, "--to", "csv", "-o", join(dir, "a"), "--passphrase-file", join(dir, "pass")]);
    expect(stray.code).toBe(2);
    expect(stray.stderr).toContain("--passphrase-file, --recipient and --recipients-file go with --to archive");
    expect(readdirSync(dir)).toEqual(["pass"]);
  });
});

describe("chatferry batch report: spreadsheets", () => {
  it("escapes every CSV cell that a spreadsheet would run as a formula", async () => {
    const dir = tmp();
    const names = ["=HYPERLINK(1).txt", "+1 555.txt", "-2.txt", "@SUM(A1).txt"];
    const inputs = names.map((name) => {
      const path = join(dir, name);
      copyFileSync(GOOD_INPUTS[0]!, path);
      return path;
    });
    const r = await cli(["batch", ...inputs, "--to", "txt", "-o", join(dir, "out"), "--report", join(dir, "r.html")]);
    expect(r.code, r.stderr).toBe(0);
    const { head, rows } = csvTable(readFileSync(join(dir, "r.csv"), "utf8"));
    expect(rows.map((row) => row[col(head, "Input")])).toEqual(names.map((name) => `'${name}`));
    expect(rows.map((row) => row[col(head, "Written (in the output folder)")])).toEqual(names.map((name) => `'${name}/${stem(name)}.txt`));
    // The page shows the names as they are: HTML runs no formulas.
    expect(readFileSync(join(dir, "r.html"), "utf8")).toContain("<td>=HYPERLINK(1).txt</td>");
  });

  it("refuses a report name that is not .html, before anything is written", async () => {
    const dir = tmp();
    const r = await cli(["batch", GOOD_INPUTS[0]!, "--to", "csv", "-o", join(dir, "out"), "--report", join(dir, "r.csv")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--report takes a file name ending in .html");
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe("-o DIR makes the folder it names", () => {
  it("telegram package into a new nested folder, saying so", async () => {
    const dir = tmp();
    const out = join(dir, "new", "nested", "folder");
    const r = await cli(["telegram", "package", GOOD_INPUTS[0]!, "-o", out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe(`Created folder ${out}\n`);
    expect(readdirSync(out).sort()).toEqual(["WhatsApp Chat with 주말 등산 모임.txt", "WhatsApp Chat with 주말 등산 모임.zip"]);
    // A folder that is there already is used without a word.
    const again = await cli(["telegram", "package", GOOD_INPUTS[1]!, "-o", out], KO);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toBe("");
  });

  it("export --to telegram-json into a new nested folder, saying so in Korean too", async () => {
    const dir = tmp();
    const out = join(dir, "a", "b");
    const r = await cli(["export", GOOD_INPUTS[0]!, "--to", "telegram-json", "-o", out], KO);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe(`폴더를 만들었습니다: ${out}\n`);
    expect(existsSync(join(out, "result.json"))).toBe(true);
  });

  it("refuses a file where the folder should be, with one clear line", async () => {
    const dir = tmp();
    writeFileSync(join(dir, "taken"), "not a folder");
    for (const out of [join(dir, "taken"), join(dir, "taken", "inside")]) {
      const r = await cli(["telegram", "package", GOOD_INPUTS[0]!, "-o", out]);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(`chatferry: ${out}: a file stands where a folder is needed (-o takes a folder to write into). Nothing was written.\n`);
    }
    const batch = await cli(["batch", GOOD_INPUTS[0]!, "--to", "csv", "-o", join(dir, "taken")]);
    expect(batch.code).toBe(2);
    expect(readdirSync(dir)).toEqual(["taken"]);
  });
});
