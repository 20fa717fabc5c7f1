// Issue 15, section 2: `chatferry export --to signal` and `chatferry signal …`, run against a
// stand-in for signalbackup-tools (tests/helpers/signalbackup-tools.mjs) first on PATH.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { cli, ROOT } from "../../helpers/cli.js";
import { PASSPHRASE, signalStandIn, type StandIn } from "../../helpers/signal-stand-in.js";

const NOON = join(ROOT, "tests/fixtures/kakaotalk/android-ko-2013-noon.txt");
const ZONE = ["--timezone", "Asia/Seoul"];
const COUNT = (recipient: number) => `SELECT COUNT(*) AS chatferry_count FROM message WHERE thread_id IN (SELECT _id FROM thread WHERE recipient_id = ${recipient})`;

/** A stand-in with a backup in which 민지 (5) has a conversation of 10 messages, the user is 3, and a group is 9. */
function setUp(): { standIn: StandIn; backup: string; out: string } {
  const standIn = signalStandIn();
  const backup = standIn.backup(
    "signal-2024.backup",
    [
      { id: 3, name: "Seojun", type: "Individual" },
      { id: 5, name: "Minji Kim", type: "Individual" },
      { id: 9, name: "Hikers | 2024", type: "Group (v2)" },
    ],
    { 5: 10 },
  );
  return { standIn, backup, out: join(mkdtempSync(join(tmpdir(), "chatferry-signal-out-")), "new.backup") };
}

const importArgs = (backup: string, out: string, ...more: string[]) => ["signal", "import", NOON, "--backup", backup, "--chat", "5", "--map", "민지=5", "--map", "서준=3", "-o", out, ...ZONE, ...more];

describe("chatferry export --to signal", () => {
  it("writes result.json and the guide, and prints the guide's path and a one-line summary, in either language", async () => {
    const dir = join(mkdtempSync(join(tmpdir(), "chatferry-signal-cli-")), "out");
    const korean = await cli(["export", NOON, "--to", "signal", "-o", dir, ...ZONE], { LANG: "ko_KR.UTF-8" });
    // The folder did not exist: it is made, and said so.
    expect(korean.stderr).toBe(`폴더를 만들었습니다: ${dir}\n`);
    expect(korean.code).toBe(0);
    expect(korean.stdout).toBe(`${dir}: 시그널용 메시지 7개, 미디어 파일 0개. 다음 할 일: ${join(dir, "시그널-안내.txt")}\n`);
    expect(readdirSync(dir).sort()).toEqual(["result.json", "시그널-안내.txt"]);
    expect(JSON.parse(readFileSync(join(dir, "result.json"), "utf8")).messages.map((m: { text: string }) => m.text)).toContain("[이모티콘]");

    const english = await cli(["export", NOON, "--to", "signal", "-o", `${dir}-en`, ...ZONE]);
    expect(english.stdout).toBe(`${dir}-en: 7 messages for Signal, 0 media files. What to do next: ${join(`${dir}-en`, "SIGNAL-GUIDE.txt")}\n`);
    expect(readFileSync(join(`${dir}-en`, "SIGNAL-GUIDE.txt"), "utf8")).toContain(`--importtelegram "${join(`${dir}-en`, "result.json")}"`);

    // Again into the same folder: refused without --force, replaced with it.
    expect((await cli(["export", NOON, "--to", "signal", "-o", dir, ...ZONE])).code).toBe(2);
    expect((await cli(["export", NOON, "--to", "signal", "-o", dir, "--force", ...ZONE], { LANG: "ko_KR.UTF-8" })).code).toBe(0);
    expect((await cli(["export", NOON, "--to", "signal", ...ZONE])).stderr).toContain("signal needs a folder: -o DIR");
  });

  it("where the plain telegram-json export loses the two emoticons in signalbackup-tools, the signal export loses none", async () => {
    const { standIn, backup } = setUp();
    const root = mkdtempSync(join(tmpdir(), "chatferry-signal-both-"));
    const added: Record<string, number> = {};
    for (const format of ["telegram-json", "signal"]) {
      const dir = join(root, format);
      expect((await cli(["export", NOON, "--to", format, "-o", dir, ...ZONE])).code).toBe(0);
      const chat = JSON.parse(readFileSync(join(dir, "result.json"), "utf8")) as { id: number; messages: { from_id: string }[] };
      const map = [...new Set(chat.messages.map((m) => m.from_id)), String(chat.id)].map((id) => `${id}=5`).join(",");
      const out = join(root, `${format}.backup`);
      execFileSync(join(standIn.bin, "signalbackup-tools"), [backup, PASSPHRASE, "--importtelegram", join(dir, "result.json"), "--mapjsoncontacts", map, "-o", out], { env: { ...process.env, ...standIn.env } });
      added[format] = standIn.read(out).threads["5"]! - 10;
    }
    expect(added).toEqual({ "telegram-json": 5, signal: 7 });
  });
});

describe("chatferry signal recipients", () => {
  it("lists the backup's people and groups with their ids, through the tool's own listing", async () => {
    const { standIn, backup } = setUp();
    const r = await cli(["signal", "recipients", backup], standIn.env);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("  3  Seojun (contact)\n");
    expect(r.stdout).toContain("  5  Minji Kim (contact)\n");
    expect(r.stdout).toContain("  9  Hikers | 2024 (group)\n");
    expect(standIn.runs().map((run) => run.argv)).toEqual([[backup, PASSPHRASE, "--listrecipients", "--no-truncate", "--no-showprogress"]]);
    expect(r.stdout).not.toContain(PASSPHRASE);
  });
});

describe("chatferry signal import", () => {
  it("counts, imports into a file beside -o with every person mapped, counts again, and keeps the new backup", async () => {
    const { standIn, backup, out } = setUp();
    const before = readFileSync(backup, "utf8");
    const r = await cli(importArgs(backup, out), standIn.env);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`${out}: the conversation has 17 messages, 10 before and 7 added: every message exported.`);
    expect(r.stdout).not.toContain(PASSPHRASE);

    const runs = standIn.runs();
    expect(runs).toHaveLength(3);
    const [first, importing, second] = runs as [(typeof runs)[0], (typeof runs)[0], (typeof runs)[0]];
    expect(first.argv).toEqual([backup, PASSPHRASE, "--runsqlquery", COUNT(5), "--querymode", "line", "--no-showprogress"]);
    const json = importing.json!;
    const ids = new Map(json.messages.map((m) => [m.from as string, m.from_id as string]));
    expect([...ids.keys()].sort()).toEqual(["민지", "서준"]);
    const temp = importing.argv[7]!;
    expect(importing.argv).toEqual([
      backup,
      PASSPHRASE,
      "--importtelegram",
      expect.stringMatching(/chatferry-signal-[^/]+\/result\.json$/),
      "--mapjsoncontacts",
      `${ids.get("민지")}=5,${ids.get("서준")}=3,${json.id}=5`,
      "-o",
      expect.stringMatching(/\/\.new\.backup\.[0-9a-f]{8}\.tmp$/),
      "--no-showprogress",
    ]);
    expect(dirname(temp)).toBe(dirname(out));
    expect(second.argv).toEqual([temp, PASSPHRASE, "--runsqlquery", COUNT(5), "--querymode", "line", "--no-showprogress"]);
    // The export it was given is the Signal one: every message, and nothing of it left behind.
    expect(json.type).toBe("personal_chat");
    expect(json.messages).toHaveLength(7);
    expect(existsSync(dirname(importing.argv[3]!))).toBe(false);

    expect(standIn.read(out).threads["5"]).toBe(17);
    expect(readFileSync(backup, "utf8")).toBe(before);
    expect(readdirSync(dirname(out))).toEqual(["new.backup"]);
  });

  it("fails, and keeps nothing, when the new backup has fewer messages than were exported", async () => {
    const { standIn, backup, out } = setUp();
    const r = await cli(importArgs(backup, out), { ...standIn.env, STANDIN_LOSE: "2" });
    expect(r.code).toBe(3);
    expect(r.stderr).toBe(`chatferry: The new backup's conversation gained 5 messages, not the 7 exported, so it was not kept; nothing was written to ${out}.\n`);
    expect(readdirSync(dirname(out))).toEqual([]);
    const korean = await cli(importArgs(backup, out), { ...standIn.env, STANDIN_LOSE: "2", LANG: "ko_KR.UTF-8" });
    expect(korean.stderr).toContain("새 백업의 대화에 메시지가 내보낸 7개가 아니라 5개 늘어서");
  });

  it("never writes over the backup it reads, nor over an existing file without --force", async () => {
    const { standIn, backup, out } = setUp();
    const original = readFileSync(backup, "utf8");
    const same = await cli(importArgs(backup, backup), standIn.env);
    expect(same.code).toBe(2);
    expect(same.stderr).toBe(`chatferry: ${backup} is the backup being read; ChatFerry writes a new backup and never writes over its input. Choose another -o.\n`);
    // Even with --force, and however the path is spelled.
    const spelled = join(dirname(backup), ".", "signal-2024.backup");
    expect((await cli(importArgs(backup, spelled, "--force"), standIn.env)).code).toBe(2);
    expect(readFileSync(backup, "utf8")).toBe(original);

    writeFileSync(out, "older");
    const exists = await cli(importArgs(backup, out), standIn.env);
    expect(exists.code).toBe(2);
    expect(exists.stderr).toContain(`${out} already exists`);
    expect(readFileSync(out, "utf8")).toBe("older");
    expect(standIn.runs()).toEqual([]);

    const forced = await cli(importArgs(backup, out, "--force"), standIn.env);
    expect(forced.code).toBe(0);
    expect(standIn.read(out).threads["5"]).toBe(17);
  });

  it("wants every person of the chat mapped, and names only people of the chat", async () => {
    const { standIn, backup, out } = setUp();
    const missing = await cli(["signal", "import", NOON, "--backup", backup, "--chat", "5", "--map", "민지=5", "-o", out, ...ZONE], standIn.env);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe(`chatferry: Give the Signal recipient id of everyone in the chat with --map "NAME=ID"; missing: 서준. 'chatferry signal recipients BACKUP' lists the ids.\n`);
    const unknown = await cli(importArgs(backup, out, "--map", "Minji=5"), standIn.env);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain(`--map "Minji": nobody of that name is in the chat. Its people: 민지, 서준.`);
    const bad = await cli(importArgs(backup, out, "--map", "민지=Minji Kim"), standIn.env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--map takes NAME=ID with a number from 'chatferry signal recipients', not '민지=Minji Kim'");
    expect(standIn.runs()).toEqual([]);
    expect(existsSync(out)).toBe(false);
  });

  it("turns the tool's failures into one line in the user's language, never showing the passphrase", async () => {
    const { standIn, backup, out } = setUp();
    const wrong = "99999 99999 99999 99999 99999 99999";
    const refused = await cli(importArgs(backup, out), { ...standIn.env, CHATFERRY_SIGNAL_PASSPHRASE: wrong });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe(`chatferry: The passphrase does not open ${backup} (signalbackup-tools says it is probably wrong); nothing was written.\n`);
    expect(standIn.runs()[0]!.argv[1]).toBe(wrong.replace(/ /g, ""));

    const failing = await cli(importArgs(backup, out), { ...standIn.env, STANDIN_FAIL: `Failed to determine id of 'self'. ${PASSPHRASE}`, LANG: "ko_KR.UTF-8" });
    expect(failing.code).toBe(3);
    expect(failing.stderr).toBe(`chatferry: signalbackup-tools가 ${backup} 처리에 실패했습니다: Failed to determine id of 'self'. ***. 아무것도 쓰지 않았습니다.\n`);

    const short = await cli(importArgs(backup, out), { ...standIn.env, CHATFERRY_SIGNAL_PASSPHRASE: "12345" });
    expect(short.code).toBe(2);
    expect(short.stderr).toContain("a Signal backup passphrase has 30 digits; this one has 5");

    const none = await cli(importArgs(backup, out), { ...standIn.env, CHATFERRY_SIGNAL_PASSPHRASE: "" });
    expect(none.code).toBe(2);
    expect(none.stderr).toContain("no passphrase: set $CHATFERRY_SIGNAL_PASSPHRASE, or run in a terminal");

    const absent = await cli([...importArgs(backup, out), "--signalbackup-tools", join(standIn.bin, "missing")], standIn.env);
    expect(absent.code).toBe(2);
    expect(absent.stderr).toContain(`${join(standIn.bin, "missing")} was not found. Install signalbackup-tools`);
    expect(existsSync(out)).toBe(false);
    for (const r of [refused, failing, short, none, absent]) expect(r.stdout + r.stderr).not.toContain(PASSPHRASE);
  });
});
