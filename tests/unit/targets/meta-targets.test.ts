// Messenger (its download and its E2EE download) and Instagram through every target: the
// Telegram import package, the bot replay's plan, the Telegram Desktop JSON export, the
// archive and its viewer, and CSV. Each keeps every message.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Papa from "papaparse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readConversations } from "../../../src/pipeline.js";
import type { Message } from "../../../src/schema/index.js";
import { verifyArchive } from "../../../src/targets/archive/read.js";
import { writeArchive } from "../../../src/targets/archive/write.js";
import { writeCsv } from "../../../src/targets/export/table.js";
import { writeTelegramJson } from "../../../src/targets/export/telegram-json.js";
import { writeImportPackage } from "../../../src/targets/telegram/package.js";
import { planMessages, type Item } from "../../../src/targets/telegram/replay/plan.js";
import { cli, ROOT } from "../../helpers/cli.js";
import { startFakeBotApi, type FakeBotApi } from "../../helpers/fake-bot-api.js";
import { readAll, readOne, type ReadConversation } from "../../helpers/read.js";
import { firstConversation, memory, one, viewerChunks } from "../../helpers/targets.js";
import { WORDS } from "./telegram/replay/messages.js";

const ZONE = "Asia/Seoul";
const FIXTURES = join(ROOT, "tests/fixtures");
const INPUTS = [
  ["Messenger, a group over three files", join(FIXTURES, "messenger/dyi/your_facebook_activity/messages/inbox/deungsanmoim_7311524683941276")],
  ["Messenger, the E2EE download", join(FIXTURES, "messenger/e2ee/Alex Park_12.json")],
  ["Instagram", join(FIXTURES, "instagram/dyi")],
] as const;

const tmp = () => mkdtempSync(join(tmpdir(), "chatferry-meta-targets-"));

const conversation = (path: string) => firstConversation(path, ZONE);

/** The media messages whose files the input holds. */
const withFiles = (source: ReadConversation) => source.messages.filter((m) => m.attachments?.some((a) => a.media !== undefined));

let api: FakeBotApi;
let tokenFile = "";
beforeAll(async () => {
  api = await startFakeBotApi();
  tokenFile = join(tmp(), "token");
  writeFileSync(tokenFile, `${api.token}\n`, { mode: 0o600 });
});
afterAll(() => api.close());

describe.each(INPUTS)("%s through every target", (_, path) => {
  it("the bot replay: sent to a fake Bot API on 127.0.0.1, every send delivered", async () => {
    const env = { CHATFERRY_STATE_DIR: tmp(), CHATFERRY_PACE_SCALE: "0.001" };
    const before = api.delivered.length;
    const r = await cli(["telegram", "replay", path, "--chat", "42", "--token-file", tokenFile, "--api-root", api.url, "--timezone", ZONE], env);
    expect(r.code, r.stderr).toBe(0);
    const sent = /(\d+) of (\d+) sent, 0 refused/.exec(r.stdout);
    expect(sent, r.stdout).not.toBeNull();
    expect(sent![1]).toBe(sent![2]);
    expect(api.delivered.length - before).toBe(Number(sent![1]));
  });

  it("the Telegram import package: every message in _chat.txt, read back as Telegram would, and every file", async () => {
    const source = await readOne(path, ZONE);
    const result = await writeImportPackage(await conversation(path), tmp());
    expect(result.messages).toBe(source.summary.messages);
    expect(result.media).toBe(withFiles(source).length);
    const dir = tmp();
    writeFileSync(join(dir, "_chat.txt"), readFileSync(result.txt, "utf8"));
    const [back] = await readAll(join(dir, "_chat.txt"), ZONE);
    expect(back!.summary.messages).toBe(source.summary.messages);
    expect(back!.messages.map((m) => m.time)).toEqual(source.messages.map((m) => m.time));
  });

  it("the bot replay's plan: every message once, each file as an upload", async () => {
    const source = await readOne(path, ZONE);
    const c = await conversation(path);
    const items: Item[] = [];
    for await (const item of planMessages(c.messages, { pack: false, words: WORDS })) items.push(item);
    const ids = new Set(items.flatMap((i) => (i.kind === "album" ? i.photos.flatMap((p) => p.source ?? []) : i.sources)));
    expect([...ids].sort()).toEqual(source.messages.map((m) => m.id).sort());
    expect(items.filter((i) => i.kind === "media")).toHaveLength(withFiles(source).length);
  });

  it("Telegram Desktop's JSON: written and read back, the same messages", async () => {
    const source = await readOne(path, ZONE);
    const dir = join(tmp(), "export");
    await writeTelegramJson(await conversation(path), dir);
    const back = await readOne(dir, ZONE);
    expect(back.summary.messages).toBe(source.summary.messages);
    // tdesktop has no "other" kind of file: a file the E2EE download could not fetch comes back as a file.
    const type = (t: string) => (t === "other" ? "file" : t);
    const shape = (m: Message) => [m.time, m.sender, m.kind === "media" ? m.attachments!.map((a) => type(a.type)) : m.text, m.reactions ?? [], m.call?.seconds];
    // An unsent message has no place in tdesktop's JSON: it comes back as a message in words, in its place.
    const kept = (ms: Message[]) => ms.filter((_, i) => source.messages[i]!.kind !== "deleted").map(shape);
    expect(kept(back.messages)).toEqual(kept(source.messages));
  });

  it("the archive, verified, and its viewer's rows: every message", async () => {
    const source = await readOne(path, ZONE);
    const file = join(tmp(), "meta.chatferry.age");
    const result = await writeArchive(file, readConversations(path, { timezone: ZONE }), { keying: { passphrase: "산에 가자 correct horse", workFactor: 10 }, chatferry: "test" });
    expect(result.manifest.conversations.map((c) => c.messages)).toEqual([source.summary.messages]);
    expect([...(await verifyArchive(file, { passphrase: "산에 가자 correct horse" })).messages.values()]).toEqual([source.summary.messages]);

    const { chunks } = await viewerChunks(await conversation(path));
    const rows = chunks.flatMap((chunk) => {
      const script = chunk.toString("utf8");
      return JSON.parse(script.slice(script.indexOf("["), script.lastIndexOf("]") + 1)) as { x?: string }[];
    });
    expect(rows).toHaveLength(source.summary.messages);
  });

  it("CSV: a row per message, text and sender as read", async () => {
    const source = await readOne(path, ZONE);
    const sink = memory();
    await writeCsv(one(await conversation(path)), sink);
    const [, ...rows] = Papa.parse<string[]>(sink.text().slice(1).trimEnd()).data;
    expect(rows.map((r) => [r[3], r[4], r[5]])).toEqual(source.messages.map((m) => [m.sender ?? "", m.kind, m.text]));
  });
});
