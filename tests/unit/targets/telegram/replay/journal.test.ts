import { spawnSync } from "node:child_process";
import { appendFileSync, mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ChatFerryError } from "../../../../../src/errors.js";
import { Journal, journalPath, peekJournal, priorSends, stateDir } from "../../../../../src/targets/telegram/replay/journal.js";

const PLAN = { digest: "d1", items: 10 };
const fresh = () => journalPath(mkdtempSync(join(tmpdir(), "chatferry-journal-")), "0123456789ab", "42");

async function code(promise: Promise<unknown>): Promise<string> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  return err instanceof ChatFerryError ? err.code : String(err);
}

describe("replay journal", () => {
  it("reads back to the state it was in: next item, sent, failed, uncertain sends and reply ids", async () => {
    const path = fresh();
    const journal = await Journal.open(path, PLAN);
    await journal.append({ t: "sending", n: 0 });
    await journal.append({ t: "sent", n: 0, ids: [7], refs: { m0: 7 } });
    await journal.append({ t: "sending", n: 1 });
    await journal.append({ t: "unsent", n: 1 }); // a 429
    await journal.append({ t: "sending", n: 1 });
    await journal.append({ t: "uncertain", n: 1 }); // a timeout
    await journal.append({ t: "sending", n: 1 });
    await journal.append({ t: "sent", n: 1, ids: [8, 9] });
    await journal.append({ t: "sending", n: 2 });
    await journal.append({ t: "failed", n: 2, reason: "400 Bad Request: no" });
    const live = journal.state;
    await journal.close();

    const again = await Journal.open(path, PLAN);
    for (const state of [live, again.state]) {
      expect(state.next).toBe(3);
      expect(state.sent).toBe(2);
      expect([...state.failed]).toEqual([[2, "400 Bad Request: no"]]);
      expect([...state.uncertain]).toEqual([[1, 1]]);
      expect([...state.refs]).toEqual([["m0", 7]]);
    }
    await again.close();
    // Private: only the user may read it; and no chat text in it, only numbers and Telegram's words.
    expect(statSync(path).mode & 0o077).toBe(0);
    expect(readFileSync(path, "utf8").split("\n")[0]).toBe(JSON.stringify({ t: "plan", v: 1, ...PLAN }));
  });

  it("counts an attempt cut off by a crash as uncertain, and a torn last line as never written", async () => {
    const path = fresh();
    const journal = await Journal.open(path, PLAN);
    await journal.append({ t: "sending", n: 0 });
    await journal.append({ t: "sent", n: 0, ids: [1] });
    await journal.append({ t: "sending", n: 1 });
    await journal.close();
    appendFileSync(path, '{"t":"sent","n":1,"i');

    const resumed = await Journal.open(path, PLAN);
    expect(resumed.state.next).toBe(1);
    expect([...resumed.state.uncertain]).toEqual([[1, 1]]);
    // The rerun's resend of item 1 goes on a clean line.
    await resumed.append({ t: "sending", n: 1 });
    await resumed.append({ t: "sent", n: 1, ids: [2] });
    await resumed.close();
    const state = (await peekJournal(path))!;
    expect(state.next).toBe(2);
    expect(state.uncertainSends).toBe(1);
  });

  it("refuses a journal damaged in the middle, and one made for another plan", async () => {
    const path = fresh();
    const journal = await Journal.open(path, PLAN);
    await journal.append({ t: "sending", n: 0 });
    await journal.close();
    expect(await code(Journal.open(path, { digest: "other", items: 10 }))).toBe("E_TELEGRAM_CHANGED");
    appendFileSync(path, "garbage\n");
    expect(await code(Journal.open(path, PLAN))).toBe("E_TELEGRAM_JOURNAL");
  });

  it("lets one replay at a time hold a journal, and takes over a lock its dead owner left", async () => {
    const path = fresh();
    const first = await Journal.open(path, PLAN);
    expect(await code(Journal.open(path, PLAN))).toBe("E_TELEGRAM_BUSY");
    await first.close();

    const gone = spawnSync(process.execPath, ["-e", ""]).pid!;
    writeFileSync(`${path}.lock`, String(gone));
    const second = await Journal.open(path, PLAN);
    expect(second.state.plan).toEqual(PLAN);
    await second.close();
  });

  it("sums what the chat's other journals sent (a message's digest once its last part went) and what a stopped run left unanswered", async () => {
    const state = mkdtempSync(join(tmpdir(), "chatferry-journal-"));
    const first = await Journal.open(journalPath(state, "aaaaaaaaaaaa", "42"), { ...PLAN, chat: "42" });
    await first.append({ t: "sending", n: 0, ends: ["k1", "k2"] });
    await first.append({ t: "uncertain", n: 0 }); // resent, then confirmed: in the chat
    await first.append({ t: "sending", n: 0, ends: ["k1", "k2"] });
    await first.append({ t: "sent", n: 0, ids: [1] });
    await first.append({ t: "sending", n: 1, ends: [] }); // the first part of a long message: nothing finished yet
    await first.append({ t: "sent", n: 1, ids: [2] });
    await first.append({ t: "sending", n: 2, ends: ["k3"] });
    await first.append({ t: "failed", n: 2, reason: "400 Bad Request" }); // refused: not in the chat
    await first.append({ t: "sending", n: 3, ends: ["k2"] }); // cut off: may be in the chat
    await first.close();
    const second = await Journal.open(journalPath(state, "bbbbbbbbbbbb", "42"), { ...PLAN, chat: "42" });
    await second.append({ t: "sending", n: 0, ends: ["k2"] });
    await second.append({ t: "sent", n: 0, ids: [3] });
    await second.close();
    const elsewhere = await Journal.open(journalPath(state, "cccccccccccc", "-100"), { ...PLAN, chat: "-100" });
    await elsewhere.append({ t: "sending", n: 0, ends: ["k9"] });
    await elsewhere.append({ t: "sent", n: 0, ids: [1] });
    await elsewhere.close();

    const own = journalPath(state, "dddddddddddd", "42");
    const prior = await priorSends(state, "42", own);
    expect([...prior.sent].sort()).toEqual(["k1", "k2", "k2"]);
    expect(prior.maybe).toEqual(["k2"]);
    // The journal asking is not its own prior.
    expect(await priorSends(state, "42", journalPath(state, "bbbbbbbbbbbb", "42"))).toEqual({ sent: ["k1", "k2"], maybe: ["k2"] });
    expect(await priorSends(mkdtempSync(join(tmpdir(), "chatferry-journal-")), "42", own)).toEqual({ sent: [], maybe: [] });
  });

  it("lives in the user's state folder on each system", () => {
    const home = "/home/u";
    expect(stateDir({}, "linux", home)).toBe("/home/u/.local/state/chatferry");
    expect(stateDir({ XDG_STATE_HOME: "/x" }, "linux", home)).toBe("/x/chatferry");
    expect(stateDir({}, "darwin", home)).toBe("/home/u/Library/Application Support/ChatFerry");
    expect(stateDir({ LOCALAPPDATA: "C:\\Users\\u\\AppData\\Local" }, "win32", home)).toMatch(/AppData.Local.ChatFerry$/);
    expect(stateDir({ CHATFERRY_STATE_DIR: "/t" }, "linux", home)).toBe("/t");
  });
});
