import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { NdjsonRecord } from "../../../src/schema/index.js";
import { cli, ROOT } from "../../helpers/cli.js";

const fixture = (path: string) => join(ROOT, "tests/fixtures", path);

describe("who is who, as the CLI shows it", () => {
  it("stats names the kind and the exporter each source's evidence gives", async () => {
    const whatsapp = await cli(["stats", fixture("whatsapp/ios-en-us-one-to-one"), "--timezone", "America/New_York"]);
    expect(whatsapp.code).toBe(0);
    expect(whatsapp.stdout).toMatch(/^Chat +direct \(two people\)$/m);
    expect(whatsapp.stdout).toMatch(/^Exported by +Jordan Lee$/m);

    const group = await cli(["stats", fixture("whatsapp/WhatsApp Chat with Book Swap.txt"), "--timezone", "Europe/London", "--lang", "ko"]);
    expect(group.stdout).toMatch(/^대화 종류 +그룹$/m);
    expect(group.stdout).toMatch(/^내보낸 사람 +Tom Baker$/m);

    const telegram = await cli(["stats", fixture("telegram/account-self"), "--json", "--timezone", "Asia/Seoul"]);
    const chats = (JSON.parse(telegram.stdout) as { header: { title: string | null }; summary: { kind?: string; self?: string } }[]).map((c) => [
      c.header.title,
      c.summary.kind,
      c.summary.self,
    ]);
    expect(chats).toEqual([
      ["Bob Kim", "direct", "Mina Kim"],
      ["Trail Bot", "direct", "Mina Kim"],
      ["Trail Crew", "group", "Mina Kim"],
      ["Hiking News", "channel", undefined],
    ]);
  });

  it("parse writes them in the NDJSON summary; the header keeps only what the head said", async () => {
    const { code, stdout } = await cli(["parse", fixture("line/[LINE] Alice Chen.txt"), "--timezone", "Asia/Seoul"]);
    expect(code).toBe(0);
    const records = stdout.trimEnd().split("\n").map((l) => NdjsonRecord.parse(JSON.parse(l)));
    const [header, summary] = [records[0]!, records.at(-1)!];
    expect(header.type === "conversation" && [header.kind, header.self]).toEqual(["direct", undefined]);
    expect(summary.type === "summary" && [summary.kind, summary.self]).toEqual(["direct", "Seojun Park"]);
  });
});
