import { randomInt } from "node:crypto";
import { readFile } from "node:fs/promises";
import { wordlist } from "@scure/bip39/wordlists/english.js";
import { ChatFerryError, fileError } from "../../errors.js";

/** Ten words of BIP39's 2048: 110 bits, the same strength as the age CLI's own generated passphrases. */
const WORDS = 10;

export function generatePassphrase(): string {
  return Array.from({ length: WORDS }, () => wordlist[randomInt(wordlist.length)]!).join("-");
}

/** The file's text without its final line break; the passphrase is everything else, spaces included. */
export async function readPassphraseFile(path: string): Promise<string> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (err) {
    throw fileError(err, path);
  }
  const passphrase = text.replace(/\r?\n$/, "");
  if (passphrase.length === 0) throw new ChatFerryError("E_EMPTY_PASSPHRASE", { file: path });
  return passphrase;
}

/** age's identity file format: one AGE-SECRET-KEY-1… a line; blank lines and # comments are skipped. */
export async function readKeyLines(path: string): Promise<string[]> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (err) {
    throw fileError(err, path);
  }
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== "" && !line.startsWith("#"));
}

/**
 * Reads a line from the terminal without echoing it. Raw mode, so the characters
 * never appear on screen or in the terminal's scrollback.
 */
export function promptHidden(prompt: string, input: NodeJS.ReadStream, output: NodeJS.WriteStream): Promise<string> {
  // Raw mode first, then the prompt: what is typed (or pasted) the moment it shows is never echoed.
  input.setRawMode(true);
  input.resume();
  output.write(prompt);
  let bytes: number[] = [];
  return new Promise((resolve, reject) => {
    const finish = () => {
      input.off("data", onData);
      input.setRawMode(false);
      input.pause();
      output.write("\n");
    };
    const onData = (data: Buffer) => {
      for (const byte of data) {
        if (byte === 0x0d || byte === 0x0a) {
          finish();
          resolve(Buffer.from(bytes).toString("utf8"));
          bytes = [];
          return;
        }
        if (byte === 0x03 || byte === 0x04) {
          finish();
          reject(new ChatFerryError("E_INTERRUPTED"));
          return;
        }
        if (byte === 0x7f || byte === 0x08) {
          // Backspace removes a whole UTF-8 character: its continuation bytes, then its lead byte.
          while (bytes.length > 0 && (bytes[bytes.length - 1]! & 0xc0) === 0x80) bytes.pop();
          bytes.pop();
        } else if (byte >= 0x20) {
          bytes.push(byte);
        }
      }
    };
    input.on("data", onData);
  });
}
