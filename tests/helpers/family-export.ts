import { writeFileSync } from "node:fs";
import { rng, sentence } from "../bench/kakao-export.js";

/** Who writes, and how much of the chat each writes: seven people, so the chart shows five and "everyone else". */
const FAMILY: [string, number][] = [
  ["엄마", 0.28],
  ["아빠", 0.2],
  ["민지", 0.18],
  ["준호", 0.14],
  ["할머니", 0.1],
  ["이모", 0.06],
  ["삼촌", 0.04],
];
const WORDS = ["밥", "먹었어", "오늘", "내일", "사진", "ㅋㅋㅋ", "조심히", "들어가", "사랑해", "❤️", "👍", "날씨", "추워", "주말에", "와", "할머니댁", "케이크"];
/** When people write: mornings and evenings. */
const HOURS = [7, 8, 8, 9, 12, 13, 18, 19, 20, 20, 21, 21, 22, 22, 23];
const DAY = 86_400_000;

const pad = (n: number) => String(n).padStart(2, "0");

/**
 * A WhatsApp (Android) family group as a phone restored in 2017 exports it: the group's notices
 * from May 2016, the messages from March 2017, every day or so, except that the export lacks
 * April 2019 to May 2021. What the check step's activity chart is shown with.
 */
export function writeFamilyWhatsApp(path: string, seed = 11): void {
  const next = rng(seed);
  const stamp = (day: number, hour: number, minute: number) => {
    const d = new Date(day * DAY);
    return `${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}, ${pad(hour)}:${pad(minute)}`;
  };
  const created = Date.UTC(2016, 4, 14) / DAY;
  const lines = [
    `${stamp(created, 19, 2)} - Messages and calls are end-to-end encrypted. No one outside of this chat, not even WhatsApp, can read or listen to them. Tap to learn more.`,
    `${stamp(created, 19, 2)} - 엄마 created group "우리 가족"`,
    `${stamp(created, 19, 3)} - 엄마 added 아빠, 민지, 준호, 할머니, 이모, 삼촌`,
  ];
  const stretches = [
    [Date.UTC(2017, 2, 6), Date.UTC(2019, 2, 28)],
    [Date.UTC(2021, 4, 24), Date.UTC(2024, 0, 20)],
  ];
  for (const [from, to] of stretches) {
    for (let day = from! / DAY; day <= to! / DAY; day++) {
      // Busier around the holidays at the turn of the year, and in the summer.
      const month = new Date(day * DAY).getUTCMonth();
      const busy = month === 11 || month === 0 ? 2 : month === 6 || month === 7 ? 1.4 : 1;
      const today = Math.floor(next() * 12 * busy);
      const hours = Array.from({ length: today }, () => HOURS[Math.floor(next() * HOURS.length)]!).sort((a, b) => a - b);
      for (const hour of hours) {
        let pick = next();
        const [name] = FAMILY.find(([, share]) => (pick -= share) < 0) ?? FAMILY[0]!;
        const body = next() < 0.06 ? "<Media omitted>" : sentence(next, WORDS);
        lines.push(`${stamp(day, hour, Math.floor(next() * 60))} - ${name}: ${body}`);
      }
    }
  }
  writeFileSync(path, lines.join("\n") + "\n");
}
