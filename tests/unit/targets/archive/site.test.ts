// The viewer ChatFerry serves over an archive (site.ts): its own page, the archive's data
// rewritten as data, media decrypted on demand with headers that keep them inert.
import { createHash, randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SiteResponse } from "../../../../src/loopback.js";
import { readConversations } from "../../../../src/pipeline.js";
import { openAge, unpackArchive } from "../../../../src/targets/archive/read.js";
import { ViewerSite } from "../../../../src/targets/archive/site.js";
import { VIEWER_HTML } from "../../../../src/targets/archive/viewer.js";
import { writeArchive } from "../../../../src/targets/archive/write.js";
import { ROOT } from "../../../helpers/cli.js";

const dir = mkdtempSync(join(tmpdir(), "chatferry-site-"));
const KEYING = { passphrase: "site test", workFactor: 10 };
const PHOTO = "3f1c2b9e8d7a6f5e4d3c2b1a0f9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e.jpg";
/** Several of age's 64 KiB chunks, so that reads in parallel interleave. */
const photo = randomBytes(3_000_000);
let site: ViewerSite;
let unpacked: string;
let id: string;

async function bytes(response: SiteResponse): Promise<Buffer> {
  const { body } = response;
  if (!(body instanceof Readable)) return Buffer.from(body ?? "");
  const parts: Buffer[] = [];
  for await (const part of body) parts.push(part as Buffer);
  return Buffer.concat(parts);
}

const get = (path: string, method = "GET") => site.respond({ method, path });

beforeAll(async () => {
  const input = join(dir, "KakaoTalk_Chats");
  mkdirSync(join(input, "media"), { recursive: true });
  writeFileSync(join(input, "KakaoTalkChats.txt"), readFileSync(join(ROOT, "tests/fixtures/kakaotalk/android-ko.txt")));
  writeFileSync(join(input, "media", PHOTO), photo);
  const archive = join(dir, "a.chatferry.age");
  const { manifest } = await writeArchive(archive, readConversations(input, { timezone: "Asia/Seoul" }), { keying: KEYING, chatferry: "test", verify: false });
  id = manifest.conversations[0]!.id;
  unpacked = join(dir, "unpacked");
  const age = await openAge(archive);
  await age.unlock(KEYING);
  await unpackArchive(age, unpacked);
  await age.close();
  site = await ViewerSite.openFile(archive, KEYING);
});

afterAll(async () => {
  await site.close();
});

describe("the served viewer", () => {
  it("serves ChatFerry's page, and the data scripts of a ChatFerry archive byte for byte", async () => {
    for (const path of ["/", "/index.html"]) expect((await get(path)).body).toBe(VIEWER_HTML);
    for (const path of ["viewer/catalog.js", `viewer/${id}/0.js`]) {
      const served = await get(`/${path}`);
      expect([served.status, served.headers["content-type"], served.headers["cache-control"]]).toEqual([200, "text/javascript; charset=utf-8", "no-store"]);
      expect((await bytes(served)).equals(readFileSync(join(unpacked, path)))).toBe(true);
    }
  });

  it("decrypts media on demand, many at once, each read whole and right", async () => {
    const path = `/media/${id}/media/${PHOTO}`;
    const answers = await Promise.all(Array.from({ length: 6 }, () => get(path)));
    const digest = createHash("sha256").update(photo).digest("hex");
    const read = await Promise.all(answers.map(bytes));
    expect(read.map((b) => createHash("sha256").update(b).digest("hex"))).toEqual(Array(6).fill(digest));
    expect(answers[0]!.headers).toMatchObject({ "content-type": "image/jpeg", "content-security-policy": "default-src 'none'; sandbox", "x-content-type-options": "nosniff" });
  });

  it("answers nothing outside the viewer's own paths: the archive's index.html, its manifest, climbing paths, other methods", async () => {
    const refused = [
      "/manifest.json",
      `/conversations/${id}/messages.ndjson`,
      "/viewer/../manifest.json",
      "/media/%2e%2e/manifest.json",
      `/media/${id}/..%2f..%2fmanifest.json`,
      `/viewer/${id}%2f..%2f..%2fmanifest.json/0.js`,
      `/viewer/${id}/00.js`,
      `/viewer/${id}/1.js`,
      "/media/%zz",
    ];
    for (const path of refused) expect([path, (await get(path)).status]).toEqual([path, 404]);
    expect((await get("/", "POST")).status).toBe(405);
  });
});
