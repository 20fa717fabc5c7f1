import { describe, expect, it } from "vitest";
import { ChatFerryError } from "../../../src/errors.js";
import { hour24, wallTime, ZoneClock } from "../../../src/normalize/time.js";

const wall = (y: number, mo: number, d: number, h: number, mi: number, s = 0) => wallTime(y, mo, d, h, mi, s)!;

describe("ZoneClock", () => {
  it("applies Seoul's fixed offset", () => {
    const clock = new ZoneClock("Asia/Seoul");
    expect(clock.iso(wall(2024, 1, 15, 15, 4))).toBe("2024-01-15T15:04:00+09:00");
    expect(clock.instant(wall(2024, 1, 15, 15, 4))).toBe(Date.UTC(2024, 0, 15, 6, 4));
  });

  it("follows New York across the spring-forward change", () => {
    const clock = new ZoneClock("America/New_York");
    expect(clock.iso(wall(2024, 3, 10, 1, 59))).toBe("2024-03-10T01:59:00-05:00");
    // 02:30 does not exist that night: clocks jumped to 03:00, so it is 03:30 EDT.
    expect(clock.iso(wall(2024, 3, 10, 2, 30))).toBe("2024-03-10T03:30:00-04:00");
    expect(clock.iso(wall(2024, 3, 10, 3, 0))).toBe("2024-03-10T03:00:00-04:00");
    expect(clock.iso(wall(2024, 7, 4, 12, 0))).toBe("2024-07-04T12:00:00-04:00");
  });

  it("takes the first of the repeated hour when clocks fall back", () => {
    const clock = new ZoneClock("America/New_York");
    expect(clock.iso(wall(2024, 11, 3, 0, 59))).toBe("2024-11-03T00:59:00-04:00");
    expect(clock.iso(wall(2024, 11, 3, 1, 30))).toBe("2024-11-03T01:30:00-04:00");
    expect(clock.iso(wall(2024, 11, 3, 2, 0))).toBe("2024-11-03T02:00:00-05:00");
    expect(clock.instant(wall(2024, 11, 3, 2, 0)) - clock.instant(wall(2024, 11, 3, 1, 30))).toBe(90 * 60_000);
  });

  it("handles a zone whose change is half an hour, mid-hour", () => {
    const clock = new ZoneClock("Australia/Lord_Howe");
    // Lord Howe moves from +10:30 to +11:00 at 02:00 local on the first Sunday of October.
    expect(clock.iso(wall(2024, 10, 6, 1, 59))).toBe("2024-10-06T01:59:00+10:30");
    expect(clock.iso(wall(2024, 10, 6, 2, 45))).toBe("2024-10-06T02:45:00+11:00");
  });

  it("writes instants (Telegram's) with the offset in force at each, minute by minute across both changes of a year", () => {
    const clock = new ZoneClock("America/New_York");
    // The changes fall at 07:00 UTC (spring) and 06:00 UTC (autumn); every minute of those UTC days.
    for (const [day, change, before, after] of [
      [Date.UTC(2024, 2, 10), Date.UTC(2024, 2, 10, 7), "-05:00", "-04:00"],
      [Date.UTC(2024, 10, 3), Date.UTC(2024, 10, 3, 6), "-04:00", "-05:00"],
    ] as const) {
      for (let instant = day; instant < day + 86_400_000; instant += 60_000) {
        const iso = clock.isoOfInstant(instant);
        expect(iso.slice(-6), iso).toBe(instant < change ? before : after);
        expect(Date.parse(iso)).toBe(instant);
      }
    }
    expect(clock.isoOfInstant(Date.UTC(2024, 6, 4, 16))).toBe("2024-07-04T12:00:00-04:00");
  });

  it("writes UTC as +00:00", () => {
    expect(new ZoneClock("UTC").iso(wall(2024, 1, 1, 0, 0))).toBe("2024-01-01T00:00:00+00:00");
  });

  it("rejects an unknown zone with E_TIMEZONE", () => {
    expect(() => new ZoneClock("Mars/Olympus")).toThrow(ChatFerryError);
  });
});

describe("wallTime and hour24", () => {
  it("rejects impossible dates and times", () => {
    expect(wallTime(2023, 2, 29, 0, 0)).toBeNull();
    expect(wallTime(2024, 2, 29, 0, 0)).not.toBeNull();
    expect(wallTime(2024, 13, 1, 0, 0)).toBeNull();
    expect(wallTime(2024, 1, 1, 24, 0)).toBeNull();
  });

  it("maps 12 AM to midnight and 12 PM to noon", () => {
    expect(hour24(12, "am")).toBe(0);
    expect(hour24(12, "pm")).toBe(12);
    expect(hour24(1, "pm")).toBe(13);
    expect(hour24(0, "am")).toBeNull();
    expect(hour24(13, "pm")).toBeNull();
    expect(hour24(23, null)).toBe(23);
  });
});
