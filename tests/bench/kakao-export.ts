import { createWriteStream } from "node:fs";
import { once } from "node:events";

/** Deterministic PRNG (mulberry32): the same seed writes the same file. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NAMES = ["김민지", "이하은", "박서준", "산타는 곰돌이", "Mina Kim", "Haeun Lee", "정우 🐻", "최 [지수]"];
const WORDS = [
  "안녕", "내일", "산행", "국밥", "사진", "좋아요", "ㅋㅋㅋ", "진짜", "오늘", "회의", "점심", "언제", "어디서",
  "hello", "see", "you", "tomorrow", "great", "trail", "coffee", "🎉", "😂", "👍", "🍜", "⛰️", ":", "5시",
];

/** 2 to 11 words drawn from `words`. */
export function sentence(next: () => number, words: readonly string[] = WORDS): string {
  const n = 2 + Math.floor(next() * 10);
  const picked: string[] = [];
  for (let i = 0; i < n; i++) picked.push(words[Math.floor(next() * words.length)]!);
  return picked.join(" ");
}

function stamp(d: Date): string {
  const h = d.getUTCHours();
  const word = h < 12 ? "오전" : "오후";
  const h12 = h % 12 === 0 ? 12 : h % 12;
  return `${d.getUTCFullYear()}년 ${d.getUTCMonth() + 1}월 ${d.getUTCDate()}일 ${word} ${h12}:${String(d.getUTCMinutes()).padStart(2, "0")}`;
}

/** A KakaoTalk Android (Korean) export with `messages` messages: ~10% multi-line, some media and notices. */
export async function writeKakaoAndroid(path: string, messages: number, seed = 42): Promise<void> {
  const next = rng(seed);
  const out = createWriteStream(path);
  const write = async (s: string) => {
    if (!out.write(s)) await once(out, "drain");
  };
  await write("주말 등산 모임 8 카카오톡 대화\n저장한 날짜 : 2024년 1월 2일 오후 11:10\n\n\n");
  let time = Date.UTC(2019, 0, 1, 9, 0);
  let day = -1;
  let buffer = "";
  for (let i = 0; i < messages; i++) {
    time += Math.floor(next() * 8) * 60_000;
    const d = new Date(time);
    const today = Math.floor(time / 86_400_000);
    if (today !== day) {
      buffer += `${day === -1 ? "" : "\n"}${stamp(d)}\n`;
      day = today;
    }
    const roll = next();
    const name = NAMES[Math.floor(next() * NAMES.length)]!;
    if (roll < 0.02) buffer += `${stamp(d)}, ${name}님이 들어왔습니다.\n`;
    else if (roll < 0.05) buffer += `${stamp(d)}, ${name} : 사진\n`;
    else if (roll < 0.15) buffer += `${stamp(d)}, ${name} : ${sentence(next)}\n${sentence(next)}\n${next() < 0.5 ? "\n" : ""}${sentence(next)}\n`;
    else buffer += `${stamp(d)}, ${name} : ${sentence(next)}\n`;
    if (buffer.length > 1 << 16) {
      await write(buffer);
      buffer = "";
    }
  }
  await write(buffer);
  out.end();
  await once(out, "finish");
}
