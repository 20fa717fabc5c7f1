import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Decrypter, Encrypter, generateIdentity, identityToRecipient } from "age-encryption";
import { describe, expect, it } from "vitest";
import { ChatFerryError } from "../../../../src/errors.js";
import { CHUNK, SEALED_CHUNK } from "../../../../src/targets/archive/age.js";
import { ageCli, ageKeygen, seal, unseal } from "../../../helpers/age.js";
import { zipBuffer } from "../../../helpers/zip.js";

const dir = mkdtempSync(join(tmpdir(), "chatferry-age-"));
let n = 0;
const file = (data: Buffer | Uint8Array) => {
  const path = join(dir, `f${n++}.age`);
  writeFileSync(path, data);
  return path;
};
/** Low scrypt work factor: these tests are about the format, not the key derivation's cost. */
const PASS = { passphrase: "그 산에 다시 가자 correct horse", workFactor: 10 };
/**
 * Every size that puts the end of the data somewhere different relative to a chunk; the
 * last spans several of the megabyte writes the sealed chunks are gathered into.
 */
const SIZES = [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 2 * CHUNK, 3 * CHUNK + 17, 48 * CHUNK + 5];

async function code(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof ChatFerryError) return err.code;
    throw err;
  }
  return "resolved";
}

describe("age format: byte-compatible with age-encryption", () => {
  it("our files decrypt with the library, and the library's with ours, at every chunk boundary (X25519)", async () => {
    const identity = await generateIdentity();
    const recipient = await identityToRecipient(identity);
    for (const size of SIZES) {
      const data = randomBytes(size);
      const ours = await seal(data, { recipients: [recipient] });
      const d = new Decrypter();
      d.addIdentity(identity);
      expect(Buffer.from(await d.decrypt(ours)).equals(data), `size ${size}`).toBe(true);

      const e = new Encrypter();
      e.addRecipient(recipient);
      const theirs = await e.encrypt(data);
      expect((await unseal(file(theirs), { identities: [identity] })).equals(data), `size ${size}`).toBe(true);
    }
  });

  it("the same with a passphrase (scrypt), both ways", async () => {
    const data = randomBytes(2 * CHUNK + 5);
    const d = new Decrypter();
    d.addPassphrase(PASS.passphrase);
    expect(Buffer.from(await d.decrypt(await seal(data, PASS))).equals(data)).toBe(true);
    const e = new Encrypter();
    e.setScryptWorkFactor(10);
    e.setPassphrase(PASS.passphrase);
    expect((await unseal(file(await e.encrypt(data)), { passphrase: PASS.passphrase })).equals(data)).toBe(true);
  });

  it("sends several recipients' stanzas, any of which opens the file", async () => {
    const a = await generateIdentity();
    const b = await generateIdentity();
    const data = randomBytes(1000);
    const path = file(await seal(data, { recipients: [await identityToRecipient(a), await identityToRecipient(b)] }));
    expect((await unseal(path, { identities: [b] })).equals(data)).toBe(true);
    expect((await unseal(path, { identities: [a] })).equals(data)).toBe(true);
  });
});

describe("age format: byte-compatible with the age CLI", () => {
  it("age decrypts ours with an X25519 identity, and we decrypt age's, at every chunk boundary", async () => {
    const { identity, recipient } = ageKeygen();
    const keyFile = join(dir, "key.txt");
    writeFileSync(keyFile, identity);
    const secret = /AGE-SECRET-KEY-1\S+/.exec(identity)![0];
    for (const size of SIZES) {
      const data = randomBytes(size);
      const ours = file(await seal(data, { recipients: [recipient] }));
      const out = join(dir, `out${n++}`);
      const r = await ageCli(["-d", "-i", keyFile, "-o", out, ours]);
      expect(r.code, r.output).toBe(0);
      // age creates its output on the first byte: an empty plaintext leaves no file.
      const got = existsSync(out) ? readFileSync(out) : Buffer.alloc(0);
      expect(got.equals(data), `size ${size}`).toBe(true);

      const plain = join(dir, `plain${n++}`);
      writeFileSync(plain, data);
      const theirs = join(dir, `theirs${n++}.age`);
      expect((await ageCli(["-r", recipient, "-o", theirs, plain])).code).toBe(0);
      expect((await unseal(theirs, { identities: [secret] })).equals(data), `size ${size}`).toBe(true);
    }
  });

  it("age decrypts our passphrase file, typed at its prompt; we decrypt one age encrypted with a typed passphrase", async () => {
    const data = randomBytes(CHUNK + 100);
    const ours = file(await seal(data, PASS));
    const out = join(dir, `out${n++}`);
    const r = await ageCli(["-d", "-o", out, ours], [PASS.passphrase]);
    expect(r.code, r.output).toBe(0);
    expect(readFileSync(out).equals(data)).toBe(true);

    const plain = join(dir, `plain${n++}`);
    writeFileSync(plain, data);
    const theirs = join(dir, `theirs${n++}.age`);
    const e = await ageCli(["-p", "-o", theirs, plain], [PASS.passphrase, PASS.passphrase]);
    expect(e.code, e.output).toBe(0);
    expect(readFileSync(theirs, "latin1")).toContain("-> scrypt ");
    expect((await unseal(theirs, { passphrase: PASS.passphrase })).equals(data)).toBe(true);
  });
});

describe("age format: every failure is told apart", () => {
  it("a wrong passphrase, a wrong identity, and a file that is no age file", async () => {
    const data = randomBytes(100);
    expect(await code(unseal(file(await seal(data, PASS)), { passphrase: "wrong" }))).toBe("E_PASSPHRASE");
    const [a, b] = [await generateIdentity(), await generateIdentity()];
    expect(await code(unseal(file(await seal(data, { recipients: [await identityToRecipient(a)] })), { identities: [b] }))).toBe("E_IDENTITY");
    for (const other of [Buffer.alloc(0), Buffer.from("hello\n"), await zipBuffer([{ name: "a.txt", data: "a" }])]) {
      expect(await code(unseal(file(other), PASS))).toBe("E_NOT_ARCHIVE");
    }
  });

  it("a flipped bit anywhere in the payload is caught: E_CORRUPT, never data", async () => {
    // A zip, as in an archive: the tail check that tells cut from changed looks for its closing record.
    const plain = await zipBuffer([{ name: "a.bin", data: randomBytes(3 * CHUNK) }]);
    const sealed = await seal(plain, PASS);
    const payload = sealed.length - (plain.length + 4 * 16);
    const positions = [payload - 16, payload, payload + 100, payload + SEALED_CHUNK + 7, payload + 2 * SEALED_CHUNK, sealed.length - 40, sealed.length - 1];
    for (const at of positions) {
      const bad = Buffer.from(sealed);
      bad[at]! ^= 0x01;
      expect(await code(unseal(file(bad), PASS)), `byte ${at}`).toBe("E_CORRUPT");
    }
    // In the header, a change is caught by the header MAC, or makes the passphrase's key wrong.
    for (const at of [30, 45, payload - 20]) {
      const bad = Buffer.from(sealed);
      bad[at]! ^= 0x01;
      expect(["E_CORRUPT", "E_PASSPHRASE"], `byte ${at}`).toContain(await code(unseal(file(bad), PASS)));
    }
  });

  it("a file cut short anywhere is E_TRUNCATED", async () => {
    const plain = await zipBuffer([{ name: "a.bin", data: randomBytes(3 * CHUNK) }]);
    const sealed = await seal(plain, PASS);
    const payload = sealed.length - (plain.length + 4 * 16);
    const cuts = [40, payload - 16, payload - 3, payload, payload + 10, payload + SEALED_CHUNK, payload + SEALED_CHUNK + 16, payload + 2 * SEALED_CHUNK + 999, sealed.length - 1];
    for (const length of cuts) {
      expect(await code(unseal(file(sealed.subarray(0, length)), PASS)), `cut at ${length}`).toBe("E_TRUNCATED");
    }
  });
});
