import { describe, expect, it } from "vitest";
import { SCHEMA_VERSION, type ConversationHeader, type Summary } from "../../../../src/schema/index.js";
import { rewriteCatalog } from "../../../../src/targets/archive/viewer-check.js";
import { catalogScript, ViewerConversation } from "../../../../src/targets/archive/viewer-data.js";

const header: ConversationHeader = {
  schema: SCHEMA_VERSION,
  id: "0123456789ab",
  title: "Family",
  source: { platform: "whatsapp", variant: "whatsapp.android", files: ["chat.txt"], encoding: "utf-8", exportedAt: null },
  timezone: "Asia/Seoul",
};
const base: Summary = { messages: 0, warnings: [], participants: [], first: null, last: null, media: {} };
const meta = { chatferry: "test", created: "2024-01-02T00:00:00Z" };

describe("the viewer's catalog: the timeline", () => {
  it("carries the messages per month and the stretches the findings say may be missing", () => {
    const summary: Summary = {
      ...base,
      activity: {
        people: ["Ann"],
        months: [
          { period: "2019-03", messages: 40, by: [40] },
          { period: "2021-06", messages: 12, by: [12] },
        ],
        hours: new Array<number>(24).fill(0),
      },
      findings: [
        { code: "late-start", notice: "Ann created group", at: "2018-01-02T10:00:00+09:00", first: "2019-03-01T09:00:00+09:00", days: 423 },
        { code: "silence", from: "2019-03-31", to: "2021-06-19", days: 811, usual: 1 },
        { code: "media-missing", files: 3 },
      ],
    };
    const { catalog } = new ViewerConversation(header).finish(summary, []);
    expect(catalog.months).toEqual([
      ["2019-03", 40],
      ["2021-06", 12],
    ]);
    expect(catalog.gaps).toEqual([
      ["2018-01-02", "2019-03-01"],
      ["2019-03-31", "2021-06-19"],
    ]);
    expect(rewriteCatalog(catalogScript([catalog], meta))).toBe(catalogScript([catalog], meta));
  });

  it("reads an older archive's catalog, which has no timeline, and refuses a month that is not one", () => {
    const { catalog } = new ViewerConversation(header).finish(base, []);
    expect([catalog.months, catalog.gaps]).toEqual([undefined, undefined]);
    expect(rewriteCatalog(catalogScript([catalog], meta))).toBe(catalogScript([catalog], meta));
    expect(rewriteCatalog(catalogScript([{ ...catalog, months: [["<img>", 1]] }], meta))).toBeNull();
  });
});
