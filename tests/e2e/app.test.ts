// The desktop app's wizard, as a person uses it, in Debian's Chromium through the same loopback
// server `npm start` falls back to. Dialogs answer from a script; nothing leaves 127.0.0.1.
// Screenshots of every step go to test-artifacts/e2e/.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "../../electron/server.js";
import type { ReplaySettings } from "../../electron/replay.js";
import { writeKakaoAndroid } from "../bench/kakao-export.js";
import { FAKE_TOKEN, startFakeBotApi } from "../helpers/fake-bot-api.js";
import { writeFamilyWhatsApp } from "../helpers/family-export.js";
import { launch, newScript, openApp, requireBuiltApp, SHOTS, startTestServer, type AppPage, type Script } from "./harness.js";

const FIXTURES = join(import.meta.dirname, "../fixtures");
const KAKAO = join(FIXTURES, "kakaotalk/android-ko.txt");
const WHATSAPP = join(FIXTURES, "whatsapp/WhatsApp Chat with Alice Chen.txt");
const TELEGRAM = join(FIXTURES, "telegram/chat");
const MILLION = 1_000_000;
const dir = mkdtempSync(join(tmpdir(), "chatferry-e2e-"));
const big = join(dir, "KakaoTalkChats.txt");

let browser: Browser;
const servers: RunningServer[] = [];

async function app(lang: "ko" | "en", prefix: string, colorScheme: "light" | "dark" = "light", replay: Partial<ReplaySettings> = {}, script = newScript()): Promise<AppPage & { script: Script }> {
  const server = await startTestServer(lang, script, replay);
  servers.push(server);
  const opened = await openApp(browser, server, { prefix, colorScheme });
  await opened.page.getByRole("heading", { level: 1 }).waitFor();
  return { ...opened, script };
}

const text = (page: Page, testId: string) => page.getByTestId(testId).textContent();

beforeAll(async () => {
  requireBuiltApp();
  await writeKakaoAndroid(big, MILLION);
  browser = await launch();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  for (const server of servers) await server.close();
});

describe("the wizard in Chromium", () => {
  it("KakaoTalk → Telegram import package, in Korean", async () => {
    const { page, script, problems, shot } = await app("ko", "ko-package");
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("어떤 대화를 옮길까요?");
    await page.getByText("카카오톡", { exact: true }).click();
    await shot("choose");

    script.inputs.push(KAKAO);
    await page.getByRole("button", { name: "파일 고르기…" }).click();
    await expect.poll(() => text(page, "message-count"), { timeout: 20_000 }).toBe("15");
    expect(await text(page, "messenger")).toBe("카카오톡 · Android (한국어)");
    await expect.poll(() => page.locator(".row[data-seq]").count()).toBeGreaterThan(3);
    expect(await text(page, "chat-kind")).toBe("그룹 대화");
    await page.getByLabel("어느 분이 본인인가요?").selectOption("김민지");
    await expect.poll(() => page.locator(".row.mine").count()).toBeGreaterThan(0);
    await shot("check");

    await page.getByRole("button", { name: "다음" }).click();
    expect(await page.getByRole("radio", { name: /텔레그램\(휴대폰에서 가져오기\)/ }).isChecked()).toBe(true);
    expect(await page.getByRole("radio", { name: /내 봇으로 보내기/ }).isChecked()).toBe(false);
    await page.getByRole("button", { name: "텔레그램 공식 안내" }).click();
    await expect.poll(() => script.help).toEqual(["telegram-import"]);
    expect(await page.locator("#me-as-help").textContent()).toContain("“김민지”의 메시지를 그 이름으로 써요");
    // Signal is offered beside it, with what arrives and what cannot.
    await page.getByRole("radio", { name: /시그널 \(안드로이드\)/ }).check();
    await expect.poll(() => page.getByText("할 수 없는 것:", { exact: false }).count()).toBe(1);
    await page.getByRole("radio", { name: /텔레그램\(휴대폰에서 가져오기\)/ }).check();
    await page.getByLabel("텔레그램에서 쓰는 내 이름 (선택)").fill("Minji Kim");
    const out = mkdtempSync(join(dir, "package-"));
    script.outputs.push(out);
    await page.getByRole("button", { name: "폴더 고르기…" }).click();
    await expect.poll(() => text(page, "output-path")).toBe(out);
    await shot("destination");

    await page.getByRole("button", { name: "시작" }).click();
    await expect.poll(() => text(page, "report-summary"), { timeout: 20_000 }).toBe("메시지 15개가 모두 옮겨졌어요.");
    expect(readdirSync(out).sort()).toEqual(["WhatsApp Chat with 주말 등산 모임.txt", "WhatsApp Chat with 주말 등산 모임.zip"]);
    // The user's messages go under their Telegram name; the group's shape is said.
    const chat = readFileSync(join(out, "WhatsApp Chat with 주말 등산 모임.txt"), "utf8");
    expect([chat.includes("] Minji Kim: "), chat.includes("] 김민지: ")]).toEqual([true, false]);
    expect(await text(page, "package-seen")).toContain("그룹 대화로 받아요");
    await shot("done");
    await page.getByRole("button", { name: "폴더에서 보기" }).click();
    await expect.poll(() => script.shown).toEqual([join(out, "WhatsApp Chat with 주말 등산 모임.zip")]);
    await page.getByRole("button", { name: "처음으로" }).click();
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("어떤 대화를 옮길까요?");
    expect(problems).toEqual([]);
  });

  it("KakaoTalk → encrypted archive, then opens it, in English", async () => {
    const { page, script, problems, shot } = await app("en", "en-archive");
    script.inputs.push(KAKAO);
    await page.getByRole("button", { name: "Choose a file…" }).click();
    await expect.poll(() => text(page, "message-count"), { timeout: 20_000 }).toBe("15");
    await page.getByRole("button", { name: "Continue" }).click();

    await page.getByRole("radio", { name: /Encrypted archive/ }).check();
    await page.getByLabel("Passphrase", { exact: true }).fill("hello");
    expect(await text(page, "strength")).toBe("Too weak");
    await page.getByLabel("Passphrase again").fill("hellp");
    await expect.poll(() => page.getByText("The two passphrases are not the same.").isVisible()).toBe(true);
    await page.getByRole("button", { name: "Make one up for me" }).click();
    await expect.poll(() => text(page, "strength")).toBe("Strong");
    const passphrase = (await text(page, "generated"))!;
    expect(passphrase.split("-")).toHaveLength(10);
    const archive = join(dir, "hiking.chatferry.age");
    script.outputs.push(archive);
    await page.getByRole("button", { name: "Choose where to save…" }).click();
    await expect.poll(() => text(page, "output-path")).toBe(archive);
    // A made-up passphrase must be written down before anything is locked with it.
    expect(await page.getByRole("button", { name: "Start" }).isDisabled()).toBe(true);
    await page.getByLabel("I have written it down").check();
    await shot("destination");
    await page.getByRole("button", { name: "Start" }).click();

    await expect.poll(() => text(page, "report-summary"), { timeout: 30_000 }).toBe("All 15 messages arrived.");
    expect(await page.getByText("ChatFerry opened the archive again and checked every file in it.").isVisible()).toBe(true);
    await shot("done");
    await page.getByRole("button", { name: "Open the archive's viewer" }).click();
    await expect.poll(() => page.getByTestId("viewer-opened").isVisible(), { timeout: 30_000 }).toBe(true);
    expect(script.opened).toHaveLength(1);

    // The viewer the app unlocked, as the system browser shows it: served from memory on loopback, offline.
    const viewer = await browser.newContext();
    await viewer.route(/^(?!http:\/\/127\.0\.0\.1[:/])/, (route) => route.abort());
    const view = await viewer.newPage();
    await view.goto(script.opened[0]!);
    await expect.poll(() => view.locator(".row").count(), { timeout: 10_000 }).toBeGreaterThan(3);
    expect(await view.content()).toContain("집결 시간");
    await viewer.close();

    // Open it again from the start screen, as someone would a week later.
    await page.getByRole("button", { name: "Start over" }).click();
    await page.getByRole("button", { name: /Open an encrypted archive/ }).click();
    script.archives.push(archive);
    await page.getByRole("button", { name: "Choose the archive…" }).click();
    await expect.poll(() => text(page, "archive-name")).toBe("hiking.chatferry.age");
    await page.getByLabel("Passphrase").fill("not it");
    await page.getByRole("button", { name: "Open", exact: true }).click();
    await expect.poll(() => page.getByRole("alert").textContent(), { timeout: 20_000 }).toContain("That passphrase does not open this archive.");
    await shot("open-wrong");
    await page.getByLabel("Passphrase").fill(passphrase);
    await page.getByRole("button", { name: "Open", exact: true }).click();
    await expect.poll(() => text(page, "archive-opened"), { timeout: 30_000 }).toBe("The archive is open in the viewer: 1 conversations, 15 messages.");
    await shot("open");
    expect(script.opened).toHaveLength(2);
    expect(problems).toEqual([]);
  }, 90_000);

  it("WhatsApp → plain JSON export, in the dark", async () => {
    const { page, script, problems, shot } = await app("en", "en-export-dark", "dark");
    script.inputs.push(WHATSAPP);
    await page.getByRole("button", { name: "Choose a file…" }).click();
    await expect.poll(() => text(page, "messenger"), { timeout: 20_000 }).toBe("WhatsApp · Android");
    await shot("check");
    await page.getByRole("button", { name: "Continue" }).click();
    await page.getByRole("radio", { name: /Plain file/ }).check();
    await page.getByRole("radio", { name: /^JSON/ }).check();
    const file = join(dir, "alice.json");
    script.outputs.push(file);
    await page.getByRole("button", { name: "Choose where to save…" }).click();
    await expect.poll(() => text(page, "output-path")).toBe(file);
    await shot("destination");
    await page.getByRole("button", { name: "Start" }).click();
    await expect.poll(() => text(page, "report-summary"), { timeout: 20_000 }).toBe("All 8 messages arrived.");
    await shot("done");
    const json = JSON.parse(readFileSync(file, "utf8")) as { conversations: { messages: unknown[] }[] };
    expect(json.conversations[0]!.messages).toHaveLength(8);
    expect(problems).toEqual([]);
  });

  it("a million messages: checked with progress, previewed smoothly end to end, an export cancelled", async () => {
    const { page, script, problems, shot } = await app("en", "en-million");
    script.inputs.push(big);
    await page.getByRole("button", { name: "Choose a file…" }).click();
    await expect.poll(() => page.getByRole("progressbar").isVisible()).toBe(true);
    await expect.poll(async () => Number((await text(page, "progress-messages"))?.replace(/\D/g, "")), { timeout: 30_000 }).toBeGreaterThan(0);
    await shot("checking");
    await expect.poll(() => text(page, "message-count"), { timeout: 60_000 }).toBe("1,000,000");

    const preview = page.getByRole("region", { name: /Preview of the conversation/ });
    const seqs = () => page.locator(".row[data-seq]").evaluateAll((rows) => rows.map((r) => Number(r.getAttribute("data-seq"))));
    // Drag the scrollbar anywhere: the rows there arrive, in order, and the page stays responsive.
    // Freezes are counted while scrolling only: reading the million happened in the worker, not here.
    await page.evaluate("window.longTasks = []");
    // Where the first row in view should be, for each scrollbar position (the last rows fill the view at the end).
    for (const [at, near] of [[0.5, MILLION / 2], [1, MILLION - 5], [0.25, MILLION / 4], [0, 0]] as const) {
      await preview.evaluate((el, f) => (el.scrollTop = f * (el.scrollHeight - el.clientHeight)), at);
      await expect.poll(async () => Math.abs(((await seqs())[0] ?? -1e9) - near), { timeout: 10_000 }).toBeLessThan(1000);
      await expect.poll(async () => (await seqs()).length, { timeout: 10_000 }).toBeGreaterThan(4);
      const shown = await seqs();
      expect(shown).toEqual(shown.map((_, k) => shown[0]! + k));
      if (at === 1) expect(shown.at(-1)).toBe(MILLION - 1);
      if (at === 0) expect(shown[0]).toBe(0);
    }
    // Wheel-by-wheel scrolling, as a hand does it.
    for (let i = 0; i < 20; i++) await preview.evaluate((el) => el.scrollBy(0, 240));
    await expect.poll(async () => (await seqs())[0], { timeout: 10_000 }).toBeGreaterThan(0);
    expect(await page.locator(".row-slot").count()).toBeLessThan(20);
    // A frozen page blocks for seconds; a loaded CI machine stretches healthy tasks to a few hundred ms.
    expect(await page.evaluate<number>("Math.max(0, ...window.longTasks)")).toBeLessThan(2000);
    await shot("check");

    await page.getByRole("button", { name: "Continue" }).click();
    await page.getByRole("radio", { name: /Plain file/ }).check();
    await page.getByRole("radio", { name: /^NDJSON/ }).check();
    const file = join(dir, "million.ndjson");
    script.outputs.push(file);
    await page.getByRole("button", { name: "Choose where to save…" }).click();
    await page.getByRole("button", { name: "Start" }).click();
    await expect.poll(async () => Number((await text(page, "progress-messages"))?.replace(/\D/g, "")), { timeout: 30_000 }).toBeGreaterThan(0);
    await shot("run");
    await page.getByRole("button", { name: "Cancel" }).click();
    await expect.poll(() => text(page, "cancelled"), { timeout: 20_000 }).toBe("Cancelled. Nothing was saved.");
    expect(readdirSync(dir).filter((name) => name.includes("million"))).toEqual([]);
    await shot("cancelled");
    await page.getByRole("button", { name: "Back" }).click();
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Where should the chat go?");
    expect(problems).toEqual([]);
  }, 120_000);

  it("Telegram export → bot replay against a fake Bot API: test, plan, send, pause, and continue after a restart", async () => {
    const fake = await startFakeBotApi({ "42": "private" });
    try {
      const stateDir = mkdtempSync(join(dir, "state-"));
      const replay = { apiRoot: fake.url, scale: 0.001, timeoutMs: 5000, stateDir };
      // Every send is answered a little late: slow enough to pause in the middle.
      fake.script = () => ({ kind: "late", ms: 250 });
      const first = await app("en", "en-replay", "light", replay);
      const { page, script, shot } = first;
      const toReplay = async (p: Page) => {
        await expect.poll(() => text(p, "message-count"), { timeout: 20_000 }).toBe("18");
        await p.getByRole("button", { name: "Continue" }).click();
        await p.getByRole("radio", { name: /send through your own bot/ }).check();
      };
      script.inputs.push(TELEGRAM);
      await page.getByRole("button", { name: "Choose a folder…" }).click();
      await toReplay(page);
      await page.getByLabel("Bot token").fill("12345");
      await page.getByLabel("Chat to send to").fill("42");
      await page.getByRole("button", { name: "Test connection" }).click();
      await expect.poll(() => page.getByRole("alert").textContent(), { timeout: 20_000 }).toContain("That is not a bot token.");
      await page.getByLabel("Bot token").fill(FAKE_TOKEN);
      await page.getByLabel(/Remember the token/).check();
      await page.getByRole("button", { name: "Test connection" }).click();
      await expect.poll(() => text(page, "bot-check"), { timeout: 20_000 }).toBe("@fake_bot can post to “Mina” (private chat).");
      await expect.poll(() => text(page, "replay-plan"), { timeout: 20_000 }).toMatch(/^18 messages become \d+ Telegram messages in \d+ sends\.At this chat's pace \(about 1 message a second\) that takes about/);
      const planned = Number(/become (\d+) Telegram/.exec((await text(page, "replay-plan"))!)![1]);
      expect(script.secret).toBe(FAKE_TOKEN);
      await shot("destination");
      await page.getByRole("button", { name: "Start" }).click();
      await expect.poll(async () => Number((await text(page, "progress-sent"))?.split(" ")[0]), { timeout: 30_000 }).toBeGreaterThanOrEqual(2);
      await shot("sending");
      await page.getByRole("button", { name: "Cancel" }).click();
      await expect.poll(() => text(page, "paused"), { timeout: 20_000 }).toMatch(/^Paused: \d+ of \d+ sent, all recorded\./);
      await shot("paused");
      expect(first.problems).toEqual([]);
      await first.context.close();

      // ChatFerry closed and opened again: the token is remembered, the plan knows what was sent.
      const second = await app("en", "en-replay-resumed", "light", replay, { ...newScript(), secret: script.secret });
      fake.script = () => ({ kind: "ok" });
      second.script.inputs.push(TELEGRAM);
      await second.page.getByRole("button", { name: "Choose a folder…" }).click();
      await toReplay(second.page);
      await expect.poll(() => second.page.getByText("A bot token is remembered on this computer.").isVisible()).toBe(true);
      await second.page.getByLabel("Chat to send to").fill("42");
      await second.page.getByRole("button", { name: "Test connection" }).click();
      await expect.poll(() => text(second.page, "replay-plan"), { timeout: 20_000 }).toMatch(/An earlier run already made \d+ of \d+ sends; ChatFerry continues from there\./);
      await second.shot("destination");
      await second.page.getByRole("button", { name: "Start" }).click();
      await expect.poll(() => text(second.page, "report-summary"), { timeout: 30_000 }).toMatch(/^All \d+ sends arrived in Telegram\.$/);
      await second.shot("done");
      const sent = (await text(second.page, "report-sent"))!.split(" / ");
      expect(sent[0]).toBe(sent[1]);
      // Every Telegram message once; a send the pause cut off mid-answer is resent, and then the report names it.
      const doubled = await second.page.getByText("These may be in the chat twice").count();
      if (doubled === 0) expect(fake.delivered.length).toBe(planned);
      else expect(fake.delivered.length).toBeGreaterThan(planned);
      expect(second.problems).toEqual([]);
    } finally {
      await fake.close();
    }
  }, 90_000);

  it("a dropped picture and an unknown file get sentences saying what to do, in Korean and English", async () => {
    const { page, script, problems, shot } = await app("en", "errors");
    // What a drag from the file manager delivers: a drop event carrying a File.
    const drop = (name: string, bytes: number[]) =>
      page.evaluate(`(() => {
        const transfer = new DataTransfer();
        transfer.items.add(new File([new Uint8Array(${JSON.stringify(bytes)})], ${JSON.stringify(name)}));
        document.querySelector("[data-testid=dropzone]").dispatchEvent(new DragEvent("drop", { dataTransfer: transfer, bubbles: true, cancelable: true }));
      })()`);
    const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0];
    await drop("photo.png", png);
    await expect.poll(() => page.getByRole("alert").textContent(), { timeout: 20_000 }).toContain(
      "“photo.png” is not a chat export; it looks like a picture or another kind of file. Choose the .txt, .csv, .json or .zip file your messenger made.",
    );
    await shot("binary-en");
    await page.getByTestId("language").selectOption("ko");
    await drop("photo.png", png);
    await expect.poll(() => page.getByRole("alert").textContent(), { timeout: 20_000 }).toContain("“photo.png”은(는) 대화를 내보낸 파일이 아니에요.");
    await shot("binary-ko");

    const notes = join(dir, "notes.txt");
    writeFileSync(notes, "shopping list\nmilk\neggs\n");
    script.inputs.push(notes);
    await page.getByRole("button", { name: "파일 고르기…" }).click();
    await expect.poll(() => page.getByRole("alert").textContent(), { timeout: 20_000 }).toContain("“notes.txt”은(는) ChatFerry가 아는 대화 내보내기 파일이 아니에요.");
    await shot("unknown-ko");
    // A file in a format ChatFerry does not know is just when support needs a sample: it is offered.
    expect(await page.getByTestId("support-sample").count()).toBe(1);
    await page.getByTestId("language").selectOption("en");
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Which chat do you want to move?");
    expect(problems).toEqual([]);
  });

  it("offers a redacted sample for support when a chosen export cannot be read, previews it and saves it, in English and Korean", async () => {
    const { page, script, problems, shot } = await app("en", "sample");
    script.inputs.push(KAKAO);
    await page.getByRole("button", { name: "Choose a file…" }).click();
    await expect.poll(() => text(page, "message-count"), { timeout: 20_000 }).toBe("15");
    // A zone this computer's list has but the core does not know: the check fails after the export was recognised.
    await page.evaluate(`(() => {
      const option = document.createElement("option");
      option.value = option.textContent = "Mars/Olympus";
      document.querySelector("#timezone").append(option);
    })()`);
    await page.locator("#timezone").selectOption("Mars/Olympus");
    await expect.poll(() => page.getByRole("alert").textContent(), { timeout: 20_000 }).toContain("ChatFerry does not know the time zone “Mars/Olympus”.");
    const offer = page.getByTestId("support-sample");
    expect(await offer.getByRole("heading").textContent()).toBe("Make a sample for support");
    await offer.getByRole("button", { name: "Make a sample for support" }).click();
    const preview = page.getByTestId("sample-preview");
    await preview.waitFor({ timeout: 20_000 });
    const shown = (await preview.textContent()) ?? "";
    expect(shown).toContain("저장한 날짜 : 2024년 1월 2일 오후 11:10");
    for (const name of ["김민지", "박서준", "이하은"]) expect(shown).not.toContain(name);
    expect(await offer.textContent()).toContain("Names, and every letter and digit people wrote, are replaced");
    expect(await offer.textContent()).not.toContain(FIXTURES);
    await shot("preview-en");

    const out = join(dir, "sample-en.txt");
    script.outputs.push(out);
    await offer.getByRole("button", { name: "Save sample…" }).click();
    await expect.poll(() => page.getByTestId("sample-saved").textContent(), { timeout: 20_000 }).toContain(`to ${out}.`);
    const saved = readFileSync(out, "utf8");
    expect(saved).toContain(shown.split("\n")[1]!);
    expect(saved).not.toContain("김민지");
    await shot("saved-en");

    await page.getByTestId("language").selectOption("ko");
    expect(await offer.getByRole("heading").textContent()).toBe("지원팀에 보낼 샘플 만들기");
    expect(await page.getByTestId("sample-saved").textContent()).toContain(`${out}에 저장했어요`);
    expect(await offer.textContent()).toContain("보내기 전에 꼭 읽어 보세요");
    await shot("saved-ko");
    expect(problems).toEqual([]);
  });

  it("charts when a family chat was active, stacked by who wrote, and says and shades what the export may lack, in Korean and English, light and dark", async () => {
    const family = join(dir, "WhatsApp Chat with 우리 가족.txt");
    writeFamilyWhatsApp(family);
    const words = {
      ko: {
        choose: "파일 고르기…",
        chart: "월별 메시지 수(쓴 사람별)",
        silence: "2019년 3월 28일과 2021년 5월 24일 사이에 메시지가 없어요(788일, 이 대화의 보통 간격은 1일). 내보낸 파일에 이 기간이 빠졌을 수 있어요.",
        start: "대화가 2016년 5월 14일의 “엄마 added 아빠, 민지, 준호, 할머니, 이모, 삼촌”(으)로 시작하지만, 누군가 쓴 첫 메시지는 295일 뒤인 2017년 3월 6일의 것이에요.",
        others: "그 밖의 사람",
        table: "숫자로 보기",
        row: "2019년 4월",
      },
      en: {
        choose: "Choose a file…",
        chart: "Messages per month, by who wrote them",
        silence: "No messages between 28 March 2019 and 24 May 2021 (788 days; this chat's usual gap is 1 day(s)). The export may be missing that time.",
        start: "The chat opens with “엄마 added 아빠, 민지, 준호, 할머니, 이모, 삼촌” on 14 May 2016, but the first message anyone wrote is from 6 March 2017, 295 days later.",
        others: "Everyone else",
        table: "Show the numbers",
        row: "April 2019",
      },
    } as const;
    for (const [lang, scheme] of [["ko", "light"], ["en", "dark"], ["en", "light"], ["ko", "dark"]] as const) {
      const w = words[lang];
      const { page, script, problems, shot } = await app(lang, `${lang}-activity-${scheme}`, scheme);
      script.inputs.push(family);
      await page.getByRole("button", { name: w.choose }).click();
      const chart = page.getByRole("img", { name: w.chart });
      await chart.waitFor({ timeout: 20_000 });
      // May 2016 to January 2024 by month: 93 months, the silent stretches shaded.
      expect(await chart.locator("g > title").count()).toBe(93);
      expect(await chart.locator(".gap-area").count()).toBe(2);
      const findings = await page.getByTestId("findings").locator("li").allTextContents();
      expect(findings).toHaveLength(2);
      expect(findings[0]).toContain(w.start);
      expect(findings[1]).toBe(w.silence);
      // Five people by name, the other two together.
      expect(await page.getByTestId("activity").locator(".legend li").allTextContents()).toHaveLength(7);
      expect(await page.getByTestId("activity").locator(".legend").textContent()).toContain(w.others);
      // The family writes in eleven hours of the day: a bar each.
      expect(await page.getByRole("img", { name: lang === "ko" ? "시간대별 메시지 수" : "Messages by hour of the day" }).locator("rect").count()).toBe(11);
      // The table gives the same numbers: a silent month has none.
      await page.getByText(w.table).click();
      const april = page.getByRole("row", { name: new RegExp(`^${w.row} `) });
      expect(await april.locator("td").first().textContent()).toBe("0");
      await page.getByTestId("activity").screenshot({ path: join(SHOTS, `${lang}-activity-${scheme}.png`) });
      await shot("check");
      expect(problems).toEqual([]);
    }
  }, 120_000);
});
