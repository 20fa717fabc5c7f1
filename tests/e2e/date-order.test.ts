// The check step's question, as a person meets it in Chromium: a WhatsApp export whose dates
// (3/4/24) could be 4 March or 3 April asks before anything can move on; the answer re-reads
// the chat, the preview's dates change, and the Telegram package is written with them.
// Also: unread lines and unknown placeholders are named on the check step.
// Screenshots go to test-artifacts/e2e/ (date-order-*).
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "../../electron/server.js";
import { launch, newScript, openApp, requireBuiltApp, startTestServer, type AppPage, type Script } from "./harness.js";

const FIXTURES = join(import.meta.dirname, "../fixtures/whatsapp");
const UNDECIDED = join(FIXTURES, "undecided/WhatsApp Chat with Tennis Club.txt");
const GUESSES = join(FIXTURES, "guesses/WhatsApp Chat with Kim Family.txt");
const dir = mkdtempSync(join(tmpdir(), "chatferry-e2e-dates-"));

let browser: Browser;
const servers: RunningServer[] = [];

async function app(lang: "ko" | "en", prefix: string): Promise<AppPage & { script: Script }> {
  const script = newScript();
  const server = await startTestServer(lang, script);
  servers.push(server);
  const opened = await openApp(browser, server, { prefix });
  await opened.page.getByRole("heading", { level: 1 }).waitFor();
  return { ...opened, script };
}

const text = (page: Page, testId: string) => page.getByTestId(testId).textContent();
/** The time line of the preview's first message. */
const firstTime = (page: Page) => page.locator('.row[data-seq="0"]').textContent();

beforeAll(async () => {
  requireBuiltApp();
  browser = await launch();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  for (const server of servers) await server.close();
});

describe("the date question", () => {
  it("asks, takes the answer, re-reads the dates and moves them on, in English", async () => {
    const { page, script, problems, shot } = await app("en", "date-order-en");
    script.inputs.push(UNDECIDED);
    await page.getByRole("button", { name: "Choose a file…" }).click();
    const question = page.getByTestId("date-question");
    await question.waitFor({ timeout: 20_000 });
    expect(await question.locator("legend").textContent()).toBe("When was this message sent?");
    expect(await question.locator("blockquote").textContent()).toBe("Line 4 Sam Park: Court 3 is booked for tomorrow, 10 to 12");
    const march = page.getByRole("radio", { name: "4 March 2024 (dates written month/day)" });
    const april = page.getByRole("radio", { name: "3 April 2024 (dates written day/month)" });
    expect(await march.isChecked()).toBe(false);
    expect(await april.isChecked()).toBe(false);
    expect(await text(page, "date-order")).toBe("month/day (not shown by the export: answer the question above)");
    expect(await text(page, "timezone-used")).toMatch(/ \(this computer's\)$/);
    expect(await text(page, "unread")).toBe("none");
    // Nothing moves on a guessed date.
    expect(await page.getByRole("button", { name: "Continue" }).isDisabled()).toBe(true);
    expect(await page.getByText("Answer the question about dates first: a move into Telegram cannot be undone.").isVisible()).toBe(true);
    expect(await page.getByRole("button", { name: "Read the dates this way" }).isDisabled()).toBe(true);
    await expect.poll(() => firstTime(page)).toContain("4 Mar 2024, 18:02");
    await shot("question");

    await april.check();
    await page.getByRole("button", { name: "Read the dates this way" }).click();
    await expect.poll(() => text(page, "date-order"), { timeout: 20_000 }).toBe("day/month (your answer)");
    await expect.poll(() => firstTime(page)).toContain("3 Apr 2024, 18:02");
    expect(await text(page, "message-count")).toBe("8");
    expect(await page.getByRole("radio", { name: "3 April 2024 (dates written day/month)" }).isChecked()).toBe(true);
    expect(await page.getByRole("button", { name: "Read the dates this way" }).isDisabled()).toBe(true);
    expect(await page.getByRole("button", { name: "Continue" }).isDisabled()).toBe(false);
    await shot("answered");

    await page.getByRole("button", { name: "Continue" }).click();
    const out = mkdtempSync(join(dir, "package-"));
    script.outputs.push(out);
    await page.getByRole("button", { name: "Choose a folder…" }).click();
    await expect.poll(() => text(page, "output-path")).toBe(out);
    await page.getByRole("button", { name: "Start" }).click();
    await expect.poll(() => text(page, "report-summary"), { timeout: 20_000 }).toBe("All 8 messages arrived.");
    expect(readdirSync(out).sort()).toEqual(["WhatsApp Chat with Tennis Club.txt", "WhatsApp Chat with Tennis Club.zip"]);
    expect(readFileSync(join(out, "WhatsApp Chat with Tennis Club.txt"), "utf8")).toContain("[2024/04/03, 21:41:00] Kim Lee: See you there!\n");
    expect(problems).toEqual([]);
  });

  it("asks in Korean", async () => {
    const { page, script, problems, shot } = await app("ko", "date-order-ko");
    script.inputs.push(UNDECIDED);
    await page.getByRole("button", { name: "파일 고르기…" }).click();
    const question = page.getByTestId("date-question");
    await question.waitFor({ timeout: 20_000 });
    expect(await question.locator("legend").textContent()).toBe("이 메시지는 언제 보낸 건가요?");
    const march = page.getByRole("radio", { name: "2024년 3월 4일 (월/일 순서로 적힌 날짜)" });
    const april = page.getByRole("radio", { name: "2024년 4월 3일 (일/월 순서로 적힌 날짜)" });
    expect(await text(page, "date-order")).toBe("월/일 (파일로는 알 수 없음. 위 질문에 답해 주세요)");
    expect(await page.getByRole("button", { name: "다음" }).isDisabled()).toBe(true);
    await expect.poll(() => firstTime(page)).toContain("2024. 3. 4.");
    await shot("question");

    await april.check();
    await page.getByRole("button", { name: "이 순서로 읽기" }).click();
    await expect.poll(() => text(page, "date-order"), { timeout: 20_000 }).toBe("일/월 (직접 고르신 순서)");
    await expect.poll(() => firstTime(page)).toContain("2024. 4. 3.");
    expect(await march.isChecked()).toBe(false);
    expect(await page.getByRole("button", { name: "다음" }).isDisabled()).toBe(false);
    expect(problems).toEqual([]);
  });

  it("names lines it could not read and unknown placeholders, and asks nothing when the dates decide", async () => {
    const { page, script, problems, shot } = await app("en", "date-order-guesses");
    script.inputs.push(GUESSES);
    await page.getByRole("button", { name: "Choose a file…" }).click();
    await expect.poll(() => text(page, "message-count"), { timeout: 20_000 }).toBe("6");
    expect(await page.getByTestId("date-question").count()).toBe(0);
    expect(await text(page, "date-order")).toBe("day/month (from dates that can be read only one way)");
    expect(await page.getByTestId("unread").innerText()).toBe(
      "2, each kept as part of the message before it:\nLine 3 2024. 3. 13. 오후 10:14, 아빠 : 일요일 저녁 우리집에서 먹자\nLine 4 2024. 3. 13. 오후 10:15, 아빠 : 1시까지 와",
    );
    expect(await page.getByTestId("placeholders").locator("li").allTextContents()).toEqual(["“<Status reply omitted>” 3 times (first on line 5)"]);
    expect(await page.getByRole("button", { name: "Continue" }).isDisabled()).toBe(false);
    await shot("check");
    expect(problems).toEqual([]);
  });
});
