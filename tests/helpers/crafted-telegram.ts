import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** Attachment names a crafted export can give, each a way a name once broke or escaped an export. */
export const HOSTILE_FILE_NAMES = [
  "a\\..\\..\\AppData\\Roaming\\Microsoft\\Windows\\Start Menu\\Programs\\Startup\\evil.bat",
  "../../../../tmp/chatferry-escape.txt",
  ".",
  "..",
  "nul\u0000byte.pdf",
  "tab\there.pdf",
  "line\nbreak.txt",
  "CON.txt",
  "close>angle.pdf",
  "a.pdf",
  "a.pdf",
  "A.PDF",
];

export interface CraftedFile {
  /** The message's id in result.json. */
  id: number;
  /** `file_name` as the crafted result.json gives it. */
  fileName: string;
  bytes: Buffer;
}

/**
 * A Telegram Desktop export in `dir` (result.json and files/), shaped like the fixtures in
 * tests/fixtures/telegram, one document a message, named by `fileNames`; each file's bytes differ.
 */
export function craftTelegramExport(dir: string, title: string, fileNames: readonly string[]): CraftedFile[] {
  mkdirSync(join(dir, "files"), { recursive: true });
  const files = fileNames.map((fileName, i) => ({ id: i + 1, fileName, bytes: Buffer.from(`bytes of file ${i + 1}: ${JSON.stringify(fileName)}\n`) }));
  for (const f of files) writeFileSync(join(dir, "files", `${f.id}.bin`), f.bytes);
  const messages = files.map((f) => ({
    id: f.id,
    type: "message",
    date: `2024-01-01T00:${String(f.id).padStart(2, "0")}:00`,
    date_unixtime: String(1704034800 + f.id * 60),
    from: "Mallory",
    from_id: "user1000000666",
    file: `files/${f.id}.bin`,
    file_name: f.fileName,
    file_size: f.bytes.length,
    mime_type: "application/octet-stream",
    text: "",
    text_entities: [],
  }));
  writeFileSync(join(dir, "result.json"), JSON.stringify({ name: title, type: "private_group", id: 4000000666, messages }, null, 1));
  return files;
}
