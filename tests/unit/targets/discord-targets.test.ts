// Discord's two sources (DiscordChatExporter JSON, Discord's data package) through every
// target, by the CLI as a user runs it: each message read is a message written.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Papa from "papaparse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cli, ROOT } from "../../helpers/cli.js";
import { startFakeBotApi, type FakeBotApi } from "../../helpers/fake-bot-api.js";
import { readAll, type ReadConversation } from "../../helpers/read.js";

const FIXTURES = join(ROOT, "tests/fixtures/discord");
/** A DM with its _Files folder, a server channel without one, and a data package of two channels. */
const INPUTS = [join(FIXTURES, "dm.json"), join(FIXTURES, "guild.json"), join(FIXTURES, "package")];
const TZ = ["--timezone", "Asia/Seoul"];
const dir = mkdtempSync(join(tmpdir(), "chatferry-discord-targets-"));
const tmp = () => mkdtempSync(join(dir, "out-"));
let sources: ReadConversation[][];

beforeAll(async () => {
  sources = await Promise.all(INPUTS.map((input) => readAll(input, "Asia/Seoul")));
});

async function run(args: string[], env: Record<string, string> = {}): Promise<string> {
  const r = await cli([...args, ...TZ], env);
  expect(r.code, r.stderr).toBe(0);
  return r.stdout;
}

describe("Discord through every target", () => {
  it("the inputs hold what the targets must carry: replies, reactions, files, calls, notices", () => {
    const all = sources.flat().flatMap((c) => c.messages);
    expect(all.filter((m) => m.replyTo).length).toBeGreaterThan(1);
    expect(all.filter((m) => m.reactions || m.reactionCounts).length).toBeGreaterThan(2);
    expect(all.filter((m) => m.attachments?.some((a) => a.media)).length).toBe(2);
    expect(all.filter((m) => m.call)).toHaveLength(1);
    expect(sources.map((s) => s.map((c) => c.summary.messages))).toEqual([[8], [11], [3, 3]]);
  });

  it("Telegram import package: a WhatsApp-style chat Telegram's importer reads, every message in it", async () => {
    for (const [i, input] of INPUTS.entries()) {
      const out = tmp();
      await run(["telegram", "package", input, "-o", out]);
      const txts = readdirSync(out).filter((f) => f.endsWith(".txt")).sort();
      expect(txts).toHaveLength(sources[i]!.length);
      const back = (await Promise.all(txts.map((t) => readAll(join(out, t), "Asia/Seoul")))).flat();
      // A WhatsApp line holds one file: a message with several is written as one line per file.
      const lines = (c: ReadConversation) => c.messages.reduce((n, m) => n + Math.max(1, m.attachments?.length ?? 0), 0);
      expect(back.map((c) => c.summary.messages).sort()).toEqual(sources[i]!.map(lines).sort());
    }
    // With media, the zip carries the downloaded files.
    const out = tmp();
    await run(["telegram", "package", INPUTS[0]!, "-o", out]);
    expect(readdirSync(out).filter((f) => f.endsWith(".zip"))).toHaveLength(1);
  });

  it("Telegram-JSON: a result.json that reads back to the same messages, replies and reactions", async () => {
    for (const [i, input] of INPUTS.entries()) {
      const out = join(tmp(), "tg");
      await run(["export", input, "--to", "telegram-json", "-o", out]);
      // Each conversation gets its own folder: out, out-2, …
      const back = (await Promise.all(sources[i]!.map((_, k) => readAll(k === 0 ? out : `${out}-${k + 1}`, "Asia/Seoul")))).flat();
      expect(back.map((c) => c.summary.messages)).toEqual(sources[i]!.map((c) => c.summary.messages));
      for (const [k, c] of back.entries()) {
        const source = sources[i]![k]!;
        expect(c.messages.map((m) => [m.time, m.sender])).toEqual(source.messages.map((m) => [m.time, m.kind === "system" ? null : m.sender]));
        // A reply points at the message it answered, by that message's place.
        const at = (id: string | undefined, ms: typeof c.messages) => ms.findIndex((m) => m.id === id);
        expect(c.messages.map((m) => (m.replyTo ? at(m.replyTo, c.messages) : -1))).toEqual(source.messages.map((m) => (m.replyTo ? at(m.replyTo, source.messages) : -1)));
      }
    }
    const out = join(tmp(), "tg");
    await run(["export", INPUTS[1]!, "--to", "telegram-json", "-o", out]);
    const doc = JSON.parse(readFileSync(join(out, "result.json"), "utf8")) as { messages: { id: number; reactions?: { emoji: string; count: number }[] }[] };
    expect(doc.messages.every((m) => Number.isSafeInteger(m.id))).toBe(true);
    expect(new Set(doc.messages.map((m) => m.id)).size).toBe(doc.messages.length);
    // Counted reactions keep their counts; named ones their people.
    expect(doc.messages[1]!.reactions).toEqual([expect.objectContaining({ emoji: ":thisisfine:", count: 3 }), expect.objectContaining({ emoji: "👋", count: 1 })]);
  });

  it("CSV: one row per message", async () => {
    for (const [i, input] of INPUTS.entries()) {
      const csv = await run(["export", input, "--to", "csv"]);
      const rows = Papa.parse<string[]>(csv.replace(/^\uFEFF/, ""), { skipEmptyLines: true }).data;
      expect(rows.length - 1).toBe(sources[i]!.reduce((n, c) => n + c.summary.messages, 0));
    }
  });

  it("archive and viewer: every message in the archive's data and in the viewer's rows, the media inside", async () => {
    const out = tmp();
    const pass = join(out, "pass");
    writeFileSync(pass, "correct horse battery staple discord\n");
    const archive = join(out, "discord.chatferry.age");
    await run(["archive", ...INPUTS, "-o", archive, "--passphrase-file", pass]);
    const verify = await cli(["verify", archive, "--passphrase-file", pass]);
    expect(verify.code, verify.stderr).toBe(0);
    const unpacked = join(out, "open");
    const opened = await cli(["open", archive, "-o", unpacked, "--passphrase-file", pass]);
    expect(opened.code, opened.stderr).toBe(0);
    const all = sources.flat();
    const catalogText = readFileSync(join(unpacked, "viewer/catalog.js"), "utf8");
    const catalog = JSON.parse(catalogText.slice(catalogText.indexOf("(") + 1, catalogText.lastIndexOf(")"))) as { conversations: { id: string; platform: string; messages: number }[] };
    expect(catalog.conversations.map((c) => [c.platform, c.messages])).toEqual(all.map((c) => ["discord", c.summary.messages]));
    for (const c of catalog.conversations) {
      const ndjson = readFileSync(join(unpacked, "conversations", c.id, "messages.ndjson"), "utf8").trim().split("\n");
      expect(ndjson.filter((l) => l.includes('"type":"message"'))).toHaveLength(c.messages);
      const chunk = readFileSync(join(unpacked, "viewer", c.id, "0.js"), "utf8");
      const rows = JSON.parse(chunk.slice(chunk.indexOf("["), chunk.lastIndexOf("]") + 1)) as { r?: string[] }[];
      expect(rows).toHaveLength(c.messages);
    }
    const dm = catalog.conversations[0]!.id;
    expect(readdirSync(join(unpacked, "media", dm, "dm.json_Files")).sort()).toEqual(["749054660769218631-728337d98413a623.png", "IMG_2041-04fd821cbf22aa9a.png"]);
  });
});

describe("Discord through the bot replay (a fake Bot API on 127.0.0.1)", () => {
  let api: FakeBotApi | undefined;
  afterAll(() => api?.close());

  it("sends every message, none refused", async () => {
    api = await startFakeBotApi();
    const tokenFile = join(tmp(), "token");
    writeFileSync(tokenFile, `${api.token}\n`, { mode: 0o600 });
    // A replay takes one conversation: the package's channels one by one.
    const channels = ["messages/c1187334450129805412/messages.json", "messages/c772915480237637652/messages.csv"].map((c) => join(INPUTS[2]!, c));
    const inputs = [INPUTS[0]!, INPUTS[1]!, ...channels];
    const counts = sources.flat().map((c) => c.summary.messages);
    for (const [i, input] of inputs.entries()) {
      const env = { CHATFERRY_STATE_DIR: tmp(), CHATFERRY_PACE_SCALE: "0.001" };
      const plan = await run(["telegram", "replay", input, "--chat", "42", "--dry-run"], env);
      const planned = [...plan.matchAll(/: (\d+) messages become (\d+) Telegram messages in (\d+) sends/g)];
      expect(planned.map((p) => Number(p[1]))).toEqual([counts[i]]);
      const before = api.delivered.length;
      const out = await run(["telegram", "replay", input, "--chat", "42", "--token-file", tokenFile, "--api-root", api.url], env);
      const sent = [...out.matchAll(/: (\d+) of (\d+) sent, 0 refused/g)];
      expect(sent.map((s) => Number(s[1]))).toEqual(planned.map((p) => Number(p[3])));
      expect(api.delivered.length - before).toBe(planned.reduce((n, p) => n + Number(p[2]), 0));
    }
  });
});

describe("Discord's 64-bit ids in Telegram-JSON", () => {
  it("stay distinct for two messages whose ids differ by 2^53, and a reply still finds its message", async () => {
    const dir = mkdtempSync(join(tmpdir(), "chatferry-dids-"));
    const input = join(dir, "c.json");
    const at = (id: string, extra: object = {}) => ({ id, type: "Default", timestamp: "2024-01-15T10:30:00+00:00", content: id, author: { id: "9", name: "a" }, ...extra });
    const messages = [at("1187352280089886721"), at("1196359479344627713"), at("1196359479344627714", { type: "Reply", reference: { messageId: "1187352280089886721" } })];
    writeFileSync(input, JSON.stringify({ guild: { id: "1", name: "G" }, channel: { id: "2", type: "GuildTextChat", name: "c" }, messages }));
    const { code } = await cli(["export", input, "--to", "telegram-json", "-o", join(dir, "tg")]);
    expect(code).toBe(0);
    const written = JSON.parse(readFileSync(join(dir, "tg", "result.json"), "utf8")) as { messages: { id: number; reply_to_message_id?: number }[] };
    const ids = written.messages.map((m) => m.id);
    expect(new Set(ids).size).toBe(3);
    expect(written.messages[2]!.reply_to_message_id).toBe(ids[0]);
  });
});
