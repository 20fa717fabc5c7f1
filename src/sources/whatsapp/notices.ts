/**
 * Fixed texts WhatsApp writes for events (formats.md §3.4): deletion
 * tombstones, edit markers and system notices, per locale. Those marked [M]
 * are unconfirmed translations; the rest were seen in public exports or in
 * parsers written against them.
 */

const DELETED = [
  "This message was deleted",
  "You deleted this message",
  "This message was deleted by admin", // [M] the admin's name may follow
  "Diese Nachricht wurde gelöscht",
  "Du hast diese Nachricht gelöscht",
  "Se eliminó este mensaje",
  "Eliminaste este mensaje",
  "Mensagem apagada", // pt-BR iOS
  "Esta mensagem foi apagada",
  "Você apagou esta mensagem",
  "Pesan ini telah dihapus",
  "Pesan ini dihapus",
  "Anda menghapus pesan ini", // [M]
  "Questo messaggio è stato eliminato",
  "Hai eliminato questo messaggio",
  "Ce message a été supprimé", // [M]
  "Vous avez supprimé ce message", // [M]
  "Dit bericht is verwijderd", // [M]
  "Je hebt dit bericht verwijderd", // [M]
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

/** The end-to-end encryption notice, old (2016–2020) and new wording. */
const ENCRYPTION_STARTS = [
  "Messages and calls are end-to-end encrypted",
  "Messages to this chat and calls are now secured with end-to-end encryption",
  "Messages to this group are now secured with end-to-end encryption",
  "Messages you send to this chat and calls are now secured with end-to-end encryption",
  "Messages you send to this group are now secured with end-to-end encryption",
  "Nachrichten und Anrufe sind Ende-zu-Ende-verschlüsselt",
  "Los mensajes y las llamadas están cifrados de extremo a extremo",
  "As mensagens e as ligações são protegidas com a criptografia de ponta a ponta",
  "As mensagens e as chamadas são protegidas com a criptografia de ponta a ponta", // [M] pt-PT
  "Pesan dan panggilan terenkripsi secara end-to-end",
  "I messaggi e le chiamate sono crittografati end-to-end",
  "Les messages et les appels sont chiffrés de bout en bout", // [M]
  "Berichten en gesprekken worden end-to-end versleuteld", // [M]
  "메시지와 통화는 종단간 암호화",
];

/** Notices that open with these words whoever wrote them: iOS puts them in a "message" of the group or the other party. */
const NOTICE_STARTS = [
  ...ENCRYPTION_STARTS,
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
  "You're now an admin",
  "You're no longer an admin",
  "Du bist jetzt Admin", // [M]
  "Ahora eres admin", // [M]
  "Agora você é admin", // [M]
  "Ora sei un amministratore",
  "Non sei più un amministratore",
  "Anda sekarang admin", // [M]
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

/**
 * Group events told in the first person ("You added Bob"), recognised only
 * where a notice is expected (see isSystemNotice).
 */
const EVENT_STARTS = [
  "You created group ",
  "You created this group",
  "You joined using ",
  "You joined from the community",
  "You were added",
  "You added ",
  "You removed ",
  "You left",
  "You changed ",
  "You deleted this group's icon",
  "You pinned a message",
  "You turned on ",
  "You turned off ",
  "Du hast die Gruppe ", // „…“ erstellt / verlassen
  "Du wurdest hinzugefügt", // [M]
  "Du bist über den Einladungslink", // [M]
  "Creaste el grupo ",
  "Añadiste a ",
  "Eliminaste a ",
  "Saliste del grupo",
  "Te uniste ",
  "Se te añadió",
  "Fijaste un mensaje",
  "Cambiaste ",
  "Você criou o grupo ",
  "Você adicionou ",
  "Você removeu ",
  "Você saiu",
  "Você entrou ",
  "Você foi adicionado",
  "Você fixou ",
  "Você mudou ",
  "Você alterou ", // [M]
  "Anda membuat grup ",
  "Anda menambahkan ", // [M]
  "Anda mengeluarkan ", // [M]
  "Anda keluar", // [M]
  "Anda bergabung ", // [M]
  "Anda ditambahkan", // [M]
  "Anda menyematkan ", // [M]
  "Anda mengubah ", // [M]
  "Hai creato il gruppo ", // [M]
  "Hai aggiunto ",
  "Hai rimosso ",
  "Hai abbandonato", // [M]
  "Sei stato aggiunto", // [M]
  "Hai fissato ", // [M]
  "Hai cambiato ", // [M]
  "Vous avez créé le groupe ", // [M]
  "Vous avez ajouté ", // [M]
  "Vous avez retiré ", // [M]
  "Vous êtes parti", // [M]
  "Vous avez été ajouté", // [M]
  "Vous avez épinglé ", // [M]
  "Vous avez modifié ", // [M]
  "Je hebt groep ", // [M]
  "Je bent toegevoegd", // [M]
];

/** Group events in the actor's words: "<name> <words> …". */
const EVENT_INFIXES = [
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
  " changed their phone number",
  " changed to ", // "+1 555 … changed to +1 555 …"
  " pinned a message",
  " turned on disappearing messages",
  " turned off disappearing messages",
  " joined from the community",
  " started a voice chat", // [M]
  " reset this group's invite link",
  " hat die Gruppe ", // „…“ erstellt / verlassen
  " hat den Betreff ",
  " hat den Gruppennamen ", // [M]
  " hat das Gruppenbild ", // geändert / gelöscht
  " hat die Gruppenbeschreibung ", // geändert / gelöscht
  " hat eine Nachricht fixiert",
  " hat eine Nachricht angeheftet", // [M]
  " hat die Telefonnummer gewechselt",
  " hat selbstlöschende Nachrichten ", // [M]
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
  " fijó un mensaje",
  " cambió su número",
  " se unió usando el enlace de invitación",
  " criou o grupo ",
  " adicionou ",
  " removeu ",
  " mudou o nome do grupo",
  " mudou o assunto ", // [M]
  " mudou a imagem deste grupo",
  " apagou a imagem deste grupo", // [M]
  " mudou a descrição do grupo",
  " fixou uma mensagem",
  " mudou seu número de telefone", // [M]
  " mudou o número de telefone", // [M]
  " entrou usando o link de convite",
  " membuat grup ",
  " menambahkan ",
  " mengeluarkan ", // [M]
  " mengubah subjek ", // [M]
  " mengubah nama grup", // [M]
  " mengubah ikon grup", // [M]
  " menghapus ikon grup", // [M]
  " mengubah deskripsi grup", // [M]
  " menyematkan pesan", // [M]
  " telah mengganti nomor teleponnya",
  " mengganti nomor teleponnya", // [M]
  " bergabung menggunakan tautan undangan",
  " ha creato il gruppo ",
  " ha aggiunto ",
  " ti ha aggiunto",
  " ha rimosso ",
  " ha cambiato l'oggetto ",
  " ha cambiato l'immagine ",
  " ha cambiato la descrizione del gruppo",
  " ha cambiato numero ",
  " ha fissato un messaggio", // [M]
  " è entrato usando il link d'invito",
  " a créé le groupe ", // [M]
  " a ajouté ", // [M]
  " a retiré ", // [M]
  " a modifié le sujet ", // [M]
  " a modifié l'icône de ce groupe", // [M]
  " a modifié la description du groupe", // [M]
  " a épinglé un message", // [M]
  " a changé de numéro", // [M]
  " a rejoint ce groupe via le lien d'invitation", // [M]
  " heeft groep ", // [M] „…“ gemaakt
];
const EVENT_ENDS = [
  " left",
  " joined using this group's invite link",
  " joined using a group link",
  " was added",
  " was removed",
  " hinzugefügt",
  " entfernt",
  " gewechselt", // „… hat zu +49 … gewechselt“
  " geändert", // „Du hast den Betreff … geändert“
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
 * notice (iOS's U+200E before it, the group or the actor as its "author",
 * a quoted group subject in the "author").
 */
export function isSystemNotice(text: string, loose: boolean): boolean {
  if (startsWithAny(text, NOTICE_STARTS)) return true;
  if (!loose || text.length > 500) return false;
  for (const start of EVENT_STARTS) if (text.startsWith(start)) return true;
  // iOS ends most notices with a period, Android none.
  const end = text.charCodeAt(text.length - 1) === 46 /* . */ ? text.length - 1 : text.length;
  for (const e of EVENT_ENDS) if (text.endsWith(e, end)) return true;
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
