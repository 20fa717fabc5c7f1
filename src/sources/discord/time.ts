/** ISO 8601 as DiscordChatExporter writes it (any fraction of a second, an offset or Z), or Discord's package's "2024-01-15 10:30:00.123000+00:00". */
const ISO = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(Z|[+-]\d{2}:\d{2})?$/;

/**
 * Epoch milliseconds of a time, or null. A time without an offset is UTC: Discord's data
 * package writes its times so ("2024-01-15 10:30:00", the servers' clock), and DCE never
 * leaves the offset out.
 */
export function instantOf(value: unknown): number | null {
  if (typeof value !== "string") return null;
  const m = ISO.exec(value);
  if (!m) return null;
  const iso = `${value.slice(0, 10)}T${value.slice(11)}${m[1] === undefined ? "Z" : ""}`;
  const ms = Date.parse(iso);
  return Number.isFinite(ms) ? ms : null;
}
