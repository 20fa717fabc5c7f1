/**
 * The most ChatFerry reads from one input. Each limit is far beyond any real
 * export, and keeps a crafted one from taking unbounded time, memory or disk:
 * past a limit the input is refused with its own error, never cut short.
 */
export interface InputLimits {
  /** Files in a zip, or files and folders below a folder. */
  entries: number;
  /** Their total size, uncompressed. */
  bytes: number;
  /**
   * How many times its compressed size a zip, and each entry in it, may expand to
   * (beyond EXPANSION_ALLOWANCE). Chat text compresses about 5–10:1 and media
   * hardly at all; a zip bomb reaches 1000:1.
   */
  ratio: number;
  /**
   * Characters of one message: its text, its continuation lines, the names of the
   * files it carries. WhatsApp, the most generous of the four messengers, lets one
   * message hold 65,536 characters; this is 256 times that, and the most one line
   * may hold (MAX_LINE_CHARS). Without it a message with no end grows until the
   * process runs out of memory.
   */
  messageChars: number;
}

export const INPUT_LIMITS: InputLimits = { entries: 100_000, bytes: 20e9, ratio: 100, messageChars: 16 * 1024 * 1024 };

/**
 * Any zip may expand this much whatever its ratio: so much costs nothing, and a
 * small export of very repetitive text (one line pasted a thousand times) compresses
 * far better than 100:1.
 */
export const EXPANSION_ALLOWANCE = 16 * 1024 * 1024;

/** Whether `uncompressed` bytes from `compressed` is more than `limits` allow of a zip or a zip entry. */
export function overExpanded(uncompressed: number, compressed: number, limits: InputLimits): boolean {
  return uncompressed > limits.ratio * compressed + EXPANSION_ALLOWANCE;
}

/** How much one read of text fetches, where the input lets us choose (files, folders, stored zip entries): text parses fastest in 64 KiB pieces. */
export const TEXT_CHUNK = 64 * 1024;
