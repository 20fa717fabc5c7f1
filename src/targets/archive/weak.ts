/**
 * A rough test, meant only to warn: anyone holding the file can guess offline at
 * scrypt's pace, so a short passphrase, or a longer one of only letters or only
 * digits (a word with a year, a phone number), falls within reach. No Node imports:
 * the app's strength meter draws the same line.
 */
export function isWeak(passphrase: string): boolean {
  const chars = [...passphrase];
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((re) => re.test(passphrase)).length;
  return chars.length < 12 || new Set(chars).size < 6 || (chars.length < 16 && classes < 3);
}
