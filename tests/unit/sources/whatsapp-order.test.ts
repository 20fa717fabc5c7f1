import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { LineBatch } from "../../../src/input/lines.js";
import type { Attachment, DateOrderDecision, Warning } from "../../../src/schema/index.js";
import { nameDay, scanOrder } from "../../../src/sources/whatsapp/order.js";
import { whatsapp } from "../../../src/sources/whatsapp/source.js";
import type { RawMessage } from "../../../src/sources/types.js";
import { runSource } from "../../helpers/read.js";

const dir = join(import.meta.dirname, "../../fixtures/whatsapp/date-order");
const N = "\u202f";
const L = "\u200e";
const other: Attachment = { type: "other" };

/** A message as a row of a test table: source line, wall time "YYYY-MM-DD HH:MM(:SS)", sender, kind, text, attachments. */
type Row = [number, string, string | null, RawMessage["kind"], string, Attachment[]?];

interface Case {
  file: string;
  why: string;
  decision: DateOrderDecision;
  warnings: Warning[];
  rows: Row[];
}

const cases: Case[] = [
  {
    file: "android-en-gb-12h-media-names.txt",
    why: "the Android file names, though the 12-hour clock would have said month first",
    decision: { order: "dmy", by: "media-names" },
    warnings: [],
    rows: [
      [1, "2024-03-02 09:14", null, "system", "Messages and calls are end-to-end encrypted. No one outside of this chat, not even WhatsApp, can read or listen to them. Tap to learn more."],
      [2, "2024-03-02 09:14", "Olivia Hart", "text", "Morning! Car boot sale at 10?"],
      [3, "2024-03-02 09:20", "Priya Shah", "text", "Yes! Bringing the old lamps"],
      [4, "2024-03-02 11:47", "Olivia Hart", "media", "Look what I found for £2", [{ type: "photo", name: "IMG-20240302-WA0004.jpg" }]],
      [6, "2024-03-02 11:48", "Priya Shah", "text", "😂 brilliant"],
      [7, "2024-03-05 18:02", "Priya Shah", "media", "", [{ type: "video", name: "VID-20240305-WA0001.mp4" }]],
      [8, "2024-03-05 18:03", "Priya Shah", "text", "The dog met the lamp"],
      [9, "2024-03-09 12:15", "Olivia Hart", "media", "", [{ type: "voice", name: "PTT-20240309-WA0002.opus" }]],
      [10, "2024-03-11 20:30", "Priya Shah", "media", "", [other]],
      [11, "2024-03-11 20:31", "Olivia Hart", "text", "Night x"],
    ],
  },
  {
    file: "ios-en-us-24h-attached.txt",
    why: "the iOS attached names, though the 24-hour clock would have said day first",
    decision: { order: "mdy", by: "media-names" },
    warnings: [],
    rows: [
      [1, "2024-03-02 08:05:11", null, "system", "Messages and calls are end-to-end encrypted. No one outside of this chat, not even WhatsApp, can read or listen to them."],
      [2, "2024-03-02 08:05:11", "Dana Ortiz", "text", "Landed! Cab to the hotel now"],
      [3, "2024-03-02 19:15:02", "Dana Ortiz", "media", "", [{ type: "photo", name: "00000004-PHOTO-2024-03-02-19-15-02.jpg" }]],
      [4, "2024-03-02 19:16:40", "Sam Reyes", "text", "Wow, that view"],
      [5, "2024-03-04 13:02:57", "Sam Reyes", "media", "", [{ type: "video", name: "00000007-VIDEO-2024-03-04-13-02-57.mp4" }]],
      [6, "2024-03-06 21:40:03", "Dana Ortiz", "media", "", [{ type: "voice", name: "00000009-AUDIO-2024-03-06-21-40-03.opus" }]],
      [7, "2024-03-09 10:12:30", "Sam Reyes", "media", "", [{ type: "file", name: "00000011-Lease.pdf" }]],
      [8, "2024-03-09 10:13:05", "Dana Ortiz", "text", "Signed, thanks!"],
    ],
  },
  {
    file: "android-en-gb-12h-month-boundary.txt",
    why: "time running forwards: month first, 12/01 → 01/02 would go back eleven months",
    decision: { order: "dmy", by: "sequence" },
    warnings: [],
    rows: [
      [1, "2024-01-12 19:02", "Tom Wright", "text", "Five-a-side on Thursday?"],
      [2, "2024-01-12 19:10", "Sam Okafor", "text", "In"],
      [3, "2024-02-01 08:45", "Tom Wright", "media", "", [other]],
      [4, "2024-02-01 08:46", "Tom Wright", "text", "New kit arrived"],
      [5, "2024-02-05 22:30", "Sam Okafor", "text", "Same time next week?"],
    ],
  },
  {
    file: "android-en-us-24h-late-lines.txt",
    why: "time running forwards, past a message a minute and one a day out of order",
    decision: { order: "mdy", by: "sequence" },
    warnings: [],
    rows: [
      [1, "2024-01-10 19:05", "Lena Fischer", "text", "Book club moved to Friday"],
      [2, "2024-01-10 19:07", "Marco Rossi", "text", "👍"],
      [3, "2024-01-10 19:06", "Aisha Khan", "text", "Works for me"],
      [4, "2024-01-12 20:30", "Lena Fischer", "text", "Chapter 3 by then?"],
      [5, "2024-01-11 23:50", "Marco Rossi", "text", "Sorry, only got this now"],
      [6, "2024-02-02 18:00", "Aisha Khan", "text", "Next pick: Piranesi"],
      [7, "2024-02-09 21:15", "Lena Fischer", "text", "Loved it"],
      [8, "2024-03-01 09:30", "Marco Rossi", "text", "Same again in April?"],
    ],
  },
  {
    file: "android-en-gb-12h-forwarded-name.txt",
    why: "the majority of names, over a forwarded photo whose April name agrees with month first",
    decision: { order: "dmy", by: "media-names" },
    warnings: [],
    rows: [
      [1, "2024-12-02 18:40", "Grace Lin", "media", "Tree is up!", [{ type: "photo", name: "IMG-20241202-WA0003.jpg" }]],
      [3, "2024-12-02 18:41", "Ben Carter", "text", "Gorgeous"],
      [4, "2024-12-04 08:05", "Ben Carter", "media", "Remember the tulips?", [{ type: "photo", name: "IMG-20240412-WA0011.jpg" }]],
      [6, "2024-12-04 08:06", "Grace Lin", "text", "Ha, of course"],
      [7, "2024-12-07 14:15", "Grace Lin", "media", "", [{ type: "video", name: "VID-20241207-WA0001.mp4" }]],
      [8, "2024-12-09 21:30", "Ben Carter", "media", "", [{ type: "photo", name: "IMG-20241209-WA0006.jpg" }]],
      [9, "2024-12-09 21:31", "Ben Carter", "text", "Lights on the square"],
    ],
  },
  {
    file: "android-en-us-12h-undecided.txt",
    why: "nothing in the file: the 12-hour clock's habit, month first, with a warning",
    decision: { order: "mdy", by: "locale" },
    warnings: [{ code: "date-order-assumed", file: "inline.txt", text: "month/day" }],
    rows: [
      // 3/3 is the 3rd of March either way: its file name agrees with both readings.
      [1, "2024-03-03 09:41", "Ava Brooks", "media", "Pancakes!", [{ type: "photo", name: "IMG-20240303-WA0001.jpg" }]],
      [3, "2024-03-03 09:42", "Noah Kim", "text", "Save me one"],
      [4, "2024-03-05 18:15", "Ava Brooks", "text", "Running late"],
      [5, "2024-03-09 23:58", "Noah Kim", "text", "Night"],
    ],
  },
];

/** Wall time of a raw message as "YYYY-MM-DD HH:MM:SS". */
function wall(time: number): string {
  return new Date(time).toISOString().slice(0, 19).replace("T", " ");
}

/** The row of a raw message, seconds left out where they are zero as the tables write them. */
function rowOf(m: RawMessage): Row {
  const time = wall(m.time);
  const row: Row = [m.line, time.endsWith(":00") ? time.slice(0, 16) : time, m.sender, m.kind, m.text];
  if (m.attachments) row.push(m.attachments);
  return row;
}

/** Lines of a fixture that start a message: the count the parser must give back. */
function stampedLines(text: string): number {
  return text.split(/\r?\n/).filter((l) => /^\u200E?\[?\d{1,4}[/.-]/.test(l) && /(?: - |\] )/.test(l)).length;
}

describe.each(cases)("WhatsApp date order of $file", (c) => {
  it(`is decided by ${c.why}`, async () => {
    const text = readFileSync(join(dir, c.file), "utf8");
    const { conversations, warnings, decision } = await runSource(whatsapp, text);
    expect(decision).toEqual(c.decision);
    expect(conversations).toHaveLength(1);
    const messages = conversations[0]!.messages;
    expect(messages.map(rowOf)).toEqual(c.rows);
    // Count in = count out: one message per stamped line of the file.
    expect(messages).toHaveLength(stampedLines(text));
    expect(warnings).toEqual(c.warnings);
  });
});

async function read(lines: string[]) {
  const { conversations, warnings, decision } = await runSource(whatsapp, `${lines.join("\n")}\n`);
  return { times: conversations[0]!.messages.map((m) => wall(m.time)), warnings, decision };
}

const assumed = (text: string): Warning[] => [{ code: "date-order-assumed", file: "inline.txt", text }];

describe("WhatsApp date order from media names", () => {
  it("reads the older iOS name that starts with its date", async () => {
    const { times, warnings, decision } = await read([
      `[4/8/15, 10:00:00${N}AM] Ann: 2015-08-04-PHOTO-00004762.jpg <${L}attached>`,
      `[4/8/15, 10:01:00${N}AM] Bo: Nice`,
    ]);
    expect(decision).toEqual({ order: "dmy", by: "media-names" });
    expect(times).toEqual(["2015-08-04 10:00:00", "2015-08-04 10:01:00"]);
    expect(warnings).toEqual([]);
  });

  it("takes a name dated the day after its stamp (saved past midnight), not two days after", async () => {
    const dayAfter = await read([`02/03/2024, 11:58${N}pm - A: IMG-20240303-WA0001.jpg (file attached)`, `02/03/2024, 11:59${N}pm - B: ok`]);
    expect(dayAfter.decision).toEqual({ order: "dmy", by: "media-names" });
    expect(dayAfter.times).toEqual(["2024-03-02 23:58:00", "2024-03-02 23:59:00"]);
    const twoDays = await read([`02/03/2024, 11:58${N}pm - A: IMG-20240304-WA0001.jpg (file attached)`, `02/03/2024, 11:59${N}pm - B: ok`]);
    expect(twoDays.decision).toEqual({ order: "mdy", by: "locale" });
    expect(twoDays.times).toEqual(["2024-02-03 23:58:00", "2024-02-03 23:59:00"]);
    expect(twoDays.warnings).toEqual(assumed("month/day"));
  });

  it("does not decide on names that disagree evenly: the next evidence does, or the user is told", async () => {
    const { times, warnings, decision } = await read([
      `02/12/2024, 6:40${N}pm - A: IMG-20241202-WA0001.jpg (file attached)`,
      `04/12/2024, 8:05${N}am - B: IMG-20240412-WA0002.jpg (file attached)`,
    ]);
    expect(decision).toEqual({ order: "mdy", by: "locale" });
    expect(times).toEqual(["2024-02-12 18:40:00", "2024-04-12 08:05:00"]);
    expect(warnings).toEqual(assumed("month/day"));
  });

  it("lets a date only one order can read overrule the names", async () => {
    const { times, warnings, decision } = await read([
      `04/12/2024, 8:05${N}am - B: IMG-20240412-WA0002.jpg (file attached)`,
      `13/12/2024, 9:00${N}am - A: x`,
    ]);
    expect(decision).toEqual({ order: "dmy", by: "dates" });
    expect(times).toEqual(["2024-12-04 08:05:00", "2024-12-13 09:00:00"]);
    expect(warnings).toEqual([]);
  });

  it("leaves 24/8/21 year-first files to the names too", async () => {
    const { times, decision } = await read(["24/8/7 PM 1:28 - A: IMG-20240807-WA0001.jpg (file attached)", "24/8/9 AM 9:30 - B: y"]);
    expect(decision).toEqual({ order: "ymd", by: "media-names" });
    expect(times).toEqual(["2024-08-07 13:28:00", "2024-08-09 09:30:00"]);
  });
});

describe("WhatsApp date order from the stamps the parse reads", () => {
  it("takes no date from a line of text that only looks like a stamp", async () => {
    // Read as a stamp, 13/02 would rule out month first; the parse keeps the line as text, and so does the scan.
    const { conversations, warnings, decision } = await runSource(whatsapp, "1/2/24, 10:00 - A: The alarm said\n13/02/2024 09:15:00 was the time\n1/2/24, 10:05 - B: ok\n");
    expect(decision).toEqual({ order: "dmy", by: "locale" });
    expect(conversations[0]!.messages.map((m) => [wall(m.time), m.text])).toEqual([
      ["2024-02-01 10:00:00", "The alarm said\n13/02/2024 09:15:00 was the time"],
      ["2024-02-01 10:05:00", "ok"],
    ]);
    expect(warnings).toEqual([
      ...assumed("day/month"),
      { code: "unread-line", file: "inline.txt", line: 2, text: "13/02/2024 09:15:00 was the time" },
    ]);
  });
});

describe("WhatsApp date order from time running forwards", () => {
  it("outweighs one real jump back (a phone with a wrong clock) with the wrong order's many", async () => {
    // Day first: Jan 10, Feb 2, Feb 9, Mar 1, Mar 8, Apr 2, then Mar 11 from a wrong clock, Apr 3: one jump back.
    // Month first: Oct 1, Feb 2, Sep 2, Jan 3, Aug 3, Feb 4, Nov 3, Mar 4: four.
    const dates = ["10/01", "02/02", "09/02", "01/03", "08/03", "02/04", "11/03", "03/04"];
    const { times, warnings, decision } = await read(dates.map((d, i) => `${d}/2024, 9:0${i}${N}am - A: m${i}`));
    expect(decision).toEqual({ order: "dmy", by: "sequence" });
    expect(times).toEqual(dates.map((d, i) => `2024-${d.slice(3)}-${d.slice(0, 2)} 09:0${i}:00`));
    expect(warnings).toEqual([]);
  });

  it("does not decide on one jump against two", async () => {
    // Day first: Jan 10, Feb 2, Jan 12 (back), Feb 3. Month first: Oct 1, Feb 2 (back), Dec 1, Mar 2 (back).
    const { times, warnings, decision } = await read(["10/01/2024, 9:00 - A: a", "02/02/2024, 9:00 - A: b", "12/01/2024, 9:00 - A: c", "03/02/2024, 9:00 - A: d"]);
    expect(decision).toEqual({ order: "dmy", by: "locale" });
    expect(times).toEqual(["2024-01-10 09:00:00", "2024-02-02 09:00:00", "2024-01-12 09:00:00", "2024-02-03 09:00:00"]);
    expect(warnings).toEqual(assumed("day/month"));
  });
});

/** Batches of lines as the input gives them; `reads` counts the batches taken. */
function batches(groups: string[][], log: { reads: number }): AsyncIterable<LineBatch> {
  return (async function* () {
    let first = 1;
    for (const lines of groups) {
      log.reads++;
      yield { first, lines };
      first += lines.length;
    }
  })();
}

describe("WhatsApp date order scan", () => {
  const names = [
    `02/03/2024, 9:00${N}am - A: IMG-20240302-WA0001.jpg (file attached)`,
    `05/03/2024, 9:00${N}am - A: VID-20240305-WA0001.mp4 (file attached)`,
    `09/03/2024, 9:00${N}am - A: PTT-20240309-WA0001.opus (file attached)`,
  ];
  const plain = [`10/03/2024, 9:00${N}am - A: x`, `11/03/2024, 9:00${N}am - A: y`];

  it("stops once three names agree", async () => {
    const log = { reads: 0 };
    expect(await scanOrder(batches([names, plain, plain], log))).toEqual({ order: "dmy", by: "media-names" });
    expect(log.reads).toBe(1);
  });

  it("stops once a date settles it", async () => {
    const log = { reads: 0 };
    expect(await scanOrder(batches([plain, [`13/03/2024, 9:00${N}am - A: z`], plain], log))).toEqual({ order: "dmy", by: "dates" });
    expect(log.reads).toBe(2);
  });

  it("reads an undecided file to its end", async () => {
    const log = { reads: 0 };
    expect(await scanOrder(batches([names.slice(0, 2), plain, plain], log))).toEqual({ order: "dmy", by: "media-names" });
    expect(log.reads).toBe(3);
  });
});

describe("nameDay", () => {
  const at = (line: string) => {
    const day = nameDay(line, line.indexOf(" - ") + 3);
    return day === day ? new Date(day * 86_400_000).toISOString().slice(0, 10) : null;
  };

  it.each([
    ["Android photo", "1/2/24, 9:00 - A: IMG-20240302-WA0004.jpg (file attached)", "2024-03-02"],
    ["Android voice", "1/2/24, 9:00 - A: PTT-20231231-WA0000.opus (file attached)", "2023-12-31"],
    ["Android audio", "1/2/24, 9:00 - A: AUD-20240229-WA0012.mp3 (file attached)", "2024-02-29"],
    ["Android sticker", "1/2/24, 9:00 - A: STK-20240101-WA0003.webp (file attached)", "2024-01-01"],
    ["Android document", "1/2/24, 9:00 - A: DOC-20240115-WA0001.pdf (file attached)", "2024-01-15"],
    ["Android, German", "1.2.24, 9:00 - A: IMG-20240302-WA0004.jpg (Datei angehängt)", "2024-03-02"],
    ["iOS", `[1/2/24, 9:00:00] - A: ${L}<attached: 00000010-PHOTO-2020-11-02-21-49-51.jpg>`, "2020-11-02"],
    ["iOS, German", `[1.2.24, 9:00:00] - A: ${L}<Anhang: 00000021-STICKER-2024-01-01-00-01-15.webp>`, "2024-01-01"],
    ["older iOS", `[1/2/24, 9:00:00] - A: 2015-08-04-PHOTO-00004762.jpg <${L}attached>`, "2015-08-04"],
    ["older iOS after a mark", `[1/2/24, 9:00:00] - A: ${L}2015-08-04-VIDEO-00004763.mp4 <${L}attached>`, "2015-08-04"],
    ["no date in the name", "1/2/24, 9:00 - A: report.pdf (file attached)", null],
    ["media left out", "1/2/24, 9:00 - A: <Media omitted>", null],
    ["a caption after the name", "1/2/24, 9:00 - A: IMG-20240302-WA0004.jpg (file attached) nice", null],
    ["a date in words", "1/2/24, 9:00 - A: see you (2024-03-02)", null],
    ["no such date", "1/2/24, 9:00 - A: IMG-20240230-WA0004.jpg (file attached)", null],
    ["lower case", "1/2/24, 9:00 - A: img-20240302-wa0004.jpg (file attached)", null],
    ["an iOS name without its time", `[1/2/24, 9:00:00] - A: <attached: 00000010-PHOTO-2020-11-02.jpg>`, null],
  ])("%s", (_name, line, day) => {
    expect(at(line)).toBe(day);
  });
});
