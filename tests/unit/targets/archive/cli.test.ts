import { spawn } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { describe, expect, it } from "vitest";
import { writeKakaoAndroid } from "../../../bench/kakao-export.js";
import { ageCli, ageKeygen, inTerminal } from "../../../helpers/age.js";
import { cli, ROOT } from "../../../helpers/cli.js";

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

  it("open --view unpacks into a private folder and hands index.html to the browser", async () => {
    const { identity, recipient } = ageKeygen();
    const key = path("key");
    writeFileSync(key, identity);
    const out = path("view.chatferry.age");
    expect((await cli(["archive", fixture("pc-ko.txt"), "-o", out, "--recipient", recipient, ...TZ])).code).toBe(0);
    const seen = path("browser-saw.txt");
    const browser = path("browser.sh");
    writeFileSync(browser, `#!/bin/sh\necho "$1" > '${seen}'\n`);
    chmodSync(browser, 0o755);
    const r = await cli(["open", out, "--view", "-i", key], { BROWSER: browser });
    expect(r.code, r.stderr).toBe(0);
    for (let i = 0; i < 100 && !existsSync(seen); i++) await new Promise((res) => setTimeout(res, 20));
    const url = readFileSync(seen, "utf8").trim();
    expect(url).toMatch(/^file:\/\/.*\/chatferry-view-[^/]+\/archive\/index\.html$/);
    const folder = decodeURIComponent(new URL(url).pathname).replace(/\/archive\/index\.html$/, "");
    expect(statSync(folder).mode & 0o077).toBe(0);
    expect(existsSync(join(folder, "archive", "viewer", "catalog.js"))).toBe(true);
    expect(r.stderr).toContain(folder);

    const both = await cli(["open", out, "--view", "-o", path("x"), "-i", key]);
    expect(both.code).toBe(2);
  });
});

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
