// Issue 11, item 2: links already in the output folder, run over with --force. What they point
// to must stay as it was, and nothing may be written into a folder a link leads to.
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cli, ROOT } from "../../helpers/cli.js";

const CHAT = join(ROOT, "tests/fixtures/telegram/chat");
const TZ = ["--timezone", "UTC"];
const BASHRC = "export PATH=$HOME/bin:$PATH\n";

/** A folder with a file that must survive (a stand-in for ~/.bashrc) and an empty folder that must stay empty. */
function victims() {
  const root = mkdtempSync(join(tmpdir(), "chatferry-links-"));
  const elsewhere = join(root, "elsewhere");
  mkdirSync(elsewhere);
  const bashrc = join(root, "bashrc");
  writeFileSync(bashrc, BASHRC);
  return { root, elsewhere, bashrc, untouched: () => [readFileSync(bashrc, "utf8"), readdirSync(elsewhere)] };
}

const isLink = (path: string) => lstatSync(path).isSymbolicLink();

describe("--force over links in the output folder", () => {
  it("telegram-json replaces links to files (result.json, a media file) instead of writing through them", async () => {
    const v = victims();
    const out = join(v.root, "out");
    mkdirSync(join(out, "files"), { recursive: true });
    symlinkSync(v.bashrc, join(out, "result.json"));
    symlinkSync(v.bashrc, join(out, "files", "trail-map.pdf"));

    const r = await cli(["export", CHAT, "--to", "telegram-json", "-o", out, "--force", ...TZ]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(v.untouched()).toEqual([BASHRC, []]);
    expect(isLink(join(out, "result.json"))).toBe(false);
    expect(isLink(join(out, "files", "trail-map.pdf"))).toBe(false);
    expect(readFileSync(join(out, "files", "trail-map.pdf"))).toEqual(readFileSync(join(CHAT, "files", "trail-map.pdf")));
  });

  it("telegram-json refuses a media folder that is a link, in one line, writing nothing there or beside it", async () => {
    const v = victims();
    const out = join(v.root, "out");
    mkdirSync(out);
    symlinkSync(v.elsewhere, join(out, "photos"));

    for (const [lang, words] of [["en", "photos is a link or a file"], ["ko", "링크나 파일로 있습니다"]] as const) {
      const r = await cli(["export", CHAT, "--to", "telegram-json", "-o", out, "--force", "--lang", lang, ...TZ]);
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
      expect(r.stderr).toContain(words);
    }
    expect(v.untouched()).toEqual([BASHRC, []]);
    expect(readdirSync(out)).toEqual(["photos"]);
  });

  it("telegram-json without --force keeps a file already in a media folder and writes the new one beside it", async () => {
    const root = mkdtempSync(join(tmpdir(), "chatferry-links-keep-"));
    const out = join(root, "out");
    mkdirSync(join(out, "files"), { recursive: true });
    writeFileSync(join(out, "files", "trail-map.pdf"), "mine");

    const r = await cli(["export", CHAT, "--to", "telegram-json", "-o", out, ...TZ]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(readFileSync(join(out, "files", "trail-map.pdf"), "utf8")).toBe("mine");
    expect(readFileSync(join(out, "result.json"), "utf8")).toContain('"file":"files/trail-map (2).pdf"');
  });

  it("telegram package and csv replace links at their names, never what the links point to", async () => {
    const v = victims();
    const out = join(v.root, "out");
    mkdirSync(out);
    for (const ext of ["zip", "txt"]) symlinkSync(v.bashrc, join(out, `WhatsApp Chat with Weekend Hikers.${ext}`));
    symlinkSync(v.bashrc, join(out, "chat.csv"));

    const pkg = await cli(["telegram", "package", CHAT, "-o", out, "--force", ...TZ]);
    expect([pkg.code, pkg.stderr]).toEqual([0, ""]);
    const csv = await cli(["export", CHAT, "--to", "csv", "-o", join(out, "chat.csv"), ...TZ]);
    expect([csv.code, csv.stderr]).toEqual([0, ""]);

    expect(v.untouched()).toEqual([BASHRC, []]);
    expect(readdirSync(out).filter((name) => isLink(join(out, name)))).toEqual([]);
  });
});
