import { describe, expect, it } from "vitest";
import { whoAtEnd, whoAtStart, Witness } from "../../../src/normalize/who.js";
import { rawMessage } from "../../../src/sources/accumulator.js";

const people = (...names: string[]) => names.map((name) => ({ name, messages: 1 }));

/** A witness that saw these messages' evidence: "group" for a group event, a name for a sender who exported. */
function witness(...seen: string[]): Witness {
  const w = new Witness();
  for (const s of seen) {
    if (s === "group") {
      const event = rawMessage("system", null, 0, "Alice added Bob", null, 1);
      event.shows = "group";
      w.see(event);
    } else {
      const tombstone = rawMessage("deleted", s, 0, "You deleted this message", null, 1);
      tombstone.shows = "exporter";
      w.see(tombstone);
    }
  }
  return w;
}

describe("who a chat is between, before the messages", () => {
  it("takes a kind the head decides and the name the user gave", () => {
    expect(whoAtStart("group", undefined)).toEqual({ kind: "group" });
    expect(whoAtStart("channel", "Mina")).toEqual({ kind: "channel", self: "Mina" });
    expect(whoAtStart(undefined, "Mina")).toEqual({ self: "Mina" });
  });

  it("leaves a one-to-one title's kind to the messages", () => {
    expect(whoAtStart("pair", undefined)).toEqual({});
  });
});

describe("who a chat is between, once every message is read", () => {
  it("makes any chat with three or more writers a group, whatever its title", () => {
    expect(whoAtEnd({}, { title: null, participants: people("A", "B", "C") })).toEqual({ kind: "group" });
    expect(whoAtEnd({}, { evidence: "pair", title: "A", participants: people("A", "B", "C") })).toEqual({ kind: "group" });
  });

  it("makes a chat with a group event a group, however few write", () => {
    expect(whoAtEnd({}, { title: null, participants: people("A"), witness: witness("group") })).toEqual({ kind: "group" });
    // Even under a one-to-one title that names one of its two writers.
    expect(whoAtEnd({}, { evidence: "pair", title: "A", participants: people("A", "B"), witness: witness("group") })).toEqual({ kind: "group" });
  });

  it("makes a one-to-one title direct only with two writers, one of them the title's name; the other exported it", () => {
    expect(whoAtEnd({}, { evidence: "pair", title: "민지", participants: people("민지", "서준") })).toEqual({ kind: "direct", self: "서준" });
    // A group sharing the title's shape is named after no one in it.
    expect(whoAtEnd({}, { evidence: "pair", title: "옛날 동아리", participants: people("김철수", "박영희") })).toEqual({});
    // Only one side wrote: nothing shows there were two.
    expect(whoAtEnd({}, { evidence: "pair", title: "민지", participants: people("민지") })).toEqual({});
  });

  it("says nothing of two writers without a title that says more", () => {
    expect(whoAtEnd({}, { title: "Alice", participants: people("Alice", "Tom") })).toEqual({});
  });

  it("keeps what the head decided, even against the count of writers or a group event", () => {
    expect(whoAtEnd({ kind: "direct" }, { evidence: "direct", title: "A", participants: people("A", "B", "C") })).toEqual({ kind: "direct" });
    expect(whoAtEnd({ kind: "channel" }, { evidence: "channel", title: "News", participants: people("A", "B", "C") })).toEqual({ kind: "channel" });
    expect(whoAtEnd({ kind: "direct" }, { evidence: "direct", title: "A", participants: people("A", "B"), witness: witness("group") })).toEqual({
      kind: "direct",
      self: "B",
    });
  });

  it("takes the other writer of a chat the head calls direct, titled with one of its two writers", () => {
    expect(whoAtEnd({ kind: "direct" }, { evidence: "direct", title: "Bob Kim", participants: people("Bob Kim", "Mina Kim") })).toEqual({
      kind: "direct",
      self: "Mina Kim",
    });
    // A group is not named after the person it is with.
    expect(whoAtEnd({ kind: "group" }, { evidence: "group", title: "Bob Kim", participants: people("Bob Kim", "Mina Kim") })).toEqual({ kind: "group" });
  });
});

describe("who exported a chat, once every message is read", () => {
  it("takes as self the one writer the export names as its exporter", () => {
    expect(whoAtEnd({}, { title: null, selfNames: ["회원님", "You"], participants: people("한서윤", "회원님") })).toEqual({ self: "회원님" });
    expect(whoAtEnd({}, { title: null, selfNames: ["회원님"], participants: people("한서윤", "민지") })).toEqual({});
    // Two writers both so named: the export does not say which.
    expect(whoAtEnd({}, { title: null, selfNames: ["You", "you"], participants: people("You", "you") })).toEqual({});
  });

  it("takes the sender the messages' words name, where they all name one", () => {
    expect(whoAtEnd({}, { title: null, participants: people("A", "B"), witness: witness("B", "B") })).toEqual({ self: "B" });
    expect(whoAtEnd({}, { title: null, participants: people("A", "B", "C"), witness: witness("C", "group") })).toEqual({ kind: "group", self: "C" });
  });

  it("takes no one where the evidence names two people", () => {
    // Two senders each under "You deleted this message".
    expect(whoAtEnd({}, { title: null, participants: people("A", "B"), witness: witness("A", "B") })).toEqual({});
    // Once contradicted, agreeing again does not count.
    expect(whoAtEnd({}, { title: null, participants: people("A", "B"), witness: witness("A", "B", "A") })).toEqual({});
    // The words name the person the one-to-one title names, who is the other side.
    expect(whoAtEnd({}, { evidence: "pair", title: "A", participants: people("A", "B"), witness: witness("A") })).toEqual({ kind: "direct" });
    // The words and the export's name for its exporter name two people.
    expect(whoAtEnd({}, { title: null, selfNames: ["회원님"], participants: people("회원님", "민지"), witness: witness("민지") })).toEqual({});
  });

  it("lets the user's name win over the export's", () => {
    expect(whoAtEnd({ self: "한서윤" }, { title: null, selfNames: ["회원님"], participants: people("한서윤", "회원님") })).toEqual({ self: "한서윤" });
    expect(whoAtEnd({ self: "A" }, { title: null, participants: people("A", "B"), witness: witness("B") })).toEqual({ self: "A" });
  });
});
