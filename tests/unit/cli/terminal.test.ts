// Terminal escape codes: what a crafted title, name, file name or Bot API answer can do to the terminal.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { printable, terminalTranslator } from "../../../src/cli/terminal.js";
import { cli } from "../../helpers/cli.js";
import { startFakeBotApi, type FakeBotApi } from "../../helpers/fake-bot-api.js";
import { writeZip } from "../../helpers/zip.js";

/** Sets the window title, clears the screen, recolours (7-bit and the one-byte C1 CSI), reverses the line. */
const OSC_TITLE = "\u001b]0;pwned\u0007";
const CLEAR = "\u001b[2J";
const RED = "\u001b[31m";
const C1_RED = "\u009b31m";
const RLO = "\u202e";
const ISOLATE = "\u2066";
const LINE_SEPARATOR = "\u2028";

const TITLE = `${OSC_TITLE}${CLEAR}Club${RED}${C1_RED}`;
const EVE = `Eve${RED}${C1_RED}`;
const MALLORY = `Mallory${RLO}${ISOLATE}evil`;
// A line separator ends a regex match, so no source takes it into a name: a stray line keeps it.
const ORPHAN = `${CLEAR}${C1_RED}${LINE_SEPARATOR}garbage`;
const FILE = `${RED}report${C1_RED}.pdf`;

/** Any control character a terminal or a bidi algorithm acts on; a line break is the output's own. */
const RAW = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

const dir = mkdtempSync(join(tmpdir(), "chatferry-terminal-"));
/** A KakaoTalk PC export whose title, senders and a stray line are built to drive a terminal. */
const EXPORT = [
  `${TITLE} with KakaoTalk Chats`,
  "Date Saved : 2024-01-02 23:10:41",
  "",
  "--------------- Sunday, December 31, 2023 ---------------",
  ORPHAN,
  `[${EVE}] [9:10 PM] hello`,
  `[${MALLORY}] [9:11 PM] hi`,
  `[${MALLORY}] [9:12 PM] File: ${FILE}`,
  "",
].join("\n");
const crafted = join(dir, "crafted.txt");
writeFileSync(crafted, EXPORT);

describe("printable", () => {
  it("shows every C0, DEL, C1, line separator and bidi control as its escape, and leaves the rest", () => {
    expect(printable(`${OSC_TITLE}${C1_RED}\u007f${RLO}${ISOLATE}\u2069${LINE_SEPARATOR}\u2029\n\t`)).toBe(
      "\\u001b]0;pwned\\u0007\\u009b31m\\u007f\\u202e\\u2066\\u2069\\u2028\\u2029\\u000a\\u0009",
    );
    const ordinary = "김민지 Ørsted 🐻 \u200e(LRM) a\\u001b";
    expect(printable(ordinary)).toBe(ordinary);
    expect(printable(printable(TITLE))).toBe(printable(TITLE));
  });

  it("is what the CLI's messages fill in, while the catalogue keeps its own line breaks", () => {
    const t = terminalTranslator("en");
    const done = t("package.done", { title: TITLE, messages: 2, media: 0, zip: "a.zip", txt: "a.txt" });
    expect(done).toBe(`${printable(TITLE)}: 2 messages, 0 media files\n  a.zip\n  a.txt`);
  });
});

describe("crafted names never reach the terminal raw", () => {
  it("stats shows the title, the names and a stray line escaped, in English and Korean", async () => {
    for (const lang of ["en", "ko"]) {
      const r = await cli(["stats", crafted, "--lang", lang]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).not.toMatch(RAW);
      expect(r.stderr).not.toMatch(RAW);
      expect(r.stdout).toContain("\\u001b]0;pwned\\u0007\\u001b[2JClub\\u001b[31m\\u009b31m");
      expect(r.stdout).toContain("Eve\\u001b[31m\\u009b31m");
      expect(r.stdout).toContain("Mallory\\u202e\\u2066evil");
      expect(r.stdout).toContain("\\u001b[2J\\u009b31m\\u2028garbage");
    }
  });

  it("stats --json escapes what JSON.stringify leaves raw (C1, separators, bidi) and keeps every value", async () => {
    const r = await cli(["stats", crafted, "--json"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).not.toMatch(RAW);
    const stats = JSON.parse(r.stdout) as { header: { title: string }; summary: { participants: { name: string }[]; warnings: { text?: string }[] } };
    expect(stats.header.title).toBe(TITLE);
    expect(stats.summary.participants.map((p) => p.name).sort()).toEqual([EVE, MALLORY].sort());
    expect(stats.summary.warnings.map((w) => w.text)).toContain(ORPHAN);
  });

  it("an error names a crafted file name escaped, and so does the --debug stack", async () => {
    const file = join(dir, `${OSC_TITLE}${C1_RED}notes.txt`);
    writeFileSync(file, "just some notes\nnothing like a chat\n");
    const r = await cli(["stats", file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("\\u001b]0;pwned\\u0007\\u009b31mnotes.txt is not a chat export");
    expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(r.stderr).not.toMatch(RAW);
    const debug = await cli(["stats", file, "--debug"]);
    expect(debug.stderr).toContain("at ");
    expect(debug.stderr).not.toMatch(RAW);
  });

  it("a zip entry named to drive the terminal is refused with its name escaped", async () => {
    const zip = join(dir, "links.zip");
    await writeZip(zip, [{ name: `${CLEAR}${C1_RED}link.txt`, data: "/etc/passwd", mode: 0o120777 }]);
    const r = await cli(["stats", zip]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("\\u001b[2J\\u009b31mlink.txt");
    expect(r.stderr).not.toMatch(RAW);
  });

  it("detect shows a zip entry's crafted name escaped, in its table and in --json", async () => {
    const zip = join(dir, "chat.zip");
    const name = `${OSC_TITLE}chat${C1_RED}.txt`;
    await writeZip(zip, [{ name, data: EXPORT }]);
    const table = await cli(["detect", zip]);
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toContain("chat.zip/\\u001b]0;pwned\\u0007chat\\u009b31m.txt");
    expect(table.stdout).not.toMatch(RAW);
    const json = await cli(["detect", zip, "--json"]);
    expect(json.stdout).not.toMatch(RAW);
    expect((JSON.parse(json.stdout) as { file: string }).file).toBe(`chat.zip/${name}`);
  });

  it("data written to stdout on purpose stays byte for byte: parse's NDJSON and export's CSV", async () => {
    const ndjson = await cli(["parse", crafted]);
    expect(ndjson.code, ndjson.stderr).toBe(0);
    // JSON.stringify escapes C0 itself; C1 and the bidi controls are the data's own.
    expect(ndjson.stdout).toContain(JSON.stringify(TITLE));
    expect(ndjson.stdout).toContain(C1_RED);
    const csv = await cli(["export", crafted, "--to", "csv"]);
    expect(csv.code, csv.stderr).toBe(0);
    expect(csv.stdout).toContain(TITLE);
    expect(csv.stdout).toContain(MALLORY);
  });
});

describe("telegram replay", () => {
  const CHAT_TITLE = `${OSC_TITLE}${CLEAR}Hikers${C1_RED}`;
  const REFUSAL = `Bad Request: ${CLEAR}no${C1_RED}`;
  let api: FakeBotApi;
  let tokenFile: string;

  beforeAll(async () => {
    api = await startFakeBotApi({ "-1001234": { type: "supergroup", title: CHAT_TITLE } });
    // The first message is refused with a crafted reason; the report names it and why.
    api.script = ({ index }) => (index === 0 ? { kind: "error", status: 400, description: REFUSAL } : { kind: "ok" });
    tokenFile = join(dir, "token");
    writeFileSync(tokenFile, `${api.token}\n`, { mode: 0o600 });
  });
  afterAll(() => api.close());

  it("prints the Bot API's chat title, the export's title and names, and Telegram's reason escaped, and sends names as they are", async () => {
    const state = mkdtempSync(join(dir, "state-"));
    const args = ["telegram", "replay", crafted, "--chat", "-1001234", "--token-file", tokenFile, "--api-root", api.url, "--one-per-message"];
    const r = await cli(args, { CHATFERRY_STATE_DIR: state, CHATFERRY_PACE_SCALE: "0.001" });
    expect(r.code, r.stderr).toBe(3);
    for (const output of [r.stdout, r.stderr]) expect(output).not.toMatch(RAW);
    expect(r.stdout).toContain(`to ${printable(CHAT_TITLE)} (a group or channel`);
    expect(r.stdout).toContain(`Sending ${printable(TITLE)} to`);
    expect(r.stdout).toContain(`${printable(EVE)}: 400 ${printable(REFUSAL)}`);
    // The chat is no terminal: what is delivered carries the export's names unchanged, in the replay's own words too.
    const delivered = api.delivered.map((d) => d.text ?? "").join("\n");
    expect(delivered).toContain(MALLORY);
    expect(delivered).toContain(`${FILE} (not in the export)`);
  });
});
