import { describe, expect, it } from "vitest";
import { MAX_LINE_CHARS, splitLines } from "../../../src/input/lines.js";
import { ChatFerryError } from "../../../src/errors.js";

async function lines(chunks: string[]): Promise<{ n: number; text: string }[]> {
  const out: { n: number; text: string }[] = [];
  for await (const batch of splitLines((async function* () { yield* chunks; })(), "x.txt")) {
    batch.lines.forEach((text, i) => out.push({ n: batch.first + i, text }));
  }
  return out;
}

describe("splitLines", () => {
  const text = "첫째\r\n둘째\n셋째\r넷째\r\n\r\n여섯째";
  const expected = ["첫째", "둘째", "셋째", "넷째", "", "여섯째"].map((t, i) => ({ n: i + 1, text: t }));

  it("splits CRLF, LF and lone CR, numbering lines from 1", async () => {
    expect(await lines([text])).toEqual(expected);
  });

  it("gives the same lines wherever the chunks are cut", async () => {
    for (let cut = 0; cut <= text.length; cut++) {
      expect(await lines([text.slice(0, cut), text.slice(cut)])).toEqual(expected);
    }
    expect(await lines([...text])).toEqual(expected);
  });

  it("keeps a last line without a newline, and adds no empty line after a final newline", async () => {
    expect(await lines(["a\nb"])).toEqual([{ n: 1, text: "a" }, { n: 2, text: "b" }]);
    expect(await lines(["a\n"])).toEqual([{ n: 1, text: "a" }]);
  });

  it("refuses a line longer than the limit instead of growing without bound", async () => {
    const chunk = "x".repeat(1024 * 1024);
    const chunks = Array.from({ length: MAX_LINE_CHARS / chunk.length + 1 }, () => chunk);
    const error = await lines(["ok\n", ...chunks]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChatFerryError);
    expect(error).toMatchObject({ code: "E_LINE_TOO_LONG", params: { line: 2 } });
  });
});
