// `npm run dist` offline: electron-builder packs the built app (`--dir`) around a stub Electron
// that carries a fuse wire, so what ships and how the fuses end up are both checked here.
// Real installers (AppImage, deb, nsis, dmg) need downloads and run on a networked machine.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../helpers/cli.js";

const require = createRequire(import.meta.url);
const asar = require("@electron/asar") as { listPackage(path: string): string[]; extractFile(path: string, file: string): Buffer };
/** @electron/fuses' marker: the fuse wire follows it (version, length, one byte a fuse). */
const SENTINEL = "dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX";
const FUSES = ["runAsNode", "enableCookieEncryption", "enableNodeOptionsEnvironmentVariable", "enableNodeCliInspectArguments", "enableEmbeddedAsarIntegrityValidation", "onlyLoadAppFromAsar", "loadBrowserProcessSpecificV8Snapshot", "grantFileProtocolExtraPrivileges"];

describe("electron-builder --dir", () => {
  it("ships the built app and its production dependencies only, with the fuses set", () => {
    if (!existsSync(join(ROOT, "out/main/main.js"))) throw new Error("out/ is missing: run 'npm run build' (npm test does it first)");
    const dir = mkdtempSync(join(tmpdir(), "chatferry-dist-"));
    const stub = join(dir, "electron-dist");
    mkdirSync(stub);
    // Every fuse starts "enabled", so each one the config turns off shows.
    writeFileSync(join(stub, "electron"), Buffer.concat([Buffer.from("#!/bin/sh\nexit 0\n"), Buffer.from(SENTINEL), Buffer.from([1, FUSES.length]), Buffer.from("1".repeat(FUSES.length))]), { mode: 0o755 });
    writeFileSync(join(stub, "version"), "45.5.0");
    const release = join(dir, "release");
    const built = spawnSync(process.execPath, [require.resolve("electron-builder/cli.js"), "--dir", "--linux", `-c.electronDist=${stub}`, `-c.directories.output=${release}`], {
      cwd: ROOT,
      encoding: "utf8",
      timeout: 120_000,
    });
    expect(built.status, built.stdout + built.stderr).toBe(0);

    const app = join(release, "linux-unpacked/resources/app.asar");
    const files = asar.listPackage(app);
    for (const wanted of ["/out/main/main.js", "/out/main/job-worker.js", "/out/preload/preload.cjs", "/out/renderer/index.html", "/package.json", "/node_modules/zod/package.json"]) {
      expect(files).toContain(wanted);
    }
    const modules = new Set(files.filter((f) => f.startsWith("/node_modules/")).map((f) => f.split("/")[2]));
    // Bundled by Vite, so never shipped as packages; and no sources, tests or CLI build.
    for (const unwanted of ["react", "react-dom", "electron", "vite", "vitest", "playwright-core", "typescript", "electron-builder"]) expect(modules).not.toContain(unwanted);
    const ours = files.filter((f) => !f.startsWith("/node_modules/"));
    expect(ours.filter((f) => /^\/(src|tests|electron|renderer|dist|assets|bench-data|test-artifacts)(\/|$)/.test(f) || /\.(tsx?|map)$/.test(f))).toEqual([]);
    expect(JSON.parse(asar.extractFile(app, "package.json").toString()).main).toBe("out/main/main.js");

    const binary = readFileSync(join(release, "linux-unpacked/chatferry"));
    const wire = binary.indexOf(SENTINEL) + SENTINEL.length;
    const fuses = Object.fromEntries(FUSES.map((name, i) => [name, String.fromCharCode(binary[wire + 2 + i]!)]));
    expect(fuses).toEqual({
      runAsNode: "0",
      enableCookieEncryption: "1",
      enableNodeOptionsEnvironmentVariable: "0",
      enableNodeCliInspectArguments: "0",
      enableEmbeddedAsarIntegrityValidation: "1",
      onlyLoadAppFromAsar: "1",
      loadBrowserProcessSpecificV8Snapshot: "1",
      grantFileProtocolExtraPrivileges: "0",
    });
  }, 150_000);
});
