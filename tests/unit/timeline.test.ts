import { describe, expect, it } from "vitest";
import type { Activity } from "../../src/schema/index.js";
import { spans, unitFor } from "../../src/timeline.js";

const hours = new Array<number>(24).fill(0);

describe("the activity laid end to end for a chart", () => {
  it("fills the months without messages between the first and the last", () => {
    const activity: Activity = {
      people: ["A"],
      months: [
        { period: "2023-11", messages: 5, by: [3] },
        { period: "2024-02", messages: 2, by: [0] },
      ],
      hours,
    };
    expect(unitFor(activity)).toBe("month");
    expect(spans(activity, "month")).toEqual([
      { start: "2023-11-01", end: "2023-11-30", messages: 5, by: [3] },
      { start: "2023-12-01", end: "2023-12-31", messages: 0, by: [0] },
      { start: "2024-01-01", end: "2024-01-31", messages: 0, by: [0] },
      { start: "2024-02-01", end: "2024-02-29", messages: 2, by: [0] },
    ]);
  });

  it("shows years, from January, once there are more months than a chart has room for", () => {
    const activity: Activity = {
      people: ["A", "B"],
      months: [
        { period: "1970-01", messages: 1, by: [1, 0] },
        { period: "2009-03", messages: 4, by: [1, 2] },
        { period: "2009-11", messages: 6, by: [0, 6] },
      ],
      hours,
    };
    expect(unitFor(activity)).toBe("year");
    const years = spans(activity, "year");
    expect(years).toHaveLength(40);
    expect(years[0]).toEqual({ start: "1970-01-01", end: "1970-12-31", messages: 1, by: [1, 0] });
    expect(years[1]).toEqual({ start: "1971-01-01", end: "1971-12-31", messages: 0, by: [0, 0] });
    expect(years.at(-1)).toEqual({ start: "2009-01-01", end: "2009-12-31", messages: 10, by: [1, 8] });
  });

  it("shows a short chat's weeks, Monday to Sunday, the empty ones too", () => {
    const activity: Activity = {
      people: ["A"],
      months: [{ period: "2024-01", messages: 3, by: [3] }],
      weeks: [
        { period: "2024-01-01", messages: 2, by: [2] },
        { period: "2024-01-15", messages: 1, by: [1] },
      ],
      hours,
    };
    expect(unitFor(activity)).toBe("week");
    expect(spans(activity, "week")).toEqual([
      { start: "2024-01-01", end: "2024-01-07", messages: 2, by: [2] },
      { start: "2024-01-08", end: "2024-01-14", messages: 0, by: [0] },
      { start: "2024-01-15", end: "2024-01-21", messages: 1, by: [1] },
    ]);
  });
});
