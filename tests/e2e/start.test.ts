// `npm start` where Electron cannot start (no display here, and no binary either): one line
// saying so, then the address of the same app on 127.0.0.1, guarded by its per-run secret.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../helpers/cli.js";

describe("npm start without a display", () => {
  it("says why in one line and serves the app on loopback", async () => {
    const start = join(ROOT, "out/main/start.js");
    if (!existsSync(start)) throw new Error("out/ is missing: run 'npm run build' (npm test does it first)");
    const env = { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp", LANG: "C.UTF-8" };
    const child = spawn(process.execPath, [start], { env, stdio: ["ignore", "pipe", "pipe"] });
    try {
      let output = "";
      child.stdout.on("data", (d: Buffer) => (output += d.toString()));
      child.stderr.on("data", (d: Buffer) => (output += d.toString()));
      await expect.poll(() => output.split("\n").length, { timeout: 20_000 }).toBeGreaterThanOrEqual(3);
      const [reason, url] = output.split("\n");
      expect(reason).toBe("Electron cannot start: there is no display; serving the same app in your browser instead (Ctrl+C stops it):");
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?k=[0-9a-f]{64}$/);
      const bare = new URL(url!);
      bare.search = "";
      expect((await fetch(bare)).status).toBe(403);
      const opened = await fetch(url!, { redirect: "manual" });
      expect(opened.status).toBe(303);
      const cookie = opened.headers.get("set-cookie")!.split(";")[0]!;
      const page = await fetch(bare, { headers: { cookie } });
      expect(await page.text()).toContain('<script src="/__bridge.js"></script>');
    } finally {
      child.kill("SIGTERM");
    }
  });
});
