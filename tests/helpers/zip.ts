import { writeFileSync } from "node:fs";
import yazl from "yazl";

export interface ZipItem {
  name: string;
  data: Buffer | string;
  /** Unix mode bits, e.g. 0o120777 for a link. */
  mode?: number;
  /** false to store the bytes as they are, as exports store media. */
  compress?: boolean;
}

/** Builds a zip in memory with yazl (tests only). */
export async function zipBuffer(items: ZipItem[]): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const item of items) {
    const data = typeof item.data === "string" ? Buffer.from(item.data) : item.data;
    zip.addBuffer(data, item.name, { ...(item.mode === undefined ? {} : { mode: item.mode }), ...(item.compress === undefined ? {} : { compress: item.compress }) });
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

const END = Buffer.from("PK\x05\x06");

/** Where a one-entry zip's parts are (tests only: no ZIP64, no comment). */
function oneEntry(zip: Buffer) {
  const end = zip.lastIndexOf(END);
  const central = zip.readUInt32LE(end + 16);
  if (zip.readUInt16LE(end + 10) !== 1) throw new Error("expected a zip of one entry");
  return { end, central, nameLength: zip.readUInt16LE(26) };
}

/**
 * `count` copies of the one entry of `zip`, each name prefixed with its number: how a test
 * gets hundreds of compressed entries without compressing and checksumming each again.
 */
export function repeatEntry(zip: Buffer, count: number): Buffer {
  const { end, central, nameLength } = oneEntry(zip);
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (let i = 0; i < count; i++) {
    const name = Buffer.concat([Buffer.from(`${i}-`), zip.subarray(30, 30 + nameLength)]);
    const local = Buffer.concat([zip.subarray(0, 30), name, zip.subarray(30 + nameLength, central)]);
    local.writeUInt16LE(name.length, 26);
    const record = Buffer.concat([zip.subarray(central, central + 46), name, zip.subarray(central + 46 + nameLength, end)]);
    record.writeUInt16LE(name.length, 28);
    record.writeUInt32LE(offset, 42);
    locals.push(local);
    centrals.push(record);
    offset += local.length;
  }
  const directory = Buffer.concat(centrals);
  const tail = Buffer.from(zip.subarray(end));
  tail.writeUInt16LE(count, 8);
  tail.writeUInt16LE(count, 10);
  tail.writeUInt32LE(directory.length, 12);
  tail.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, tail]);
}

/** The one entry of `zip` made to declare `size` bytes uncompressed, in both of its headers: a lying header. */
export function declareSize(zip: Buffer, size: number): Buffer {
  const { central } = oneEntry(zip);
  const out = Buffer.from(zip);
  out.writeUInt32LE(size, 22);
  out.writeUInt32LE(size, central + 24);
  return out;
}
