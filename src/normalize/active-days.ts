/**
 * Which calendar days of the chat's clock have messages: one bit a day between the first and
 * the last, so the gaps between them come out in time order whatever order the messages came
 * in. Ten years take about a kilobyte; dates spread past MAX_SPAN days are not tracked, so it never
 * takes more than about 1.4 MiB.
 */

/** Days from year 0 to 9999, all an ISO time can name; dates spread wider than that mean nothing to count gaps in. */
const MAX_SPAN = 3_652_425;

export class ActiveDays {
  private bits = new Uint8Array(0);
  /** The day of bit 0. */
  private origin = 0;
  private first = Infinity;
  private last = -Infinity;
  /** Set when the days spread past MAX_SPAN: no gaps are told then. */
  private tooWide = false;

  add(day: number): void {
    if (day < this.first) this.first = day;
    if (day > this.last) this.last = day;
    if (this.tooWide) return;
    let at = day - this.origin;
    if (at < 0 || at >= this.bits.length * 8) {
      if (this.last - this.first >= MAX_SPAN) {
        this.tooWide = true;
        this.bits = new Uint8Array(0);
        return;
      }
      this.grow();
      at = day - this.origin;
    }
    this.bits[at >> 3]! |= 1 << (at & 7);
  }

  /** Days from the first day with messages to the last (0: one day, or none). */
  get span(): number {
    return this.last > this.first ? this.last - this.first : 0;
  }

  /** Each pair of consecutive days with messages, [day, next day], in time order. */
  *gaps(): Generator<[number, number]> {
    let previous: number | null = null;
    for (let byte = 0; byte < this.bits.length; byte++) {
      const bits = this.bits[byte]!;
      if (bits === 0) continue;
      for (let bit = 0; bit < 8; bit++) {
        if ((bits & (1 << bit)) === 0) continue;
        const day = this.origin + byte * 8 + bit;
        if (previous !== null) yield [previous, day];
        previous = day;
      }
    }
  }

  /**
   * Room for [first, last] and as much again on the side it grew, so a chat read forwards
   * reallocates about log2(days) times; byte-aligned, so the bits so far move as whole bytes.
   */
  private grow(): void {
    const spare = this.last - this.first + 1;
    const empty = this.bits.length === 0;
    const end = this.origin + this.bits.length * 8;
    const from = empty || this.first < this.origin ? this.first - spare : this.origin;
    const to = empty || this.last >= end ? this.last + spare : end;
    const origin = Math.floor(from / 8) * 8;
    const bits = new Uint8Array(Math.ceil((to - origin) / 8));
    if (!empty) bits.set(this.bits, (this.origin - origin) / 8);
    this.bits = bits;
    this.origin = origin;
  }
}
