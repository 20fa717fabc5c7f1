import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Unlock } from "../../src/targets/archive/age.js";
import { MANIFEST } from "../../src/targets/archive/manifest.js";
import { Manifest } from "../../src/targets/archive/manifest-schema.js";
import { openAge, unpackArchive } from "../../src/targets/archive/read.js";
import { ageCli } from "./age.js";
import { zipBuffer } from "./zip.js";

/**
 * What anyone who knows a recipient's public key can do: take an archive (here one of
 * ChatFerry's, unpacked), change or add entries, write a manifest that matches, zip it
 * and encrypt it to the recipient with the age CLI. `verify` finds nothing wrong with it.
 */
export async function forgeArchive(genuine: string, unlock: Unlock, changes: Record<string, string | Buffer>, recipient: string, out: string): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), "chatferry-forge-"));
  try {
    const age = await openAge(genuine);
    try {
      await age.unlock(unlock);
      await unpackArchive(age, join(work, "files"));
    } finally {
      await age.close();
    }
    const manifest = Manifest.parse(JSON.parse(readFileSync(join(work, "files", MANIFEST), "utf8")));
    const items = new Map(manifest.entries.map((e) => [e.path, readFileSync(join(work, "files", e.path))]));
    for (const [path, data] of Object.entries(changes)) items.set(path, Buffer.from(data));
    manifest.entries = [...items].map(([path, data]) => ({ path, size: data.length, sha256: createHash("sha256").update(data).digest("hex") }));
    const zip = join(work, "forged.zip");
    writeFileSync(zip, await zipBuffer([...[...items].map(([name, data]) => ({ name, data })), { name: MANIFEST, data: JSON.stringify(manifest) }]));
    const sealed = await ageCli(["-r", recipient, "-o", out, zip]);
    if (sealed.code !== 0) throw new Error(`age failed: ${sealed.output}`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
