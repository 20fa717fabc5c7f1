// `npm run screenshots`: the README's pictures of the app, in Korean and English, taken the way
// the e2e tests drive it (built renderer, loopback server, scripted dialogs, Debian's Chromium; emoji need fonts-noto-color-emoji).
// Writes docs/screenshots/{ko,en}-{1-choose,2-check,2-dates,2-activity,2-messenger,2-discord,2-discord-package,3-destination,3-signal,4-run,5-done}.png.
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { writeKakaoAndroid } from "../bench/kakao-export.js";
import { ROOT } from "../helpers/cli.js";
import { writeFamilyWhatsApp } from "../helpers/family-export.js";
import { launch, newScript, openApp, requireBuiltApp, startTestServer } from "./harness.js";

const OUT = join(ROOT, "docs/screenshots");
const work = mkdtempSync(join(tmpdir(), "chatferry-screenshots-"));
const WORDS = {
  ko: { signal: /시그널 \(안드로이드\)/, package: /텔레그램\(휴대폰에서 가져오기\)/, folder: "폴더 고르기…", next: "다음", saveFolder: "폴더 고르기…", start: "시작", cancel: "취소", me: "어느 분이 본인인가요?" },
  en: { signal: /Signal \(Android\)/, package: /^Telegram \(import/, folder: "Choose a folder…", next: "Continue", saveFolder: "Choose a folder…", start: "Start", cancel: "Cancel", me: "Which one is you?" },
} as const;

/** The Android fixture as a "save all messages" folder: the chat with its photos and file beside it. */
function exportFolder(): string {
  const dir = join(work, "KakaoTalk_Chats_2024-01-02_23.10.00");
  mkdirSync(dir);
  copyFileSync(join(ROOT, "tests/fixtures/kakaotalk/android-ko.txt"), join(dir, "KakaoTalkChats.txt"));
  for (const name of ["3f1c2b9e8d7a6f5e4d3c2b1a0f9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e.jpg", "9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b.jpg", "등산로.pdf"]) {
    writeFileSync(join(dir, name), "placeholder");
  }
  return dir;
}

async function shoot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(OUT, `${name}.png`), fullPage: true });
  console.log(join(OUT, `${name}.png`));
}

requireBuiltApp();
mkdirSync(OUT, { recursive: true });
const folder = exportFolder();
const big = join(work, "KakaoTalkChats.txt");
await writeKakaoAndroid(big, 300_000);
const family = join(work, "WhatsApp Chat with 우리 가족.txt");
writeFamilyWhatsApp(family);
const browser = await launch();
try {
  for (const lang of ["ko", "en"] as const) {
    const w = WORDS[lang];
    const script = newScript();
    const server = await startTestServer(lang, script);
    try {
      const { page } = await openApp(browser, server, { prefix: `readme-${lang}` });
      await page.getByRole("heading", { level: 1 }).waitFor();
      await page.locator("details").first().locator("summary").click();
      await shoot(page, `${lang}-1-choose`);

      script.inputs.push(folder);
      await page.getByRole("button", { name: w.folder }).click();
      await page.getByTestId("message-count").waitFor({ timeout: 30_000 });
      await page.getByLabel(w.me).selectOption("김민지");
      await page.locator(".row.mine").first().waitFor();
      await shoot(page, `${lang}-2-check`);

      await page.getByRole("button", { name: w.next }).click();
      script.outputs.push(mkdtempSync(join(work, "out-")));
      await page.getByRole("button", { name: w.saveFolder }).click();
      await page.getByTestId("output-path").filter({ hasText: work }).waitFor();
      await shoot(page, `${lang}-3-destination`);
      await page.getByRole("radio", { name: w.signal }).check();
      await shoot(page, `${lang}-3-signal`);
      await page.getByRole("radio", { name: w.package }).check();
      await page.getByRole("button", { name: w.start }).click();
      await page.getByTestId("report-summary").waitFor({ timeout: 30_000 });
      await shoot(page, `${lang}-5-done`);

      // The run step, on an export long enough to be seen working.
      const run = await openApp(browser, server, { prefix: `readme-${lang}-run` });
      script.inputs.push(big);
      await run.page.getByRole("button", { name: lang === "ko" ? "파일 고르기…" : "Choose a file…" }).click();
      await run.page.getByTestId("message-count").waitFor({ timeout: 60_000 });
      await run.page.getByRole("button", { name: w.next }).click();
      script.outputs.push(mkdtempSync(join(work, "out-")));
      await run.page.getByRole("button", { name: w.saveFolder }).click();
      await run.page.getByTestId("output-path").filter({ hasText: work }).waitFor();
      await run.page.getByRole("button", { name: w.start }).click();
      const counted = async () => Number((await run.page.getByTestId("progress-messages").textContent())?.replace(/\D/g, ""));
      for (let waited = 0; (await counted()) < 20_000; waited += 100) {
        if (waited > 30_000) throw new Error("the run shows no progress");
        await run.page.waitForTimeout(100);
      }
      await shoot(run.page, `${lang}-4-run`);
      await run.page.getByRole("button", { name: w.cancel }).click();

      // The check step's question, on a WhatsApp export whose dates (3/4/24) could be read either way.
      const dates = await openApp(browser, server, { prefix: `readme-${lang}-dates` });
      script.inputs.push(join(ROOT, "tests/fixtures/whatsapp/undecided/WhatsApp Chat with Tennis Club.txt"));
      await dates.page.getByRole("button", { name: lang === "ko" ? "파일 고르기…" : "Choose a file…" }).click();
      await dates.page.getByTestId("date-question").waitFor({ timeout: 30_000 });
      await dates.page.locator('.row[data-seq="0"]').waitFor();
      await shoot(dates.page, `${lang}-2-dates`);

      // The check step's activity chart, on a family chat whose export lacks two years.
      const activity = await openApp(browser, server, { prefix: `readme-${lang}-activity` });
      script.inputs.push(family);
      await activity.page.getByRole("button", { name: lang === "ko" ? "파일 고르기…" : "Choose a file…" }).click();
      await activity.page.getByTestId("activity").waitFor({ timeout: 30_000 });
      await activity.page.getByTestId("activity").screenshot({ path: join(OUT, `${lang}-2-activity.png`) });
      console.log(join(OUT, `${lang}-2-activity.png`));

      // The check step on the newer sources: a Messenger download (a thread over two files), a
      // DiscordChatExporter export with its media, and Discord's own package (only one side).
      for (const [name, input] of [
        ["messenger", join(ROOT, "assets/samples/messenger")],
        ["discord", join(ROOT, "assets/samples/discord")],
        ["discord-package", join(ROOT, "tests/fixtures/discord/package")],
      ] as const) {
        const check = await openApp(browser, server, { prefix: `readme-${lang}-${name}` });
        script.inputs.push(input);
        await check.page.getByRole("button", { name: w.folder }).click();
        await check.page.getByTestId("message-count").waitFor({ timeout: 30_000 });
        await check.page.locator('.row[data-seq="0"]').waitFor();
        await shoot(check.page, `${lang}-2-${name}`);
      }
    } finally {
      await server.close();
    }
  }
} finally {
  await browser.close();
}
