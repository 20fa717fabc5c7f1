import { spawn, type ChildProcess } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { describe, expect, it } from "vitest";
import { writeKakaoAndroid } from "../../../bench/kakao-export.js";
import { VIEWER_HTML } from "../../../../src/targets/archive/viewer.js";
import { ageCli, ageKeygen, inTerminal } from "../../../helpers/age.js";
import { cli, ROOT } from "../../../helpers/cli.js";
import { forgeArchive } from "../../../helpers/forge.js";

const dir = mkdtempSync(join(tmpdir(), "chatferry-archive-cli-"));
let n = 0;
const path = (name: string) => join(dir, `${n++}-${name}`);
const fixture = (name: string) => join(ROOT, "tests/fixtures/kakaotalk", name);
const PASSPHRASE = "그 산에 다시 가자, correct horse battery";
const passFile = path("pass.txt");
writeFileSync(passFile, `${PASSPHRASE}\n`);
const BIN = join(ROOT, "dist/cli/main.js");
const TZ = ["--timezone", "Asia/Seoul"];

describe("chatferry archive / verify / open", () => {
  it("archives with a passphrase file, verifies, and opens to the NDJSON that parse writes", async () => {
    const out = path("chat.chatferry.age");
    const a = await cli(["archive", fixture("android-ko.txt"), fixture("pc-en.txt"), "-o", out, "--passphrase-file", passFile, ...TZ]);
    expect(a.code, a.stderr).toBe(0);
    expect(a.stderr).toMatch(/Archived 2 conversation\(s\), \d+ messages and 0 media files into .*chat\.chatferry\.age/);
    expect(a.stderr).toContain("Verified");
    expect(a.stderr).not.toContain(PASSPHRASE);
    expect(statSync(out).mode & 0o077).toBe(0);
    expect(readFileSync(out, "latin1").startsWith("age-encryption.org/v1\n-> scrypt ")).toBe(true);

    const v = await cli(["verify", out, "--passphrase-file", passFile]);
    expect(v.code, v.stderr).toBe(0);
    expect(v.stdout).toMatch(/OK\. 2 conversation\(s\)/);

    const target = path("unpacked");
    const o = await cli(["open", out, "-o", target, "--passphrase-file", passFile]);
    expect(o.code, o.stderr).toBe(0);
    const manifest = JSON.parse(readFileSync(join(target, "manifest.json"), "utf8")) as { conversations: { path: string }[] };
    const parsed = await cli(["parse", fixture("android-ko.txt"), fixture("pc-en.txt"), ...TZ]);
    expect(manifest.conversations.map((c) => readFileSync(join(target, c.path), "utf8")).join("")).toBe(parsed.stdout);
    expect(existsSync(join(target, "index.html"))).toBe(true);
  });

  it("encrypts to recipients (--recipient, --recipients-file) and opens with --identity", async () => {
    const alice = ageKeygen();
    const bob = ageKeygen();
    const recipients = path("recipients.txt");
    writeFileSync(recipients, `# Bob, support desk\n${bob.recipient}\n\n`);
    const aliceKey = path("alice.key");
    writeFileSync(aliceKey, alice.identity);
    const bobKey = path("bob.key");
    writeFileSync(bobKey, bob.identity);
    const out = path("for-them.chatferry.age");
    const a = await cli(["archive", fixture("pc-ko.txt"), "-o", out, "--recipient", alice.recipient, "--recipients-file", recipients, ...TZ]);
    expect(a.code, a.stderr).toBe(0);
    expect((await cli(["verify", out, "-i", aliceKey])).code).toBe(0);
    expect((await cli(["verify", out, "--identity", bobKey])).code).toBe(0);

    const stranger = ageKeygen();
    const strangerKey = path("stranger.key");
    writeFileSync(strangerKey, stranger.identity);
    const wrong = await cli(["verify", out, "-i", strangerKey]);
    expect([wrong.code, wrong.stderr]).toEqual([2, `chatferry: None of the identities given can open ${out}.\n`]);
    const none = await cli(["verify", out]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain("--identity");
    const notKey = await cli(["verify", out, "-i", recipients]);
    expect(notKey.code).toBe(2);
    expect(notKey.stderr).toContain("not an age identity file");
    const bad = await cli(["archive", fixture("pc-ko.txt"), "-o", path("x"), "--recipient", "age1notakey"]);
    expect([bad.code, bad.stderr]).toEqual([2, "chatferry: not an age recipient: age1notakey. Run 'chatferry --help' for usage.\n"]);
  });

  it("a wrong passphrase, a non-archive, a cut or changed file: exit 2, one clear line each, nothing unpacked", async () => {
    const { identity, recipient } = ageKeygen();
    const key = path("key");
    writeFileSync(key, identity);
    const good = path("good.chatferry.age");
    expect((await cli(["archive", fixture("ios-ko.txt"), "-o", good, "--recipient", recipient, ...TZ])).code).toBe(0);
    const bytes = readFileSync(good);

    const cases: [string, Buffer, RegExp][] = [
      ["not-an-archive.chatferry.age", readFileSync(fixture("ios-ko.txt")), /is not a ChatFerry archive/],
      ["cut.chatferry.age", bytes.subarray(0, bytes.length - 1000), /is cut short/],
      ["cut-header.chatferry.age", bytes.subarray(0, 60), /is cut short/],
    ];
    for (const at of [bytes.indexOf("\n---") + 8, bytes.length >> 1, bytes.length - 30, bytes.length - 1]) {
      const flipped = Buffer.from(bytes);
      flipped[at]! ^= 0x20;
      cases.push([`flipped-${at}.chatferry.age`, flipped, /is damaged or was altered/]);
    }
    for (const [name, data, message] of cases) {
      const file = path(name);
      writeFileSync(file, data);
      for (const command of [["verify", file], ["open", file, "-o", path("never")]]) {
        const r = await cli([...command, "-i", key]);
        expect(r.code, name).toBe(2);
        expect(r.stderr, name).toMatch(message);
        expect(r.stderr.trimEnd().split("\n"), name).toHaveLength(1);
      }
    }
    expect(readdirSync(dir).filter((f) => f.includes("never"))).toEqual([]);

    const locked = path("locked.chatferry.age");
    expect((await cli(["archive", fixture("pc-ko.txt"), "-o", locked, "--passphrase-file", passFile, "--no-verify", ...TZ])).code).toBe(0);
    const wrongPass = path("wrong.txt");
    writeFileSync(wrongPass, "not the passphrase\n");
    const w = await cli(["open", locked, "-o", path("never"), "--passphrase-file", wrongPass]);
    expect([w.code, w.stderr]).toEqual([2, `chatferry: The passphrase does not open ${locked}: it is wrong, or the file's header is damaged.\n`]);
    const k = await cli(["verify", locked, "--passphrase-file", wrongPass], { LANG: "ko_KR.UTF-8" });
    expect(k.stderr).toContain("이 암호로는");
  });

  it("never replaces an archive without --force; a run killed mid-write leaves the old one untouched", async () => {
    const { recipient } = ageKeygen();
    const out = path("kept.chatferry.age");
    expect((await cli(["archive", fixture("pc-ko.txt"), "-o", out, "--recipient", recipient, ...TZ])).code).toBe(0);
    const before = readFileSync(out);
    const again = await cli(["archive", fixture("ios-en.txt"), "-o", out, "--recipient", recipient, ...TZ]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain("already exists");
    expect(readFileSync(out).equals(before)).toBe(true);

    const big = path("big.txt");
    await writeKakaoAndroid(big, 400_000);
    const child = spawn(process.execPath, [BIN, "archive", big, "-o", out, "--recipient", recipient, "--force", ...TZ], { stdio: "ignore" });
    const prefix = `.${basename(out)}.`;
    // Killed once the temporary file beside the target has grown: mid-write, not before it began.
    for (let waited = 0; ; waited += 20) {
      const temp = readdirSync(dir).find((f) => f.startsWith(prefix) && f.endsWith(".tmp"));
      if (temp && statSync(join(dir, temp)).size > 256 * 1024) break;
      if (waited > 60_000 || child.exitCode !== null) throw new Error("the archive run ended before it could be killed");
      await new Promise((r) => setTimeout(r, 20));
    }
    child.kill("SIGKILL");
    await new Promise((r) => child.on("close", r));
    expect(readFileSync(out).equals(before)).toBe(true);
  });

  it("--generate-passphrase shows ten words from a real word list and uses them", async () => {
    const out = path("generated.chatferry.age");
    const r = await cli(["archive", fixture("pc-ko.txt"), "-o", out, "--generate-passphrase", ...TZ]);
    expect(r.code, r.stderr).toBe(0);
    const words = /^ {4}([a-z]+(?:-[a-z]+){9})$/m.exec(r.stderr)![1]!;
    expect(r.stdout).toBe("");
    const { wordlist } = await import("@scure/bip39/wordlists/english.js");
    for (const word of words.split("-")) expect(wordlist).toContain(word);
    const file = path("generated.txt");
    writeFileSync(file, words);
    expect((await cli(["verify", out, "--passphrase-file", file])).code).toBe(0);
  });

  it("asks twice on a terminal without echoing, warns on a weak passphrase, and refuses when there is no terminal", async () => {
    const out = path("typed.chatferry.age");
    const typed = await inTerminal([process.execPath, BIN, "archive", fixture("pc-ko.txt"), "-o", out, ...TZ], ["hunter2", "hunter2"], /Passphrase/, {
      ...process.env,
      LANG: "C.UTF-8",
    });
    expect(typed.code, typed.output).toBe(0);
    expect(typed.output).toContain("weak");
    expect(typed.output).not.toContain("hunter2");
    const file = path("typed.txt");
    writeFileSync(file, "hunter2");
    expect((await cli(["verify", out, "--passphrase-file", file])).code).toBe(0);

    const mismatch = await inTerminal([process.execPath, BIN, "archive", fixture("pc-ko.txt"), "-o", path("m.chatferry.age")], ["one long passphrase", "another"], /Passphrase/);
    expect(mismatch.code).toBe(2);
    expect(mismatch.output).toContain("the two passphrases differ");

    const none = await cli(["archive", fixture("pc-ko.txt"), "-o", path("none")]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain("no passphrase");
  });

  it("open --view serves ChatFerry's viewer from memory behind a secret until Ctrl+C, and leaves nothing decrypted (issue 11)", async () => {
    const { identity, recipient } = ageKeygen();
    const key = path("key");
    writeFileSync(key, identity);
    const out = path("view.chatferry.age");
    expect((await cli(["archive", fixture("pc-ko.txt"), "-o", out, "--recipient", recipient, ...TZ])).code).toBe(0);
    const temp = path("tmp");
    mkdirSync(temp);
    const { child, url, stderr } = await viewing(["open", out, "--view", "-i", key], temp);
    expect(stderr()).toContain(url);
    expect(stderr()).toContain("Ctrl+C");
    const { origin } = new URL(url);

    // Without the secret, nothing: not the page, not a message.
    expect((await fetch(`${origin}/`)).status).toBe(403);
    expect((await fetch(`${origin}/?k=${"0".repeat(64)}`, { redirect: "manual" })).status).toBe(403);
    expect((await fetch(`${origin}/viewer/catalog.js`, { headers: { cookie: "chatferry-viewer=guess" } })).status).toBe(403);
    const swapped = await fetch(url, { redirect: "manual" });
    expect(swapped.status).toBe(303);
    const cookie = swapped.headers.get("set-cookie")!.split(";")[0]!;
    const get = (p: string) => fetch(`${origin}${p}`, { headers: { cookie } });
    const page = await get("/");
    expect(page.headers.get("cache-control")).toBe("no-store");
    expect(await page.text()).toBe(VIEWER_HTML);
    const catalog = await (await get("/viewer/catalog.js")).text();
    const id = /"id":"([0-9a-f]{12})"/.exec(catalog)![1]!;
    const chunk = await get(`/viewer/${id}/0.js`);
    expect(chunk.status).toBe(200);
    expect(await chunk.text()).toContain("cfChunk(");
    expect((await fetch(`${origin}/viewer/${id}/0.js`)).status).toBe(403);
    // Another site's page cannot read it either, even knowing the address.
    expect((await fetch(`${origin}/viewer/${id}/0.js`, { headers: { cookie, origin: "http://evil.example" } })).status).toBe(403);

    child.kill("SIGINT");
    const code = await new Promise((resolve) => child.on("close", resolve));
    expect(code).toBe(0);
    expect(readdirSync(temp)).toEqual([]);
    await expect(fetch(`${origin}/`)).rejects.toThrow();

    const both = await cli(["open", out, "--view", "-o", path("x"), "-i", key]);
    expect(both.code).toBe(2);
  });

  it("a forged archive: verify passes but says it cannot tell who made it; open --view runs none of its code (issue 11)", async () => {
    const { identity, recipient } = ageKeygen();
    const key = path("key");
    writeFileSync(key, identity);
    const genuine = path("genuine.chatferry.age");
    expect((await cli(["archive", fixture("pc-ko.txt"), "-o", genuine, "--recipient", recipient, ...TZ])).code).toBe(0);
    const forged = path("forged.chatferry.age");
    const evil = '<!doctype html><script src="viewer/evil.js"></script>';
    const secret = identity.split("\n").filter((line) => line.startsWith("AGE-SECRET-KEY-"));
    await forgeArchive(genuine, { identities: secret }, { "index.html": evil, "viewer/evil.js": "document.title = 'PWNED';\n" }, recipient, forged);

    const v = await cli(["verify", forged, "-i", key]);
    expect(v.code, v.stderr).toBe(0);
    expect(v.stdout).toContain("It cannot prove who made it: anyone who has your public key can make an archive.");
    const ko = await cli(["verify", forged, "-i", key], { LANG: "ko_KR.UTF-8" });
    expect(ko.stdout).toContain("누가 만들었는지는 확인할 수 없습니다");
    const byPassphrase = path("pass.chatferry.age");
    expect((await cli(["archive", fixture("pc-ko.txt"), "-o", byPassphrase, "--passphrase-file", passFile, ...TZ])).code).toBe(0);
    expect((await cli(["verify", byPassphrase, "--passphrase-file", passFile])).stdout).toContain("anyone who knows the passphrase can make an archive");

    const temp = path("tmp");
    mkdirSync(temp);
    const { child, url } = await viewing(["open", forged, "--view", "-i", key], temp);
    const cookie = (await fetch(url, { redirect: "manual" })).headers.get("set-cookie")!.split(";")[0]!;
    const { origin } = new URL(url);
    const page = await (await fetch(`${origin}/`, { headers: { cookie } })).text();
    expect(page).toBe(VIEWER_HTML);
    expect(page).not.toContain("evil.js");
    expect((await fetch(`${origin}/viewer/evil.js`, { headers: { cookie } })).status).toBe(404);
    child.kill("SIGINT");
    await new Promise((resolve) => child.on("close", resolve));
    expect(readdirSync(temp)).toEqual([]);
  });
});

/**
 * Starts `chatferry open --view` as a person would, with $BROWSER a script that notes the
 * URL it is given instead of starting a browser, and TMPDIR a folder of the test's own.
 */
async function viewing(args: string[], temp: string): Promise<{ child: ChildProcess; url: string; stderr: () => string }> {
  const seen = path("browser-saw.txt");
  const browser = path("browser.sh");
  writeFileSync(browser, `#!/bin/sh\necho "$1" > '${seen}'\n`);
  chmodSync(browser, 0o755);
  const child = spawn(process.execPath, [BIN, ...args], { env: { PATH: process.env.PATH ?? "", LANG: "C.UTF-8", TZ: "UTC", BROWSER: browser, TMPDIR: temp }, stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr!.on("data", (d: Buffer) => (stderr += d.toString()));
  // Serving once the URL is printed, after the last line about it.
  await expect.poll(() => stderr, { timeout: 30_000 }).toContain("Ctrl+C");
  await expect.poll(() => existsSync(seen) && readFileSync(seen, "utf8").trim() !== "").toBe(true);
  return { child, url: readFileSync(seen, "utf8").trim(), stderr: () => stderr };
}

describe("interoperability with the age CLI", () => {
  it("age opens a ChatFerry archive with the passphrase typed at its prompt; ChatFerry opens one age wrote", async () => {
    const out = path("interop.chatferry.age");
    expect((await cli(["archive", fixture("ios-en.txt"), "-o", out, "--passphrase-file", passFile, "--no-verify", ...TZ])).code).toBe(0);
    const zip = path("interop.zip");
    const d = await ageCli(["-d", "-o", zip, out], [PASSPHRASE]);
    expect(d.code, d.output).toBe(0);
    expect(readFileSync(zip).subarray(0, 4).toString("latin1")).toBe("PK\x03\x04");

    const byAge = path("by-age.chatferry.age");
    const e = await ageCli(["-p", "-o", byAge, zip], [PASSPHRASE, PASSPHRASE]);
    expect(e.code, e.output).toBe(0);
    const v = await cli(["verify", byAge, "--passphrase-file", passFile]);
    expect(v.code, v.stderr).toBe(0);

    const { identity, recipient } = ageKeygen();
    const key = path("key");
    writeFileSync(key, identity);
    const toKey = path("to-key.chatferry.age");
    expect((await ageCli(["-r", recipient, "-o", toKey, zip])).code).toBe(0);
    const target = path("from-age");
    expect((await cli(["open", toKey, "-o", target, "-i", key])).code).toBe(0);
    expect(readdirSync(target).sort()).toEqual(["conversations", "index.html", "manifest.json", "viewer"]);
    const back = path("back.zip");
    const x = await ageCli(["-d", "-i", key, "-o", back, toKey]);
    expect(x.code, x.output).toBe(0);
    expect(readFileSync(back).equals(readFileSync(zip))).toBe(true);
  });
});
