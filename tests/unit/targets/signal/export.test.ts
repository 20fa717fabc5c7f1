// Issue 15, section 2: the Signal export keeps every message through signalbackup-tools.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { translator, type Lang } from "../../../../src/i18n/index.js";
import { readConversations } from "../../../../src/pipeline.js";
import { writeSignalExport, type SignalExport } from "../../../../src/targets/signal/export.js";
import { mappingKeys } from "../../../../src/targets/signal/guide.js";
import { NOTICES_ID } from "../../../../src/targets/signal/profile.js";
import { png } from "../../../helpers/png.js";
import { readOne, type ReadConversation } from "../../../helpers/read.js";

const fixtures = join(import.meta.dirname, "../../../fixtures");
const ZONE = "Asia/Seoul";
const tmp = mkdtempSync(join(tmpdir(), "chatferry-signal-export-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

type Entry = { [key: string]: unknown; id?: number; type: string; from: string; from_id: string; date_unixtime: string; text: string; text_entities: { text: string }[] };
interface Exported {
  dir: string;
  result: SignalExport;
  chat: { name: string; type: string; id: number; messages: Entry[] };
  source: ReadConversation;
}

async function signalExport(input: string, lang: Lang = "en"): Promise<Exported> {
  const dir = join(mkdtempSync(join(tmp, "export-")), "out");
  let result: SignalExport | undefined;
  for await (const conversation of readConversations(input, { timezone: ZONE })) result = await writeSignalExport(conversation, dir, { t: translator(lang) });
  const chat = JSON.parse(readFileSync(join(dir, "result.json"), "utf8")) as Exported["chat"];
  return { dir, result: result!, chat, source: await readOne(input, ZONE) };
}

/** The records that are messages of their own: the others carry a message's further files and have no id. */
const own = (chat: Exported["chat"]) => chat.messages.filter((m) => m.id !== undefined);
const file = (m: Entry) => (m.photo ?? m.file) as string | undefined;

/** What signalbackup-tools needs of every record to keep it (targets/signal/profile.ts lists its rules). */
function expectKept(e: Exported): void {
  const messages = own(e.chat);
  expect(messages).toHaveLength(e.source.summary.messages);
  messages.forEach((m, i) => {
    const source = e.source.messages[i]!;
    expect(m.type).toBe("message");
    expect(m.poll).toBeUndefined();
    expect(m.forwarded_from).toBeUndefined();
    expect(m.from).not.toBe("");
    expect(m.from_id).toMatch(/^user\d+$/);
    // The instant is the source's, to the second; the milliseconds only order one second's messages.
    expect(Math.floor(Number(m.date_unixtime) / 1000) * 1000).toBe(Date.parse(source.time));
    const body = m.text_entities.map((t) => t.text).join("");
    expect(body).toBe(m.text);
    if (body === "") {
      // No text: then a file that is there, not empty, with a type the tool does not have to guess.
      expect(file(m)).toBeDefined();
      expect(statSync(join(e.dir, file(m)!)).size).toBeGreaterThan(0);
      expect(m.mime_type).toEqual(expect.any(String));
    }
  });
  // No two messages share an instant, so the tool folds none into another and keeps their order.
  const instants = messages.map((m) => Number(m.date_unixtime));
  expect(new Set(instants).size).toBe(instants.length);
  expect([...instants].sort((a, b) => a - b)).toEqual(instants);
}

describe("signal export of a KakaoTalk 1:1 chat with emoticon placeholders (the 2 of 7 that signalbackup-tools deleted)", () => {
  it("keeps all 7 messages, each from its sender at its instant, the placeholders as text in the user's language", async () => {
    const e = await signalExport(join(fixtures, "kakaotalk/android-ko-2013-noon.txt"), "ko");
    expect(e.source.summary.messages).toBe(7);
    expectKept(e);
    expect(e.chat.type).toBe("personal_chat");
    const messages = own(e.chat);
    expect(messages.map((m) => [m.from, m.text])).toEqual([
      ["민지", "점심 뭐 먹지"],
      ["서준", "[이모티콘]"],
      ["민지", "벌써 12시네"],
      ["서준", "배고파\n[이모티콘]"],
      ["민지", "이모티콘 잘자"],
      ["서준", "자정이다"],
      ["민지", "[이모티콘]"],
    ]);
    // One from_id a person, the same in every message and in every run.
    const ids = new Map(messages.map((m) => [m.from, m.from_id]));
    expect(ids.size).toBe(2);
    for (const m of messages) expect(m.from_id).toBe(ids.get(m.from));
    const again = await signalExport(join(fixtures, "kakaotalk/android-ko-2013-noon.txt"), "ko");
    expect(own(again.chat).map((m) => m.from_id)).toEqual(messages.map((m) => m.from_id));
    expect(e.result.people).toEqual([...ids].map(([name, id]) => ({ id, name, wrote: true })));
    // Two messages in the minute of noon: one millisecond apart, in the export's order.
    expect(messages[1]!.date_unixtime).toBe("1361502000000");
    expect(messages[2]!.date_unixtime).toBe("1361502000001");
    // Read back by ChatFerry, which takes milliseconds as signalbackup-tools does: the same people at the same times.
    const back = await readOne(e.dir, ZONE);
    expect(back.messages.map((m) => [m.time, m.sender])).toEqual(e.source.messages.map((m) => [m.time, m.sender]));
  });

  it("writes the placeholders in English for an English user", async () => {
    const e = await signalExport(join(fixtures, "kakaotalk/android-ko-2013-noon.txt"), "en");
    expect(own(e.chat).map((m) => m.text)).toContain("[Emoticon]");
  });
});

describe("signal export of a WhatsApp chat with <Media omitted>, a deletion and the encryption notice", () => {
  it("keeps every message: the media as text, the notice as a message from the notices' sender", async () => {
    const e = await signalExport(join(fixtures, "whatsapp/WhatsApp Chat with Alice Chen.txt"));
    expect(e.source.summary.messages).toBe(8);
    expectKept(e);
    const messages = own(e.chat);
    expect(messages[0]).toMatchObject({ from: "Notices", from_id: NOTICES_ID, text: expect.stringMatching(/^\[Notice\] Messages and calls are end-to-end encrypted/) });
    expect(messages[4]).toMatchObject({ from: "Alice Chen", text: "[Media]" });
    expect(messages[5]).toMatchObject({ from: "Alice Chen", text: "This message was deleted" });
    expect(e.result.people.map((p) => p.id)).toContain(NOTICES_ID);
  });
});

describe("signal export of a Telegram chat with media, a poll, a location, a contact, a forward, reactions and notices", () => {
  it("copies every file the input has, typed, and writes what the tool would skip as text", async () => {
    const e = await signalExport(join(fixtures, "telegram/chat"));
    expectKept(e);
    expect(e.chat.type).toBe("private_group");
    const messages = own(e.chat);
    const byText = (text: string) => messages.find((m) => m.text.includes(text))!;
    // Media present in the input: in the folder, byte for byte, with a MIME type.
    const files = messages.filter((m) => file(m) !== undefined);
    expect(files.map((m) => [file(m), m.mime_type])).toEqual([
      ["photos/photo_1@01-01-2024_00-05-00.jpg", "image/jpeg"],
      ["files/trail-map.pdf", "application/pdf"],
      ["stickers/sticker.webp", "image/webp"],
      ["voice_messages/audio_1@01-01-2024_00-08-00.ogg", "audio/ogg"],
      ["video_files/IMG_0420.MOV", "video/quicktime"],
    ]);
    for (const m of files) expect(readFileSync(join(e.dir, file(m)!))).toEqual(readFileSync(join(fixtures, "telegram/chat", file(m)!)));
    expect(e.result.media).toBe(5);
    // A voice message stays a voice note.
    expect(files[3]!.media_type).toBe("voice_message");
    // Missing media, the poll, the location and the contact: text, never a field the tool drops.
    expect(byText("Ridge walk").text).toBe("Ridge walk\n[Video: ridge.mp4]");
    expect(byText("Next trail?").text).toBe("Next trail?\n[Poll]");
    expect(byText("Location: 37.658").text).toBe("Location: 37.658, 126.978\n[Location]");
    expect(byText("Park Guide").text).toBe("Contact: Park Guide, +82 10 1234 5678\n[Contact]");
    expect(byText("Trails reopen").text.split("\n")[0]).toBe("Forwarded from Hiking News");
    expect(messages.filter((m) => m.from_id === NOTICES_ID).map((m) => m.text)).toEqual([
      '[Notice] Mina Kim created group "Weekend Hikers"',
      "[Notice] Mina Kim invited Jisoo Choi",
      "[Notice] Mina Kim pinned a message",
      "[Notice] Jisoo Choi left the group",
    ]);
    // Reactors are people to map too; one who never wrote is found by id only.
    const reactions = byText("Hola!").reactions as { recent: { from: string; from_id: string }[] }[];
    for (const r of reactions.flatMap((x) => x.recent)) expect(e.result.people).toContainEqual(expect.objectContaining({ id: r.from_id, name: r.from }));
  });
});

describe("signal export of a message with several files", () => {
  it("puts each further file on a record of the message's sender and instant, without text, which the tool folds into the message", async () => {
    const input = join(mkdtempSync(join(tmp, "multi-")), "export");
    const HEX1 = "3f1c2b9e8d7a6f5e4d3c2b1a0f9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e.jpg";
    const HEX2 = "9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b.jpg";
    mkdirSync(input);
    copyFileSync(join(fixtures, "kakaotalk/android-ko.txt"), join(input, "KakaoTalkChats.txt"));
    writeFileSync(join(input, HEX1), png(4, 4));
    writeFileSync(join(input, HEX2), png(8, 8));
    const e = await signalExport(input, "ko");
    expectKept(e);
    const at = e.chat.messages.findIndex((m) => file(m)?.endsWith(HEX1));
    const [message, further] = [e.chat.messages[at]!, e.chat.messages[at + 1]!];
    expect(further).toEqual({
      type: "message",
      date: message.date,
      date_unixtime: message.date_unixtime,
      from: message.from,
      from_id: message.from_id,
      text: "",
      text_entities: [],
      photo: expect.stringMatching(new RegExp(`${HEX2}$`)),
      mime_type: "image/jpeg",
    });
    expect(message.reply_to_message_id).toBeUndefined();
    expect(e.result.records).toBe(e.source.summary.messages + 1);
    expect(e.result.media).toBe(2);
  });
});

describe("the guide beside the export", () => {
  it("in Korean: the commands filled in with this chat's file, people and id", async () => {
    const e = await signalExport(join(fixtures, "kakaotalk/android-ko-2013-noon.txt"), "ko");
    expect(e.result.guide).toBe(join(e.dir, "시그널-안내.txt"));
    const guide = readFileSync(e.result.guide, "utf8");
    const json = `"${join(e.dir, "result.json")}"`;
    const map = `"민지=<id>,서준=<id>,${e.result.chatId}=<id>"`;
    expect(guide).toContain(`signalbackup-tools --listjsonchats ${json}`);
    expect(guide).toContain("signalbackup-tools signal.backup --listrecipients");
    expect(guide).toContain(`signalbackup-tools signal.backup --jsonshowcontactmap ${json} --mapjsoncontacts ${map}`);
    expect(guide).toContain(`signalbackup-tools signal.backup --importtelegram ${json} --mapjsoncontacts ${map} -o new.backup`);
    expect(guide).toContain("\"민지\" 대화 하나가 항목 7개");
    expect(guide).toContain("아이폰용 시그널은 안드로이드에서 만든 백업을 복원하지 못합니다");
    expect(guide).toContain("연락처나 그룹을 새로 만들지 못합니다");
    // No passphrase is ever written into it.
    expect(guide).not.toMatch(/\d{30}/);
  });

  it("in English: the notices' sender and the chat id to map, and a name the command line cannot carry by its id", async () => {
    const input = join(mkdtempSync(join(tmp, "names-")), "WhatsApp Chat with Q.txt");
    writeFileSync(
      input,
      "15/01/2024, 09:12 - Messages and calls are end-to-end encrypted. No one outside of this chat, not even WhatsApp, can read or listen to them. Tap to learn more.\n" +
        "15/01/2024, 09:13 - Ann, the \"Boss\": Hi\n15/01/2024, 09:14 - Tom Wright: Hello\n",
    );
    const e = await signalExport(input, "en");
    expect(e.result.guide).toBe(join(e.dir, "SIGNAL-GUIDE.txt"));
    const guide = readFileSync(e.result.guide, "utf8");
    const boss = e.result.people.find((p) => p.name === 'Ann, the "Boss"')!;
    const map = `"Notices=<id>,${boss.id}=<id>,Tom Wright=<id>,${e.result.chatId}=<id>"`;
    expect(guide).toContain(`--importtelegram "${join(e.dir, "result.json")}" --mapjsoncontacts ${map} -o new.backup`);
    expect(guide).toContain(`- Notices: your own id`);
    expect(guide).toContain(`- ${e.result.chatId}: this conversation`);
    expect(guide).toContain(`- ${boss.id} stands for Ann, the "Boss"`);
    expect(guide).toContain("Signal on iPhone cannot restore a backup made on Android");
  });

  it("keys a person by name only where the tool can find them by it and no one else has it", () => {
    const keys = mappingKeys([
      { id: "user1", name: "Mina", wrote: true },
      { id: "user2", name: "Only reacted", wrote: false },
      { id: "user3", name: "Twin", wrote: true },
      { id: "user4", name: "Twin", wrote: true },
      { id: "user5", name: "$HOME", wrote: true },
      { id: "user6", name: "a=b", wrote: true },
      { id: "user7", name: " padded", wrote: true },
    ]);
    expect([...keys.values()]).toEqual(["Mina", "user2", "user3", "user4", "user5", "user6", "user7"]);
  });

  it("refuses to replace an older guide without --force, before writing anything", async () => {
    const e = await signalExport(join(fixtures, "kakaotalk/android-ko-2013-noon.txt"), "en");
    rmSync(join(e.dir, "result.json"));
    let failure: unknown;
    for await (const conversation of readConversations(join(fixtures, "kakaotalk/android-ko-2013-noon.txt"), { timezone: ZONE })) {
      failure = await writeSignalExport(conversation, e.dir, { t: translator("en") }).catch((err: unknown) => err);
    }
    expect(failure).toMatchObject({ code: "E_EXISTS" });
    expect(existsSync(join(e.dir, "result.json"))).toBe(false);
  });
});
