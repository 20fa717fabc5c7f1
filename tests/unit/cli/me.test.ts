import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { NdjsonRecord } from "../../../src/schema/index.js";
import { cli, ROOT } from "../../helpers/cli.js";

const fixture = (name: string) => join(ROOT, "tests/fixtures/kakaotalk", name);
const ZONE = ["--timezone", "Asia/Seoul"];

describe("--me", () => {
  it("names self in the NDJSON header and summary", async () => {
    const { code, stdout } = await cli(["parse", fixture("android-ko-2013-noon.txt"), "--me", "서준", ...ZONE]);
    expect(code).toBe(0);
    const records = stdout.trimEnd().split("\n").map((l) => NdjsonRecord.parse(JSON.parse(l)));
    const [header, summary] = [records[0]!, records.at(-1)!];
    expect(header.type === "conversation" && [header.kind, header.self]).toEqual([undefined, "서준"]);
    expect(summary.type === "summary" && [summary.kind, summary.self]).toEqual(["direct", "서준"]);
  });

  it("shows in stats, as what the export says does without it", async () => {
    const given = await cli(["stats", fixture("android-ko-2013-noon.txt"), "--me", "서준", ...ZONE]);
    expect(given.stdout).toMatch(/^Chat +direct \(two people\)$/m);
    expect(given.stdout).toMatch(/^Exported by +서준$/m);
    const said = await cli(["stats", fixture("ios-ko-2015-file-name-1to1.txt"), "--json", ...ZONE]);
    expect(JSON.parse(said.stdout).summary).toMatchObject({ kind: "direct", self: "회원님" });
  });

  it("refuses a name nobody writes as: one line in either language, and no file", async () => {
    const dir = mkdtempSync(join(tmpdir(), "chatferry-me-"));
    const args = ["parse", fixture("android-ko-2013-noon.txt"), "--me", "Minji", "-o", join(dir, "out.ndjson"), ...ZONE];
    const english = await cli(args);
    expect(english.code).toBe(2);
    expect(english.stderr.trim().split("\n")).toHaveLength(1);
    expect(english.stderr).toContain('--me "Minji": nobody of that name wrote in android-ko-2013-noon.txt');
    const korean = await cli(args, { LANG: "ko_KR.UTF-8" });
    expect(korean.code).toBe(2);
    expect(korean.stderr.trim().split("\n")).toHaveLength(1);
    expect(korean.stderr).toContain("그 이름으로 쓴 메시지가 없습니다");
    expect(readdirSync(dir)).toEqual([]);
  });
});
