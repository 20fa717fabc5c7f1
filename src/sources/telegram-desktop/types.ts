/**
 * The parts of a result.json message ChatFerry reads (tdesktop's
 * export_output_json.cpp writes them). Parsed from untrusted input, so every
 * field is checked before use; unknown keys are ignored.
 */
export interface TelegramMessage {
  id?: unknown;
  type?: unknown;
  date?: unknown;
  date_unixtime?: unknown;
  edited?: unknown;
  edited_unixtime?: unknown;
  from?: unknown;
  from_id?: unknown;
  forwarded_from?: unknown;
  saved_from?: unknown;
  reply_to_message_id?: unknown;
  reply_to_peer_id?: unknown;
  text?: unknown;
  reactions?: unknown;
  // service messages
  actor?: unknown;
  action?: unknown;
  title?: unknown;
  new_title?: unknown;
  members?: unknown;
  inviter?: unknown;
  duration_seconds?: unknown;
  discard_reason?: unknown;
  is_missed?: unknown;
  information_text?: unknown;
  // media
  photo?: unknown;
  photo_file_size?: unknown;
  file?: unknown;
  file_name?: unknown;
  file_size?: unknown;
  media_type?: unknown;
  mime_type?: unknown;
  contact_information?: unknown;
  contact_vcard?: unknown;
  location_information?: unknown;
  place_name?: unknown;
  address?: unknown;
  poll?: unknown;
}

/** Shown where the export names nobody: tdesktop writes `null` for deleted accounts. */
export const DELETED_ACCOUNT = "Deleted Account";

export function str(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

/** tdesktop writes some booleans (a conference call's `is_missed`) as the numbers 1 and 0. */
export function flag(value: unknown): boolean {
  return value === 1 || value === true;
}

export function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}
