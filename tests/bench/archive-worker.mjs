// One encryption or decryption in a fresh process, so that peak RSS belongs to it alone.
// Usage: node archive-worker.mjs <mode> <in> <out> <recipient|identity>; prints {"ms","processMs","rssMB"} as JSON:
// ms from the first byte's key to the last byte written, processMs from the process's start (Node's boot and imports).
// Modes: seal (ChatFerry's age payload), library (age-encryption's stream API), open (ChatFerry decrypting).
import { createReadStream, createWriteStream } from "node:fs";
import { open } from "node:fs/promises";
import { performance } from "node:perf_hooks";
import { Readable, Writable } from "node:stream";
import { pipeline } from "node:stream/promises";

const [mode, input, output, key] = process.argv.slice(2);
const dist = new URL("../../dist/", import.meta.url);
let started = 0;
const read = () => createReadStream(input, { highWaterMark: 1 << 20 });

if (mode === "seal") {
  const { sealHeader, PayloadSealer } = await import(new URL("targets/archive/age.js", dist));
  const { atomicFile } = await import(new URL("targets/atomic.js", dist));
  const { fileEntry } = await import(new URL("input/folder.js", dist));
  const { MEDIA_CHUNK } = await import(new URL("normalize/media.js", dist));
  // The archive's own path: bytes read as it reads media, sealed, written through its atomic file.
  // Committed without the fsync an archive ends with, as the age CLI does not sync either.
  started = performance.now();
  const header = await sealHeader({ recipients: [key] });
  const file = await atomicFile(output, true);
  await file.writev([header.bytes]);
  const sealer = new PayloadSealer(header.payloadKey, file.writev);
  for await (const chunk of (await fileEntry(input, "input")).read({ chunkSize: MEDIA_CHUNK, lent: true })) await sealer.write(chunk);
  await sealer.end();
  await file.commit();
} else if (mode === "library") {
  const { Encrypter } = await import("age-encryption");
  started = performance.now();
  const e = new Encrypter();
  e.addRecipient(key);
  const sealed = await e.encrypt(Readable.toWeb(read()));
  await pipeline(Readable.fromWeb(sealed), createWriteStream(output, { highWaterMark: 1 << 22 }));
} else if (mode === "open") {
  const { AgeFile } = await import(new URL("targets/archive/age.js", dist));
  started = performance.now();
  const age = await AgeFile.open(await open(input, "r"), input);
  await age.unlock({ identities: [key] });
  await pipeline(Readable.from(age.range(0, age.plainSize)), output === "-" ? new Writable({ write: (_c, _e, done) => done() }) : createWriteStream(output));
  await age.close();
} else {
  throw new Error(`unknown mode ${mode}`);
}
const end = performance.now();
console.log(JSON.stringify({ ms: end - started, processMs: end, rssMB: process.resourceUsage().maxRSS / 1024 }));
