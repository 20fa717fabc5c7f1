import { join } from "node:path";
import Papa from "papaparse";
import { cli, ROOT } from "./cli.js";

/** One export of every kind the batch reads: KakaoTalk (UTF-8 and CP949), WhatsApp, LINE, and a Telegram export folder with media. */
export const GOOD_INPUTS = [
  join(ROOT, "tests/fixtures/kakaotalk/android-ko.txt"),
  join(ROOT, "tests/fixtures/kakaotalk/pc-ko-cp949.txt"),
  join(ROOT, "tests/fixtures/whatsapp/WhatsApp Chat with Book Club.txt"),
  join(ROOT, "tests/fixtures/line/[LINE] Weekend Hikers.txt"),
  join(ROOT, "tests/fixtures/telegram/chat"),
];

/** What `parse` reads from an input: the messages' count, and every sender and text, which a report must never show. */
export async function parsed(input: string): Promise<{ messages: number; senders: string[]; texts: string[] }> {
  const r = await cli(["parse", input, "--timezone", "Asia/Seoul"]);
  const records = r.stdout
    .trimEnd()
    .split("\n")
    .map((line) => JSON.parse(line) as { type: string; sender?: string | null; text?: string });
  const messages = records.filter((m) => m.type === "message");
  return {
    messages: messages.length,
    senders: [...new Set(messages.flatMap((m) => (m.sender ? [m.sender] : [])))],
    texts: [...new Set(messages.flatMap((m) => (m.text ? [m.text] : [])))],
  };
}

/** The report's CSV as rows of cells (BOM and header row kept apart). */
export function csvTable(text: string): { head: string[]; rows: string[][] } {
  if (!text.startsWith("\ufeff")) throw new Error("the report's CSV has no BOM");
  const [head, ...rows] = Papa.parse<string[]>(text.slice(1), { skipEmptyLines: true }).data;
  return { head: head!, rows };
}
