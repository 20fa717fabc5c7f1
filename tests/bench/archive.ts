// The archive's speed and memory, side by side with the age CLI on the same bytes.
//   tsx tests/bench/archive.ts          (after `npm run build`)
// 1. Encryption of a 500 MB media zip: the `age` CLI, ChatFerry's payload stream, age-encryption's stream API;
//    then each side decrypts what the other wrote (byte-compatibility, by SHA-256). BENCH_SEAL=0 skips it.
// 2. `chatferry archive` end to end: a folder export of BENCH_ARCHIVE_MESSAGES messages (default 1,000,000)
//    and BENCH_ARCHIVE_MEDIA_MB of media (default 2000); wall time and peak RSS. BENCH_ARCHIVE=0 skips it.
// 3. The whole command on a KakaoTalk zip export (20,000 messages, 30 photos of 10 MB, stored), side by side
//    with the standard tools doing the same bytes' work: `archive` with and without --no-verify beside
//    `age -r … && sync`, `telegram package` beside `cp … && sync`, `open -o` beside `age -d`. BENCH_ZIP=0 skips it.
import { execFileSync, spawnSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { appendFileSync, createReadStream, createWriteStream, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { once } from "node:events";
import { Readable } from "node:stream";
import yazl from "yazl";
import { writeKakaoAndroid } from "./kakao-export.js";

const ROOT = join(import.meta.dirname, "../..");
const DATA = join(ROOT, "bench-data");
const WORKER = join(import.meta.dirname, "archive-worker.mjs");
const CLI = join(ROOT, "dist/cli/main.js");
const ZIP_MB = 500;

for (const tool of ["/usr/bin/age", "/usr/bin/age-keygen", "/usr/bin/time"]) {
  if (!existsSync(tool)) throw new Error(`${tool} is missing: apt-get install -y age time`);
}
if (!existsSync(CLI)) throw new Error("dist/ is missing: run 'npm run build' first");
mkdirSync(DATA, { recursive: true });

async function sha256(path: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

/** A zip of stored random "media", as a media-heavy archive's plaintext is. */
async function mediaZip(path: string, mb: number): Promise<void> {
  const zip = new yazl.ZipFile();
  const out = createWriteStream(path);
  zip.outputStream.pipe(out);
  // Lazily: each file's bytes are made when the zip reaches it, not all held at once.
  for (let i = 0; i < mb / 10; i++) {
    zip.addReadStreamLazy(`media/VID_${String(i).padStart(4, "0")}.mp4`, { compress: false }, (give) => give(null, Readable.from([randomBytes(10_000_000)])));
  }
  zip.end();
  await once(out, "finish");
}

interface Run {
  /** Seconds spent on the bytes: for ChatFerry, from the header's key to the last byte written (after Node's boot and imports). */
  s: number;
  /** Seconds for the whole process. */
  processS: number;
  rssMB: number;
}

/** Wall seconds and peak RSS of a command, from GNU time, which sees the child itself. */
function timed(command: string, args: string[]): Run {
  const started = performance.now();
  const r = spawnSync("/usr/bin/time", ["-f", "%M", command, ...args], { encoding: "utf8", maxBuffer: 1 << 26 });
  const s = (performance.now() - started) / 1000;
  if (r.status !== 0) throw new Error(`${command} ${args.join(" ")} failed: ${r.stderr}`);
  return { s, processS: s, rssMB: Number(r.stderr.trim().split("\n").at(-1)) / 1024 };
}

function worker(mode: string, input: string, output: string, key: string): Run {
  const out = execFileSync(process.execPath, [WORKER, mode, input, output, key], { encoding: "utf8" });
  const { ms, processMs, rssMB } = JSON.parse(out) as { ms: number; processMs: number; rssMB: number };
  return { s: ms / 1000, processS: processMs / 1000, rssMB };
}

/**
 * Runs the contenders in turn, `rounds` times (so that a slow moment of the machine falls
 * on both), each in a fresh process; the best and the median of each.
 */
function alternate(rounds: number, contenders: (() => Run)[]): { best: Run; median: Run }[] {
  const runs: Run[][] = contenders.map(() => []);
  for (let i = 0; i < rounds; i++) contenders.forEach((run, k) => runs[k]!.push(run()));
  return runs.map((all) => {
    const sorted = [...all].sort((a, b) => a.s - b.s);
    return { best: sorted[0]!, median: sorted[Math.floor(sorted.length / 2)]! };
  });
}

function row(cells: (string | number)[]): string {
  return cells.map((c, i) => String(c).padStart(i === 0 ? 34 : 12)).join(" ");
}

const key = join(DATA, "bench-age-key.txt");
if (!existsSync(key)) execFileSync("/usr/bin/age-keygen", ["-o", key], { stdio: "ignore" });
const identity = /AGE-SECRET-KEY-1\S+/.exec(readFileSync(key, "utf8"))![0];
const recipient = /public key: (age1\S+)/.exec(readFileSync(key, "utf8"))![1]!;

// 1. Encryption, side by side (BENCH_SEAL=0 skips it).
if (process.env.BENCH_SEAL !== "0") {
  const zip = join(DATA, `media-${ZIP_MB}mb.zip`);
  if (!existsSync(zip)) await mediaZip(zip, ZIP_MB);
  const mb = statSync(zip).size / 1e6;
  const plainHash = await sha256(zip);
  const byAge = join(DATA, "bench-by-age.age");
  const byUs = join(DATA, "bench-by-chatferry.age");
  const byLibrary = join(DATA, "bench-by-library.age");
  const ROUNDS = 5;
  console.log(`node ${process.version}; ${mb.toFixed(0)} MB media zip; ${ROUNDS} alternating rounds, each run in a fresh process`);
  console.log("ChatFerry's seconds are its time on the bytes; 'process s' adds Node's boot and imports, paid once per run, not per byte");
  const table = (title: string, rows: [string, { best: Run; median: Run }][], base: Run) => {
    console.log(row([title, "best s", "median s", "MB/s (best)", "process s", "peak RSS MB", "x age CLI"]));
    for (const [name, { best, median }] of rows) {
      console.log(row([name, best.s.toFixed(2), median.s.toFixed(2), (mb / best.s).toFixed(0), best.processS.toFixed(2), best.rssMB.toFixed(0), (base.s / best.s).toFixed(2)]));
    }
  };
  // Each writes a new file, as neither then pays for dropping the last run's.
  const fresh = (path: string) => (rmSync(path, { force: true }), path);
  const [ageRun, ours] = alternate(ROUNDS, [() => timed("/usr/bin/age", ["-r", recipient, "-o", fresh(byAge), zip]), () => worker("seal", zip, fresh(byUs), recipient)]);
  const library = worker("library", zip, byLibrary, recipient);
  table("encrypt (X25519 recipient)", [["age CLI 1.x (Go)", ageRun!], ["ChatFerry (native ChaCha20)", ours!], ["age-encryption (pure JS, 1 run)", { best: library, median: library }]], ageRun!.best);

  // Decrypted bytes are thrown away on both sides: the time is the reading, checking and decrypting.
  const [ageDecrypt, oursDecrypt] = alternate(ROUNDS, [() => timed("/usr/bin/age", ["-d", "-i", key, "-o", "/dev/null", byUs]), () => worker("open", byAge, "-", identity)]);
  table("decrypt", [["age CLI decrypting ChatFerry's", ageDecrypt!], ["ChatFerry decrypting age's", oursDecrypt!]], ageDecrypt!.best);
  // Byte-compatibility on the big file: each side decrypts the other's, and the library's output too.
  const plainByAge = join(DATA, "bench-plain-by-age.zip");
  execFileSync("/usr/bin/age", ["-d", "-i", key, "-o", plainByAge, byUs]);
  const plainByUs = join(DATA, "bench-plain-by-chatferry.zip");
  worker("open", byAge, plainByUs, identity);
  const plainFromLibrary = join(DATA, "bench-plain-from-library.zip");
  worker("open", byLibrary, plainFromLibrary, identity);
  const hashes = [await sha256(plainByAge), await sha256(plainByUs), await sha256(plainFromLibrary)];
  if (hashes.some((h) => h !== plainHash)) throw new Error(`decrypted bytes differ from the zip: ${hashes.join(" ")}`);
  console.log("byte-compatible: age CLI decrypts ChatFerry's file, ChatFerry decrypts age CLI's and age-encryption's: SHA-256 equal");
  for (const f of [byAge, byUs, byLibrary, plainByAge, plainByUs, plainFromLibrary]) rmSync(f, { force: true });
}

// 2. chatferry archive, end to end.
if (process.env.BENCH_ARCHIVE !== "0") {
  const messages = Number(process.env.BENCH_ARCHIVE_MESSAGES ?? 1_000_000);
  const mediaMB = Number(process.env.BENCH_ARCHIVE_MEDIA_MB ?? 2000);
  const folder = join(DATA, `archive-input-${messages}-${mediaMB}mb`);
  const chat = join(folder, "KakaoTalkChats.txt");
  if (!existsSync(chat)) {
    mkdirSync(folder, { recursive: true });
    const files = Math.max(1, Math.round(mediaMB / 20));
    const names = Array.from({ length: files }, (_, i) => `${createHash("sha256").update(String(i)).digest("hex")}.mp4`);
    for (const name of names) writeFileSync(join(folder, name), randomBytes(Math.round((mediaMB * 1e6) / files)));
    await writeKakaoAndroid(`${chat}.part`, messages);
    // The generated chat names no files; these lines send videos named like KakaoTalk's, one a message.
    appendFileSync(`${chat}.part`, `\n2024년 1월 1일 오전 6:12\n${names.map((n) => `2024년 1월 1일 오전 6:12, 김민지 : ${n}\n`).join("")}`);
    execFileSync("mv", [`${chat}.part`, chat]);
  }
  const out = join(DATA, "bench-archive.chatferry.age");
  const pass = join(DATA, "bench-pass.txt");
  writeFileSync(pass, "bench passphrase, not a secret\n");
  const inputMB = (statSync(chat).size + mediaMB * 1e6) / 1e6;
  console.log(`\nchatferry archive: ${messages.toLocaleString("en")} messages + ${mediaMB} MB media (${inputMB.toFixed(0)} MB in), one run each`);
  console.log(row(["", "seconds", "MB/s", "peak RSS MB", "archive MB"]));
  const runs: [string, string[]][] = [
    ["recipient, verified", ["archive", folder, "-o", out, "--recipient", recipient, "--force", "--timezone", "Asia/Seoul"]],
    ["recipient, --no-verify", ["archive", folder, "-o", out, "--recipient", recipient, "--force", "--no-verify", "--timezone", "Asia/Seoul"]],
    ["passphrase (scrypt 2^18), verified", ["archive", folder, "-o", out, "--passphrase-file", pass, "--force", "--timezone", "Asia/Seoul"]],
    ["verify (passphrase)", ["verify", out, "--passphrase-file", pass]],
  ];
  for (const [name, args] of runs) {
    const r = timed(process.execPath, [CLI, ...args]);
    console.log(row([name, r.s.toFixed(1), (inputMB / r.s).toFixed(0), r.rssMB.toFixed(0), (statSync(out).size / 1e6).toFixed(0)]));
  }
  rmSync(out, { force: true });
}

// 3. The whole command on a zip export, against the standard tools on the same bytes.
if (process.env.BENCH_ZIP !== "0") {
  const input = join(DATA, "kakao-zip-20000-300mb.zip");
  if (!existsSync(input)) await kakaoZip(input);
  const inputMB = statSync(input).size / 1e6;
  const out = join(DATA, "bench-zip-out");
  const clean = () => rmSync(out, { recursive: true, force: true });
  const cli = (args: string[]) => () => (clean(), timed(process.execPath, [CLI, ...args]));
  const shell = (script: string) => () => (clean(), timed("/bin/sh", ["-c", script]));
  const sealed = `${out}.age`;
  const rounds = Number(process.env.BENCH_ZIP_ROUNDS ?? 5);
  console.log(`\nthe whole command on a KakaoTalk zip export (${inputMB.toFixed(0)} MB: 20,000 messages, 30 stored photos of 10 MB); ${rounds} alternating rounds, best of each`);
  console.log(row(["", "best s", "median s", "peak RSS MB", "x anchor"]));
  const report = (rows: [string, { best: Run; median: Run }][]) => {
    const anchor = rows[0]![1].best.s;
    for (const [name, { best, median }] of rows) console.log(row([name, best.s.toFixed(2), median.s.toFixed(2), best.rssMB.toFixed(0), (best.s / anchor).toFixed(2)]));
  };
  const archiveArgs = ["archive", input, "--recipient", recipient, "-o", sealed, "--force", "--timezone", "Asia/Seoul"];
  const archived = alternate(rounds, [
    shell(`rm -f '${sealed}'; /usr/bin/age -r ${recipient} -o '${sealed}' '${input}' && sync`),
    () => (rmSync(sealed, { force: true }), cli([...archiveArgs, "--no-verify"])()),
    () => (rmSync(sealed, { force: true }), cli(archiveArgs)()),
  ]);
  report([["age -r + sync (anchor)", archived[0]!], ["chatferry archive --no-verify", archived[1]!], ["chatferry archive (verified)", archived[2]!]]);
  const packaged = alternate(rounds, [
    shell(`mkdir -p '${out}' && cp '${input}' '${out}/copy.zip' && sync`),
    () => (clean(), mkdirSync(out), cli(["telegram", "package", input, "-o", out, "--force", "--timezone", "Asia/Seoul"])()),
  ]);
  report([["cp + sync (anchor)", packaged[0]!], ["chatferry telegram package", packaged[1]!]]);
  // `open -o` writes the files without syncing them (the archive is the copy that lasts), so the anchor does not sync either.
  const opened = alternate(rounds, [shell(`mkdir -p '${out}' && /usr/bin/age -d -i '${key}' -o '${out}/plain.zip' '${sealed}'`), cli(["open", sealed, "-o", out, "--identity", key])]);
  report([["age -d (anchor)", opened[0]!], ["chatferry open -o", opened[1]!]]);
  clean();
  rmSync(sealed, { force: true });
}

/** A KakaoTalk Android export as the phone zips it: the chat deflated, 30 photos stored. */
async function kakaoZip(path: string): Promise<void> {
  const chat = `${path}.txt`;
  await writeKakaoAndroid(chat, 20_000);
  const names = Array.from({ length: 30 }, (_, i) => `${createHash("sha256").update(String(i)).digest("hex")}.jpg`);
  // The generated chat names no files; these lines send photos named like KakaoTalk's, one a message.
  appendFileSync(chat, `\n2024년 1월 1일 오전 6:12\n${names.map((n) => `2024년 1월 1일 오전 6:12, 김민지 : ${n}\n`).join("")}`);
  const zip = new yazl.ZipFile();
  const written = createWriteStream(`${path}.part`);
  zip.outputStream.pipe(written);
  zip.addBuffer(readFileSync(chat), "KakaoTalkChats.txt");
  for (const name of names) zip.addReadStreamLazy(name, { compress: false }, (give) => give(null, Readable.from([randomBytes(10_000_000)])));
  zip.end();
  await once(written, "finish");
  rmSync(chat);
  execFileSync("mv", [`${path}.part`, path]);
}
