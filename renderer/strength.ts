import { isWeak } from "../src/targets/archive/weak.js";

export type Strength = 0 | 1 | 2 | 3 | 4;

/**
 * A rough guide to how a passphrase would stand up to offline guessing: it
 * informs, it never refuses. "Weak" (below 2) is the line the CLI warns at.
 */
export function strength(passphrase: string): Strength {
  const chars = [...passphrase];
  if (chars.length === 0) return 0;
  const kinds = [/[a-z]/, /[A-Z]/, /[0-9]/, /[!-/:-@[-`{-~ ]/, /[^\x20-\x7e]/];
  const sizes = [26, 26, 10, 33, 100];
  const pool = kinds.reduce((n, re, i) => (re.test(passphrase) ? n + sizes[i]! : n), 0);
  const distinct = new Set(chars).size;
  // Repeats add little: count at most twice the distinct characters.
  const charBits = Math.log2(Math.max(2, pool)) * Math.min(chars.length, distinct * 2);
  const words = passphrase.split(/[\s\-_.,]+/).filter((w) => w.length >= 3);
  const wordBits = words.length >= 3 ? words.length * 11 : 0;
  const bits = Math.max(charBits, wordBits);
  if (isWeak(passphrase)) return bits < 28 ? 0 : 1;
  return bits < 60 ? 2 : bits < 80 ? 3 : 4;
}
