import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readConversations } from "../../../../src/pipeline.js";
import { writeTelegramJson } from "../../../../src/targets/export/telegram-json.js";
import { readAll } from "../../../helpers/read.js";

const fixtures = join(import.meta.dirname, "../../../fixtures");
const ZONE = "Asia/Seoul";
const tmp = mkdtempSync(join(tmpdir(), "chatferry-tgkind-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Exports the input's conversation number `index` and returns result.json as written. */
async function exported(fixture: string, index = 0): Promise<{ dir: string; json: { type: string; messages: unknown[] } }> {
  const dir = mkdtempSync(join(tmp, "export-"));
  let i = 0;
  for await (const conversation of readConversations(join(fixtures, fixture), { timezone: ZONE })) {
    if (i++ === index) await writeTelegramJson(conversation, dir);
    else for await (const _ of conversation.messages);
  }
  return { dir, json: JSON.parse(readFileSync(join(dir, "result.json"), "utf8")) as { type: string; messages: unknown[] } };
}

describe("telegram-json export: the chat type", () => {
  it.each([
    ["kakaotalk/android-ko-2013-noon.txt", 0, "personal_chat"], // direct only once both writers are read
    ["line/[LINE] Alice Chen.txt", 0, "personal_chat"], // direct from the title
    ["telegram/forwards-calls", 0, "personal_chat"],
    ["telegram/account", 1, "personal_chat"],
    ["kakaotalk/pc-ko-cp949.txt", 0, "private_group"], // two writers, neither named by the title: not known
    ["line/[LINE] Trail Crew.txt", 0, "private_group"],
    ["telegram/chat", 0, "private_group"],
    ["telegram/account", 2, "private_group"], // a channel, written as before
  ])("%s #%i is %s", async (fixture, index, type) => {
    const { dir, json } = await exported(fixture, index);
    expect(json.type).toBe(type);
    const [source, back] = [(await readAll(join(fixtures, fixture), ZONE))[index]!, (await readAll(dir, ZONE))[0]!];
    expect(json.messages).toHaveLength(source.summary.messages);
    // Read back, the chat is what it was found to be.
    expect(back.summary.kind).toBe(type === "personal_chat" ? "direct" : "group");
  });
});
