import { join, resolve } from "node:path";
import type { Translate } from "../../i18n/index.js";
import type { ChatKind } from "../../schema/index.js";
import type { Person } from "../export/telegram-json.js";
import { NOTICES_ID } from "./profile.js";
import { signalWords } from "./words.js";

/**
 * The guide beside a Signal export: the route through signalbackup-tools with this
 * chat's file, people and ids filled in, in the user's language. Option names and
 * their order are signalbackup-tools' own (arg/arg.cc, README "Importing conversations
 * from JSON file / Telegram"): the backup first, then the options; without a passphrase
 * after the backup's name it asks for one, so none is written into a command here.
 */

export interface GuideFacts {
  /** The export's folder. */
  dir: string;
  title: string;
  kind: ChatKind | undefined;
  messages: number;
  /** Entries in result.json, as `--listjsonchats` counts them. */
  records: number;
  media: number;
  chatId: number;
  people: readonly Person[];
}

/** The backup's name in the commands; the guide tells the user to write the real one. */
const BACKUP = "signal.backup";
const NEW_BACKUP = "new.backup";

/**
 * A name usable as a `--mapjsoncontacts` key typed into a shell: the tool splits the list at
 * `,` and a pair at `=`, and inside double quotes shells still read `"`, `$`, `` ` ``, `\`,
 * `!` (bash) and `%` (cmd). Other names, a name two people share, and the name of someone
 * who only reacted (the tool finds names only in what people wrote) go by their from_id.
 */
const SAFE_KEY = /^[^\s,="$`\\!%\p{Cc}\p{Cf}](?:[^,="$`\\!%\p{Cc}\p{Cf}]*[^\s,="$`\\!%\p{Cc}\p{Cf}])?$/u;

/** Each person's key in the mapping: the name where the tool and a shell can take it, else the from_id. */
export function mappingKeys(people: readonly Person[]): Map<string, string> {
  const count = new Map<string, number>();
  for (const p of people) count.set(p.name, (count.get(p.name) ?? 0) + 1);
  return new Map(people.map((p) => [p.id, p.wrote && SAFE_KEY.test(p.name) && count.get(p.name) === 1 ? p.name : p.id]));
}

export function guideText(facts: GuideFacts, t: Translate): string {
  const json = `"${join(resolve(facts.dir), "result.json")}"`;
  const keys = mappingKeys(facts.people);
  const map = `"${[...keys.values(), String(facts.chatId)].map((key) => `${key}=<id>`).join(",")}"`;
  const tool = (...args: string[]) => `     signalbackup-tools ${args.join(" ")}`;
  const people = facts.people.filter((p) => p.id !== NOTICES_ID);
  const notices = facts.people.find((p) => p.id === NOTICES_ID);
  const notes = [
    t("signal.guide.mapPeople", { names: people.map((p) => p.name).join(", ") }),
    ...(notices ? [t("signal.guide.mapNotices", { key: keys.get(NOTICES_ID)! })] : []),
    t("signal.guide.mapChat", { key: facts.chatId }),
    ...people.filter((p) => keys.get(p.id) === p.id).map((p) => t("signal.guide.mapById", { key: p.id, name: p.name })),
  ].map((line) => `   - ${line}`);
  const target = t(facts.kind === "direct" ? "signal.guide.targetDirect" : facts.kind === undefined ? "signal.guide.targetEither" : "signal.guide.targetGroup");
  const words = signalWords(t);
  const example = words.attachment("photo");
  const notice = words.notice("");
  return [
    t("signal.guide.title", { title: facts.title }),
    t("signal.guide.intro", { messages: facts.messages, media: facts.media, example, notice, notices: words.notices }),
    t("signal.guide.needs", { target }),
    t("signal.guide.steps", {
      title: facts.title,
      records: facts.records,
      backup: BACKUP,
      newBackup: NEW_BACKUP,
      listChats: tool("--listjsonchats", json),
      listRecipients: tool(BACKUP, "--listrecipients"),
      showMap: tool(BACKUP, "--jsonshowcontactmap", json, "--mapjsoncontacts", map),
      mapNotes: notes.join("\n"),
      import: tool(BACKUP, "--importtelegram", json, "--mapjsoncontacts", map, "-o", NEW_BACKUP),
    }),
    t("signal.guide.after", { example, notice }),
    t("signal.guide.limits"),
  ].join("\n\n") + "\n";
}
