/**
 * Fixed texts WhatsApp writes for events (formats.md §3.4): deletion
 * tombstones, edit markers and system notices, per locale. Those marked [M]
 * are unconfirmed translations; the rest were seen in public exports or in
 * parsers written against them.
 */

const DELETED = [
  "This message was deleted",
  "You deleted this message",
  "Diese Nachricht wurde gelöscht",
  "Du hast diese Nachricht gelöscht",
  "Se eliminó este mensaje",
  "Eliminaste este mensaje",
  "Ce message a été supprimé", // [M]
  "Vous avez supprimé ce message", // [M]
  "삭제된 메시지입니다",
  "이 메시지는 삭제되었습니다",
  "메시지를 삭제했습니다", // [M]
];
/** With and without the final period: iOS writes it, Android does not. */
const DELETED_TEXTS = new Set(DELETED.flatMap((t) => [t, `${t}.`]));
const LONGEST_DELETED = Math.max(...[...DELETED_TEXTS].map((t) => t.length));

export function isDeletion(body: string): boolean {
  return body.length <= LONGEST_DELETED && DELETED_TEXTS.has(body);
}

/** The marker at the end of an edited message (2023+). */
const EDITED = new Set([
  "<This message was edited>",
  "<Diese Nachricht wurde bearbeitet>",
  "<Diese Nachricht wurde bearbeitet.>",
  "<Se editó este mensaje.>",
  "<Ce message a été modifié>",
]);

/** Where the edit marker (and the space or U+200E before it) starts, or -1. */
export function editMarkerAt(text: string): number {
  const open = text.lastIndexOf("<");
  if (open < 0 || !EDITED.has(text.slice(open))) return -1;
  let at = open;
  while (at > 0 && (text.charCodeAt(at - 1) === 32 || text.charCodeAt(at - 1) === 0x200e)) at--;
  return at;
}

/** The end-to-end encryption notice, old (2016–2020) and new wording. */
const ENCRYPTION_STARTS = [
  "Messages and calls are end-to-end encrypted",
  "Messages to this chat and calls are now secured with end-to-end encryption",
  "Messages to this group are now secured with end-to-end encryption",
  "Messages you send to this chat and calls are now secured with end-to-end encryption",
  "Messages you send to this group are now secured with end-to-end encryption",
  "Nachrichten und Anrufe sind Ende-zu-Ende-verschlüsselt",
  "Los mensajes y las llamadas están cifrados de extremo a extremo",
  "메시지와 통화는 종단간 암호화",
];

/** Notices that open with these words whoever wrote them: iOS puts them in a "message" of the group or the other party. */
const NOTICE_STARTS = [
  ...ENCRYPTION_STARTS,
  "Your security code with ",
  "You're now an admin",
];

/** Group events in the actor's words, recognised only where a notice is expected (see isSystemNotice). */
const EVENT_STARTS = [
  "You created group ",
  "You joined using this group's invite link",
  "You were added",
  "You changed this group's icon",
  "You changed the subject ",
  "You changed the group description",
];
const EVENT_INFIXES = [
  " created group ",
  " added ",
  " removed ",
  " changed the subject ",
  " changed this group's icon",
  " deleted this group's icon",
  " changed the group description",
  " changed the group name",
  " changed this group's settings",
  " changed their phone number",
  " turned on disappearing messages",
  " turned off disappearing messages",
  " hat die Gruppe ", // [M] „…“ erstellt / verlassen
  " hat den Betreff ", // [M]
  " hat das Gruppenbild geändert", // [M]
  " creó el grupo ", // [M]
  " añadió a ", // [M]
];
const EVENT_ENDS = [
  " left",
  " joined using this group's invite link",
  " joined using a group link",
  " was added",
  " was removed",
  " hinzugefügt", // [M]
  " entfernt", // [M]
  " hat die Gruppe verlassen", // [M]
  " salió del grupo", // [M]
  "그룹을 만들었습니다",
  "님이 나갔습니다", // [M]
  "추가했습니다", // [M]
  "그룹에 추가되었습니다",
];

/** Most bodies fail on their first character, before any comparison. */
const NOTICE_FIRST = new Set(NOTICE_STARTS.map((t) => t.charCodeAt(0)));

function startsWithAny(text: string, starts: readonly string[]): boolean {
  if (!NOTICE_FIRST.has(text.charCodeAt(0))) return false;
  for (const start of starts) if (text.startsWith(start)) return true;
  return false;
}

/** An end-to-end encryption notice, the first line of almost every chat. */
export function isEncryptionNotice(text: string): boolean {
  return startsWithAny(text, ENCRYPTION_STARTS);
}

/**
 * A system notice. `loose` also takes group events told as "A added B":
 * the words could be anyone's, so only where the line itself hints at a
 * notice (iOS's U+200E before it, a quoted group subject in the "author").
 */
export function isSystemNotice(text: string, loose: boolean): boolean {
  if (startsWithAny(text, NOTICE_STARTS)) return true;
  if (!loose || text.length > 500) return false;
  for (const start of EVENT_STARTS) if (text.startsWith(start)) return true;
  for (const end of EVENT_ENDS) if (text.endsWith(end)) return true;
  for (const infix of EVENT_INFIXES) if (text.includes(infix)) return true;
  return false;
}

/** Group subjects are quoted; one holding ": " splits a notice as if it were "author: body". */
export function hasQuote(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 || c === 0x201c || c === 0x201e || c === 0xab) return true;
  }
  return false;
}
