import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { open } from "node:fs/promises";
import { AgeFile, CHUNK, PayloadSealer, sealHeader, type Keying, type Unlock } from "../../src/targets/archive/age.js";

/** Fails with the install command when a Debian tool the tests need is absent. */
export function requireTool(command: string, pkg: string): string {
  const path = `/usr/bin/${command}`;
  if (!existsSync(path)) throw new Error(`${path} is missing: run 'apt-get install -y ${pkg}' (.ci/run installs it)`);
  return path;
}

/** A fresh X25519 key pair from age-keygen: [identity file text, recipient]. */
export function ageKeygen(): { identity: string; recipient: string } {
  const identity = execFileSync(requireTool("age-keygen", "age"), [], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
  const recipient = /public key: (age1\S+)/.exec(identity)![1]!;
  return { identity, recipient };
}

/**
 * Runs a program in a pseudo-terminal (util-linux `script`), as a person at a
 * terminal would: each answer is typed once the program has shown one more prompt.
 */
export function inTerminal(argv: string[], answers: string[], prompt: RegExp, env: NodeJS.ProcessEnv = process.env): Promise<{ code: number | null; output: string }> {
  const quote = (s: string) => `'${s.replace(/'/g, "'\\''")}'`;
  const child = spawn(requireTool("script", "bsdutils"), ["-qec", argv.map(quote).join(" "), "/dev/null"], { stdio: ["pipe", "pipe", "pipe"], env });
  let output = "";
  let typed = 0;
  const onOutput = (data: Buffer) => {
    output += data.toString();
    // Typed only once asked, so no answer is lost to a terminal mode change.
    const asked = (output.match(new RegExp(prompt.source, "g")) ?? []).length;
    while (typed < answers.length && typed < asked) child.stdin.write(`${answers[typed++]}\r`);
  };
  child.stdout.on("data", onOutput);
  child.stderr.on("data", onOutput);
  return exit(child, () => output);
}

/** Runs the age CLI; `passphrases` are typed at its prompts through a pseudo-terminal. */
export async function ageCli(args: string[], passphrases: string[] = []): Promise<{ code: number | null; output: string }> {
  const age = requireTool("age", "age");
  if (passphrases.length > 0) return inTerminal([age, ...args], passphrases, /passphrase/i);
  const child = spawn(age, args, { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr.on("data", (d: Buffer) => (output += d.toString()));
  return exit(child, () => output);
}

function exit(child: ChildProcess, output: () => string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), 60_000);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, output: output() });
    });
  });
}

/** Piece sizes around a chunk's: each lands the sealer's boundaries somewhere else. */
const PIECES = [1, CHUNK - 1, CHUNK + 1, CHUNK, 7, 3 * CHUNK + 5];

/**
 * Encrypts bytes the way an archive is encrypted: our header, our payload sealer,
 * fed in pieces of awkward sizes, every third write handing over two at once.
 */
export async function seal(data: Buffer, keying: Keying): Promise<Buffer> {
  const header = await sealHeader(keying);
  const parts: Buffer[] = [header.bytes];
  // Copied: the sealer reuses its buffers once a write resolves.
  const sealer = new PayloadSealer(header.payloadKey, async (buffers) => void parts.push(Buffer.concat(buffers)));
  let at = 0;
  const next = (size: number) => data.subarray(at, (at += size));
  for (let i = 0; at < data.length; i++) {
    const piece = next(PIECES[i % PIECES.length]!);
    await (i % 3 === 2 ? sealer.write(piece, next(5)) : sealer.write(piece));
  }
  await sealer.end();
  return Buffer.concat(parts);
}

/** Decrypts a file with AgeFile, reading every byte through its random-access path. */
export async function unseal(path: string, unlock: Unlock): Promise<Buffer> {
  const age = await AgeFile.open(await open(path, "r"), path);
  try {
    await age.unlock(unlock);
    const parts: Buffer[] = [];
    for await (const part of age.range(0, age.plainSize)) parts.push(part);
    await age.checkRest();
    return Buffer.concat(parts);
  } finally {
    await age.close();
  }
}
