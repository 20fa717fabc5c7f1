import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { pathToFileURL } from "node:url";

const SCRIPT = join(import.meta.dirname, "signalbackup-tools.mjs");

export const PASSPHRASE = "123451234512345123451234512345";

export interface Recipient {
  id: number;
  name: string;
  type: string;
}

/** One run of the stand-in: its command line, and for an import the result.json it was given. */
export interface StandInRun {
  argv: string[];
  json?: { id: number; type: string; messages: Array<Record<string, unknown>> };
}

export interface StandIn {
  /** The folder with `signalbackup-tools` in it, to put first on PATH. */
  bin: string;
  /** The environment a CLI run needs: PATH with the stand-in first, its log, the passphrase. */
  env: Record<string, string>;
  /** A backup the stand-in reads: these recipients, and so many messages in the conversation with each. */
  backup(name: string, recipients: Recipient[], threads: Record<number, number>): string;
  runs(): StandInRun[];
  /** The stand-in's own backup, as a test reads it back. */
  read(path: string): { recipients: Recipient[]; threads: Record<string, number> };
}

/** The stand-in installed as an executable `signalbackup-tools` in a temporary folder of its own. */
export function signalStandIn(): StandIn {
  const bin = mkdtempSync(join(tmpdir(), "chatferry-sbt-"));
  const program = join(bin, "signalbackup-tools");
  writeFileSync(program, `#!${process.execPath}\nimport(${JSON.stringify(pathToFileURL(SCRIPT).href)});\n`);
  chmodSync(program, 0o755);
  const log = join(bin, "runs.ndjson");
  return {
    bin,
    env: { PATH: `${bin}${delimiter}${process.env.PATH ?? ""}`, STANDIN_LOG: log, STANDIN_PASSPHRASE: PASSPHRASE, CHATFERRY_SIGNAL_PASSPHRASE: PASSPHRASE },
    backup(name, recipients, threads) {
      const path = join(bin, name);
      writeFileSync(path, JSON.stringify({ recipients, threads }));
      return path;
    },
    runs() {
      if (!existsSync(log)) return [];
      return readFileSync(log, "utf8")
        .split("\n")
        .filter(Boolean)
        .map((line) => JSON.parse(line) as StandInRun);
    },
    read(path) {
      return JSON.parse(readFileSync(path, "utf8")) as { recipients: Recipient[]; threads: Record<string, number> };
    },
  };
}
