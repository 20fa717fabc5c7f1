// Issue 11, item 1: attachment names from a crafted Telegram export, written by `export --to telegram-json`.
import { mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cli } from "../../../helpers/cli.js";
import { craftTelegramExport, HOSTILE_FILE_NAMES } from "../../../helpers/crafted-telegram.js";
import { portableTree } from "../../../helpers/portable.js";
import { readOne } from "../../../helpers/read.js";

interface Written {
  id: number;
  file?: string;
  file_name?: string;
}

describe("telegram-json export of hostile attachment names", () => {
  it("writes every file inside the output folder under a portable name, keeps both a.pdf, and result.json names what was written", async () => {
    const root = mkdtempSync(join(tmpdir(), "chatferry-names-"));
    const input = join(root, "input");
    const crafted = craftTelegramExport(input, "Crafted", HOSTILE_FILE_NAMES);
    const out = join(root, "out");

    const r = await cli(["export", input, "--to", "telegram-json", "-o", out, "--timezone", "UTC"]);
    expect(r.stderr).toBe(`Created folder ${out}\n`);
    expect(r.code).toBe(0);

    // Nothing beside the two folders: no escape on Linux; the names below are checked for Windows too.
    expect(readdirSync(root).sort()).toEqual(["input", "out"]);
    const { files, links } = portableTree(out);
    expect(links).toEqual([]);
    expect(files).toHaveLength(crafted.length + 1);

    const result = JSON.parse(readFileSync(join(out, "result.json"), "utf8")) as { messages: Written[] };
    const byId = new Map(result.messages.map((m) => [m.id, m]));
    for (const { id, fileName, bytes } of crafted) {
      const written = byId.get(id)!;
      // The reference is a file that was written, with the input's bytes; the original name stays as data.
      expect(files).toContain(written.file);
      expect(readFileSync(join(out, written.file!))).toEqual(bytes);
      expect(written.file_name).toBe(fileName);
    }
    const pdfs = crafted.filter((f) => f.fileName.toLowerCase() === "a.pdf").map((f) => byId.get(f.id)!.file);
    expect(pdfs).toEqual(["files/a.pdf", "files/a (2).pdf", "files/A (3).PDF"]);
    expect(byId.get(crafted[0]!.id)!.file).toBe("files/a_.._.._AppData_Roaming_Microsoft_Windows_Start Menu_Programs_Startup_evil.bat");
  });

  it("reads back through ChatFerry's Telegram source with every attachment's file found", async () => {
    const root = mkdtempSync(join(tmpdir(), "chatferry-names-back-"));
    const input = join(root, "input");
    craftTelegramExport(input, "Crafted", HOSTILE_FILE_NAMES);
    const out = join(root, "out");
    expect((await cli(["export", input, "--to", "telegram-json", "-o", out, "--timezone", "UTC"])).code).toBe(0);
    const { messages } = await readOne(out, "UTC");
    const attachments = messages.flatMap((m) => m.attachments ?? []);
    expect(attachments).toHaveLength(HOSTILE_FILE_NAMES.length);
    expect(attachments.every((a) => a.media !== undefined)).toBe(true);
  });
});
