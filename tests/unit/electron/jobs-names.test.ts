// Issue 11, item 1 in the app: the folder a Telegram Desktop export goes into is named after the chat's title.
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import type { JobResult } from "../../../electron/ipc.js";
import { runJob } from "../../../electron/jobs.js";
import { NameAllocator } from "../../../src/targets/safe-name.js";
import { craftTelegramExport, HOSTILE_FILE_NAMES } from "../../helpers/crafted-telegram.js";
import { expectPortable, portableTree } from "../../helpers/portable.js";

const ctx = { signal: new AbortController().signal, progress: () => undefined };

async function exportFolders(input: string, parent: string): Promise<Extract<JobResult, { kind: "export" }>> {
  const { result } = await runJob({ kind: "export", input, format: "telegram-json", path: parent, timezone: "UTC" }, ctx);
  if (result.kind !== "export") throw new Error(`unexpected ${result.kind}`);
  return result;
}

describe("the app's telegram-json export folders", () => {
  it("names the folder after a long, hostile title within 255 bytes, in a new folder, never through a link of that name", async () => {
    const root = mkdtempSync(join(tmpdir(), "chatferry-app-names-"));
    const title = `${"가".repeat(100)}\\..\\..\\Startup`;
    craftTelegramExport(join(root, "input"), title, HOSTILE_FILE_NAMES);
    const parent = join(root, "out");
    const elsewhere = join(root, "elsewhere");
    mkdirSync(parent);
    mkdirSync(elsewhere);
    // A link bearing the name the first folder would get: the export must go around it.
    const first = await exportFolders(join(root, "input"), parent);
    const names = new NameAllocator([basename(first.files[0]!)]);
    symlinkSync(elsewhere, join(parent, names.take(`ChatExport ${title}`)));

    const again = await exportFolders(join(root, "input"), parent);
    const [dir] = again.files;
    expect(dirname(dir!)).toBe(parent);
    expectPortable(basename(dir!));
    expect(basename(dir!)).toBe(names.take(`ChatExport ${title}`));
    expect(basename(dir!)).toMatch(/^ChatExport 가{60,}.* \(3\)/);
    expect(lstatSync(dir!).isDirectory()).toBe(true);
    expect(readdirSync(elsewhere)).toEqual([]);
    expect(again.report.mediaCopied).toBe(HOSTILE_FILE_NAMES.length);
    expect(again.report.written).toBe(again.report.read);
    expect(portableTree(dir!).files).toHaveLength(HOSTILE_FILE_NAMES.length + 1);
  });
});
