/**
 * The line that marks a forwarded message where a target has only text to say it
 * with (the import package, TXT). English, like the rest of those files' own
 * words: Telegram's importer reads WhatsApp's English export, and Telegram's
 * English apps say "Forwarded from".
 */
export function forwardedLine(name: string): string {
  return `[Forwarded from ${name}]`;
}
