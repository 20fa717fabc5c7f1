/**
 * What every HTML page ChatFerry writes starts with (the archive's viewer, the batch report):
 * its own inline style, and a policy that lets the page load and run nothing it does not name
 * by hash, so that text a crafted input slips into it still cannot act.
 */
import { createHash } from "node:crypto";

/** A Content-Security-Policy source for exactly this inline text. */
export function cspHash(text: string): string {
  return `'sha256-${createHash("sha256").update(text).digest("base64")}'`;
}

/** The page up to its body. `title` is markup: the caller escapes what it did not write itself. */
export function pageHead({ lang, title, csp, style }: { lang: string; title: string; csp: string; style: string }): string {
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="ChatFerry">
<title>${title}</title>
<style>${style}</style>
</head>
`;
}
