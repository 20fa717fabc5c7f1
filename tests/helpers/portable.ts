import { readdirSync, lstatSync } from "node:fs";
import { join, posix, win32 } from "node:path";
import { expect } from "vitest";

/** What Windows itself would refuse or misread in a file name (beyond what win32.basename sees). */
export function windowsRefuses(name: string): boolean {
  return (
    /[\u0000-\u001f<>:"/\\|?*]/.test(name) ||
    /[. ]$/.test(name) ||
    /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\.|$)/i.test(name.replace(/ +\./, "."))
  );
}

/** A name is safe when, joined to a folder by either OS's rules, it stays one entry of that folder. */
export function staysInside(name: string): void {
  for (const path of [posix, win32]) {
    const folder = path === win32 ? "C:\\out" : "/out";
    const joined = path.join(folder, name);
    expect(path.dirname(joined), `${name} under ${path === win32 ? "win32" : "posix"}`).toBe(folder);
    expect(path.basename(joined)).toBe(name);
  }
}

/** One portable entry name: inside its folder on Linux and Windows, accepted by Windows, within 255 bytes, not hidden. */
export function expectPortable(name: string): void {
  expect(windowsRefuses(name), JSON.stringify(name)).toBe(false);
  expect(name.startsWith("."), JSON.stringify(name)).toBe(false);
  expect(Buffer.byteLength(name)).toBeLessThanOrEqual(255);
  staysInside(name);
}

/**
 * Every entry under `dir` as a relative path with "/", each segment checked with
 * expectPortable. Links are not followed (a link would be listed, and fail `files only`).
 */
export function portableTree(dir: string): { files: string[]; links: string[] } {
  const files: string[] = [];
  const links: string[] = [];
  const walk = (rel: string) => {
    for (const name of readdirSync(join(dir, rel))) {
      expectPortable(name);
      const path = rel ? `${rel}/${name}` : name;
      const stat = lstatSync(join(dir, path));
      if (stat.isSymbolicLink()) links.push(path);
      else if (stat.isDirectory()) walk(path);
      else files.push(path);
    }
  };
  walk("");
  return { files: files.sort(), links };
}
