import { DELETED_ACCOUNT, flag, str, type TelegramMessage } from "./types.js";

function names(members: unknown): string[] {
  if (!Array.isArray(members)) return [];
  return members.map((m) => (typeof m === "string" ? m : DELETED_ACCOUNT));
}

function list(items: string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

function duration(seconds: number): string {
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${ss}` : `${m}:${ss}`;
}

function call(actor: string, m: TelegramMessage): string {
  const reason = str(m.discard_reason);
  if (reason === "missed") return `Missed call from ${actor}`;
  if (typeof m.duration_seconds === "number" && m.duration_seconds > 0) return `${actor} called (${duration(m.duration_seconds)})`;
  return reason ? `${actor} called (${reason})` : `${actor} called`;
}

/** A conference call (exports since March 2025). */
function conferenceCall(actor: string, m: TelegramMessage): string {
  if (typeof m.duration_seconds === "number" && m.duration_seconds > 0) return `${actor} started a group call (${duration(m.duration_seconds)})`;
  if (flag(m.is_missed)) return `Missed group call from ${actor}`;
  return `${actor} started a group call`;
}

/**
 * A readable English line for a service message, built from its action and
 * names (Telegram leaves `text` empty for most of them). Actions without a
 * phrase here read "Alice: action name", so that none is lost.
 */
export function describeService(m: TelegramMessage): string {
  const actor = str(m.actor) ?? DELETED_ACCOUNT;
  const title = str(m.title) ?? "";
  const members = names(m.members);
  const action = str(m.action);
  switch (action) {
    case "create_group":
      return `${actor} created group "${title}"`;
    case "create_channel":
      return `${actor} created channel "${title}"`;
    case "invite_members":
      return members.length === 0 || (members.length === 1 && members[0] === actor) ? `${actor} joined the group` : `${actor} invited ${list(members)}`;
    case "remove_members":
      return members.length === 0 || (members.length === 1 && members[0] === actor) ? `${actor} left the group` : `${actor} removed ${list(members)}`;
    case "join_group_by_link":
      return `${actor} joined the group via invite link`;
    case "join_group_by_request":
      return `${actor} joined the group`;
    case "edit_group_title":
      return `${actor} changed the group name to "${title}"`;
    case "edit_group_photo":
      return `${actor} changed the group photo`;
    case "delete_group_photo":
      return `${actor} removed the group photo`;
    case "migrate_to_supergroup":
      return `${actor} converted this group to a supergroup`;
    case "migrate_from_group":
      return `${actor} created supergroup "${title}" from a group`;
    case "pin_message":
      return `${actor} pinned a message`;
    case "clear_history":
      return `${actor} cleared the history`;
    case "phone_call":
      return call(actor, m);
    case "conference_call":
      return conferenceCall(actor, m);
    case "group_call":
      return `${actor} started a voice chat`;
    case "invite_to_group_call":
      return `${actor} invited ${list(members)} to the voice chat`;
    case "take_screenshot":
      return `${actor} took a screenshot`;
    case "joined_telegram":
      return `${actor} joined Telegram`;
    case "topic_created":
      return `${actor} created topic "${title}"`;
    case "topic_edit": {
      const renamed = str(m.new_title);
      return renamed ? `${actor} renamed the topic to "${renamed}"` : `${actor} edited the topic`;
    }
    case undefined: {
      // A custom action (e.g. from a bot) carries its own wording.
      const info = str(m.information_text);
      return info ? info : actor;
    }
    default:
      return `${actor}: ${action.replace(/_/g, " ")}`;
  }
}
