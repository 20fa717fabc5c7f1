import { spawnSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { open } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Encrypter, generateIdentity, identityToRecipient } from "age-encryption";
import { describe, expect, it } from "vitest";
import { ChatFerryError } from "../../../../src/errors.js";
import { readConversations, type Conversation } from "../../../../src/pipeline.js";
import { NdjsonRecord, type Message, type Summary } from "../../../../src/schema/index.js";
import { AgeFile } from "../../../../src/targets/archive/age.js";
import { Manifest } from "../../../../src/targets/archive/manifest-schema.js";
import { openAge, unpackArchive, verifyArchive } from "../../../../src/targets/archive/read.js";
import { writeArchive } from "../../../../src/targets/archive/write.js";
import { writeNdjson } from "../../../../src/targets/export/ndjson.js";
import type { Sink } from "../../../../src/targets/sink.js";
import { ROOT } from "../../../helpers/cli.js";
import { forgeName, zipBuffer } from "../../../helpers/zip.js";

const dir = mkdtempSync(join(tmpdir(), "chatferry-archive-"));
let n = 0;
const fresh = (name = "a") => join(dir, `${name}${n++}.chatferry.age`);
const PASS = { passphrase: "그 산에 다시 가자 correct horse", workFactor: 10 };
const TZ = "Asia/Seoul";
const FIXTURES = ["kakaotalk", "whatsapp", "telegram"].flatMap((platform) =>
  readdirSync(join(ROOT, "tests/fixtures", platform)).map((name) => join(ROOT, "tests/fixtures", platform, name)),
);

/** What `chatferry parse --ndjson` writes for the inputs. */
async function parseNdjson(inputs: string[]): Promise<string> {
  let text = "";
  const sink: Sink = {
    async write(t) {
      text += typeof t === "string" ? t : t.join("");
    },
    async commit() {},
    async abort() {},
  };
  await writeNdjson(readConversations(inputs, { timezone: TZ }), sink);
  return text;
}

async function archive(path: string, inputs: string[], keying: typeof PASS | { recipients: string[] } = PASS) {
  return writeArchive(path, readConversations(inputs, { timezone: TZ }), { keying, chatferry: "test" });
}

async function unpack(path: string, passphrase = PASS.passphrase): Promise<string> {
  const out = join(dir, `out${n++}`);
  const age = await openAge(path);
  try {
    await age.unlock({ passphrase });
    await unpackArchive(age, out);
  } finally {
    await age.close();
  }
  return out;
}

async function failure(promise: Promise<unknown>): Promise<ChatFerryError | "resolved"> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof ChatFerryError) return err;
    throw err;
  }
  return "resolved";
}

async function code(promise: Promise<unknown>): Promise<string> {
  const err = await failure(promise);
  return err === "resolved" ? err : err.code;
}

/** Re-encrypts a hand-made zip as an archive would be: what someone holding the passphrase could forge. */
async function forged(zip: Buffer): Promise<string> {
  const e = new Encrypter();
  e.setScryptWorkFactor(10);
  e.setPassphrase(PASS.passphrase);
  const path = fresh("forged");
  writeFileSync(path, await e.encrypt(zip));
  return path;
}

describe("archive round trip", () => {
  it("every fixture: archive → open gives the NDJSON of `parse`, byte for byte", async () => {
    for (const fixture of FIXTURES) {
      const path = fresh();
      const { manifest } = await archive(path, [fixture]);
      const out = await unpack(path);
      const ndjson = manifest.conversations.map((c) => readFileSync(join(out, c.path), "utf8")).join("");
      expect(ndjson, fixture).toBe(await parseNdjson([fixture]));
      for (const line of ndjson.trimEnd().split("\n")) expect(NdjsonRecord.safeParse(JSON.parse(line)).success).toBe(true);
    }
  });

  it("all fixtures in one archive: one NDJSON per conversation, counts and times in the manifest", async () => {
    const path = fresh();
    const { manifest } = await archive(path, FIXTURES);
    const out = await unpack(path);
    const onDisk = Manifest.parse(JSON.parse(readFileSync(join(out, "manifest.json"), "utf8")));
    expect(onDisk).toEqual(manifest);
    expect(manifest.format).toBe("chatferry-archive/1");
    expect(manifest.schema).toBe("chatferry/1");
    expect(manifest.chatferry).toBe("test");
    expect(new Set(manifest.conversations.map((c) => c.id)).size).toBe(manifest.conversations.length);
    expect(manifest.sources.flatMap((s) => s.conversations).sort()).toEqual(manifest.conversations.map((c) => c.id).sort());
    const ndjson = manifest.conversations.map((c) => readFileSync(join(out, c.path), "utf8")).join("");
    expect(ndjson).toBe(await parseNdjson(FIXTURES));
    for (const c of manifest.conversations) {
      const records = readFileSync(join(out, c.path), "utf8").trimEnd().split("\n").map((l) => JSON.parse(l) as Omit<Message, "kind"> & Summary & { type: string });
      const summary = records.at(-1)!;
      expect(records.filter((r) => r.type === "message")).toHaveLength(c.messages);
      expect([summary.messages, summary.first, summary.last]).toEqual([c.messages, c.first, c.last]);
    }
    // Every entry but the manifest is listed, with the hash of what is on disk.
    for (const e of manifest.entries) {
      const bytes = readFileSync(join(out, e.path));
      expect([bytes.length, createHash("sha256").update(bytes).digest("hex")]).toEqual([e.size, e.sha256]);
    }
    expect(manifest.entries.map((e) => e.path)).toContain("index.html");
    expect(manifest.entries.map((e) => e.path)).toContain("viewer/catalog.js");
  });

  it("carries the media an input links, streamed from a folder input; what the export lacks stays a warning in the NDJSON", async () => {
    const folder = join(dir, "KakaoTalk_Chats_media");
    mkdirSync(join(folder, "media"), { recursive: true });
    writeFileSync(join(folder, "KakaoTalkChats.txt"), readFileSync(join(ROOT, "tests/fixtures/kakaotalk/android-ko.txt")));
    const hex1 = "3f1c2b9e8d7a6f5e4d3c2b1a0f9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e.jpg";
    const photo = randomBytes(300_000);
    writeFileSync(join(folder, "media", hex1), photo);
    const path = fresh();
    const { manifest } = await archive(path, [folder]);
    const [c] = manifest.conversations;
    expect(c!.media.stored).toBe(1);
    const out = await unpack(path);
    expect(readFileSync(join(out, "media", c!.id, "media", hex1)).equals(photo)).toBe(true);
    const entry = manifest.entries.find((e) => e.path === `media/${c!.id}/media/${hex1}`)!;
    expect(entry.size).toBe(photo.length);
    // The viewer's copy points at the file by its path in the input; the NDJSON keeps that path too.
    expect(readFileSync(join(out, "viewer", c!.id, "0.js"), "utf8")).toContain(`"m":"media/${hex1}"`);
    const ndjson = readFileSync(join(out, c!.path), "utf8");
    expect(ndjson).toContain(`"media":"media/${hex1}"`);
    expect(ndjson).toContain('"code":"missing-media"');
    expect(c!.media.missing).toEqual([]);
  });
});

/** The built CLI under a file-size limit (`ulimit -f`, in KiB): every write past it fails with EFBIG, as on a full disk. */
function cliWithFileLimit(kib: number, args: string[], lang: string): { status: number | null; stderr: string } {
  const command = `ulimit -f ${kib} && exec "$0" "$@"`;
  const r = spawnSync("/bin/sh", ["-c", command, process.execPath, join(ROOT, "dist/cli/main.js"), ...args], {
    env: { PATH: process.env.PATH ?? "", LANG: lang, TZ: "UTC" },
    encoding: "utf8",
  });
  return { status: r.status, stderr: r.stderr };
}

describe("archive and package when the disk refuses", () => {
  it("a write that fails halfway is E_WRITE in the user's language, and nothing is left in the folder", async () => {
    const recipient = await identityToRecipient(await generateIdentity());
    const folder = join(dir, `full${n++}`);
    mkdirSync(join(folder, "media"), { recursive: true });
    writeFileSync(join(folder, "KakaoTalkChats.txt"), readFileSync(join(ROOT, "tests/fixtures/kakaotalk/android-ko.txt")));
    const hex = "3f1c2b9e8d7a6f5e4d3c2b1a0f9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e.jpg";
    writeFileSync(join(folder, "media", hex), randomBytes(3_000_000));
    const out = join(dir, `out-full${n++}`);
    mkdirSync(out);

    const archived = cliWithFileLimit(1024, ["archive", folder, "-o", join(out, "x.chatferry.age"), "--recipient", recipient, "--timezone", TZ], "ko_KR.UTF-8");
    expect(archived.status).toBe(3);
    expect(archived.stderr.trim().split("\n")).toEqual([`chatferry: ${join(out, "x.chatferry.age")} 파일에 쓸 수 없습니다: 이 시스템이 허용하는 파일 크기를 넘음 (EFBIG)`]);

    const packaged = cliWithFileLimit(1024, ["telegram", "package", folder, "-o", out, "--timezone", TZ], "C.UTF-8");
    expect(packaged.status).toBe(3);
    expect(packaged.stderr).toMatch(/^chatferry: Cannot write .*WhatsApp Chat with .*\.zip: the file would be larger than this system allows \(EFBIG\)\n$/);
    expect(readdirSync(out)).toEqual([]);
  });
});

describe("archive integrity", () => {
  it("verify passes a fresh archive and names the entry whose bytes differ from the manifest", async () => {
    const path = fresh();
    await archive(path, [join(ROOT, "tests/fixtures/kakaotalk/pc-ko.txt")]);
    const result = await verifyArchive(path, { passphrase: PASS.passphrase });
    expect([...result.messages.values()]).toEqual([result.manifest.conversations[0]!.messages]);

    // Someone with the passphrase rewrites one message and re-encrypts: the manifest still catches it.
    const out = await unpack(path);
    const manifest = Manifest.parse(JSON.parse(readFileSync(join(out, "manifest.json"), "utf8")));
    const items = manifest.entries.map((e) => ({ name: e.path, data: readFileSync(join(out, e.path)) }));
    const ndjson = items.find((i) => i.name.endsWith(".ndjson"))!;
    const at = ndjson.data.indexOf('"text":"') + 8;
    ndjson.data[at] = ndjson.data[at] === 0x58 ? 0x59 : 0x58;
    const changed = await forged(await zipBuffer([...items, { name: "manifest.json", data: readFileSync(join(out, "manifest.json")) }]));
    const err = await failure(verifyArchive(changed, { passphrase: PASS.passphrase }));
    expect(err !== "resolved" && [err.code, err.params.where]).toEqual(["E_CORRUPT", ndjson.name]);

    const extra = await forged(await zipBuffer([...manifest.entries.map((e) => ({ name: e.path, data: readFileSync(join(out, e.path)) })), { name: "manifest.json", data: readFileSync(join(out, "manifest.json")) }, { name: "extra.txt", data: "x" }]));
    expect(await code(verifyArchive(extra, { passphrase: PASS.passphrase }))).toBe("E_CORRUPT");
    const noManifest = await forged(await zipBuffer([{ name: "index.html", data: "<p>hi</p>" }]));
    expect(await code(verifyArchive(noManifest, { passphrase: PASS.passphrase }))).toBe("E_NOT_ARCHIVE");
    const notZip = await forged(Buffer.from("just some text, encrypted with age\n"));
    expect(await code(verifyArchive(notZip, { passphrase: PASS.passphrase }))).toBe("E_NOT_ARCHIVE");
  });

  it("checks a fresh archive against its zip's CRC-32s: bytes other than those hashed fail, with the manifest intact", async () => {
    const path = fresh();
    await archive(path, [join(ROOT, "tests/fixtures/kakaotalk/pc-ko.txt")]);
    const out = await unpack(path);
    const manifestBytes = readFileSync(join(out, "manifest.json"));
    const manifest = Manifest.parse(JSON.parse(manifestBytes.toString("utf8")));
    const items = manifest.entries.map((e) => ({ name: e.path, data: readFileSync(join(out, e.path)), compress: false }));
    const zip = await zipBuffer([...items, { name: "manifest.json", data: manifestBytes, compress: false }]);
    expect(await code(verifyArchive(await forged(zip), { passphrase: PASS.passphrase }, manifest))).toBe("resolved");

    // One byte of the NDJSON changed where it is stored, its size, CRC-32 and the manifest left as they were:
    // what a writer that sealed other bytes than it hashed would leave.
    const ndjson = items.find((i) => i.name.endsWith(".ndjson"))!;
    const at = zip.indexOf(ndjson.data) + ndjson.data.indexOf('"text":"') + 8;
    zip[at] = zip[at] === 0x58 ? 0x59 : 0x58;
    const err = await failure(verifyArchive(await forged(zip), { passphrase: PASS.passphrase }, manifest));
    expect(err !== "resolved" && [err.code, err.params.where]).toEqual(["E_CORRUPT", ndjson.name]);
  });

  it("refuses to unpack a name that climbs out of the folder, and leaves nothing behind", async () => {
    for (const name of ["../evil.txt", "/etc/evil.", "a/../../e.t", "C:/evil.txt"]) {
      const safe = "x".repeat(name.length);
      const zip = forgeName(await zipBuffer([{ name: safe, data: "gotcha" }]), safe, name);
      const path = await forged(zip);
      const age = await openAge(path);
      await age.unlock({ passphrase: PASS.passphrase });
      const target = join(dir, `unsafe${n++}`, "inner");
      mkdirSync(join(target, ".."));
      expect(await code(unpackArchive(age, target)), name).toBe("E_UNSAFE_PATH");
      await age.close();
      expect(readdirSync(join(target, ".."))).toEqual([]);
    }
    expect(existsSync(join(dir, "evil.txt"))).toBe(false);
  });

  it("unpacks every name as a portable one, inside the folder on Windows rules too (issue 11)", async () => {
    // Names a zip may hold that are harmless on Linux but a device, a stream or a clash on Windows and macOS.
    const names = ["CON", "aux.txt", "note:x.txt", "x.", "A.txt", "a.txt", "media/abc/nul", "sub/CON/y.txt", "sub/con/z.txt", " lead", "bidi\u202egpj.exe"];
    const items = names.map((name, i) => ({ name, data: `file ${i}` }));
    const manifest: Manifest = {
      format: "chatferry-archive/1",
      schema: "chatferry/1",
      chatferry: "forged",
      created: "2024-01-01T00:00:00.000Z",
      sources: [],
      conversations: [],
      entries: items.map(({ name, data }) => ({ path: name, size: data.length, sha256: createHash("sha256").update(data).digest("hex") })),
    };
    const path = await forged(await zipBuffer([...items, { name: "manifest.json", data: JSON.stringify(manifest) }]));
    const age = await openAge(path);
    await age.unlock({ passphrase: PASS.passphrase });
    const target = join(dir, `portable${n++}`);
    const { renamed } = await unpackArchive(age, target);
    await age.close();
    const written = readdirSync(target, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => join(e.parentPath, e.name).slice(target.length + 1))
      .sort();
    expect(written).toEqual(["A.txt", "_CON", "_aux.txt", "a (2).txt", "bidigpj.exe", "lead", "manifest.json", "media/abc/_nul", "note_x.txt", "sub/_CON/y.txt", "sub/_con (2)/z.txt", "x"]);
    // Each file holds the bytes of the entry it was renamed from.
    for (const { from, to } of renamed) expect(readFileSync(join(target, to), "utf8")).toBe(`file ${names.indexOf(from)}`);
    expect(renamed.map((r) => r.from).sort()).toEqual(names.filter((name) => name !== "A.txt").sort());

    // Names that climb out (either separator) or hold NUL are refused outright: nothing is written.
    for (const name of ["..\\x.txt", "a/../../x", "ok\0.txt"]) {
      const safe = "y".repeat(Buffer.byteLength(name));
      const bad = await forged(forgeName(await zipBuffer([{ name: safe, data: "gotcha" }]), safe, name));
      const locked = await openAge(bad);
      await locked.unlock({ passphrase: PASS.passphrase });
      const into = join(dir, `refused${n++}`);
      expect(await code(unpackArchive(locked, into)), name).toBe("E_UNSAFE_PATH");
      await locked.close();
      expect(existsSync(into)).toBe(false);
    }
  });

  it("never replaces an existing file without force, and a failed run leaves nothing", async () => {
    const input = join(ROOT, "tests/fixtures/kakaotalk/pc-ko.txt");
    const path = fresh();
    writeFileSync(path, "precious");
    expect(await code(archive(path, [input]))).toBe("E_EXISTS");
    expect(readFileSync(path, "utf8")).toBe("precious");
    await writeArchive(path, readConversations(input, { timezone: TZ }), { keying: PASS, chatferry: "test", force: true });
    expect((await verifyArchive(path, { passphrase: PASS.passphrase })).manifest.conversations).toHaveLength(1);

    // An input that fails halfway: the error comes through, and the folder holds what it held before.
    const sub = join(dir, `failing${n++}`);
    mkdirSync(sub);
    const target = join(sub, "x.chatferry.age");
    async function* failing(): AsyncGenerator<Conversation> {
      for await (const c of readConversations(input, { timezone: TZ })) {
        yield {
          ...c,
          messages: (async function* () {
            const first = await c.messages.next();
            if (!first.done) yield first.value;
            throw new ChatFerryError("E_READ", { file: "x", reason: "EIO" });
          })(),
        };
      }
    }
    expect(await code(writeArchive(target, failing(), { keying: PASS, chatferry: "test" }))).toBe("E_READ");
    expect(readdirSync(sub)).toEqual([]);
  });

  it("says what unlocks a file: a passphrase archive offered identities is E_IDENTITY", async () => {
    const path = fresh();
    await archive(path, [join(ROOT, "tests/fixtures/kakaotalk/pc-ko.txt")]);
    const age = await AgeFile.open(await open(path, "r"), path);
    expect(age.stanzaTypes).toEqual(["scrypt"]);
    expect(await code(age.unlock({ identities: [] }))).toBe("E_IDENTITY");
    await age.close();
  });
});
