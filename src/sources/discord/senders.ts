import { record, str } from "../telegram-desktop/types.js";

/** Discord's own name for an account that no longer exists; also what a message with no usable author reads as. */
export const DELETED_USER = "Deleted User";

/**
 * One sender name per Discord account, fixed the first time the account shows up and kept
 * for the whole export, so that participants, reactions and `--me` all name it alike. The
 * name is the one the chat showed (the nickname, else the account name). A second account
 * showing the same name gets it with its discriminator ("Adam#7077") where it has one, or
 * else with the end of its id ("Adam (…5645)"): two people never merge, and the same input
 * always names them the same, as the file is read in one order.
 */
export class Senders {
  private readonly byId = new Map<string, string>();
  private readonly taken = new Set<string>();

  /** The sender name of a DiscordChatExporter user object (an author, a reactor). */
  of(value: unknown): string {
    const user = record(value);
    const display = nonEmpty(str(user?.nickname)) ?? nonEmpty(str(user?.name)) ?? DELETED_USER;
    const id = idOf(user?.id) ?? `name:${display}`;
    const known = this.byId.get(id);
    if (known !== undefined) return known;
    const name = this.unique(display, str(user?.discriminator), idOf(user?.id));
    this.byId.set(id, name);
    this.taken.add(name);
    return name;
  }

  private unique(display: string, discriminator: string | undefined, id: string | undefined): string {
    if (!this.taken.has(display)) return display;
    // "0000" and "0" are what accounts on Discord's new unique usernames have instead of a tag.
    const tag = discriminator !== undefined && /^\d{4}$/.test(discriminator) && discriminator !== "0000" ? `${display}#${discriminator}` : undefined;
    if (tag !== undefined && !this.taken.has(tag)) return tag;
    const digits = id ?? "";
    for (let n = 4; n <= digits.length; n++) {
      const named = `${display} (…${digits.slice(-n)})`;
      if (!this.taken.has(named)) return named;
    }
    // Only ids that are not ids (or none) get here: number the name.
    for (let n = 2; ; n++) if (!this.taken.has(`${display} (${n})`)) return `${display} (${n})`;
  }
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === "" ? undefined : value;
}

/** DiscordChatExporter writes snowflakes as strings; a number is taken too. */
export function idOf(value: unknown): string | undefined {
  if (typeof value === "string" && value !== "") return value;
  return typeof value === "number" && Number.isSafeInteger(value) ? String(value) : undefined;
}
