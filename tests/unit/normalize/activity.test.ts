import { describe, expect, it } from "vitest";
import { SummaryCounter, Warnings } from "../../../src/normalize/summary.js";
import { ZoneClock } from "../../../src/normalize/time.js";

/** A counter fed wall-clock times of a +09:00 chat ("2024-01-15T21:04"), as the normalizer feeds it. */
function chat() {
  const counter = new SummaryCounter(new Warnings());
  return {
    counter,
    say(sender: string | null, wall: string, kind = sender === null ? "system" : "text") {
      const local = Date.parse(`${wall}:00Z`);
      counter.add({ sender, kind, text: "hi" }, local - 9 * 3_600_000, `${wall}:00+09:00`, local);
    },
  };
}

describe("activity: messages per month, week and hour", () => {
  it("counts each month by the busiest five writers, the rest and the notices together, months without messages left out", () => {
    const { counter, say } = chat();
    const writers = { A: 6, B: 5, C: 4, D: 3, E: 2, F: 1, G: 1 };
    for (const [name, n] of Object.entries(writers)) for (let i = 0; i < n; i++) say(name, `2024-01-${String(10 + i).padStart(2, "0")}T10:00`);
    say(null, "2024-01-20T10:00");
    say("A", "2024-04-02T23:59");
    say("F", "2024-04-03T00:00");
    const { activity } = counter.summary();
    expect(activity.people).toEqual(["A", "B", "C", "D", "E"]);
    expect(activity.months).toEqual([
      { period: "2024-01", messages: 23, by: [6, 5, 4, 3, 2] },
      { period: "2024-04", messages: 2, by: [1, 0, 0, 0, 0] },
    ]);
  });

  it("goes on counting a month that time comes back to", () => {
    const { counter, say } = chat();
    say("A", "2024-03-01T09:00");
    say("B", "2024-05-01T09:00");
    say("A", "2024-03-31T09:00");
    say("B", "2024-03-31T09:00");
    expect(counter.summary().activity.months).toEqual([
      { period: "2024-03", messages: 3, by: [2, 1] },
      { period: "2024-05", messages: 1, by: [0, 1] },
    ]);
  });

  it("keeps ten writers a month by name: one of the five busiest who was not among a month's ten is counted with the rest there", () => {
    const { counter, say } = chat();
    // "top" writes most in all, but in March eleven others each write more than it.
    for (let i = 0; i < 30; i++) say("top", "2024-01-05T10:00");
    for (let w = 0; w < 11; w++) for (let i = 0; i < 3; i++) say(`w${w}`, "2024-03-05T10:00");
    say("top", "2024-03-06T10:00");
    const { activity } = counter.summary();
    expect(activity.people[0]).toBe("top");
    const march = activity.months.find((m) => m.period === "2024-03")!;
    expect(march.messages).toBe(34);
    expect(march.by[0]).toBe(0);
  });

  it("counts a short chat per week, from Monday, and a long one only per month", () => {
    const short = chat();
    short.say("A", "2023-12-31T21:00"); // a Sunday
    short.say("B", "2024-01-01T06:00"); // the Monday after
    short.say("A", "2024-01-07T23:00");
    short.say("A", "2024-01-22T08:00");
    expect(short.counter.summary().activity.weeks).toEqual([
      { period: "2023-12-25", messages: 1, by: [1, 0] },
      { period: "2024-01-01", messages: 2, by: [1, 1] },
      { period: "2024-01-22", messages: 1, by: [1, 0] },
    ]);
    const long = chat();
    long.say("A", "2024-01-01T06:00");
    long.say("A", "2024-07-03T06:00"); // 184 days later
    expect(long.counter.summary().activity.weeks).toBeUndefined();
  });

  it("counts the hours of the day by the hour each message's time shows", () => {
    const { counter, say } = chat();
    say("A", "2024-01-01T00:00");
    say("A", "2024-01-01T23:59");
    say("A", "2024-01-02T23:00");
    say("A", "2024-01-03T09:30");
    const hours = counter.summary().activity.hours;
    expect(hours).toHaveLength(24);
    expect([hours[0], hours[9], hours[23]]).toEqual([1, 1, 2]);
    expect(hours.reduce((a, b) => a + b)).toBe(4);
  });

  it("takes the hour the ISO time shows, also where a spring-forward moved the clocks and from a source that gives instants", () => {
    const clock = new ZoneClock("America/New_York");
    const skipped = Date.UTC(2024, 2, 10, 2, 30); // 02:30 on 10 March 2024 never happened there
    expect(clock.iso(skipped)).toBe("2024-03-10T03:30:00-04:00");
    expect(new Date(clock.local(skipped)).getUTCHours()).toBe(3);
    const instant = Date.UTC(2024, 6, 1, 1, 15); // 21:15 the evening before, in New York's summer
    expect(clock.isoOfInstant(instant)).toBe("2024-06-30T21:15:00-04:00");
    expect(new Date(clock.localOfInstant(instant)).getUTCHours()).toBe(21);
  });

  it("has nothing to count in an empty chat", () => {
    const { counter } = chat();
    expect(counter.summary().activity).toEqual({ people: [], months: [], weeks: [], hours: new Array(24).fill(0) });
  });
});
