import { describe, expect, it } from "vitest";
import { whoAtEnd, whoAtStart } from "../../../src/normalize/who.js";

const people = (...names: string[]) => names.map((name) => ({ name, messages: 1 }));

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
    expect(whoAtEnd({}, undefined, null, [], people("A", "B", "C"))).toEqual({ kind: "group" });
    expect(whoAtEnd({}, "pair", "A", [], people("A", "B", "C"))).toEqual({ kind: "group" });
  });

  it("makes a one-to-one title direct only with two writers, one of them the title's name", () => {
    expect(whoAtEnd({}, "pair", "민지", [], people("민지", "서준"))).toEqual({ kind: "direct" });
    // A group sharing the title's shape is named after no one in it.
    expect(whoAtEnd({}, "pair", "옛날 동아리", [], people("김철수", "박영희"))).toEqual({});
    // Only one side wrote: nothing shows there were two.
    expect(whoAtEnd({}, "pair", "민지", [], people("민지"))).toEqual({});
  });

  it("says nothing of two writers without a title that says more", () => {
    expect(whoAtEnd({}, undefined, "Alice", [], people("Alice", "Tom"))).toEqual({});
  });

  it("keeps what the head decided, even against the count of writers", () => {
    expect(whoAtEnd({ kind: "direct" }, "direct", "A", [], people("A", "B", "C"))).toEqual({ kind: "direct" });
    expect(whoAtEnd({ kind: "channel" }, "channel", "News", [], people("A", "B", "C"))).toEqual({ kind: "channel" });
  });

  it("takes as self the one writer the export names as its exporter", () => {
    expect(whoAtEnd({}, undefined, null, ["회원님", "You"], people("한서윤", "회원님"))).toEqual({ self: "회원님" });
    expect(whoAtEnd({}, undefined, null, ["회원님"], people("한서윤", "민지"))).toEqual({});
    // Two writers both so named: the export does not say which.
    expect(whoAtEnd({}, undefined, null, ["You", "you"], people("You", "you"))).toEqual({});
  });

  it("lets the user's name win over the export's", () => {
    expect(whoAtEnd({ self: "한서윤" }, undefined, null, ["회원님"], people("한서윤", "회원님"))).toEqual({ self: "한서윤" });
  });
});
