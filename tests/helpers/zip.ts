import { writeFileSync } from "node:fs";
import yazl from "yazl";

export interface ZipItem {
  name: string;
  data: Buffer | string;
  /** Unix mode bits, e.g. 0o120777 for a link. */
  mode?: number;
}

/** Builds a zip in memory with yazl (tests only). */
export async function zipBuffer(items: ZipItem[]): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const item of items) {
    const data = typeof item.data === "string" ? Buffer.from(item.data) : item.data;
    zip.addBuffer(data, item.name, item.mode === undefined ? {} : { mode: item.mode });
  }
  zip.end();
  const parts: Buffer[] = [];
  for await (const chunk of zip.outputStream) parts.push(chunk as Buffer);
  return Buffer.concat(parts);
}

export async function writeZip(path: string, items: ZipItem[]): Promise<void> {
  writeFileSync(path, await zipBuffer(items));
}

/** Rewrites every occurrence of a name's bytes: the way to forge names zip writers refuse to write. */
export function forgeName(zip: Buffer, from: string, to: string): Buffer {
  if (Buffer.byteLength(from) !== Buffer.byteLength(to)) throw new Error("names must have the same length");
  const out = Buffer.from(zip);
  const needle = Buffer.from(from);
  for (let i = out.indexOf(needle); i >= 0; i = out.indexOf(needle, i + 1)) out.write(to, i);
  return out;
}
