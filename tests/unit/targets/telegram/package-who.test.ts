// Which Telegram chat a package goes into, and whose side the user's messages land on.
// Telegram's server takes a file with two names for a private chat and more for a group
// (telegram.md §3.1); a WhatsApp parser reads the names back as Telegram's would.
import { existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseString } from "whatsapp-chat-parser";
import { describe, expect, it } from "vitest";
import { readConversations } from "../../../../src/pipeline.js";
import { writeImportPackage } from "../../../../src/targets/telegram/package.js";
import { cli, ROOT } from "../../../helpers/cli.js";
import { readAll } from "../../../helpers/read.js";

const kakao = (name: string) => join(ROOT, "tests/fixtures/kakaotalk", name);
const ZONE = "Asia/Seoul";
const tmp = () => mkdtempSync(join(tmpdir(), "chatferry-pkg-who-"));

/** The authors a WhatsApp parser finds in the package's _chat.txt, with how many lines each wrote. */
function authors(txt: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const m of parseString(readFileSync(txt, "utf8"))) counts.set(m.author ?? "", (counts.get(m.author ?? "") ?? 0) + 1);
  return counts;
}

async function packageOf(input: string, options: { me?: string; meAs?: string } = {}) {
  const dir = tmp();
  const results = [];
  for await (const conversation of readConversations(input, { timezone: ZONE, me: options.me })) {
    results.push(await writeImportPackage(conversation, dir, { meAs: options.meAs }));
  }
  return results;
}

describe("the package as a one-to-one chat or a group", () => {
  it.each(["ios-ko-2015-file-name-1to1.txt", "android-ko-1to1-name-ends-in-number.txt", "android-ko-2013-noon.txt"])(
    "writes a direct chat (%s) under exactly its two people, notices included",
    async (fixture) => {
      const [source] = await readAll(kakao(fixture), ZONE);
      const [result] = await packageOf(kakao(fixture));
      expect(result!.kind).toBe("direct");
      expect(result!.seenAs).toBe("direct");
      const people = source!.summary.participants.map((p) => p.name).sort();
      expect([...authors(result!.txt).keys()].sort()).toEqual(people);
    },
  );

  it("writes a group under its members and the group's name for notices: more than two names", async () => {
    const [source] = await readAll(kakao("android-ko.txt"), ZONE);
    const [result] = await packageOf(kakao("android-ko.txt"));
    expect([result!.kind, result!.seenAs]).toEqual(["group", "group"]);
    const names = [...authors(result!.txt).keys()];
    expect(names.length).toBeGreaterThan(2);
    for (const p of source!.summary.participants) expect(names).toContain(p.name);
  });
});

describe("--me-as: the user's messages under their Telegram name", () => {
  it("renames exactly the exporter's messages (KakaoTalk's 회원님), nobody else's", async () => {
    const fixture = kakao("android-ko-1to1-name-ends-in-number.txt");
    const [source] = await readAll(fixture, ZONE);
    const own = source!.messages.filter((m) => m.sender === "회원님").length;
    const other = source!.messages.filter((m) => m.sender === "최하늘 cls 10").length;
    const [result] = await packageOf(fixture, { me: "회원님", meAs: "Seojun Park" });
    const seen = authors(result!.txt);
    expect(Object.fromEntries(seen)).toEqual({ "Seojun Park": own, "최하늘 cls 10": other });
    expect(result!.seenAs).toBe("direct");
  });

  it("learns who the exporter is from the export itself on the CLI, and says whose side the messages land on", async () => {
    const dir = tmp();
    const run = await cli(["telegram", "package", kakao("ios-ko-2015-file-name-1to1.txt"), "--me-as", "Seojun Park", "-o", dir, "--timezone", ZONE]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Telegram will take it for a private chat");
    expect(run.stdout).toContain('Your messages ("회원님") are written as "Seojun Park"');
    const txt = readdirSync(dir).find((n) => n.endsWith(".txt"))!;
    expect([...authors(join(dir, txt)).keys()].sort()).toEqual(["Seojun Park", "한서윤"]);
  });

  it("without --me-as, tells in Korean how to put one's messages on one's own side", async () => {
    const run = await cli(["telegram", "package", kakao("android-ko.txt"), "-o", tmp(), "--timezone", ZONE], { LANG: "ko_KR.UTF-8" });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("텔레그램은 이 파일을 그룹 대화로 받습니다");
    expect(run.stdout).toContain('--me-as "텔레그램 이름"');
  });

  it("refuses when the export does not say which one is the user, in one line, writing nothing", async () => {
    const dir = tmp();
    // A group whose export names nobody as its exporter.
    const args = ["telegram", "package", kakao("android-ko.txt"), "--me-as", "Minji Kim", "-o", dir, "--timezone", ZONE];
    const run = await cli(args);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
    expect(run.stderr).toContain("--me NAME");
    expect(readdirSync(dir)).toEqual([]);
    const named = await cli([...args, "--me", "김민지"]);
    expect(named.code).toBe(0);
    expect(named.stdout).toContain('Your messages ("김민지") are written as "Minji Kim"');
  });

  it("refuses a name someone else in the chat writes under, leaving no file behind", async () => {
    const dir = tmp();
    const run = await cli(["telegram", "package", kakao("android-ko-2013-noon.txt"), "--me", "서준", "--me-as", "민지", "-o", dir, "--timezone", ZONE], { LANG: "ko_KR.UTF-8" });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("다른 사람이 이미 그 이름으로 씁니다");
    expect(readdirSync(dir).filter((n) => existsSync(join(dir, n)))).toEqual([]);
  });
});
