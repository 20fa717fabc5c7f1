import yauzl from "yauzl";

/** Every entry of a zip, in order, with its bytes (tests only). */
export async function unzip(path: string): Promise<{ name: string; data: Buffer; compressed: boolean }[]> {
  const zip = await yauzl.openPromise(path, { autoClose: false });
  const out: { name: string; data: Buffer; compressed: boolean }[] = [];
  for await (const entry of zip.eachEntry()) {
    const parts: Buffer[] = [];
    for await (const chunk of await zip.openReadStreamPromise(entry)) parts.push(chunk as Buffer);
    out.push({ name: entry.fileName, data: Buffer.concat(parts), compressed: entry.compressionMethod !== 0 });
  }
  zip.close();
  return out;
}
