import { extname, isAbsolute, relative, resolve, sep } from "node:path";

/**
 * The page's Content-Security-Policy: our own scripts and styles only, no
 * network beyond our own origin (the loopback bridge needs `connect-src
 * 'self'`; in Electron there is nothing to connect to). renderer/index.html
 * carries the same policy in a meta tag; a test holds them equal.
 */
export const CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'";

/** Whether `path` is `root` or lies inside it, after resolving `..`: the guard of every file a URL names. */
export function isPathInside(path: string, root: string): boolean {
  const rel = relative(resolve(root), resolve(path));
  return rel === "" || (!rel.startsWith(`..${sep}`) && rel !== ".." && !isAbsolute(rel));
}

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".woff2": "font/woff2",
};

/** The type to serve a file of the built renderer with; undefined for anything it does not hold. */
export function contentType(path: string): string | undefined {
  return TYPES[extname(path).toLowerCase()];
}
