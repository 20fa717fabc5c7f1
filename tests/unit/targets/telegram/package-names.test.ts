// Issue 11, item 1: names from a crafted export in `telegram package`: the chat's title names the
// files, attachment names name the zip's entries.
import { mkdirSync, mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cli } from "../../../helpers/cli.js";
import { craftTelegramExport, HOSTILE_FILE_NAMES } from "../../../helpers/crafted-telegram.js";
import { expectPortable, portableTree } from "../../../helpers/portable.js";
import { unzip } from "../../../helpers/unzip.js";

const LONG_HANGUL_TITLE = "가".repeat(100); // 300 bytes of UTF-8: with "WhatsApp Chat with ", too long for any file system

async function packageOf(title: string) {
  const root = mkdtempSync(join(tmpdir(), "chatferry-pkg-names-"));
  const crafted = craftTelegramExport(join(root, "input"), title, HOSTILE_FILE_NAMES);
  const out = join(root, "out");
  mkdirSync(out);
  const r = await cli(["telegram", "package", join(root, "input"), "-o", out, "--timezone", "UTC"]);
  return { root, out, crafted, r };
}

describe("telegram package of hostile names", () => {
  it("puts every attachment in the zip under a portable name that _chat.txt references, both a.pdf kept", async () => {
    const { out, crafted, r } = await packageOf("Crafted");
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const { files } = portableTree(out);
    expect(files).toEqual(["WhatsApp Chat with Crafted.txt", "WhatsApp Chat with Crafted.zip"]);

    const entries = await unzip(join(out, "WhatsApp Chat with Crafted.zip"));
    const media = entries.slice(1);
    for (const { name } of media) expectPortable(name);
    const referenced = [...entries[0]!.data.toString("utf8").matchAll(/<attached: ([^>\n]+)>/g)].map((m) => m[1]);
    expect(media.map((e) => e.name)).toEqual(referenced);
    // Every file is there with its own bytes, in order: nothing dropped, nothing written twice.
    expect(media.map((e) => e.data)).toEqual(crafted.map((f) => f.bytes));
    expect(new Set(media.map((e) => e.name.toLowerCase())).size).toBe(crafted.length);
  });

  it("names the package after a 100-character Hangul title within 255 bytes, the zip and the text alike", async () => {
    const { out, r } = await packageOf(LONG_HANGUL_TITLE);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const { files } = portableTree(out);
    expect(files).toHaveLength(2);
    const [txt, zip] = files;
    expect(zip!.endsWith(".zip")).toBe(true);
    expect(txt).toBe(zip!.replace(/\.zip$/, ".txt"));
    expect(zip!.startsWith("WhatsApp Chat with 가가")).toBe(true);
    expect(r.stdout).toContain(join(out, zip!));
    expect(readFileSync(join(out, txt!), "utf8")).toContain("Mallory");
  });

  it("gives two chats of one title two packages in one run", async () => {
    const root = mkdtempSync(join(tmpdir(), "chatferry-pkg-twice-"));
    craftTelegramExport(join(root, "one"), "Same", ["x.pdf"]);
    craftTelegramExport(join(root, "two"), "Same", ["y.pdf"]);
    const out = join(root, "out");
    mkdirSync(out);
    const r = await cli(["telegram", "package", join(root, "one"), join(root, "two"), "-o", out, "--timezone", "UTC"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual([
      "WhatsApp Chat with Same (2).txt",
      "WhatsApp Chat with Same (2).zip",
      "WhatsApp Chat with Same.txt",
      "WhatsApp Chat with Same.zip",
    ]);
    const second = await unzip(join(out, "WhatsApp Chat with Same (2).zip"));
    expect(second.map((e) => e.name)).toEqual(["_chat.txt", "00000001-y.pdf"]);
  });
});
