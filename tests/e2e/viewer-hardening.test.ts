// What a crafted archive or export can do to the viewer (issue 11), in Debian's Chromium:
// ChatFerry's served viewer (what `open --view` and the app show: site.ts behind loopback.ts)
// and the copy inside the archive, opened from an unpacked folder over file://.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serveLoopback, type Loopback } from "../../src/loopback.js";
import { readConversations } from "../../src/pipeline.js";
import { openAge, unpackArchive } from "../../src/targets/archive/read.js";
import { ViewerSite } from "../../src/targets/archive/site.js";
import { writeArchive } from "../../src/targets/archive/write.js";
import { ageKeygen, requireTool } from "../helpers/age.js";
import { forgeArchive } from "../helpers/forge.js";
import { png } from "../helpers/png.js";
import { launch } from "./harness.js";

const dir = mkdtempSync(join(tmpdir(), "chatferry-viewer-hardening-"));
const KEYING = { passphrase: "viewer hardening test", workFactor: 10 };
/** Sets a mark wherever it runs: in its own page, and in the viewer's if it can reach it. */
const PAYLOAD = `document.title = "PWNED"; try { opener.document.title = "PWNED"; } catch (e) {} try { parent.document.title = "PWNED"; } catch (e) {}`;
const LONG = (() => {
  const words = ["hello", "world", "커피", "산책", "lorem", "ipsum", "바다"];
  const parts: string[] = [];
  for (let n = 0; n < 10_000_000; n += words[parts.length % words.length]!.length + 1) parts.push(words[parts.length % words.length]!);
  return `${parts.join(" ").slice(0, 10_000_000)} needle777`;
})();

let browser: Browser;
const sites: ViewerSite[] = [];
const servers: Loopback[] = [];

/** A WhatsApp export whose attachments are an HTML page, an SVG with a script, a "photo" that is HTML, a real PNG; and a ten-million-character message. */
function craftedExport(): string {
  const folder = join(dir, "WhatsApp Chat with Mallory");
  mkdirSync(folder);
  writeFileSync(
    join(folder, "WhatsApp Chat with Mallory.txt"),
    [
      "15/01/2024, 09:12 - Mallory: hi",
      "15/01/2024, 09:13 - Mallory: evil.html (file attached)",
      "15/01/2024, 09:14 - Mallory: evil.svg (file attached)",
      "15/01/2024, 09:15 - Mallory: IMG-20240115-WA0001.jpg (file attached)",
      "15/01/2024, 09:16 - Mallory: IMG-20240115-WA0002.png (file attached)",
      `15/01/2024, 09:17 - Mallory: ${LONG}`,
      "15/01/2024, 09:18 - Mallory: after the long one",
      "",
    ].join("\n"),
  );
  writeFileSync(join(folder, "evil.html"), `<!doctype html><title>evil</title><script>${PAYLOAD}</script>`);
  writeFileSync(join(folder, "evil.svg"), `<svg xmlns="http://www.w3.org/2000/svg"><script>${PAYLOAD}</script></svg>`);
  writeFileSync(join(folder, "IMG-20240115-WA0001.jpg"), `<!doctype html><script>${PAYLOAD}</script>`);
  writeFileSync(join(folder, "IMG-20240115-WA0002.png"), png(40, 30));
  return folder;
}

/** ChatFerry's viewer over `archive`, as `open --view` serves it; the cookie is set, the address bar holds no secret. */
async function served(context: BrowserContext, archive: string, unlock: Parameters<typeof ViewerSite.openFile>[1]): Promise<Page> {
  const site = await ViewerSite.openFile(archive, unlock);
  sites.push(site);
  const server = await serveLoopback(site.respond, "chatferry-viewer");
  servers.push(server);
  const page = await context.newPage();
  await page.goto(server.url);
  return page;
}

async function newContext(allowed: RegExp): Promise<{ context: BrowserContext; problems: string[] }> {
  const context = await browser.newContext({ locale: "en-US", viewport: { width: 1100, height: 800 } });
  const problems: string[] = [];
  await context.route(
    (url) => !allowed.test(url.href),
    (route) => {
      problems.push(`left: ${route.request().url()}`);
      return route.abort();
    },
  );
  context.on("page", (page) => page.on("pageerror", (err) => problems.push(`page error: ${err.message}`)));
  return { context, problems };
}
const LOOPBACK = /^http:\/\/127\.0\.0\.1[:/]/;

/** Every page the context has, with its title: the payload, wherever it ran, leaves "PWNED". */
const titles = (context: BrowserContext) => Promise.all(context.pages().map((p) => p.title()));

let archive: string;
let unpacked: string;

beforeAll(async () => {
  requireTool("chromium", "chromium");
  archive = join(dir, "crafted.chatferry.age");
  await writeArchive(archive, readConversations(craftedExport(), { timezone: "UTC" }), { keying: KEYING, chatferry: "test", verify: false });
  unpacked = join(dir, "unpacked");
  const age = await openAge(archive);
  await age.unlock(KEYING);
  await unpackArchive(age, unpacked);
  await age.close();
  browser = await launch();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  for (const server of servers) await server.close();
  for (const site of sites) await site.close();
});

describe("ChatFerry's served viewer", () => {
  it("runs ChatFerry's page, never the forged archive's own index.html or scripts", async () => {
    const { identity, recipient } = ageKeygen();
    const genuine = join(dir, "genuine.chatferry.age");
    await writeArchive(genuine, readConversations(join(import.meta.dirname, "../fixtures/kakaotalk/android-ko.txt"), { timezone: "Asia/Seoul" }), {
      keying: { recipients: [recipient] },
      chatferry: "test",
    });
    const forged = join(dir, "forged.chatferry.age");
    const identities = identity.split("\n").filter((line) => line.startsWith("AGE-SECRET-KEY-"));
    await forgeArchive(
      genuine,
      { identities },
      { "index.html": `<!doctype html><title>forged</title><script>${PAYLOAD}</script><script src="viewer/evil.js"></script>`, "viewer/evil.js": `window.pwned = true; ${PAYLOAD}\n` },
      recipient,
      forged,
    );
    const { context, problems } = await newContext(LOOPBACK);
    const requested: string[] = [];
    context.on("request", (request) => requested.push(new URL(request.url()).pathname));
    const page = await served(context, forged, { identities });
    await expect.poll(() => page.locator(".row").count()).toBeGreaterThan(3);
    expect(await page.locator('meta[name="generator"]').getAttribute("content")).toBe("ChatFerry");
    expect(await page.title()).toMatch(/ — ChatFerry$/);
    expect(await page.evaluate<string>("typeof window.pwned")).toBe("undefined");
    expect(requested).not.toContain("/viewer/evil.js");
    expect(problems).toEqual([]);

    // Code in the place of message data is refused, not run: the viewer says why and shows nothing.
    const id = /"id":"([0-9a-f]{12})"/.exec(String((await sites.at(-1)!.respond({ method: "GET", path: "/viewer/catalog.js" })).body))![1]!;
    const smuggled = join(dir, "smuggled.chatferry.age");
    await forgeArchive(genuine, { identities }, { [`viewer/${id}/0.js`]: `cfChunk(${JSON.stringify(id)},0,(window.pwned = true, []));\n` }, recipient, smuggled);
    const refused = await served(context, smuggled, { identities });
    await expect.poll(() => refused.locator(".notice").textContent()).toBe("The messages could not be loaded: this archive's viewer data is not what ChatFerry writes, so ChatFerry does not show it.");
    expect(await refused.evaluate<string>("typeof window.pwned")).toBe("undefined");
    await context.close();
  }, 60_000);

  it("opens an HTML or SVG attachment as a download, never as a page of the viewer; a photo that is HTML stays an image", async () => {
    const { context, problems } = await newContext(LOOPBACK);
    const page = await served(context, archive, KEYING);
    await expect.poll(() => page.locator(`img[alt="IMG-20240115-WA0002.png"]`).evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).toBe(40);
    const before = await page.title();
    for (const name of ["evil.html", "evil.svg"]) {
      const link = page.locator("a.file", { hasText: name });
      const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
      expect(download.suggestedFilename()).toBe(name);
      await download.delete();
      // Even opened by address, the answer is a download in a sandbox, not a page of this origin.
      const direct = await page.request.get(new URL((await link.getAttribute("href"))!, page.url()).href);
      expect([direct.headers()["content-disposition"], direct.headers()["content-security-policy"]]).toEqual([`attachment; filename="${name}"; filename*=UTF-8''${name}`, "default-src 'none'; sandbox"]);
    }
    // The "photo" that holds HTML, opened by itself: served as an image, it is one (a broken one).
    const jpg = await page.locator('a:has(img[alt="IMG-20240115-WA0001.jpg"])').getAttribute("href");
    const fake = await context.newPage();
    expect((await fake.goto(new URL(jpg!, page.url()).href))!.status()).toBe(200);
    expect(await fake.evaluate<string>("document.contentType")).toBe("image/jpeg");
    expect([await page.title(), ...(await titles(context))]).not.toContain("PWNED");
    expect(await page.title()).toBe(before);
    expect(problems).toEqual([]);
    await context.close();
  }, 60_000);

  it("shows a ten-million-character message cut, with 'show all'; search still finds its end", async () => {
    const { context, problems } = await newContext(LOOPBACK);
    const page = await served(context, archive, KEYING);
    const all = page.locator(".show-all");
    await all.waitFor();
    expect(await all.textContent()).toBe(`Show all (${LONG.length.toLocaleString("en")} characters)`);
    const cut = await all.evaluate((button) => button.parentElement!.firstChild!.textContent!.length);
    expect(cut).toBeGreaterThan(3000);
    expect(cut).toBeLessThanOrEqual(4001);
    await expect.poll(() => page.locator(".row", { hasText: "after the long one" }).count()).toBe(1);

    await page.fill("#search", "needle777");
    await page.press("#search", "Enter");
    await expect.poll(() => page.locator("#results .status span").textContent()).toBe("1 results");
    expect(await page.locator("#results .hit mark").textContent()).toBe("needle777");

    await all.click();
    const shown = page.locator(".text:has(.piece)");
    await expect.poll(() => shown.evaluate((box) => box.textContent!.length)).toBe(LONG.length);
    expect(await shown.evaluate((box) => box.textContent!.endsWith("needle777"))).toBe(true);
    // The page still answers: it scrolls and searches after the whole text is in it.
    await page.fill("#search", "after the long");
    await page.press("#search", "Enter");
    await expect.poll(() => page.locator("#results .status span").textContent()).toBe("1 results");
    expect(problems).toEqual([]);
    await context.close();
  }, 120_000);
});

describe("the archive's own viewer, from an unpacked folder (file://)", () => {
  it("names HTML and SVG attachments with where to find them instead of linking them; the PNG shows inline", async () => {
    const { context, problems } = await newContext(/^file:/);
    const page = await context.newPage();
    await page.goto(`file://${join(unpacked, "index.html")}`);
    await expect.poll(() => page.locator(`img[alt="IMG-20240115-WA0002.png"]`).evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).toBe(40);
    expect(await page.locator('a[href*="evil"]').count()).toBe(0);
    for (const name of ["evil.html", "evil.svg"]) {
      const named = page.locator("span.file", { hasText: name });
      expect(await named.textContent()).toMatch(new RegExp(`open it from the archive folder: media/[0-9a-f]{12}/${name.replace(".", "\\.")}\\)$`));
      await named.click();
    }
    expect(await titles(context)).not.toContain("PWNED");
    expect(await page.locator(".show-all").count()).toBe(1);
    expect(problems).toEqual([]);
    await context.close();
  }, 60_000);
});
