// Every error the app can meet is told in the user's words: a code without the app's own
// sentence would show only "something went wrong (E_…)".
import { describe, expect, it } from "vitest";
import { en } from "../../../renderer/i18n/en.js";
import { ko } from "../../../renderer/i18n/ko.js";
import { ERROR_EXIT } from "../../../src/errors.js";

/** Codes only the command line raises, each with why the app never meets it. */
const CLI_ONLY: Record<string, string> = {
  E_USAGE: "a command line's flags",
  E_NODE_TOO_OLD: "the app brings its own Node.js",
  E_MERGE_SEVERAL: "`chatferry merge`",
  E_STRICT_UNREAD: "--strict",
  E_STRICT_DATE_ORDER: "--strict",
  E_STRICT_PLACEHOLDER: "--strict",
  E_OUTPUT_NOT_FOLDER: "-o DIR; the app's folders come from a folder dialog",
  E_COUNT_MISMATCH: "`chatferry batch`'s count check",
  E_BATCH_FAILED: "`chatferry batch`",
  E_BATCH_INTERRUPTED: "`chatferry batch`",
  E_SIGNAL_NO_TOOL: "`chatferry signal`: the app writes the folder, the CLI runs the tool",
  E_SIGNAL_PASSPHRASE: "`chatferry signal`",
  E_SIGNAL_TOOL: "`chatferry signal`",
  E_SIGNAL_COUNT: "`chatferry signal`",
  E_SIGNAL_UNMAPPED: "`chatferry signal`",
  E_SIGNAL_UNKNOWN_NAME: "`chatferry signal`",
  E_SIGNAL_SAME_FILE: "`chatferry signal`",
  E_SIGNAL_SEVERAL: "`chatferry signal`",
};

describe("the app's words for errors", () => {
  const codes = Object.keys(ERROR_EXIT);

  it.each([
    ["en", en],
    ["ko", ko],
  ] as const)("%s has a sentence for every error the app can meet", (_lang, words) => {
    const missing = codes.filter((code) => !(code in CLI_ONLY) && !(`error.${code}` in words));
    expect(missing).toEqual([]);
  });

  it("lists as command-line only nothing that is not an error code", () => {
    expect(Object.keys(CLI_ONLY).filter((code) => !codes.includes(code))).toEqual([]);
  });
});
