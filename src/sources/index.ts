import { discordDce } from "./discord/dce.js";
import { discordPackage, discordPackageCsv } from "./discord/package.js";
import { kakaoCsv } from "./kakaotalk/csv.js";
import { kakaoMobile } from "./kakaotalk/mobile.js";
import { kakaoPc } from "./kakaotalk/pc.js";
import { instagram } from "./instagram/index.js";
import { line } from "./line/index.js";
import { messenger } from "./messenger/index.js";
import { telegramDesktop } from "./telegram-desktop/index.js";
import type { Platform } from "../schema/index.js";
import type { Detection, Source, TextHead } from "./types.js";
import { whatsapp } from "./whatsapp/source.js";

/** Every format ChatFerry reads. Adding a messenger: one folder, one line here. */
export const SOURCES: readonly Source[] = [kakaoPc, kakaoMobile, kakaoCsv, telegramDesktop, whatsapp, line, messenger, instagram, discordDce, discordPackage, discordPackageCsv];

/** Below this, a guess is not worth acting on. */
const MIN_CONFIDENCE = 0.3;

export interface Detected extends Detection {
  source: Source;
}

/** The source that explains the head best, or null. */
export function detectSource(head: TextHead): Detected | null {
  let best: Detected | null = null;
  for (const source of SOURCES) {
    const found = source.detect(head);
    if (found && found.confidence >= MIN_CONFIDENCE && (!best || found.confidence > best.confidence)) {
      best = { ...found, source };
    }
  }
  return best;
}

export function supportedFormats(): string {
  return SOURCES.map((s) => s.label).join(", ");
}

/** How a platform's exports write times (Source.clock): every format of one platform writes them alike. */
export function clockOf(platform: Platform): Source["clock"] {
  return SOURCES.find((s) => s.platform === platform)?.clock ?? "wall";
}
