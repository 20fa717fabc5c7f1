import { readFileSync } from "node:fs";

/** ChatFerry's version, from package.json (read once, for --version and the archive's manifest). */
export const VERSION = (JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string }).version;
