import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cli, ROOT } from "../../../../helpers/cli.js";
import { startFakeBotApi, type FakeBotApi } from "../../../../helpers/fake-bot-api.js";

const dir = mkdtempSync(join(tmpdir(), "chatferry-replay-cli-"));
const FIXTURE = join(ROOT, "tests/fixtures/telegram/chat");
const TZ = ["--timezone", "Asia/Seoul"];
let api: FakeBotApi;
let tokenFile: string;

beforeAll(async () => {
  api = await startFakeBotApi();
  tokenFile = join(dir, "token");
  writeFileSync(tokenFile, `${api.token}\n`, { mode: 0o600 });
});
afterAll(() => api.close());

/** A fresh state folder per test unless one is given; waits shrunk a thousandfold. */
function env(state = mkdtempSync(join(dir, "state-")), extra: Record<string, string> = {}) {
  return { CHATFERRY_STATE_DIR: state, CHATFERRY_PACE_SCALE: "0.001", ...extra };
}

/** Nothing a user sees may hold the token or the URL it travels in. */
function expectNoSecret(...outputs: string[]) {
  for (const output of outputs) {
    expect(output).not.toContain(api.token);
    expect(output).not.toContain(api.token.split(":")[1]!);
    expect(output).not.toContain("/bot");
  }
}

describe("chatferry telegram replay", () => {
  it("--dry-run prints the plan and its duration without a token or a server", async () => {
    const r = await cli(["telegram", "replay", FIXTURE, "--chat", "-1001234", "--dry-run", ...TZ], env());
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("Weekend Hikers: 18 messages become 9 Telegram messages in 9 sends.");
    expect(r.stdout).toContain("photos 1 · voice 1 · documents 3");
    // 9 messages at 20 a minute.
    expect(r.stdout).toContain("Into a group or channel, 20 messages a minute: about 27 s.");
    expect(r.stdout).toContain("Dry run");
  });

  it("replays an export, keeps the journal private and free of chat text, and a rerun sends nothing", async () => {
    const state = mkdtempSync(join(dir, "state-"));
    const args = ["telegram", "replay", FIXTURE, "--chat", "42", "--token-file", tokenFile, "--api-root", api.url, ...TZ];
    const before = api.delivered.length;
    const r = await cli(args, env(state));
    expect(r.code, r.stderr).toBe(0);
    expect(api.delivered.length - before).toBe(9);
    expect(r.stdout).toContain("Sending Weekend Hikers to Mina (a private chat, about 1 message a second): 9 of 9 sends left");
    expect(r.stdout).toContain("Weekend Hikers: 9 of 9 sent, 0 refused, 0 possibly duplicated.");
    expectNoSecret(r.stdout, r.stderr);

    const journals = readdirSync(join(state, "telegram-replay"));
    expect(journals).toHaveLength(1);
    const journal = readFileSync(join(state, "telegram-replay", journals[0]!), "utf8");
    expect(journal).not.toContain("Summit");
    expect(journal).not.toContain("Hola");
    expect(journal).not.toContain(api.token);

    const methods = api.methods.length;
    const again = await cli(args, env(state));
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain("Nothing left to send");
    expect(api.methods.length).toBe(methods);
  });

  it("takes the token from the environment too", async () => {
    const r = await cli(["telegram", "replay", FIXTURE, "--chat", "42", "--api-root", api.url, "--one-per-message", ...TZ], env(undefined, { CHATFERRY_TELEGRAM_TOKEN: api.token }));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("18 of 18 sent");
    expectNoSecret(r.stdout, r.stderr);
  });

  it("stops with one line in the user's language on a token Telegram refuses, never showing it", async () => {
    const wrong = join(dir, "wrong-token");
    const secret = "987654321:AAWrongWrongWrongWrongWrongWrongWrong";
    writeFileSync(wrong, secret);
    const args = ["telegram", "replay", FIXTURE, "--chat", "42", "--token-file", wrong, "--api-root", api.url, "--debug", ...TZ];
    const en = await cli(args, env());
    expect(en.code).toBe(3);
    expect(en.stderr.split("\n")[0]).toBe(
      "chatferry: Telegram refused the bot token (401 Unauthorized). Check the token file, or get a new token from @BotFather.",
    );
    const ko = await cli([...args, "--lang", "ko"], env());
    expect(ko.code).toBe(3);
    expect(ko.stderr).toMatch(/^chatferry: 텔레그램이 봇 토큰을 거부했습니다/);
    for (const r of [en, ko]) {
      expect(r.stderr).not.toContain(secret.split(":")[1]);
      expect(r.stdout + r.stderr).not.toContain("/bot");
    }
  });

  it("refuses a token file that holds no token, a plain-http server elsewhere, a bad chat, and no token at all", async () => {
    const notToken = join(dir, "not-token");
    writeFileSync(notToken, "my secret diary\n");
    const base = ["telegram", "replay", FIXTURE, ...TZ];
    const cases: [string[], number, RegExp][] = [
      [["--chat", "42", "--token-file", notToken], 2, /not-token does not hold a Telegram bot token/],
      [["--chat", "42", "--token-file", tokenFile, "--api-root", "http://example.org"], 2, /--api-root must be an https:\/\/ URL/],
      [["--chat", "my friend", "--token-file", tokenFile], 2, /--chat takes a numeric chat id/],
      [["--chat", "42"], 2, /no bot token/],
      [["--chat", "31337", "--token-file", tokenFile, "--api-root", api.url], 3, /cannot post to chat 31337 \(Bad Request: chat not found\)/],
    ];
    for (const [args, code, message] of cases) {
      const r = await cli([...base, ...args], env());
      expect(r.code, r.stderr).toBe(code);
      expect(r.stderr).toMatch(message);
      expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
      expect(r.stderr).not.toContain("diary");
      expectNoSecret(r.stdout, r.stderr);
    }
  });

  it("replays a newer export of the chat after an interrupted first run: only what never arrived, each once, the skipped counted", async () => {
    const state = mkdtempSync(join(dir, "state-"));
    const base = ["--chat", "42", "--token-file", tokenFile, "--api-root", api.url, "--one-per-message", ...TZ];
    // The first run stops when the bot is kicked at its fifth send.
    const start = api.calls.length;
    api.script = (call) => (call.index === start + 4 ? { kind: "error", status: 403, description: "Forbidden: bot was kicked" } : { kind: "ok" });
    const first = await cli(["telegram", "replay", FIXTURE, ...base], env(state));
    expect(first.code, first.stderr).toBe(3);
    const firstRun = api.delivered.length;

    // Months later: the same chat exported again, with two more messages.
    const later = join(dir, "later");
    cpSync(FIXTURE, later, { recursive: true });
    const json = JSON.parse(readFileSync(join(later, "result.json"), "utf8")) as { messages: Record<string, unknown>[] };
    for (const [i, word] of ["Back again", "Same trail next year?"].entries()) {
      json.messages.push({ id: 100 + i, type: "message", date: `2024-06-01T10:0${i}:00`, from: "Mina Kim", from_id: "user1000000001", text: word, text_entities: [{ type: "plain", text: word }] });
    }
    writeFileSync(join(later, "result.json"), JSON.stringify(json));

    const dry = await cli(["telegram", "replay", later, "--dry-run", ...base], env(state));
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toContain(": 16 messages become 16 Telegram messages in 16 sends.");
    expect(dry.stdout).toContain("  4 messages already sent to this chat by an earlier replay, skipped.");
    const ko = await cli(["telegram", "replay", later, "--dry-run", "--lang", "ko", ...base], env(state));
    expect(ko.stdout).toContain("이미 보낸 메시지 4개는 건너뜁니다.");

    api.script = () => ({ kind: "ok" });
    const r = await cli(["telegram", "replay", later, ...base], env(state));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("16 of 16 sent, 0 refused, 0 possibly duplicated.");
    expect(r.stdout).toContain("4 messages already sent to this chat by an earlier replay, skipped.");
    // Between them, the two runs delivered the 18 old messages and the 2 new ones, none twice.
    const delivered = api.delivered.slice(firstRun - 4);
    expect(delivered).toHaveLength(20);
    const shown = delivered.map((d) => JSON.stringify([d.method, d.text, d.caption, d.file?.name]));
    expect(new Set(shown).size).toBe(20);
    expect(delivered.at(-1)!.text).toContain("Same trail next year?");
    for (const name of readdirSync(join(state, "telegram-replay"))) {
      const journal = readFileSync(join(state, "telegram-replay", name), "utf8");
      expect(journal).not.toContain("Summit");
      expect(journal).not.toContain("Back again");
    }
  });
});
