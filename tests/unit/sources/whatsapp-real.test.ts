import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Attachment, Call, Message } from "../../../src/schema/index.js";
import { whatsapp } from "../../../src/sources/whatsapp/source.js";
import { readOne, runSource } from "../../helpers/read.js";
import { expectRows, type Row } from "../../helpers/rows.js";

/**
 * Shapes measured on real WhatsApp exports (issue 10): iOS notices under the group's
 * or the actor's name in several UI languages, placeholders with page counts and
 * captions, calls, edit markers in other languages, and stamp shapes of other locales.
 */

const dir = join(import.meta.dirname, "../../fixtures/whatsapp");

interface Case {
  file: string;
  zone: string;
  offset: string;
  title: string | null;
  /** The people who wrote; never the group's own name. */
  participants: string[];
  rows: Row[];
  /** Call events by source line. */
  calls?: Record<number, Call>;
}

const file = (name?: string): Attachment => (name ? { type: "file", name } : { type: "file" });

const cases: Case[] = [
  {
    file: "ios-de-group-events/_chat.txt",
    zone: "Europe/Berlin",
    offset: "+01:00",
    title: "Wanderfreunde",
    participants: ["Anna Becker", "Jonas Weber", "Max Krüger"],
    rows: [
      [1, "2024-03-14 19:02:11", null, "system", "Nachrichten und Anrufe sind Ende-zu-Ende-verschlüsselt. Niemand außerhalb dieses Chats kann sie lesen oder anhören, nicht einmal WhatsApp."],
      [2, "2024-03-14 19:02:11", null, "system", "Anna Becker hat die Gruppe „Wanderfreunde“ erstellt."],
      // Under the actor's own name: the name opening the marked words says it is a notice.
      [3, "2024-03-14 19:02:12", null, "system", "Anna Becker hat dich hinzugefügt."],
      [4, "2024-03-14 19:05:40", "Anna Becker", "text", "Hallo zusammen! Samstag geht's los 🥾"],
      [5, "2024-03-14 19:06:02", null, "system", "Anna Becker hat die Gruppenbeschreibung geändert."],
      [6, "2024-03-14 19:06:30", null, "system", "Anna Becker hat eine Nachricht fixiert."],
      [7, "2024-03-14 19:10:00", "Jonas Weber", "media", "", [file("Tourenplan.pdf")]],
      [8, "2024-03-14 19:12:45", "Jonas Weber", "media", "", [{ type: "video" }]],
      [9, "2024-03-15 08:15:00", null, "system", "Lena Vogel hat die Telefonnummer gewechselt. Tippe, um eine Nachricht zu schreiben oder die neue Nummer hinzuzufügen."],
      [10, "2024-03-15 08:20:00", null, "system", "Anna Becker hat das Gruppenbild gelöscht."],
      [11, "2024-03-15 08:21:10", null, "system", "Anna Becker hat Lena Vogel entfernt."],
      [12, "2024-03-15 09:00:00", null, "system", "Deine Sicherheitsnummer für Jonas Weber hat sich geändert. Tippe, um mehr zu erfahren."],
      [13, "2024-03-15 09:30:12", null, "system", "Sprachanruf, 12 Min."],
      [14, "2024-03-15 09:45:00", null, "system", "Verpasster Videoanruf"],
      [15, "2024-03-15 10:02:00", "Jonas Weber", "text", "Bin um 7 am Parkplatz", undefined, true],
      [16, "2024-03-15 10:03:00", null, "system", "Warten auf diese Nachricht. Dies kann etwas dauern."],
      [17, "2024-03-15 10:05:00", null, "system", "Max Krüger ist über den Einladungslink dieser Gruppe beigetreten."],
      // Wording no table has: marked and under the group's name, it is a notice all the same.
      [18, "2024-03-15 10:06:00", null, "system", "Jonas Weber hat einen Sprach-Chat gestartet."],
      [19, "2024-03-15 10:07:00", "Max Krüger", "text", "Hallo! Danke fürs Hinzufügen\nBis Samstag"],
    ],
    calls: {
      13: { media: "voice", outcome: "answered", seconds: 720, by: "Jonas Weber" },
      14: { media: "video", outcome: "missed", by: "Anna Becker" },
    },
  },
  {
    file: "ios-es-group-events/_chat.txt",
    zone: "America/Mexico_City",
    offset: "-06:00",
    title: "Viaje a Oaxaca",
    participants: ["Diego Ruiz", "Lucía Gómez"],
    rows: [
      [1, "2024-03-14 19:02:11", null, "system", "Los mensajes y las llamadas están cifrados de extremo a extremo. Nadie fuera de este chat, ni siquiera WhatsApp, puede leerlos ni escucharlos."],
      [2, "2024-03-14 19:02:11", null, "system", "Lucía Gómez creó el grupo “Viaje a Oaxaca”"],
      [3, "2024-03-14 19:02:12", null, "system", "Lucía Gómez te añadió"],
      [4, "2024-03-14 19:04:00", "Lucía Gómez", "text", "¿Quién lleva la tienda de campaña?"],
      [5, "2024-03-14 19:05:10", "Diego Ruiz", "media", "", [{ type: "video" }]],
      [6, "2024-03-14 19:06:00", "Diego Ruiz", "text", "Yo la llevo", undefined, true],
      [7, "2024-03-14 19:07:30", null, "system", "Lucía Gómez fijó un mensaje"],
      [8, "2024-03-14 19:08:00", "Diego Ruiz", "media", "", [file("itinerario.pdf")]],
      [9, "2024-03-15 08:00:00", null, "system", "Diego Ruiz cambió su número de teléfono a uno nuevo. Toca para enviarle un mensaje o añadir el número nuevo."],
      [10, "2024-03-15 08:01:00", null, "system", "Lucía Gómez cambió la descripción del grupo"],
      [11, "2024-03-15 08:10:00", null, "system", "Llamada de voz perdida, Toca para devolver la llamada"],
      [12, "2024-03-15 08:12:00", null, "system", "Videollamada, 1 h 2 min"],
      // The other Spanish edit marker, on the last line of a long message.
      [13, "2024-03-15 08:20:00", "Diego Ruiz", "text", "Nos vemos\nen la terminal", undefined, true],
      [15, "2024-03-15 09:00:00", null, "system", "Marta Sánchez se unió usando el enlace de invitación de este grupo"],
      [16, "2024-03-15 09:01:00", null, "system", "Marta Sánchez salió del grupo"],
    ],
    calls: {
      11: { media: "voice", outcome: "missed", by: "Lucía Gómez" },
      12: { media: "video", outcome: "answered", seconds: 3720, by: "Diego Ruiz" },
    },
  },
  {
    file: "ios-pt-br-group-events/_chat.txt",
    zone: "America/Sao_Paulo",
    offset: "-03:00",
    title: "Churrasco do Sábado",
    participants: ["Camila Lima", "Rafael Souza"],
    rows: [
      [1, "2024-03-14 19:02:11", null, "system", "As mensagens e as ligações são protegidas com a criptografia de ponta a ponta. Ninguém fora desta conversa, nem mesmo o WhatsApp, pode ler ou ouvi-las."],
      [2, "2024-03-14 19:02:11", null, "system", "Rafael Souza criou o grupo “Churrasco do Sábado”"],
      [3, "2024-03-14 19:02:12", null, "system", "Rafael Souza adicionou você"],
      [4, "2024-03-14 19:03:00", "Rafael Souza", "text", "Quem leva o carvão?"],
      [5, "2024-03-14 19:03:40", "Camila Lima", "text", "Eu levo", undefined, true],
      [6, "2024-03-14 19:04:00", "Camila Lima", "media", "", [{ type: "photo" }]],
      [7, "2024-03-14 19:04:30", "Camila Lima", "media", "", [{ type: "sticker" }]],
      [8, "2024-03-14 19:05:00", null, "system", "Rafael Souza fixou uma mensagem"],
      [9, "2024-03-14 19:06:00", null, "system", "Rafael Souza mudou a imagem deste grupo"],
      [10, "2024-03-14 19:10:00", null, "system", "Chamada de voz, 3 min"],
      [11, "2024-03-14 19:15:00", null, "system", "Chamada de vídeo perdida"],
      [12, "2024-03-14 19:16:00", "Camila Lima", "deleted", "Mensagem apagada"],
      [13, "2024-03-14 19:20:00", null, "system", "Bruno Alves entrou usando o link de convite deste grupo"],
      [14, "2024-03-14 19:21:00", null, "system", "Bruno Alves saiu"],
    ],
    calls: {
      10: { media: "voice", outcome: "answered", seconds: 180, by: "Camila Lima" },
      11: { media: "video", outcome: "missed", by: "Rafael Souza" },
    },
  },
  {
    file: "ios-id-group-events/_chat.txt",
    zone: "Asia/Jakarta",
    offset: "+07:00",
    title: "Arisan Keluarga",
    participants: ["Budi Santoso", "Siti Rahayu"],
    rows: [
      [1, "2024-03-14 19:02:11", null, "system", "Pesan dan panggilan terenkripsi secara end-to-end. Tidak seorang pun di luar chat ini, termasuk WhatsApp, yang dapat membaca atau mendengarkannya."],
      [2, "2024-03-14 19:02:11", null, "system", "Budi Santoso membuat grup “Arisan Keluarga”"],
      [3, "2024-03-14 19:02:12", null, "system", "Budi Santoso menambahkan Anda"],
      [4, "2024-03-14 19:03:00", "Budi Santoso", "text", "Arisan bulan ini di rumah Ibu ya"],
      [5, "2024-03-14 19:04:00", "Siti Rahayu", "media", "", [{ type: "photo" }]],
      [6, "2024-03-14 19:04:30", "Siti Rahayu", "media", "", [{ type: "sticker" }]],
      [7, "2024-03-14 19:05:00", null, "system", "Budi Santoso menyematkan pesan"],
      [8, "2024-03-14 19:06:00", null, "system", "Siti Rahayu telah mengganti nomor teleponnya ke nomor baru. Ketuk untuk mengirim pesan atau menambahkan nomor baru."],
      [9, "2024-03-14 19:07:00", null, "system", "Dewi Lestari bergabung menggunakan tautan undangan grup ini"],
      [10, "2024-03-14 19:08:00", "Siti Rahayu", "deleted", "Pesan ini telah dihapus."],
      [11, "2024-03-14 19:09:00", null, "system", "Dewi Lestari keluar"],
    ],
  },
  {
    file: "ios-en-us-calls-media/_chat.txt",
    zone: "America/Denver",
    offset: "-06:00",
    title: "Road Trip 2024",
    participants: ["Jess Wu", "Sam Park"],
    rows: [
      [1, "2024-03-14 19:02:11", null, "system", "Messages and calls are end-to-end encrypted. No one outside of this chat, not even WhatsApp, can read or listen to them."],
      [2, "2024-03-14 19:02:11", null, "system", "You created group “Road Trip 2024”"],
      [3, "2024-03-14 19:02:12", null, "system", "You added Sam Park"],
      // The caption comes first; the attachment is on the message's last line.
      [4, "2024-03-14 19:03:00", "Sam Park", "media", "Here's the route\nDay 1: Denver to Moab\nDay 2: Arches", [{ type: "photo", name: "00000004-PHOTO-2024-03-14-19-03-00.jpg" }]],
      [7, "2024-03-14 19:05:00", "Jess Wu", "media", "", [file("Itinerary.pdf")]],
      [8, "2024-03-14 19:05:30", "Jess Wu", "media", "", [{ type: "voice" }]],
      [9, "2024-03-14 19:05:40", "Jess Wu", "media", "", [{ type: "video" }]],
      [10, "2024-03-14 19:06:00", null, "system", "Voice call, 3 min"],
      [11, "2024-03-14 19:10:00", null, "system", "Missed voice call, Tap to call back"],
      [12, "2024-03-14 19:11:00", null, "system", "Video call, 1 hr"],
      [13, "2024-03-14 19:12:00", null, "system", "Video call, No answer"],
      [14, "2024-03-14 19:13:00", null, "system", "Silenced voice call"],
      [15, "2024-03-14 19:14:00", null, "system", "Missed group video call"],
      [16, "2024-03-14 19:15:00", null, "system", "Voice call, 45 sec"],
      [17, "2024-03-14 19:16:00", null, "system", "Waiting for this message. This may take a while."],
      [18, "2024-03-14 19:20:00", null, "system", "Jess Wu pinned a message"],
      [19, "2024-03-14 19:21:00", null, "system", "Jess Wu changed their phone number to a new number. Tap to message or add the new number."],
      [20, "2024-03-14 19:22:00", null, "system", "Alex Moreno joined from the community"],
      [21, "2024-03-14 19:23:00", null, "system", "Your security code with Sam Park changed. Tap to learn more."],
      [22, "2024-03-14 19:24:00", null, "system", "Sam Park started a voice chat"],
      // No caption on the attachment's line: nothing of the " ‎" before the tag is left.
      [23, "2024-03-14 19:30:00", "Jess Wu", "media", "Look at this", [{ type: "photo", name: "00000010-PHOTO-2024-03-14-19-30-00.jpg" }]],
      [25, "2024-03-14 19:31:00", "Jess Wu", "media", "", [{ type: "video", name: "00000011-VIDEO-2024-03-14-19-31-00.mp4" }]],
      // The same words typed by someone, unmarked, stay their text.
      [26, "2024-03-14 19:32:00", "Jess Wu", "text", "Voice call sounds good"],
      [27, "2024-03-14 19:33:00", "Sam Park", "text", "Video call"],
    ],
    calls: {
      10: { media: "voice", outcome: "answered", seconds: 180, by: "Sam Park" },
      11: { media: "voice", outcome: "missed", by: "Jess Wu" },
      12: { media: "video", outcome: "answered", seconds: 3600, by: "Sam Park" },
      13: { media: "video", outcome: "missed", by: "Jess Wu" },
      14: { media: "voice", outcome: "missed", by: "Sam Park" },
      15: { media: "video", outcome: "missed", by: "Jess Wu" },
      16: { media: "voice", outcome: "answered", seconds: 45, by: "Sam Park" },
    },
  },
  {
    // The time's seconds followed by ": ", then the author.
    file: "stamp-shapes/colon-after-seconds.txt",
    zone: "Europe/Helsinki",
    offset: "+03:00",
    title: null,
    participants: ["Liisa Korhonen", "Matti Virtanen"],
    rows: [
      [1, "2018-06-13 21:25:10", null, "system", "Messages to this group are now secured with end-to-end encryption. Tap for more info."],
      [2, "2018-06-13 21:25:15", "Matti Virtanen", "text", "Moi! Mitä kuuluu?"],
      [3, "2018-06-13 21:26:02", "Liisa Korhonen", "text", "Hyvää, kiitos\nEntä sinulle?"],
      [5, "2018-06-13 21:27:40", "Matti Virtanen", "media", "", [{ type: "other" }]],
      [6, "2018-06-14 08:01:00", "Liisa Korhonen", "text", "Huomenta"],
    ],
  },
  {
    // Date with dots and spaces, the author straight after the seconds.
    file: "stamp-shapes/dotted-date-no-separator.txt",
    zone: "Europe/Zagreb",
    offset: "+02:00",
    title: null,
    participants: ["Ivana Horvat", "Marko Kovač"],
    rows: [
      [1, "2018-06-13 21:25:15", "Ivana Horvat", "text", "Bok! Kako si?"],
      [2, "2018-06-13 21:26:40", "Marko Kovač", "text", "Dobro sam, hvala"],
      [3, "2018-06-13 21:27:05", "Ivana Horvat", "text", "Vidimo se sutra u 10:00"],
      [4, "2018-06-14 09:58:30", "Marko Kovač", "text", "Stižem za 5 minuta"],
    ],
  },
  {
    // No comma, and 下午/上午 after the time rather than before it.
    file: "stamp-shapes/cjk-meridiem-after-time.txt",
    zone: "Asia/Hong_Kong",
    offset: "+08:00",
    title: null,
    participants: ["李小明", "陳大文"],
    rows: [
      [1, "2024-01-02 15:04", "陳大文", "text", "你好"],
      [2, "2024-01-02 15:05", "李小明", "text", "收到"],
      [3, "2024-01-03 00:10", "李小明", "text", "晚安"],
      [4, "2024-01-13 11:20", "陳大文", "text", "聽日見"],
    ],
  },
  {
    // A 12-hour clock counting from 0: "00:08 a. m." is just after midnight, "0:40 p. m." just after noon.
    file: "stamp-shapes/zero-hour-meridiem.txt",
    zone: "America/Mexico_City",
    offset: "-06:00",
    title: null,
    participants: ["Andrés Molina", "Sofía Torres"],
    rows: [
      [1, "2024-01-14 23:58", "Sofía Torres", "text", "¿Ya llegaste?"],
      [2, "2024-01-15 00:08", "Andrés Molina", "text", "Sí, ya en casa"],
      [3, "2024-01-15 12:40", "Sofía Torres", "text", "¡Qué bueno!"],
      [4, "2024-01-15 21:15", "Andrés Molina", "text", "Buenas noches"],
    ],
  },
];

function iso(local: string, offset: string): string {
  const withSeconds = local.length === 16 ? `${local}:00` : local;
  return `${withSeconds.replace(" ", "T")}${offset}`;
}

/** Lines that start a message in these fixtures: a date at the start, after U+200E or "[". */
function stampedLines(text: string): number {
  return text.split("\n").filter((l) => /^\u200e?\[?\d{1,4}[/.] ?\d{1,2}[/.] ?\d{2,4}/.test(l)).length;
}

describe.each(cases)("WhatsApp as exported: $file", (c) => {
  it("yields every message, field by field, and no notice as a participant", async () => {
    const { header, messages, summary } = await readOne(join(dir, c.file), c.zone);
    expect(header.title).toBe(c.title);
    expectRows(messages, summary, c.rows, (time) => iso(time, c.offset), (m) => m.edited !== undefined);
    expect(summary.messages).toBe(stampedLines(readFileSync(join(dir, c.file), "utf8")));
    expect(summary.warnings).toEqual([]);
    expect(summary.participants.map((p) => p.name).sort()).toEqual(c.participants);
    const calls: Record<number, Call> = {};
    for (const m of messages as Message[]) if (m.call) calls[m.source.line] = m.call;
    expect(calls).toEqual(c.calls ?? {});
  });
});

async function read(text: string) {
  const { conversations, warnings } = await runSource(whatsapp, text);
  return { messages: conversations[0]!.messages, warnings };
}

const L = "\u200e";

describe("WhatsApp notices on iOS", () => {
  it("keeps a one-to-one partner's own words, and the content people send marked like notices (a poll is an attachment)", async () => {
    const { messages } = await read(
      [
        `[1/15/24, 3:00:00 PM] Tom Wright: ${L}Messages and calls are end-to-end encrypted. No one outside of this chat, not even WhatsApp, can read or listen to them.`,
        "[1/15/24, 3:01:00 PM] Tom Wright: You changed my mind",
        `[1/15/24, 3:02:00 PM] Tom Wright: ${L}Location: https://maps.google.com/?q=51.507400,-0.127800`,
        `[1/15/24, 3:03:00 PM] Tom Wright: ${L}POLL:`,
        "Pub or park?",
        `${L}OPTION: Pub (1 vote)`,
        `[1/15/24, 3:04:00 PM] Tom Wright: ${L}Tom Wright turned on disappearing messages. New messages will disappear from this chat 7 days after they're sent.`,
        "[1/15/24, 3:05:00 PM] Ann: Ann is here now",
      ].join("\n"),
    );
    expect(messages.map((m) => [m.sender, m.kind, m.text])).toEqual([
      [null, "system", "Messages and calls are end-to-end encrypted. No one outside of this chat, not even WhatsApp, can read or listen to them."],
      ["Tom Wright", "text", "You changed my mind"],
      ["Tom Wright", "media", "Location: https://maps.google.com/?q=51.507400,-0.127800"],
      // A poll (issue 10, changed on purpose: it was text): its question and options, U+200E
      // starting a continuation line dropped as for every source line.
      ["Tom Wright", "media", "Pub or park?\nOPTION: Pub (1 vote)"],
      [null, "system", "Tom Wright turned on disappearing messages. New messages will disappear from this chat 7 days after they're sent."],
      ["Ann", "text", "Ann is here now"],
    ]);
  });

  it.each([
    ["fr", "Sophie", L, "Sophie a épinglé un message"],
    ["it", "Giulia", L, "Giulia ha aggiunto Marco"],
    ["nl", "Daan", L, "Daan heeft de groep verlaten"],
    ["en, unmarked (older iOS)", "+1 (777) 777\u20117777", "", "+1 (777) 777\u20117777 joined using this group's invite link"],
  ])("reads an event in the actor's words as a notice (%s)", async (_name, actor, mark, body) => {
    const { messages } = await read(`[1/15/24, 3:04:00 PM] ${actor}: ${mark}${body}\n`);
    expect(messages.map((m) => [m.sender, m.kind, m.text])).toEqual([[null, "system", body]]);
  });
});

describe("WhatsApp notices on Android", () => {
  it("reads notices written under an author as notices, and never makes that author a participant", async () => {
    const { messages } = await read(
      [
        "15.04.2016, 15:04 - Pokemon Chat: Messages and calls are end-to-end encrypted. No one outside of this chat, not even WhatsApp, can read or listen to them.",
        "15.04.2016, 15:05 - Amazon EG: This business uses a secure service from Meta to manage this chat. Tap to learn more.",
        "15.04.2016, 15:06 - Alice changed the group description: bring water",
        "15.04.2016, 15:07 - Alice: Messages are fun: here is why",
        "15.04.2016, 15:08 - Alice: Alice changed my mind",
      ].join("\n"),
    );
    expect(messages.map((m) => [m.sender, m.kind, m.text])).toEqual([
      [null, "system", "Messages and calls are end-to-end encrypted. No one outside of this chat, not even WhatsApp, can read or listen to them."],
      [null, "system", "This business uses a secure service from Meta to manage this chat. Tap to learn more."],
      [null, "system", "Alice changed the group description: bring water"],
      ["Alice", "text", "Messages are fun: here is why"],
      ["Alice", "text", "Alice changed my mind"],
    ]);
  });
});

describe("WhatsApp calls", () => {
  it.each([
    [`${L}Voice call, ${L}1 h 2 min`, { media: "voice", outcome: "answered", seconds: 3720 }],
    [`${L}Video call, ${L}Declined`, { media: "video", outcome: "declined" }],
    [`${L}Videoanruf, ${L}1 Std.`, { media: "video", outcome: "answered", seconds: 3600 }],
    [`${L}Chiamata vocale persa`, { media: "voice", outcome: "missed" }],
    // Words after the head that no table has: a call, how it went unknown rather than guessed.
    [`${L}Voice call, ${L}Ringing elsewhere`, { media: "voice", outcome: "unknown" }],
    ["Missed voice call", { media: "voice", outcome: "missed" }],
  ])("reads %j", async (body, call) => {
    const { messages } = await read(`1/15/24, 3:04 PM - Ann: ${body}\n`);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ kind: "system", sender: null, text: body.replaceAll(L, ""), call: { ...call, by: "Ann" } });
  });

  it("keeps unmarked words that only start like a call as text", async () => {
    const { messages } = await read(["1/15/24, 3:04 PM - Ann: Voice call, later?", "1/15/24, 3:05 PM - Ann: Video call"].join("\n"));
    expect(messages.map((m) => [m.sender, m.kind, m.call])).toEqual([
      ["Ann", "text", undefined],
      ["Ann", "text", undefined],
    ]);
  });
});

describe("WhatsApp edit markers", () => {
  it.each([
    "<This message was edited>",
    "<Diese Nachricht wurde bearbeitet>",
    "<Se editó este mensaje.>",
    "<Este mensaje fue editado>",
    "<Esta mensagem foi editada>",
    "<Mensagem editada>",
    "<Ce message a été modifié>",
    "<Questo messaggio è stato modificato>",
    "<Dit bericht is bewerkt>",
  ])("finds %s", async (marker) => {
    const { messages } = await read(`15/01/2024, 10:00 - Ann: ok ${marker}\n`);
    expect(messages[0]).toMatchObject({ text: "ok", edited: messages[0]!.time });
  });
});

describe("WhatsApp stamp shapes", () => {
  it("does not take a weak shape for a message in a file whose messages have strong ones", async () => {
    const { messages, warnings } = await read("13.06.18, 21:25 - Matti: Katso tätä:\n13.06.18 21.25.15: kokous siirtyi\n");
    expect(messages.map((m) => [m.sender, m.text])).toEqual([["Matti", "Katso tätä:\n13.06.18 21.25.15: kokous siirtyi"]]);
    expect(warnings.map((w) => [w.code, w.line])).toEqual([["unread-line", 2]]);
  });

  it("needs the seconds before taking ': ' or a bare space after the time", async () => {
    const { messages, warnings } = await read("13.06.18 21:25 Matti: moi\n");
    expect(messages).toEqual([]);
    expect(warnings.map((w) => w.code)).toEqual(["orphan-line"]);
  });
});

/**
 * Issue 10, second sweep over real exports (es, de, en-KE, pt-BR, id/jv, he, nl): the "not in
 * contacts" tilde and phone-number direction controls in names, polls, deletions by an admin,
 * the 2016–2020 encryption wordings, and names that hold ": ".
 */
describe("WhatsApp names, polls and old notices as real exports write them", () => {
  const N = "\u202f";
  const S = "\u00a0";
  const H = "\u2011";
  const poll: Attachment[] = [{ type: "poll" }];
  const wild: Case[] = [
    {
      file: "ios-en-ie-not-in-contacts/_chat.txt",
      // Zones without daylight saving, so that one offset fits every row.
      zone: "Atlantic/Reykjavik",
      offset: "+00:00",
      title: "Dublin Harriers",
      // "~ Ciarán" and "Ciarán" (saved as a contact later) are one person; a name may hold ": ".
      participants: [`+353${S}87${S}555${S}0142`, ".", "Aoife Byrne", "Ciarán", "Niamh", "Tomás: Road Warrior"],
      rows: [
        [1, "2021-06-09 19:03:25", null, "system", "Messages and calls are end-to-end encrypted. No one outside of this chat, not even WhatsApp, can read or listen to them."],
        [2, "2021-06-09 19:03:25", null, "system", "Aoife Byrne created this group"],
        [3, "2023-02-07 12:22:28", null, "system", "You joined using this group's invite link"],
        [4, "2023-02-07 12:30:00", "Aoife Byrne", "text", "Welcome! Long run on Sunday, 9am at the gates"],
        [5, "2023-02-07 12:31:10", "Ciarán", "text", "Count me in"],
        // A number shown as a name loses its direction controls, keeps its own spaces.
        [6, "2023-02-07 12:32:00", `+353${S}87${S}555${S}0142`, "media", "", [{ type: "photo" }]],
        [7, "2023-02-07 12:33:00", null, "system", `Aoife Byrne added +353${S}87${S}555${S}0142`],
        [8, "2023-02-07 12:40:00", "Ciarán", "text", "Saved you all as contacts now"],
        [9, "2023-02-08 09:00:00", "Aoife Byrne", "media", `Which route on Sunday?\nOPTION: Phoenix Park loop (5${S}votes)\nOPTION: Dodder trail (2${S}votes)\nOPTION: Howth cliffs (1${S}vote)`, poll],
        // Deleted by an admin: the author's message, the words as written.
        [14, "2023-02-08 10:00:00", "Niamh", "deleted", `This message was deleted by admin ~${N}Aoife Byrne.`],
        [15, "2023-02-08 18:40:44", null, "system", "Tomás: Road Warrior joined using this group's invite link"],
        [16, "2023-02-08 18:41:00", "Tomás: Road Warrior", "text", "Hi all, new here"],
        [17, "2023-02-08 18:42:00", "Tomás: Road Warrior", "deleted", "This message was deleted."],
        [18, "2023-02-08 18:43:00", "Tomás: Road Warrior", "text", "Pace: easy please"],
        // A caption ending in ":" before the attachment does not move the author's end.
        [19, "2023-02-08 18:44:00", "Niamh", "media", "Route map:", [{ type: "photo", name: "00000019-PHOTO-2023-02-08-18-44-00.jpg" }]],
        [20, "2023-02-09 07:15:00", ".", "text", "ok"],
        // A tilde in someone's words stays.
        [21, "2023-02-09 07:16:00", "Niamh", "text", "~ is the key next to 1 on my keyboard"],
        [22, "2023-02-09 08:32:05", null, "system", `+353${S}87${S}555${S}0142 changed their phone number to a new number. Tap to message or add the new number.`],
        [23, "2023-02-09 09:00:00", null, "system", "Niamh left"],
      ],
    },
    {
      file: "ios-de-not-in-contacts-polls/_chat.txt",
      zone: "Etc/GMT-1",
      offset: "+01:00",
      title: "Klasse 3B 📚",
      participants: [`+43${S}660${S}1234567`, "Felix", "Jonas", "Marie"],
      rows: [
        [1, "2023-09-27 09:18:41", null, "system", "Nachrichten und Anrufe sind Ende-zu-Ende-verschlüsselt. Niemand außerhalb dieses Chats kann sie lesen oder anhören, nicht einmal WhatsApp."],
        [2, "2023-09-27 09:18:41", null, "system", "Lukas hat die Gruppe erstellt."],
        [3, "2023-09-27 09:20:59", null, "system", "Lukas hat dich hinzugefügt."],
        [4, "2023-09-27 15:35:35", "Felix", "media", "", [{ type: "sticker" }]],
        [5, "2023-09-27 15:36:00", "Felix", "text", "Wer hat die Mathe-Hausübung?"],
        [6, "2023-09-27 15:37:12", "Jonas", "text", "Ich, schick ich gleich"],
        [7, "2023-11-16 08:12:42", "Felix", "media", `Wann lernen wir für die Schularbeit?\nOPTION: Montag nach der Schule (12${S}Stimmen)\nOPTION: Dienstag in der Früh (1${S}Stimme)\nOPTION: Gar nicht (0${S}Stimmen)`, poll],
        [12, "2023-11-16 08:13:00", "Felix", "text", "Hab euch jetzt alle eingespeichert"],
        // A group's voice chat: a call; who joined does not hide its length.
        [13, "2024-03-07 09:24:48", null, "system", `Sprachchat. 2${S}Sek. • 1 beigetreten`],
        [14, "2024-07-18 12:38:44", "Marie", "deleted", "Diese Nachricht wurde von Admin Lukas gelöscht."],
        [15, "2024-07-18 12:39:00", `+43${S}660${S}1234567`, "text", "Hallo, bin neu hier"],
        [16, "2024-09-16 08:35:39", "Marie", "media", "", [{ type: "contact" }]],
        // "‎Du": the exporter, its mark dropped, opening its own notice.
        [17, "2024-11-24 22:56:52", null, "system", "Du hast eine Nachricht fixiert."],
      ],
      calls: { 13: { media: "voice", outcome: "answered", seconds: 2, by: "Marie" } },
    },
    {
      file: "ios-pt-br-2019-phone-numbers/_chat.txt",
      zone: "America/Fortaleza",
      offset: "-03:00",
      // The 2017 wording of the encryption notice names the group.
      title: "Trilha na Serra",
      participants: [`+55${S}21${S}99876${H}5432`, `+55${S}31${S}9812${H}3456`, `+55${S}41${S}98765${H}4321`, "Paulo Mendes"],
      rows: [
        [1, "2017-11-08 10:47:45", null, "system", "As mensagens deste grupo estão protegidas com a criptografia de ponta a ponta."],
        [2, "2017-11-08 10:47:45", null, "system", `+55${S}31${S}9812${H}3456 criou este grupo`],
        [3, "2019-09-10 20:16:30", null, "system", "+55 31 9812-3456 adicionou você"],
        [4, "2019-09-10 20:34:32", `+55${S}31${S}9812${H}3456`, "media", "", [{ type: "photo" }]],
        [5, "2019-09-10 20:40:00", `+55${S}21${S}99876${H}5432`, "text", "Bom dia, pessoal!\n*Partiu trilha no sábado*"],
        [7, "2019-09-11 22:18:58", `+55${S}21${S}99876${H}5432`, "deleted", "Essa mensagem foi apagada."],
        [8, "2019-09-12 08:00:00", null, "system", `+55${S}41${S}98765${H}4321 entrou usando o link de convite deste grupo`],
        [9, "2019-09-13 16:21:22", null, "system", "+55 31 9812-3456 adicionou +55 11 91234-5678, +55 71 99988-7766 e +55 85 98111-2233"],
        [10, "2019-09-13 17:00:00", `+55${S}41${S}98765${H}4321`, "text", "Valeu por me adicionar"],
        [11, "2019-09-14 09:00:00", null, "system", `+55${S}41${S}98765${H}4321 saiu`],
        [12, "2019-09-14 22:27:01", null, "system", `+55 31 9812-3456 removeu +55${S}21${S}99876${H}5432`],
        [13, "2019-09-15 07:30:00", "Paulo Mendes", "text", "Quem leva a lanterna?"],
      ],
    },
  ];

  describe.each(wild)("$file", (c) => {
    it("yields every message, field by field, one participant a person", async () => {
      const { header, messages, summary } = await readOne(join(dir, c.file), c.zone);
      expect(header.title).toBe(c.title);
      expectRows(messages, summary, c.rows, (time) => iso(time, c.offset));
      expect(summary.messages).toBe(stampedLines(readFileSync(join(dir, c.file), "utf8")));
      expect(summary.warnings).toEqual([]);
      expect(summary.participants.map((p) => p.name).sort()).toEqual(c.participants);
      const calls: Record<number, Call> = {};
      for (const m of messages as Message[]) if (m.call) calls[m.source.line] = m.call;
      expect(calls).toEqual(c.calls ?? {});
    });
  });

  it("drops the contact marker however it is spaced, and the direction controls around a name", async () => {
    const { messages } = await read(
      [
        `[1/15/24, 3:00:00 PM] ~${N}Ann: a`,
        "[1/15/24, 3:01:00 PM] ~ Ann: b",
        `[1/15/24, 3:02:00 PM] ~${S}Ann: c`,
        "[1/15/24, 3:03:00 PM] \u2068Ann\u2069: d",
        "[1/15/24, 3:04:00 PM] ~Ann: e",
        `[1/15/24, 3:05:00 PM] ~${N}: f`,
      ].join("\n"),
    );
    // A tilde without its space is the person's own; a name that is only the marker stays as written.
    expect(messages.map((m) => [m.sender, m.text])).toEqual([
      ["Ann", "a"],
      ["Ann", "b"],
      ["Ann", "c"],
      ["Ann", "d"],
      ["~Ann", "e"],
      [`~${N}`, "f"],
    ]);
  });

  it.each([
    ["en", "This message was deleted by admin Ann."],
    ["de", "Diese Nachricht wurde von Admin Ann gelöscht."],
    ["de, Android", "Diese Nachricht wurde von Admin Ann gelöscht"],
    ["es", "Este mensaje fue eliminado por el admin Ann."],
    ["pt-BR", "Esta mensagem foi apagada pelo admin Ann."],
    ["id", "Pesan ini dihapus oleh admin Ann."],
    ["it", "Questo messaggio è stato eliminato dall'amministratore Ann."],
    ["fr", "Ce message a été supprimé par l'admin Ann."],
    ["nl", "Dit bericht is verwijderd door beheerder Ann."],
    ["pt-BR, 2017–2019", "Essa mensagem foi apagada."],
  ])("reads a deletion (%s) as deleted, under its author", async (_lang, words) => {
    const { messages } = await read(`[15.01.24, 15:04:00] Bob: ${L}${words}\n`);
    expect(messages.map((m) => [m.sender, m.kind, m.text])).toEqual([["Bob", "deleted", words]]);
  });

  it("keeps words that only start like a deletion by an admin", async () => {
    const { messages } = await read(`[15.01.24, 15:04:00] Bob: Diese Nachricht wurde von Admin Ann geschrieben\n`);
    expect(messages.map((m) => [m.sender, m.kind])).toEqual([["Bob", "text"]]);
  });

  it.each([
    ["en, group", "Messages to this group are secured with end-to-end encryption. Tap for more info."],
    ["de, chat", "Nachrichten in diesem Chat sowie Anrufe sind jetzt mit Ende-zu-Ende-Verschlüsselung geschützt. Tippe für mehr Infos."],
    ["de, group", "Nachrichten, die Sie an diese Gruppe senden, sind jetzt mit Ende-zu-Ende-Verschlüsselung geschützt."],
    ["es, group", "Los mensajes en este grupo ahora están protegidos con cifrado de extremo a extremo. Toca para más información."],
    ["es, chat", "Los mensajes y llamadas en este chat ahora están protegidos con cifrado de extremo a extremo."],
    ["pt-BR, chat", "As mensagens que você enviar para esta conversa e chamadas estão protegidas com a criptografia de ponta a ponta."],
    ["pt-BR, group", "As mensagens enviadas a este grupo estão agora protegidas com a criptografia de ponta-a-ponta."],
    ["id, group", "Pesan-pesan yang dikirim ke grup ini kini diamankan dengan enkripsi end-to-end. Ketuk untuk info selengkapnya."],
    ["it, chat", "I messaggi che invii in questa chat e le chiamate sono ora protetti con la crittografia end-to-end."],
    ["fr, group", "Les messages envoyés dans ce groupe sont désormais protégés avec le chiffrement de bout en bout."],
    ["nl, group", "Berichten die naar deze groep worden verzonden, zijn nu beveiligd met end-to-end encryptie."],
    // No table has it: marked, and the file's first message, naming end-to-end encryption.
    ["sv, wording no table has", "Meddelanden till den här gruppen är nu skyddade med end-to-end-kryptering."],
  ])("reads an old encryption notice (%s) as a notice that names the chat", async (_lang, words) => {
    const lines = [`[15.01.18, 15:04:00] Book Club: Autumn Reads: ${L}${words}`, "[15.01.18, 15:05:00] Bob: Hi"];
    expect(whatsapp.detect({ name: "_chat.txt", lines })?.title).toBe("Book Club: Autumn Reads");
    const { messages } = await read(lines.join("\n"));
    expect(messages.map((m) => [m.sender, m.kind, m.text])).toEqual([
      [null, "system", words],
      ["Bob", "text", "Hi"],
    ]);
  });

  it("needs the mark and the first place before taking unknown words about encryption for the notice", async () => {
    const { messages } = await read(
      [`[15.01.18, 15:04:00] Bob: We use end-to-end encryption`, `[15.01.18, 15:05:00] Ann: ${L}Meddelanden är skyddade med end-to-end-kryptering.`].join("\n"),
    );
    expect(messages.map((m) => [m.sender, m.kind])).toEqual([
      ["Bob", "text"],
      ["Ann", "text"],
    ]);
  });

  it("reads a poll written without marks (Android) and in other UI languages", async () => {
    const { messages } = await read(
      [
        "15/01/2024, 10:00 - Ana: POLL:",
        "Pizza or tacos?",
        "OPTION: Pizza (3 votes)",
        "OPTION: Tacos (0 votes)",
        "15/01/2024, 10:01 - Ana: ENCUESTA:",
        "¿Dónde comemos?",
        `OPCIÓN: Aquí (1${S}voto)`,
        "15/01/2024, 10:02 - Ana: POLL:",
        "is what I call this",
        "15/01/2024, 10:03 - Ana: POLL: pizza?",
        "OPTION: Pizza (3 votes)",
      ].join("\n"),
    );
    expect(messages.map((m) => [m.sender, m.kind, m.text, m.attachments])).toEqual([
      ["Ana", "media", "Pizza or tacos?\nOPTION: Pizza (3 votes)\nOPTION: Tacos (0 votes)", poll],
      ["Ana", "media", `¿Dónde comemos?\nOPCIÓN: Aquí (1${S}voto)`, poll],
      // Without option lines, or with more than the head on its line, the words are someone's.
      ["Ana", "text", "POLL:\nis what I call this", null],
      ["Ana", "text", "POLL: pizza?\nOPTION: Pizza (3 votes)", null],
    ]);
  });

  it("splits at a later ': ‎' only near the start and never before an attachment tag", async () => {
    const { messages } = await read(
      [
        `[1/15/24, 3:00:00 PM] Ann: Look: ${L}<attached: 00000001-PHOTO-2024-01-15-15-00-00.jpg>`,
        `[1/15/24, 3:01:00 PM] Ann: ${"x".repeat(120)}: ${L}image omitted`,
        `[1/15/24, 3:02:00 PM] Ann: Ok`,
      ].join("\n"),
    );
    expect(messages.map((m) => [m.sender, m.kind, m.text])).toEqual([
      ["Ann", "media", "Look:"],
      ["Ann", "text", `${"x".repeat(120)}: ${L}image omitted`],
      ["Ann", "text", "Ok"],
    ]);
  });
});
