import { record } from "../telegram-desktop/types.js";
import { repairText } from "./mojibake.js";

/**
 * Reading the strings of one Meta JSON value: the download's (`sender_name`, `timestamp_ms`, …)
 * writes UTF-8 bytes as code points and is repaired; the end-to-end encrypted chats' download
 * (`senderName`, `timestamp`, …) writes text right and is read as it is.
 */
export interface Fields {
  /** True for the E2EE download's camelCase shape. */
  e2ee: boolean;
  str(value: unknown): string | undefined;
}

const DOWNLOAD: Fields = { e2ee: false, str: (v) => (typeof v === "string" ? repairText(v) : undefined) };
const E2EE: Fields = { e2ee: true, str: (v) => (typeof v === "string" ? v : undefined) };

/** The shape a message is in, by its keys: the E2EE download's has `senderName` or `timestamp`, never `sender_name`. */
export function fieldsOf(m: Record<string, unknown>): Fields {
  return m.sender_name === undefined && m.timestamp_ms === undefined && (m.senderName !== undefined || m.timestamp !== undefined) ? E2EE : DOWNLOAD;
}

/** A message's instant, epoch milliseconds, or null where it has none. */
export function instantOf(m: Record<string, unknown>): number | null {
  const value = m.timestamp_ms ?? m.timestamp;
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}

export function list(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value) ? value.map(record).filter((r) => r !== undefined) : [];
}

export { record };
