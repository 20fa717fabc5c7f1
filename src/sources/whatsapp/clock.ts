import { HOUR, MINUTE } from "../../calendar.js";
import { hour24, wallTime } from "../../normalize/time.js";
import { dateParts, fullYear, type DateOrder } from "./order.js";
import type { Stamp } from "./stamp.js";

/** Stamps to wall times under the file's date order; consecutive lines of one day share the date's work. */
export class StampClock {
  private lastA = -1;
  private lastB = -1;
  private lastC = -1;
  private day: number | null = null;

  constructor(private readonly order: DateOrder) {}

  /** Wall time of the stamp, or null when it names no real date or time. */
  wall(s: Stamp): number | null {
    if (s.a !== this.lastA || s.b !== this.lastB || s.c !== this.lastC) {
      this.lastA = s.a;
      this.lastB = s.b;
      this.lastC = s.c;
      const [d, m, y] = dateParts(s, this.order);
      this.day = wallTime(fullYear(y), m, d, 0, 0);
    }
    if (this.day === null) return null;
    const hour = s.hour === 0 && s.meridiem !== null ? zeroHour(s.meridiem) : hour24(s.hour, s.meridiem);
    if (hour === null || s.minute > 59 || s.second > 59) return null;
    return this.day + hour * HOUR + s.minute * MINUTE + s.second * 1000;
  }
}

/** Some 12-hour clocks count from 0 ("00:08 a. m.", "0:15 午後"): 0 AM is midnight, 0 PM noon. */
function zeroHour(meridiem: "am" | "pm"): number {
  return meridiem === "pm" ? 12 : 0;
}
