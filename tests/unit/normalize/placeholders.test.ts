import { describe, expect, it } from "vitest";
import { PlaceholderWatch } from "../../../src/normalize/placeholders.js";

describe("probable placeholders ChatFerry does not know", () => {
  it("reports a bracketed body that several senders share, once, with its first line and count", () => {
    const watch = new PlaceholderWatch();
    watch.add("<Sticker Unread>", "Mina", 10);
    watch.add("hello", "Mina", 11);
    watch.add("<Sticker Unread>", "Bob", 14);
    watch.add("<Sticker Unread>", "Mina", 20);
    watch.add("‹사진 읽지 않음>", "민지", 21);
    expect(watch.findings("chat.txt")).toEqual([{ code: "unknown-placeholder", file: "chat.txt", line: 10, text: "<Sticker Unread>", count: 3 }]);
  });

  it("leaves one person's habit alone, and text that is not one short bracketed line", () => {
    const watch = new PlaceholderWatch();
    for (let i = 0; i < 5; i++) watch.add("[wink]", "Mina", i + 1);
    for (const sender of ["A", "B", "C"]) {
      // Emoticon codes people type, which the app draws as a picture.
      watch.add("(하트)", sender, 4);
      watch.add("(best)", sender, 5);
      watch.add("<this is a rather long sentence in angle brackets, not a placeholder>", sender, 1);
      watch.add("(a)\n(b)", sender, 2);
      watch.add("see <here>", sender, 3);
    }
    expect(watch.findings("chat.txt")).toEqual([]);
  });

  it("watches a bounded number of different bodies", () => {
    const watch = new PlaceholderWatch();
    for (const sender of ["A", "B", "C"]) for (let i = 0; i < 10_000; i++) watch.add(`<p${i}>`, sender, i + 1);
    const found = watch.findings("chat.txt");
    expect(found.length).toBe(256);
    expect(found.some((w) => w.text === "<p9999>")).toBe(false);
  });
});
