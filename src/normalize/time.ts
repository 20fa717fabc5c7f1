import { ChatFerryError } from "../errors.js";
import { DAY, HOUR, MINUTE } from "../calendar.js";

/**
 * Exports carry wall-clock times with no zone. A "wall" value is such a time
 * encoded as if it were UTC (Date.UTC of its fields), so that sources can pass
 * one number and never touch time zones.
 */
export function wallTime(y: number, mo: number, d: number, h: number, mi: number, s = 0): number | null {
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || h > 23 || mi > 59 || s > 59) return null;
  return Date.UTC(y, mo - 1, d, h, mi, s);
}

export function daysInMonth(y: number, mo: number): number {
  if (mo === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return mo === 4 || mo === 6 || mo === 9 || mo === 11 ? 30 : 31;
}

/** 12-hour clock to 24-hour: AM 12 is midnight, PM 12 is noon. Null for an hour no clock shows. */
export function hour24(h: number, meridiem: "am" | "pm" | null): number | null {
  if (meridiem === null) return h <= 23 ? h : null;
  if (h < 1 || h > 12) return null;
  if (meridiem === "am") return h === 12 ? 0 : h;
  return h === 12 ? 12 : h + 12;
}

/** The wall time an ISO 8601 time shows ("2024-01-15T21:04:00+09:00": 21:04 on 15 January), as a wall value. */
export function wallOfIso(iso: string): number {
  return Date.parse(`${iso.slice(0, 19)}Z`);
}

export function systemTimezone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
}

const pad = (n: number) => String(n).padStart(2, "0");
const HH_MM = Array.from({ length: 1440 }, (_, m) => `${pad(Math.floor(m / 60))}:${pad(m % 60)}:`);
const SS = Array.from({ length: 60 }, (_, s) => pad(s));

/** How one wall-clock hour maps to instants: subtract `shift`, then show with `display`. */
interface Rule {
  shift: number; // ms to subtract from wall time to get the instant
  display: number; // offset in force at that instant, ms
  suffix: string; // "+09:00"
}

/**
 * Turns wall times into ISO 8601 instants in one IANA zone, DST-correct.
 * Intl is asked about twice per wall-clock day (then per hour, then per
 * minute, only in the rare day that holds a transition), never per message.
 */
export class ZoneClock {
  readonly zone: string;
  private readonly format: Intl.DateTimeFormat;
  // null: the day (hour) holds a transition; look closer.
  private readonly days = new Map<number, Rule | null>();
  private readonly hours = new Map<number, Rule | null>();
  private readonly minutes = new Map<number, Rule>();
  /** The offset for each day of instants (UTC days), or null for a day in which it changes. */
  private readonly instantDays = new Map<number, number | null>();
  private readonly suffixes = new Map<number, string>();
  private lastWall = Number.NaN;
  private lastIso = "";
  private lastInstant = 0;
  private lastLocal = 0;
  private formatDay = Number.NaN;
  private formatPrefix = "";

  constructor(zone: string) {
    try {
      this.format = new Intl.DateTimeFormat("en-US", {
        timeZone: zone,
        hourCycle: "h23",
        year: "numeric",
        month: "numeric",
        day: "numeric",
        hour: "numeric",
        minute: "numeric",
        second: "numeric",
      });
    } catch {
      throw new ChatFerryError("E_TIMEZONE", { zone });
    }
    this.zone = this.format.resolvedOptions().timeZone;
  }

  /** ISO 8601 with the offset in force at that instant. */
  iso(wall: number): string {
    if (wall !== this.lastWall) this.resolve(wall);
    return this.lastIso;
  }

  /** Epoch milliseconds of a wall time. */
  instant(wall: number): number {
    if (wall !== this.lastWall) this.resolve(wall);
    return this.lastInstant;
  }

  /**
   * The wall-clock time `iso(wall)` shows, as a wall value: `wall` itself, except in an hour
   * a spring-forward skipped, which the clocks moved forward.
   */
  local(wall: number): number {
    if (wall !== this.lastWall) this.resolve(wall);
    return this.lastLocal;
  }

  /**
   * ISO 8601 of an instant (epoch ms), with the zone's offset at that instant; `local`, its
   * localOfInstant where the caller has it already, spares asking for the offset again.
   */
  isoOfInstant(instant: number, local = this.localOfInstant(instant)): string {
    return this.localIso(local) + this.suffix(local - instant);
  }

  /** The wall-clock time `isoOfInstant(instant)` shows, as a wall value. */
  localOfInstant(instant: number): number {
    return instant + this.offsetOfInstant(instant);
  }

  /** Intl is asked twice per day of instants, and per instant only on the day the offset changes. */
  private offsetOfInstant(instant: number): number {
    const day = Math.floor(instant / DAY);
    let offset = this.instantDays.get(day);
    if (offset === undefined) {
      const start = this.offsetAt(day * DAY);
      offset = start === this.offsetAt(day * DAY + DAY - 1000) ? start : null;
      this.instantDays.set(day, offset);
    }
    return offset ?? this.offsetAt(instant);
  }

  private resolve(wall: number): void {
    const rule = this.ruleFor(wall);
    const instant = wall - rule.shift;
    this.lastWall = wall;
    this.lastInstant = instant;
    this.lastLocal = instant + rule.display;
    this.lastIso = this.localIso(this.lastLocal) + rule.suffix;
  }

  /** "YYYY-MM-DDTHH:MM:SS" of a local time; the date part is reused while the day lasts. */
  private localIso(local: number): string {
    const day = Math.floor(local / DAY);
    if (day !== this.formatDay) {
      this.formatDay = day;
      this.formatPrefix = new Date(day * DAY).toISOString().slice(0, 11);
    }
    const second = Math.floor((local - day * DAY) / 1000);
    return this.formatPrefix + HH_MM[Math.floor(second / 60)] + SS[second % 60];
  }

  private ruleFor(wall: number): Rule {
    const rule = this.spanRule(this.days, wall, DAY) ?? this.spanRule(this.hours, wall, HOUR);
    if (rule) return rule;
    const minute = Math.floor(wall / MINUTE);
    let exact = this.minutes.get(minute);
    if (!exact) {
      exact = this.computeRule(minute * MINUTE);
      this.minutes.set(minute, exact);
    }
    return exact;
  }

  /** The rule for the whole span (day or hour) holding `wall`, or null when it changes inside. */
  private spanRule(cache: Map<number, Rule | null>, wall: number, span: number): Rule | null {
    const key = Math.floor(wall / span);
    let rule = cache.get(key);
    if (rule === undefined) {
      const start = this.computeRule(key * span);
      const end = this.computeRule(key * span + span - MINUTE);
      rule = start.shift === end.shift && start.display === end.display ? start : null;
      cache.set(key, rule);
    }
    return rule;
  }

  /**
   * The offsets around a wall time are the candidates; one that maps back to
   * the same wall time is valid. Two valid (a repeated hour): take the earlier
   * instant. None valid (a skipped hour): keep the offset from before the gap,
   * which moves the time forward by the gap, as clocks do.
   */
  private computeRule(wall: number): Rule {
    // Offsets by day of instants: neighbouring wall days ask about the same few days, so Intl
    // is asked about twice per day read, not ten times.
    const before = this.offsetOfInstant(wall - 2 * DAY);
    const after = this.offsetOfInstant(wall + 2 * DAY);
    const valid = [before, after].filter((o) => this.offsetOfInstant(wall - o) === o);
    const shift = valid.length > 0 ? Math.max(...valid) : before;
    const display = this.offsetOfInstant(wall - shift);
    return { shift, display, suffix: this.suffix(display) };
  }

  private offsetAt(instant: number): number {
    let y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
    for (const part of this.format.formatToParts(instant)) {
      const v = Number(part.value);
      switch (part.type) {
        case "year": y = v; break;
        case "month": mo = v; break;
        case "day": d = v; break;
        case "hour": h = v; break;
        case "minute": mi = v; break;
        case "second": s = v; break;
      }
    }
    const local = Date.UTC(y, mo - 1, d, h, mi, s);
    const whole = instant - (instant % 1000);
    return Math.round((local - whole) / MINUTE) * MINUTE;
  }

  private suffix(offset: number): string {
    let text = this.suffixes.get(offset);
    if (text === undefined) {
      const minutes = Math.abs(offset) / MINUTE;
      const hh = String(Math.floor(minutes / 60)).padStart(2, "0");
      const mm = String(minutes % 60).padStart(2, "0");
      text = `${offset < 0 ? "-" : "+"}${hh}:${mm}`;
      this.suffixes.set(offset, text);
    }
    return text;
  }
}
