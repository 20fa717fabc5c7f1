// The archive's viewer, as a person opens it: index.html from the file system in
// headless Chromium, every network request blocked, no server.
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readConversations } from "../../src/pipeline.js";
import { openAge, unpackArchive } from "../../src/targets/archive/read.js";
import { writeArchive } from "../../src/targets/archive/write.js";
import { writeKakaoAndroid } from "../bench/kakao-export.js";
import { requireTool } from "../helpers/age.js";
import { png } from "../helpers/png.js";
import { ROOT } from "../helpers/cli.js";

const MESSAGES = 20_000;
const PHOTO = `${"ab".repeat(32)}.png`;
const ARTIFACTS = join(ROOT, "test-artifacts");
const dir = mkdtempSync(join(tmpdir(), "chatferry-viewer-"));
const site = join(dir, "unpacked");
let browser: Browser;

beforeAll(async () => {
  requireTool("chromium", "chromium");
  const input = join(dir, "KakaoTalk_Chats");
  mkdirSync(input);
  const chat = join(input, "KakaoTalkChats.txt");
  await writeKakaoAndroid(chat, MESSAGES);
  appendFileSync(chat, `\n2024년 1월 1일 오전 6:12\n2024년 1월 1일 오전 6:12, 김민지 : 전망대에서 무지개를 봤어요 rainbow4417\n2024년 1월 1일 오전 6:13, 김민지 : ${PHOTO}\n`);
  writeFileSync(join(input, PHOTO), png(160, 100));
  const archive = join(dir, "chat.chatferry.age");
  const keying = { passphrase: "viewer test", workFactor: 10 };
  await writeArchive(archive, readConversations(input, { timezone: "Asia/Seoul", me: "김민지" }), { keying, chatferry: "test", verify: false });
  const age = await openAge(archive);
  await age.unlock(keying);
  await unpackArchive(age, site);
  await age.close();
  browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
});

interface Opened {
  context: BrowserContext;
  page: Page;
  /** Requests that tried to leave the file system (all refused). */
  blocked: string[];
  errors: string[];
}

async function openViewer(locale: string): Promise<Opened> {
  const context = await browser.newContext({ locale, viewport: { width: 1100, height: 800 } });
  const blocked: string[] = [];
  await context.route(/^(?!file:)/, (route) => {
    blocked.push(route.request().url());
    return route.abort();
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => {
    if (m.type() === "error" || m.type() === "warning") errors.push(m.text());
  });
  // Long tasks (main thread busy over 50 ms) are what a person feels as freezing.
  await page.addInitScript({
    content: `window.longTasks = [];
      new PerformanceObserver((list) => list.getEntries().forEach((e) => window.longTasks.push(e.duration))).observe({ type: "longtask", buffered: true });`,
  });
  await page.goto(`file://${join(site, "index.html")}`);
  await page.locator(".row").first().waitFor();
  return { context, page, blocked, errors };
}

const firstIndex = (page: Page) => page.locator(".row").first().getAttribute("data-i").then(Number);
const longest = (page: Page) => page.evaluate<number>("Math.max(0, ...window.longTasks)");
/**
 * A frozen page blocks for seconds; a loaded 2-core CI machine can stretch a
 * healthy task to a few hundred ms. The guard tells the two apart, nothing finer.
 */
const FROZEN_MS = 2000;

describe("the archive viewer in Chromium, from file://, offline", () => {
  it("shows the newest messages with the photo inline, in Korean for a Korean browser, without the network", async () => {
    const { context, page, blocked, errors } = await openViewer("ko-KR");
    await expect.poll(() => page.locator(".bubble img").evaluate((img) => (img as unknown as { complete: boolean; naturalWidth: number }).naturalWidth)).toBe(160);
    await expect.poll(() => page.locator(".row").last().textContent()).toContain("06:13");
    expect(await page.locator(".row", { hasText: "rainbow4417" }).count()).toBe(1);
    // The one who exported (here named with --me) starts on the right, chosen in the list.
    expect(await page.locator(".row", { hasText: "rainbow4417" }).locator(".msg.mine").count()).toBe(1);
    expect(await page.locator("#me option:checked").textContent()).toBe("김민지");
    expect(await page.locator(".day").last().textContent()).toBe("2024년 1월 1일 월요일");
    expect(await page.locator("#search").getAttribute("placeholder")).toBe("메시지 검색");
    expect(await page.locator("#info").textContent()).toContain("메시지 20,002개");
    // Only a window of the 20,002 messages is in the page.
    expect(await page.locator(".row").count()).toBeLessThanOrEqual(500);
    expect([blocked, errors]).toEqual([[], []]);
    await context.close();
  });

  it("scrolls back through thousands of messages, loading them as it goes, the page never holding many", async () => {
    const { context, page, errors } = await openViewer("ko-KR");
    const start = await firstIndex(page);
    for (let i = 0; i < 12; i++) {
      const before = await firstIndex(page);
      await page.locator("#list").evaluate((list) => (list.scrollTop = 0));
      await expect.poll(() => firstIndex(page)).toBeLessThan(before);
    }
    expect(start - (await firstIndex(page))).toBeGreaterThanOrEqual(1000);
    expect(await page.locator(".row").count()).toBeLessThanOrEqual(500);
    // Each row follows the one before it: no gaps, no duplicates at the seams.
    const indexes = await page.locator(".row").evaluateAll((rows) => rows.map((r) => Number(r.getAttribute("data-i"))));
    expect(indexes).toEqual(indexes.map((_, k) => indexes[0]! + k));
    expect(await longest(page)).toBeLessThan(FROZEN_MS);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("searches all messages without freezing, jumps to a hit, jumps to a date; screenshot kept", async () => {
    const { context, page, blocked, errors } = await openViewer("ko-KR");
    // A common word: many hits, every chunk scanned.
    await page.fill("#search", "coffee");
    await page.press("#search", "Enter");
    await expect.poll(() => page.locator("#results .status span").textContent(), { timeout: 20_000 }).toMatch(/^(결과|처음) /);
    expect(await page.locator("#results .hit").count()).toBeGreaterThan(100);

    await page.fill("#search", "rainbow4417");
    await page.press("#search", "Enter");
    await expect.poll(() => page.locator("#results .status span").textContent()).toBe("결과 1개");
    await page.locator("#results .hit").click();
    await expect.poll(() => page.locator(".row.hit").textContent()).toContain("전망대에서 무지개를 봤어요 rainbow4417");
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, "viewer-search.png") });

    await page.locator("#date").fill("2019-01-15");
    await page.locator("#date").dispatchEvent("change");
    await expect.poll(() => page.locator(".row.hit .day").textContent()).toBe("2019년 1월 15일 화요일");
    await page.screenshot({ path: join(ARTIFACTS, "viewer-date.png") });
    expect(await longest(page)).toBeLessThan(FROZEN_MS);
    expect([blocked, errors]).toEqual([[], []]);
    await context.close();
  });

  it("speaks English to an English browser, and switches language on request", async () => {
    const { context, page, errors } = await openViewer("en-US");
    expect(await page.locator("#search").getAttribute("placeholder")).toBe("Search messages");
    expect(await page.locator(".day").last().textContent()).toBe("Monday, January 1, 2024");
    await page.locator("#lang").click();
    expect(await page.locator("#search").getAttribute("placeholder")).toBe("메시지 검색");
    await page.screenshot({ path: join(ARTIFACTS, "viewer-en-switched.png") });
    expect(errors).toEqual([]);
    await context.close();
  });

  it("has a timeline of months, the years without messages shaded, that goes to a month's first message when clicked", async () => {
    const { context, page, blocked, errors } = await openViewer("en-US");
    const strip = page.getByRole("navigation", { name: "Messages per month: choose one to go to it" });
    // January 2019 to January 2024: the 20,000 messages fill the first weeks of 2019, one morning of 2024 ends it.
    expect(await strip.locator(".unit").count()).toBe(61);
    expect(await strip.getByRole("button").count()).toBe(3);
    expect(await strip.locator(".unit.gap").count()).toBeGreaterThan(50);
    expect(await strip.locator(".unit.gap").first().getAttribute("title")).toBe("March 2019: 0 messages · no messages: the export may be missing this time");
    const february = strip.getByRole("button", { name: /^February 2019: [\d,]+ messages$/ });
    await february.click();
    await expect.poll(() => page.locator(".row.hit .day").textContent()).toBe("Friday, February 1, 2019");
    // The month's first message, as the catalog's day index has it.
    const catalog = JSON.parse(readFileSync(join(site, "viewer/catalog.js"), "utf8").slice("cfCatalog(".length, -");\n".length)) as {
      conversations: { days: [string, number][]; months: [string, number][] }[];
    };
    const { days, months } = catalog.conversations[0]!;
    expect(months.map(([month]) => month)).toEqual(["2019-01", "2019-02", "2024-01"]);
    expect(Number(await page.locator(".row.hit").getAttribute("data-i"))).toBe(days.find(([day]) => day >= "2019-02-01")![1]);
    await page.screenshot({ path: join(ARTIFACTS, "viewer-timeline.png") });
    expect(await longest(page)).toBeLessThan(FROZEN_MS);
    expect([blocked, errors]).toEqual([[], []]);
    await context.close();
  });
});
