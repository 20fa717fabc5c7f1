// The page `chatferry batch --report` writes, opened from the file system in Debian's Chromium
// with every request blocked: it shows its table, runs nothing, and asks for nothing.
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GOOD_INPUTS } from "../helpers/batch.js";
import { cli } from "../helpers/cli.js";
import { png } from "../helpers/png.js";
import { launch, SHOTS } from "./harness.js";

const dir = mkdtempSync(join(tmpdir(), "chatferry-batch-report-"));
/** A file name is anyone's to choose: this one would set the title if the page ran it. */
const CRAFTED = `<img src=x onerror="document.title='PWNED'">.txt`;
let browser: Browser;

beforeAll(async () => {
  browser = await launch();
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

describe("the batch report page", () => {
  it("shows one row an input, offline, with no script, no request and no console error", async () => {
    const crafted = join(dir, CRAFTED);
    copyFileSync(GOOD_INPUTS[0]!, crafted);
    const picture = join(dir, "photo.png");
    writeFileSync(picture, png(8, 8));
    const inputs = [...GOOD_INPUTS, crafted, picture];
    const report = join(dir, "report.html");
    const r = await cli(["batch", ...inputs, "--to", "json", "-o", join(dir, "out"), "--report", report, "--timezone", "Asia/Seoul"]);
    expect(r.code, r.stderr).toBe(4);

    const context = await browser.newContext({ locale: "en-US", viewport: { width: 1400, height: 700 } });
    const problems: string[] = [];
    // The page itself is a file; anything else it asked for would be a request, and none may leave.
    await context.route(
      (url) => url.protocol !== "file:",
      (route) => {
        problems.push(`request: ${route.request().url()}`);
        return route.abort();
      },
    );
    const page = await context.newPage();
    page.on("console", (message) => problems.push(`console ${message.type()}: ${message.text()}`));
    page.on("pageerror", (err) => problems.push(`page error: ${err.message}`));
    page.on("request", (request) => {
      if (request.url() !== pathToFileURL(report).href) problems.push(`request: ${request.url()}`);
    });
    await page.goto(pathToFileURL(report).href);

    expect(await page.title()).toBe("ChatFerry batch report");
    expect(await page.locator("script").count()).toBe(0);
    expect(await page.locator("img").count()).toBe(0);
    const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute("content");
    expect(policy).toMatch(/^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/]+=*'; base-uri 'none'; form-action 'none'$/);

    const rows = page.locator("tbody tr");
    expect(await rows.count()).toBe(inputs.length);
    expect(await page.locator("thead th").allTextContents()).toContain("Messages written");
    expect(await rows.nth(GOOD_INPUTS.length).locator("td").nth(1).textContent()).toBe(CRAFTED);
    const failed = rows.nth(inputs.length - 1);
    expect(await failed.getAttribute("class")).toBe("failed");
    expect(await failed.locator("td.status").textContent()).toBe("failed");
    expect(await failed.locator("td").nth(3).textContent()).toBe("photo.png is not a text chat export (it looks like a binary file, such as an image).");
    // The inline style is the one the policy names: a blocked style would leave the table's borders apart.
    // (The test's types know no DOM: the browser's function is reached through the page's global.)
    const collapse = await page.locator("table").evaluate((table) => (globalThis as unknown as { getComputedStyle(e: unknown): { borderCollapse: string } }).getComputedStyle(table).borderCollapse);
    expect(collapse).toBe("collapse");

    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: join(SHOTS, "batch-report.png"), fullPage: true });
    expect(problems).toEqual([]);
    await context.close();
  }, 90_000);
});
