import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { rng } from "./kakao-export.js";
import { megabyteWrites, pick, sentence as words } from "./telegram-json.js";

const NAMES = ["민지", "준호", "Alex", "Alex", "소라", "Jisoo \"JS\" Choi", "정우 🐻", "mika", "Theo", "Hana"];
const WORDS = [
  "안녕", "내일", "코딩", "배포", "리뷰", "좋아요", "ㅋㅋㅋ", "진짜", "hello", "see", "you", "tomorrow", "great",
  "merge", "coffee", "🎉", "😂", "👍", ":thisisfine:", "@민지", "C:\\repo\\", "\"quoted\"", "{braces}", "[brackets]",
];
/** 2^22: a snowflake's milliseconds start above its 22 bits of worker, process and increment. */
const SNOWFLAKE_SHIFT = 4_194_304n;
const DISCORD_EPOCH = 1_420_070_400_000;

type Value = string | number | boolean | null | Value[] | { [key: string]: Value };

const sentence = (next: () => number) => words(next, WORDS);

/** DCE's time: the exporting PC's offset (here +09:00), milliseconds. */
function iso(ms: number): string {
  return `${new Date(ms + 9 * 3_600_000).toISOString().slice(0, 23)}+09:00`;
}

function snowflake(ms: number, n: number): string {
  return (BigInt(ms - DISCORD_EPOCH) * SNOWFLAKE_SHIFT + BigInt(n % 4096)).toString();
}

/** The same user object for the same id, as DCE writes it (`roles` only for authors). */
function user(index: number, roles: boolean): { [key: string]: Value } {
  const id = (300_000_000_000_000_000n + BigInt(index) * 7_919n).toString();
  const u: { [key: string]: Value } = { id, name: `user${index}`, discriminator: index % 3 === 0 ? "0000" : String(1000 + index), nickname: NAMES[index]!, color: null, isBot: index === 7 };
  if (roles) u.roles = [];
  u.avatarUrl = `https://cdn.discordapp.com/embed/avatars/${index % 6}.png`;
  return u;
}

function message(next: () => number, n: number, time: number, previous: string[]): { [key: string]: Value } {
  const roll = next();
  const author = Math.floor(next() * NAMES.length);
  const id = snowflake(time, n);
  let type = "Default";
  let content = sentence(next);
  let callEnded: string | null = null;
  if (roll < 0.01) [type, content] = ["GuildMemberJoin", "Joined the server."];
  else if (roll < 0.015) [type, content] = ["ChannelPinnedMessage", "Pinned a message."];
  else if (roll < 0.018) [type, content, callEnded] = ["Call", "Started a call that lasted 3 minutes.", iso(time + 180_000)];
  else if (roll < 0.1 && previous.length > 0) type = "Reply";
  const m: { [key: string]: Value } = {
    id,
    type,
    timestamp: iso(time),
    timestampEdited: next() < 0.04 ? iso(time + 60_000) : null,
    callEndedTimestamp: callEnded,
    isPinned: false,
    content,
    author: user(author, true),
    attachments: [],
    embeds: [],
    stickers: [],
    reactions: [],
    mentions: [],
  };
  if (roll >= 0.1 && roll < 0.16) {
    const file = pick(next, ["photo.png", "clip.mp4", "notes.pdf", "voice-message.ogg"]);
    m.attachments = [{ id: snowflake(time, n + 1), url: `https://cdn.discordapp.com/attachments/1012224565567875236/${id}/${file}?ex=66023e11&is=65efc911&hm=a9c4`, fileName: file, fileSizeBytes: Math.floor(next() * 5_000_000) }];
  } else if (roll >= 0.16 && roll < 0.18) {
    m.embeds = [{ title: "A link's card", url: "https://example.com/page", timestamp: null, description: sentence(next), color: "#5865F2", images: [], fields: [], inlineEmojis: [] }];
  } else if (roll >= 0.18 && roll < 0.19) {
    m.stickers = [{ id: "749054660769218631", name: "Wave", format: "Png", sourceUrl: "https://media.discordapp.net/stickers/749054660769218631.png" }];
  }
  if (next() < 0.06) {
    const by = user(Math.floor(next() * NAMES.length), false);
    m.reactions = [{ emoji: { id: "", name: "👍", code: "thumbsup", isAnimated: false, imageUrl: "https://cdn.jsdelivr.net/gh/twitter/twemoji@latest/assets/svg/1f44d.svg" }, count: 2, users: [by] }];
  }
  if (type === "Reply") m.reference = { type: "Default", messageId: pick(next, previous), channelId: "1012224565567875236", guildId: "748545324524575035" };
  m.inlineEmojis = [];
  return m;
}

/** DCE's layout (System.Text.Json, Indented): two spaces a level, `"key": value`, `[]` when empty. */
function indented(value: Value, depth: number): string {
  return JSON.stringify(value, null, 2).replaceAll("\n", `\n${" ".repeat(depth)}`);
}

/** A seeded DiscordChatExporter JSON export of a server channel with `messages` messages, written as it is generated (never held whole). */
export async function writeDiscordExport(path: string, messages: number, seed = 42): Promise<void> {
  const next = rng(seed);
  const out = createWriteStream(path);
  const write = megabyteWrites(out);
  const guild = { id: "748545324524575035", name: "코딩 모임", iconUrl: "https://cdn.discordapp.com/icons/748545324524575035/a1b2c3d4.png?size=512" };
  const channel = { id: "1012224565567875236", type: "GuildTextChat", categoryId: "1012224565567721551", category: "Text Channels", name: "general", topic: null };
  await write(`{\n  "guild": ${indented(guild, 2)},\n  "channel": ${indented(channel, 2)},\n  "dateRange": ${indented({ after: null, before: null }, 2)},\n`);
  await write(`  "exportedAt": "2024-03-05T18:12:40.1182931+09:00",\n  "messages": [`);
  let time = Date.UTC(2019, 0, 1);
  const recent: string[] = [];
  for (let i = 0; i < messages; i++) {
    time += Math.floor(next() * 120_000);
    const m = message(next, i, time, recent);
    recent.push(m.id as string);
    if (recent.length > 50) recent.shift();
    await write(`${i > 0 ? "," : ""}\n    ${indented(m, 4)}`);
  }
  await write(`\n  ],\n  "messageCount": ${messages}\n}`, true);
  out.end();
  await once(out, "finish");
}
