import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ageKeygen } from "../../../helpers/age.js";
import { cli, ROOT } from "../../../helpers/cli.js";

/**
 * `archive --update`: an archive of a chat's first export, updated with a
 * later export that has more messages and has lost an old photo (exports made
 * months later often do). Everything of both is in the new archive once.
 */

const dir = mkdtempSync(join(tmpdir(), "chatferry-archive-update-"));
const FIXTURE = join(ROOT, "tests/fixtures/telegram/chat");
const OLD_PHOTO = "photos/photo_1@01-01-2024_00-05-00.jpg";
const NEW_PHOTO = "photos/photo_2@01-01-2024_00-19-00.jpg";
const TZ = ["--timezone", "Asia/Seoul"];
const passFile = join(dir, "pass.txt");
writeFileSync(passFile, "그 산에 다시 가자, correct horse battery\n");
const key = ["--passphrase-file", passFile];

type Json = { messages: Record<string, unknown>[] };

/** A copy of the fixture export whose messages `edit` rewrites. */
function exportOf(name: string, edit: (json: Json, folder: string) => void): string {
  const folder = join(dir, name);
  cpSync(FIXTURE, folder, { recursive: true });
  const json = JSON.parse(readFileSync(join(folder, "result.json"), "utf8")) as Json;
  edit(json, folder);
  writeFileSync(join(folder, "result.json"), JSON.stringify(json));
  return folder;
}

function unpack(file: string, name: string): Promise<{ manifest: Record<string, any>; ndjson: Record<string, any>[]; root: string }> {
  const root = join(dir, name);
  return cli(["open", file, "-o", root, ...key]).then((o) => {
    expect(o.code, o.stderr).toBe(0);
    const manifest = JSON.parse(readFileSync(join(root, "manifest.json"), "utf8")) as Record<string, any>;
    const ndjson = readFileSync(join(root, manifest.conversations[0].path), "utf8").trim().split("\n").map((line) => JSON.parse(line) as Record<string, any>);
    return { manifest, ndjson, root };
  });
}

const first = exportOf("first", (json) => {
  json.messages = json.messages.slice(0, 14);
});
const later = exportOf("later", (json, folder) => {
  rmSync(join(folder, OLD_PHOTO));
  writeFileSync(join(folder, NEW_PHOTO), "a new photo");
  json.messages.push(
    { id: 19, type: "message", date: "2024-01-01T00:19:00", from: "Mina Kim", from_id: "user1000000001", photo: NEW_PHOTO, width: 10, height: 10, text: "", text_entities: [] },
    { id: 20, type: "message", date: "2024-01-01T00:20:00", from: "Bob Kim", from_id: "user1000000002", text: "See you at the summit", text_entities: [{ type: "plain", text: "See you at the summit" }] },
  );
});

describe("chatferry archive --update", () => {
  it("merges a newer export into a new archive beside the old one: old messages and media kept, new ones added once, both sources recorded", async () => {
    const old = join(dir, "hikers.chatferry.age");
    const a = await cli(["archive", first, "-o", old, ...key, ...TZ]);
    expect(a.code, a.stderr).toBe(0);
    const oldBytes = readFileSync(old);

    // Never over the old one without --force.
    const refused = await cli(["archive", later, "--update", old, ...key, ...TZ]);
    expect(refused.code).toBe(2);
    expect(refused.stderr.trimEnd().split("\n")).toEqual([`chatferry: ${old} already exists; nothing was written. Choose another name, or add --force to replace it.`]);
    expect(readFileSync(old).equals(oldBytes)).toBe(true);

    const updated = join(dir, "hikers-2024.chatferry.age");
    const u = await cli(["archive", later, "--update", old, "-o", updated, ...key, ...TZ]);
    expect(u.code, u.stderr).toBe(0);
    expect(u.stderr).toContain(`1 of the 1 conversation(s) in ${old} took in the new export`);
    expect(u.stderr).toContain("Verified");
    expect(readFileSync(old).equals(oldBytes)).toBe(true);
    expect((await cli(["verify", updated, ...key])).code).toBe(0);

    const before = await unpack(old, "before");
    const after = await unpack(updated, "after");
    const messages = after.ndjson.filter((r) => r.type === "message");
    // 18 of the fixture (14 of them in the old archive) and the 2 new ones, each once.
    expect(messages).toHaveLength(20);
    const keys = messages.map((m) => JSON.stringify([m.time, m.sender, m.kind, m.text]));
    expect(new Set(keys).size).toBe(20);
    expect(messages.filter((m) => m.text === "See you at the summit")).toHaveLength(1);
    expect(after.manifest.conversations[0].messages).toBe(20);

    // The photo the later export lost comes from the old archive; the new one from the export.
    const id = after.manifest.conversations[0].id as string;
    expect(readFileSync(join(after.root, "media", id, OLD_PHOTO)).equals(readFileSync(join(FIXTURE, OLD_PHOTO)))).toBe(true);
    expect(readFileSync(join(after.root, "media", id, NEW_PHOTO), "utf8")).toBe("a new photo");
    // The old archive's four files, the video of a message only the later export has, and the new photo.
    expect(before.manifest.conversations[0].media.stored).toBe(4);
    expect(after.manifest.conversations[0].media.stored).toBe(6);

    // Both sources: this export's, and the old archive's under `previous`.
    expect(after.manifest.sources).toHaveLength(1);
    expect(after.manifest.previous).toEqual([{ created: before.manifest.created, chatferry: before.manifest.chatferry, sources: before.manifest.sources }]);
  });

  it("replaces the old archive with --force, only once the new one is verified, and leaves nothing else behind", async () => {
    const folder = mkdtempSync(join(dir, "force-"));
    const old = join(folder, "hikers.chatferry.age");
    expect((await cli(["archive", first, "-o", old, ...key, ...TZ])).code).toBe(0);
    const u = await cli(["archive", later, "--update", old, "--force", ...key, ...TZ]);
    expect(u.code, u.stderr).toBe(0);
    expect(readdirSync(folder)).toEqual(["hikers.chatferry.age"]);
    const { manifest } = await unpack(old, "forced");
    expect(manifest.conversations[0].messages).toBe(20);
    expect(manifest.previous).toHaveLength(1);
  });

  it("refuses a wrong passphrase for the old archive, writing nothing", async () => {
    const folder = mkdtempSync(join(dir, "wrong-"));
    const old = join(folder, "hikers.chatferry.age");
    expect((await cli(["archive", first, "-o", old, ...key, ...TZ])).code).toBe(0);
    const wrong = join(folder, "wrong.txt");
    writeFileSync(wrong, "not the passphrase\n");
    const u = await cli(["archive", later, "--update", old, "-o", join(folder, "new"), "--passphrase-file", wrong, ...TZ]);
    expect(u.code).toBe(2);
    expect(u.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(existsSync(join(folder, "new.chatferry.age"))).toBe(false);
    expect(readdirSync(folder).sort()).toEqual(["hikers.chatferry.age", "wrong.txt"]);
  });

  it("updates an archive made for recipients: unlocked with --identity, locked again to the recipients given", async () => {
    const folder = mkdtempSync(join(dir, "recipients-"));
    const alice = ageKeygen();
    const aliceKey = join(folder, "alice.key");
    writeFileSync(aliceKey, alice.identity);
    const old = join(folder, "hikers.chatferry.age");
    expect((await cli(["archive", first, "-o", old, "--recipient", alice.recipient, ...TZ])).code).toBe(0);
    const updated = join(folder, "later.chatferry.age");
    // The archive does not name its recipients: they must be given again, not guessed.
    const unnamed = await cli(["archive", later, "--update", old, "-o", updated, "-i", aliceKey, ...TZ]);
    expect(unnamed.code).toBe(2);
    expect(unnamed.stderr).toMatch(/^chatferry: this archive is encrypted to age recipients, which it does not name/);
    const u = await cli(["archive", later, "--update", old, "-o", updated, "-i", aliceKey, "--recipient", alice.recipient, ...TZ]);
    expect(u.code, u.stderr).toBe(0);
    const v = await cli(["verify", updated, "-i", aliceKey]);
    expect(v.code, v.stderr).toBe(0);
    expect(v.stdout).toMatch(/OK\. 1 conversation\(s\), 20 messages/);
  });
});
