/**
 * Fixed texts WhatsApp writes for events (formats.md §3.4): deletion
 * tombstones, edit markers and system notices, per locale. Those marked [M]
 * are unconfirmed translations; the rest were seen in public exports or in
 * parsers written against them.
 */

/**
 * Tombstones of the exporter's own messages: WhatsApp writes them under the exporter's
 * name, in the second person ("Bob: You deleted this message"), so the name is the exporter's.
 */
const DELETED_BY_EXPORTER = [
  "You deleted this message",
  "Du hast diese Nachricht gelöscht",
  "Eliminaste este mensaje",
  "Você apagou esta mensagem",
  "Você apagou essa mensagem", // [M]
  "Anda menghapus pesan ini", // [M]
  "Hai eliminato questo messaggio",
  "Vous avez supprimé ce message", // [M]
  "Je hebt dit bericht verwijderd", // [M]
  "메시지를 삭제했습니다", // [M]
];
/**
 * Everyone else's. An admin's deletion stands under the author's name, not the admin's:
 * "You deleted this message as admin" names someone the exporter is not.
 */
const DELETED_BY_OTHERS = [
  "This message was deleted",
  "This message was deleted by admin", // [M] without the admin's name
  "You deleted this message as admin", // [M]
  "Diese Nachricht wurde gelöscht",
  "Du hast diese Nachricht als Admin gelöscht", // [M]
  "Se eliminó este mensaje",
  "Mensagem apagada", // pt-BR iOS
  "Esta mensagem foi apagada",
  "Essa mensagem foi apagada", // pt-BR iOS, 2017–2019
  "Pesan ini telah dihapus",
  "Pesan ini dihapus",
  "Questo messaggio è stato eliminato",
  "Ce message a été supprimé", // [M]
  "Dit bericht is verwijderd", // [M]
  "삭제된 메시지입니다",
  "이 메시지는 삭제되었습니다",
];

/** Who deleted a message, as its tombstone tells: its author, the exporter ("exporter"), or anyone ("other"). */
export type Deleter = "exporter" | "other";

/** With and without the final period: iOS writes it, Android does not. */
function withPeriod(texts: readonly string[], by: Deleter): [string, Deleter][] {
  return texts.flatMap((t) => [
    [t, by],
    [`${t}.`, by],
  ]);
}
const DELETED_TEXTS = new Map([...withPeriod(DELETED_BY_EXPORTER, "exporter"), ...withPeriod(DELETED_BY_OTHERS, "other")]);
const LONGEST_DELETED = Math.max(...[...DELETED_TEXTS.keys()].map((t) => t.length));

/**
 * A message a group admin deleted: the words, the admin's name, the words after it
 * (`This message was deleted by admin ~ Ann.`, `Diese Nachricht wurde von Admin
 * Lukas gelöscht.`). The name is the admin's, not the author's.
 */
const DELETED_BY_ADMIN: [start: string, end: string][] = [
  ["This message was deleted by admin ", ""],
  ["Diese Nachricht wurde von Admin ", " gelöscht"],
  ["Este mensaje fue eliminado por el admin ", ""], // [M]
  ["Esta mensagem foi apagada pelo admin ", ""], // [M]
  ["Essa mensagem foi apagada pelo admin ", ""], // [M]
  ["Pesan ini dihapus oleh admin ", ""], // [M]
  ["Questo messaggio è stato eliminato dall'amministratore ", ""], // [M]
  ["Ce message a été supprimé par l'admin ", ""], // [M]
  ["Dit bericht is verwijderd door beheerder ", ""], // [M]
];
/** A name is at most this long; longer bodies are someone's words. */
const LONGEST_DELETED_BY = Math.max(...DELETED_BY_ADMIN.map(([s, e]) => s.length + e.length)) + 100;
/** The admin wordings by first character: a body is compared with those of its own first letter only. */
const DELETED_BY_FIRST = new Map<number, [string, string][]>();
for (const words of DELETED_BY_ADMIN) {
  const c = words[0].charCodeAt(0);
  DELETED_BY_FIRST.set(c, [...(DELETED_BY_FIRST.get(c) ?? []), words]);
}

/** Most bodies fail on their first character, before their whole text is hashed. */
const DELETED_FIRST = new Set([...DELETED_TEXTS.keys(), ...DELETED_BY_ADMIN.map(([start]) => start)].map((t) => t.charCodeAt(0)));

/** Who deleted the message a tombstone stands for; null when the body is no tombstone. */
export function deletedBy(body: string): Deleter | null {
  if (!DELETED_FIRST.has(body.charCodeAt(0))) return null;
  if (body.length <= LONGEST_DELETED) {
    const by = DELETED_TEXTS.get(body);
    if (by !== undefined) return by;
  }
  if (body.length > LONGEST_DELETED_BY) return null;
  const byAdmin = DELETED_BY_FIRST.get(body.charCodeAt(0));
  if (byAdmin === undefined) return null;
  for (const [start, end] of byAdmin) {
    if (body.length <= start.length + end.length || !body.startsWith(start)) continue;
    if (end === "" || body.endsWith(end) || body.endsWith(`${end}.`)) return "other";
  }
  return null;
}

/** The marker at the end of an edited message (2023+), with and without its final period. */
const EDITED_WORDS = [
  "This message was edited",
  "Diese Nachricht wurde bearbeitet",
  "Se editó este mensaje",
  "Este mensaje fue editado", // es-419
  "Esta mensagem foi editada",
  "Mensagem editada", // pt-BR Android
  "Ce message a été modifié",
  "Questo messaggio è stato modificato",
  "Dit bericht is bewerkt",
  "Pesan ini telah diedit", // [M]
  "Pesan ini diedit", // [M]
  "Bu mesaj düzenlendi", // [M]
  "이 메시지는 수정되었습니다", // [M]
  "수정된 메시지입니다", // [M]
];
const EDITED = new Set(EDITED_WORDS.flatMap((t) => [`<${t}>`, `<${t}.>`]));

/** Where the edit marker (and the space or U+200E before it) starts, or -1. */
export function editMarkerAt(text: string): number {
  const open = text.lastIndexOf("<");
  if (open < 0 || !EDITED.has(text.slice(open))) return -1;
  let at = open;
  while (at > 0 && (text.charCodeAt(at - 1) === 32 || text.charCodeAt(at - 1) === 0x200e)) at--;
  return at;
}

/**
 * The end-to-end encryption notice, new wording and the 2016–2020 ones (a chat's;
 * "now" when the chat predates encryption). Old Android wordings are from the app's
 * own strings as a public parser lists them.
 */
const CHAT_ENCRYPTION_STARTS = [
  "Messages and calls are end-to-end encrypted",
  "Messages to this chat and calls are now secured with end-to-end encryption",
  "Messages you send to this chat and calls are now secured with end-to-end encryption",
  "Nachrichten und Anrufe sind Ende-zu-Ende-verschlüsselt",
  "Nachrichten in diesem Chat sowie Anrufe sind jetzt mit Ende-zu-Ende-Verschlüsselung geschützt",
  "Nachrichten, die du in diesem Chat sendest, sowie Anrufe sind jetzt mit Ende-zu-Ende-Verschlüsselung geschützt", // [M]
  "Los mensajes y las llamadas están cifrados de extremo a extremo",
  "Los mensajes y llamadas en este chat ahora están protegidos con cifrado de extremo a extremo",
  "Los mensajes que envíes a este chat y las llamadas ahora están protegidos con cifrado de extremo a extremo", // [M]
  "As mensagens e as ligações são protegidas com a criptografia de ponta a ponta",
  "As mensagens e as chamadas são protegidas com a criptografia de ponta a ponta", // [M] pt-PT
  "As mensagens e chamadas desta conversa estão protegidas com a criptografia de ponta a ponta",
  "As mensagens que você enviar para esta conversa e chamadas estão protegidas com a criptografia de ponta a ponta", // [M]
  "Pesan dan panggilan terenkripsi secara end-to-end",
  "Pesan yang Anda kirim ke chat ini dan panggilan kini diamankan dengan enkripsi end-to-end", // [M]
  "I messaggi e le chiamate sono crittografati end-to-end",
  "I messaggi inviati a questa chat e le chiamate sono ora protetti con la crittografia end-to-end",
  "I messaggi che invii in questa chat e le chiamate sono ora protetti con la crittografia end-to-end",
  "Les messages et les appels sont chiffrés de bout en bout", // [M]
  "Berichten en gesprekken worden end-to-end versleuteld", // [M]
  "메시지와 통화는 종단간 암호화",
];

/** The 2016–2020 wordings of a group's encryption notice: only groups have them. */
const GROUP_ENCRYPTION_STARTS = [
  "Messages to this group are now secured with end-to-end encryption",
  "Messages to this group are secured with end-to-end encryption",
  "Messages you send to this group are now secured with end-to-end encryption",
  "Nachrichten an diese Gruppe sind jetzt mit Ende-zu-Ende-Verschlüsselung geschützt",
  "Nachrichten an diese Gruppe sind mit Ende-zu-Ende-Verschlüsselung geschützt",
  "Nachrichten, die Sie an diese Gruppe senden, sind jetzt mit Ende-zu-Ende-Verschlüsselung geschützt",
  "Nachrichten, die du an diese Gruppe sendest, sind jetzt mit Ende-zu-Ende-Verschlüsselung geschützt", // [M]
  "Los mensajes en este grupo ahora están protegidos con cifrado de extremo a extremo",
  "Los mensajes que envíes a este grupo ahora están protegidos con cifrado de extremo a extremo", // [M]
  "As mensagens deste grupo estão protegidas com a criptografia de ponta a ponta", // pt-BR iOS, 2017–2020
  "As mensagens para este grupo estão protegidas com criptografia de ponta-a-ponta",
  "As mensagens enviadas a este grupo estão agora protegidas com a criptografia de ponta-a-ponta",
  "As mensagens que você enviar para este grupo estão protegidas com a criptografia de ponta a ponta", // [M]
  "As mensagens que enviar a este grupo serão completamente encriptadas", // pt-PT
  "As mensagens que enviar a este grupo passarão a ser completamente encriptadas", // pt-PT
  "Pesan-pesan yang dikirim ke grup ini kini diamankan dengan enkripsi end-to-end",
  "Pesan-pesan yang dikirim ke grup ini diamankan dengan enkripsi end-to-end",
  "I messaggi inviati a questo gruppo sono ora protetti con la crittografia end-to-end",
  "I messaggi inviati a questo gruppo sono protetti con la crittografia end-to-end",
  "Les messages envoyés dans ce groupe sont désormais protégés avec le chiffrement de bout en bout",
  "Les messages envoyés dans ce groupe sont protégés avec le chiffrement de bout en bout",
  "Berichten die naar deze groep worden verzonden, zijn nu beveiligd met end-to-end encryptie",
  "Berichten die naar deze groep worden verzonden, zijn beveiligd met end-to-end encryptie",
  "이 그룹의 메시지는 이제 종단간 암호화되어 안전합니다",
  "이 그룹의 메시지는 종단간 암호화되어 안전합니다",
];

const ENCRYPTION_STARTS = [...CHAT_ENCRYPTION_STARTS, ...GROUP_ENCRYPTION_STARTS];

/**
 * What every wording above, and those of the other UI languages, names: end-to-end
 * encryption. Enough on the first message of an iOS file when the app marked it
 * (see isEncryptionNotice); nowhere else, where people may say it too.
 */
const ENCRYPTION_WORDS = [
  "end-to-end",
  "Ende-zu-Ende",
  "extremo a extremo",
  "ponta a ponta",
  "ponta-a-ponta",
  "completamente encriptadas",
  "bout en bout",
  "end-tot-end",
  "uçtan uca",
  "종단간",
  "端到端",
  "端對端",
  "エンドツーエンド",
  "сквозн",
];

/** The exporter's admin rights: only groups have admins. */
const ADMIN_STARTS = [
  "You're now an admin",
  "You're no longer an admin",
  "Du bist jetzt Admin", // [M]
  "Ahora eres admin", // [M]
  "Agora você é admin", // [M]
  "Ora sei un amministratore",
  "Non sei più un amministratore",
  "Anda sekarang admin", // [M]
];

/** Notices that open with these words whoever wrote them: iOS puts them in a "message" of the group or the other party. */
const NOTICE_STARTS = [
  ...ENCRYPTION_STARTS,
  ...ADMIN_STARTS,
  // Business chats (seen in a real iOS export with a business); the other wordings of the family are [M].
  "This business uses a secure service from Meta to manage this chat",
  "This business works with other companies to manage this chat", // [M]
  "This chat is with a business account", // [M]
  "Your security code with ",
  "Deine Sicherheitsnummer für ",
  "Tu código de seguridad con ",
  "Seu código de segurança com ",
  "Il tuo codice di sicurezza con ",
  "Kode keamanan Anda dengan ", // [M]
  "Votre code de sécurité avec ", // [M]
  "Je beveiligingscode met ", // [M]
  // A message this phone could not yet decrypt: the words stand in for it (a notice, not the sender's text).
  "Waiting for this message",
  "Warten auf diese Nachricht", // [M]
  "Warte auf diese Nachricht",
  "Esperando este mensaje", // [M]
  "Esperando el mensaje", // [M]
  "Aguardando mensagem", // [M]
  "Aguardando esta mensagem", // [M]
  "Menunggu pesan ini", // [M]
  "In attesa di questo messaggio", // [M]
  "En attente de ce message", // [M]
  "Wachten op dit bericht", // [M]
];

/** Notices that open with these words are a group's. */
const GROUP_NOTICE_STARTS = [...GROUP_ENCRYPTION_STARTS, ...ADMIN_STARTS];

/**
 * Events told in words, recognised only where a notice is expected (see isSystemNotice):
 * the first person ("You added Bob") at the start, the actor's words ("<name> added …")
 * inside, the end of "<name> left".
 */
interface Events {
  starts: readonly string[];
  infixes: readonly string[];
  ends: readonly string[];
}

/**
 * Events only group chats have: a group made, people added, removed, leaving or joining by
 * its link, its subject, icon, description or settings changed, its voice chat. They make
 * the chat a group (isGroupEvent).
 */
const GROUP_EVENTS: Events = {
  starts: [
    "You created group ",
    "You created this group",
    "You joined using ",
    "You joined from the community",
    "You were added",
    "You added ",
    "You removed ",
    "You left",
    "You deleted this group's icon",
    "Du hast die Gruppe ", // „…“ erstellt / verlassen
    "Du wurdest hinzugefügt", // [M]
    "Du bist über den Einladungslink", // [M]
    "Creaste el grupo ",
    "Añadiste a ",
    "Eliminaste a ",
    "Saliste del grupo",
    "Te uniste ",
    "Se te añadió",
    "Você criou o grupo ",
    "Você adicionou ",
    "Você removeu ",
    "Você saiu",
    "Você entrou ",
    "Você foi adicionado",
    "Anda membuat grup ",
    "Anda menambahkan ", // [M]
    "Anda mengeluarkan ", // [M]
    "Anda keluar", // [M]
    "Anda bergabung ", // [M]
    "Anda ditambahkan", // [M]
    "Hai creato il gruppo ", // [M]
    "Hai aggiunto ",
    "Hai rimosso ",
    "Hai abbandonato", // [M]
    "Sei stato aggiunto", // [M]
    "Vous avez créé le groupe ", // [M]
    "Vous avez ajouté ", // [M]
    "Vous avez retiré ", // [M]
    "Vous êtes parti", // [M]
    "Vous avez été ajouté", // [M]
    "Je hebt groep ", // [M]
    "Je bent toegevoegd", // [M]
  ],
  infixes: [
    " created group ",
    " created this group",
    " added ",
    " removed ",
    " changed the subject ",
    " changed the group name",
    " changed this group's icon",
    " deleted this group's icon",
    " changed the group description",
    " deleted the group description",
    " changed this group's settings",
    " joined from the community",
    " started a voice chat", // [M]
    " reset this group's invite link",
    " hat die Gruppe ", // „…“ erstellt / verlassen
    " hat den Betreff ",
    " hat den Gruppennamen ", // [M]
    " hat das Gruppenbild ", // geändert / gelöscht
    " hat die Gruppenbeschreibung ", // geändert / gelöscht
    " hat einen Sprach-Chat gestartet", // [M]
    " creó el grupo ",
    " añadió a ",
    " te añadió",
    " eliminó a ",
    " te eliminó",
    " cambió el asunto ", // [M]
    " cambió el nombre del grupo",
    " cambió el ícono de este grupo",
    " eliminó el ícono de este grupo", // [M]
    " cambió la descripción del grupo",
    " se unió usando el enlace de invitación",
    " criou o grupo ",
    " adicionou ",
    " removeu ",
    " mudou o nome do grupo",
    " mudou o assunto ", // [M]
    " mudou a imagem deste grupo",
    " apagou a imagem deste grupo", // [M]
    " mudou a descrição do grupo",
    " entrou usando o link de convite",
    " membuat grup ",
    " menambahkan ",
    " mengeluarkan ", // [M]
    " mengubah subjek ", // [M]
    " mengubah nama grup", // [M]
    " mengubah ikon grup", // [M]
    " menghapus ikon grup", // [M]
    " mengubah deskripsi grup", // [M]
    " bergabung menggunakan tautan undangan",
    " ha creato il gruppo ",
    " ha aggiunto ",
    " ti ha aggiunto",
    " ha rimosso ",
    " ha cambiato l'oggetto ",
    " ha cambiato l'immagine ",
    " ha cambiato la descrizione del gruppo",
    " è entrato usando il link d'invito",
    " a créé le groupe ", // [M]
    " a ajouté ", // [M]
    " a retiré ", // [M]
    " a modifié le sujet ", // [M]
    " a modifié l'icône de ce groupe", // [M]
    " a modifié la description du groupe", // [M]
    " a rejoint ce groupe via le lien d'invitation", // [M]
    " heeft groep ", // [M] „…“ gemaakt
  ],
  ends: [
    " left",
    " joined using this group's invite link",
    " joined using a group link",
    " was added",
    " was removed",
    " hinzugefügt",
    " entfernt",
    " toegevoegd", // [M]
    " verwijderd", // [M]
    " hat die Gruppe verlassen",
    " ist über den Einladungslink dieser Gruppe beigetreten", // [M]
    " ist der Gruppe über den Einladungslink beigetreten", // [M]
    " salió del grupo",
    " salió",
    " saiu",
    " saiu do grupo", // [M]
    " keluar",
    " ha abbandonato",
    " è uscito", // [M]
    " est parti", // [M]
    " a quitté le groupe", // [M]
    " is vertrokken", // [M]
    " heeft de groep verlaten", // [M]
    "그룹을 만들었습니다",
    "님이 나갔습니다", // [M]
    "추가했습니다", // [M]
    "그룹에 추가되었습니다",
  ],
};

/** Events one-to-one chats have too: a pinned message, disappearing messages, a new phone number. */
const OTHER_EVENTS: Events = {
  starts: [
    "You changed ",
    "You pinned a message",
    "You turned on ",
    "You turned off ",
    "Fijaste un mensaje",
    "Cambiaste ",
    "Você fixou ",
    "Você mudou ",
    "Você alterou ", // [M]
    "Anda menyematkan ", // [M]
    "Anda mengubah ", // [M]
    "Hai fissato ", // [M]
    "Hai cambiato ", // [M]
    "Vous avez épinglé ", // [M]
    "Vous avez modifié ", // [M]
  ],
  infixes: [
    " changed their phone number",
    " changed to ", // "+1 555 … changed to +1 555 …"
    " pinned a message",
    " turned on disappearing messages",
    " turned off disappearing messages",
    " hat eine Nachricht fixiert",
    " hat eine Nachricht angeheftet", // [M]
    " hat die Telefonnummer gewechselt",
    " hat selbstlöschende Nachrichten ", // [M]
    " fijó un mensaje",
    " cambió su número",
    " fixou uma mensagem",
    " mudou seu número de telefone", // [M]
    " mudou o número de telefone", // [M]
    " menyematkan pesan", // [M]
    " telah mengganti nomor teleponnya",
    " mengganti nomor teleponnya", // [M]
    " ha cambiato numero ",
    " ha fissato un messaggio", // [M]
    " a épinglé un message", // [M]
    " a changé de numéro", // [M]
  ],
  ends: [
    " gewechselt", // „… hat zu +49 … gewechselt“
    " geändert", // „Du hast den Betreff … geändert“, but also settings every chat has
  ],
};

/**
 * Android writes some notices without an author whose own words hold ": " ("Alice changed the
 * group description: …"); no one's name holds these words.
 */
export const CHANGED = " changed ";

/** The export's own words in notices, tombstones and edit markers, for a redacted sample (src/redact/). */
export const NOTICE_WORDS: readonly string[] = [
  CHANGED,
  ...DELETED_TEXTS.keys(),
  ...DELETED_BY_ADMIN.flat(),
  ...EDITED_WORDS,
  ...ENCRYPTION_WORDS,
  ...NOTICE_STARTS,
  ...[GROUP_EVENTS, OTHER_EVENTS].flatMap((e) => [...e.starts, ...e.infixes, ...e.ends]),
];

/** Most bodies fail on their first character, before any comparison. */
const NOTICE_FIRST = new Set(NOTICE_STARTS.map((t) => t.charCodeAt(0)));

function startsWithAny(text: string, starts: readonly string[]): boolean {
  if (!NOTICE_FIRST.has(text.charCodeAt(0))) return false;
  for (const start of starts) if (text.startsWith(start)) return true;
  return false;
}

/** Notices are short; longer words are someone's message, and are not searched. */
const LONGEST_EVENT = 500;

function tellsEvent(text: string, events: Events): boolean {
  for (const start of events.starts) if (text.startsWith(start)) return true;
  // iOS ends most notices with a period, Android none.
  const end = text.charCodeAt(text.length - 1) === 46 /* . */ ? text.length - 1 : text.length;
  for (const e of events.ends) if (text.endsWith(e, end)) return true;
  for (const infix of events.infixes) if (text.includes(infix)) return true;
  return false;
}

/**
 * An end-to-end encryption notice, the first line of almost every chat. `firstMarked`:
 * the file's first message, its words marked by iOS as the app's; then any wording
 * that names end-to-end encryption is the notice, whatever its language or year.
 */
export function isEncryptionNotice(text: string, firstMarked = false): boolean {
  if (startsWithAny(text, ENCRYPTION_STARTS)) return true;
  if (!firstMarked || text.length > 400) return false;
  for (const words of ENCRYPTION_WORDS) if (text.includes(words)) return true;
  return false;
}

/**
 * A system notice. `loose` also takes group events told as "A added B":
 * the words could be anyone's, so only where the line itself hints at a
 * notice (iOS's U+200E before it, the group or the actor as its "author",
 * a quoted group subject in the "author").
 */
export function isSystemNotice(text: string, loose: boolean): boolean {
  if (startsWithAny(text, NOTICE_STARTS)) return true;
  if (!loose || text.length > LONGEST_EVENT) return false;
  return tellsEvent(text, GROUP_EVENTS) || tellsEvent(text, OTHER_EVENTS);
}

/**
 * Whether a notice's words are those of an event only group chats have. Only for words
 * already known to be a notice (the app's, not someone's message that says the same).
 */
export function isGroupEvent(notice: string): boolean {
  if (startsWithAny(notice, GROUP_NOTICE_STARTS)) return true;
  return notice.length <= LONGEST_EVENT && tellsEvent(notice, GROUP_EVENTS);
}

/** Group subjects are quoted; one holding ": " splits a notice as if it were "author: body". */
export function hasQuote(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 || c === 0x201c || c === 0x201e || c === 0xab) return true;
  }
  return false;
}
