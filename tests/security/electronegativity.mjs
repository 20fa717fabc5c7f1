// `npm run audit:electron`: Doyensec's electronegativity over the app's Electron and renderer
// sources (electron.md §2b). It passes with no findings beyond the three any hardened app has
// and with every file parsed: a file the old parser drops would hide real findings.
// Electronegativity is kept out of the project's dependencies (it brings eslint 7 and
// TypeScript 4); it is installed once into node_modules/.cache.
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";

const ROOT = join(import.meta.dirname, "../..");
const VERSION = "1.10.3";
const CACHE = join(ROOT, "node_modules/.cache/electronegativity");
/** What every hardened app scores (electron.md §2b): 'self' in script-src, "review the preload", the version note. */
const BASELINE = new Set(["CSP_GLOBAL_CHECK", "PRELOAD_JS_CHECK", "ELECTRON_VERSION_JSON_CHECK"]);

if (!existsSync(join(CACHE, "node_modules/@doyensec/electronegativity/package.json"))) {
  mkdirSync(CACHE, { recursive: true });
  writeFileSync(join(CACHE, "package.json"), '{ "private": true }\n');
  console.log(`installing @doyensec/electronegativity@${VERSION} into ${CACHE}`);
  execFileSync("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error", `@doyensec/electronegativity@${VERSION}`], { cwd: CACHE, stdio: "inherit" });
}
const run = createRequire(join(CACHE, "package.json"))("@doyensec/electronegativity");

// A clean tree: build outputs, tests and node_modules would double-count or drown the findings.
const input = mkdtempSync(join(tmpdir(), "chatferry-electronegativity-"));
try {
  for (const part of ["package.json", "electron", "renderer"]) cpSync(join(ROOT, part), join(input, part), { recursive: true });
  const { issues, errors } = await run(
    { input, isRelative: false, customScan: [], excludeFromScan: ["availablesecurityfixesglobalcheck"], parserPlugins: [] },
    false,
  );
  for (const issue of issues) {
    console.log(`${issue.id}  ${issue.severity.name}/${issue.confidence.name}  ${issue.file.replace(input, "")}:${issue.location?.line ?? ""}`);
  }
  for (const error of errors) console.log(`parse error: ${error.file ?? ""} ${error.message ?? JSON.stringify(error)}`);
  const unexpected = issues.filter((issue) => !BASELINE.has(issue.id));
  console.log(`findings=${issues.length} unexpected=${unexpected.length} parse_errors=${errors.length}`);
  process.exitCode = unexpected.length === 0 && issues.length <= BASELINE.size && errors.length === 0 ? 0 : 1;
} finally {
  rmSync(input, { recursive: true, force: true });
}
