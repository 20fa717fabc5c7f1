// One encryption or decryption in a fresh process, so that peak RSS belongs to it alone.
// Usage: node archive-worker.mjs <mode> <in> <out> <recipient|identity>; prints {"ms","rssMB"} as JSON.
// Modes: seal (ChatFerry's age payload), library (age-encryption's stream API), open (ChatFerry decrypting).
import { createReadStream, createWriteStream } from "node:fs";
import { open } from "node:fs/promises";
import { performance } from "node:perf_hooks";
import { Readable, Writable } from "node:stream";
import { pipeline } from "node:stream/promises";

const [mode, input, output, key] = process.argv.slice(2);
const dist = new URL("../../dist/", import.meta.url);
const started = performance.now();
const read = () => createReadStream(input, { highWaterMark: 1 << 20 });

if (mode === "seal") {
  const { sealHeader, SealStream } = await import(new URL("targets/archive/age.js", dist));
  const header = await sealHeader({ recipients: [key] });
  // Large writes, as the archive's own file writer makes them.
  const out = createWriteStream(output, { highWaterMark: 1 << 22 });
  out.write(header.bytes);
  await pipeline(read(), new SealStream(header.payloadKey), out);
} else if (mode === "library") {
  const { Encrypter } = await import("age-encryption");
  const e = new Encrypter();
  e.addRecipient(key);
  const sealed = await e.encrypt(Readable.toWeb(read()));
  await pipeline(Readable.fromWeb(sealed), createWriteStream(output, { highWaterMark: 1 << 22 }));
} else if (mode === "open") {
  const { AgeFile } = await import(new URL("targets/archive/age.js", dist));
  const age = await AgeFile.open(await open(input, "r"), input);
  await age.unlock({ identities: [key] });
  await pipeline(Readable.from(age.range(0, age.plainSize)), output === "-" ? new Writable({ write: (_c, _e, done) => done() }) : createWriteStream(output));
  await age.close();
} else {
  throw new Error(`unknown mode ${mode}`);
}
console.log(JSON.stringify({ ms: performance.now() - started, rssMB: process.resourceUsage().maxRSS / 1024 }));
