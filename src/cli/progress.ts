import type { Progress } from "../pipeline.js";

/** Below this size a run is over before a bar would help. */
const MIN_BYTES = 8 * 1024 * 1024;
const WIDTH = 24;

export interface ProgressBar {
  update(progress: Progress): void;
  done(): void;
}

const silent: ProgressBar = { update() {}, done() {} };

/**
 * A one-line bar on stderr, only when stderr is a terminal and the input is large (`minBytes`:
 * a batch shows every input, as its label counts the inputs done).
 */
export function progressBar(label: string, total: number, stream: NodeJS.WriteStream = process.stderr, minBytes = MIN_BYTES): ProgressBar {
  if (!stream.isTTY || total < minBytes) return silent;
  const started = Date.now();
  let drawnAt = 0;
  let drawn = false;
  return {
    update({ done, total: all }) {
      const now = Date.now();
      if (now - drawnAt < 100 && done < all) return;
      drawnAt = now;
      drawn = true;
      const share = all > 0 ? Math.min(1, done / all) : 0;
      const filled = Math.round(share * WIDTH);
      const rate = done / Math.max(1, now - started) / 1000; // MB/s
      const eta = rate > 0 ? Math.round((all - done) / 1e6 / rate) : 0;
      const bar = "█".repeat(filled) + "░".repeat(WIDTH - filled);
      stream.write(
        `\r${label} ${bar} ${Math.floor(share * 100)}% ${(done / 1e6).toFixed(0)}/${(all / 1e6).toFixed(0)} MB ${rate.toFixed(0)} MB/s ${eta}s `,
      );
    },
    done() {
      if (drawn) stream.write("\r\x1b[K");
    },
  };
}
