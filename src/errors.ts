/**
 * One error type for everything a user can cause or meet. The code is stable
 * (scripts and the app match on it) and is also the i18n key of the message.
 */
export const ERROR_EXIT = {
  E_USAGE: 2,
  E_NOT_FOUND: 2,
  E_NOT_A_FILE: 2,
  E_EMPTY: 2,
  E_BINARY: 2,
  E_UNKNOWN_FORMAT: 2,
  E_LINE_TOO_LONG: 2,
  E_MESSAGE_TOO_LONG: 2,
  E_TIMEZONE: 2,
  E_READ: 2,
  E_UNSAFE_ZIP: 2,
  E_BAD_ZIP: 2,
  E_ZIP_BOMB: 2,
  E_FOLDER_TOO_BIG: 2,
  E_NO_CHAT: 2,
  E_META_HTML: 2,
  E_MERGE_SEVERAL: 2,
  E_DATE_ORDER: 2,
  E_ME_UNKNOWN: 2,
  E_ME_AS_UNKNOWN: 2,
  E_ME_AS_TAKEN: 2,
  E_STRICT_UNREAD: 2,
  E_STRICT_DATE_ORDER: 2,
  E_STRICT_PLACEHOLDER: 2,
  E_WRITE: 3,
  E_EXISTS: 2,
  E_OUTPUT_IS_INPUT: 2,
  E_LINES_PAST_END: 2,
  E_NOT_A_FOLDER: 2,
  E_OUTPUT_NOT_FOLDER: 2,
  E_NOT_ARCHIVE: 2,
  E_PASSPHRASE: 2,
  E_IDENTITY: 2,
  E_IDENTITY_FILE: 2,
  E_EMPTY_PASSPHRASE: 2,
  E_TRUNCATED: 2,
  E_CORRUPT: 2,
  E_UNSAFE_PATH: 2,
  E_VERIFY: 3,
  E_COUNT_MISMATCH: 3,
  E_TELEGRAM_TOKEN: 2,
  E_TELEGRAM_AUTH: 3,
  E_TELEGRAM_CHAT: 3,
  E_TELEGRAM_NETWORK: 3,
  E_TELEGRAM_FAILED: 3,
  E_TELEGRAM_INTERRUPTED: 130,
  E_TELEGRAM_CHANGED: 2,
  E_TELEGRAM_BUSY: 2,
  E_TELEGRAM_SEVERAL: 2,
  E_TELEGRAM_JOURNAL: 2,
  E_SIGNAL_NO_TOOL: 2,
  E_SIGNAL_PASSPHRASE: 2,
  E_SIGNAL_TOOL: 3,
  E_SIGNAL_COUNT: 3,
  E_SIGNAL_UNMAPPED: 2,
  E_SIGNAL_UNKNOWN_NAME: 2,
  E_SIGNAL_SAME_FILE: 2,
  E_SIGNAL_SEVERAL: 2,
  E_INTERRUPTED: 130,
  /** Some inputs of a batch failed, the others were written: neither success nor one failure. */
  E_BATCH_FAILED: 4,
  E_BATCH_INTERRUPTED: 130,
  E_NODE_TOO_OLD: 1,
  E_INTERNAL: 1,
} as const;

export type ErrorCode = keyof typeof ERROR_EXIT;
export type ErrorParams = Record<string, string | number>;

export class ChatFerryError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly params: ErrorParams = {},
    options?: { cause?: unknown },
  ) {
    super(`${code} ${JSON.stringify(params)}`, options);
    this.name = "ChatFerryError";
  }

  get exitCode(): number {
    return ERROR_EXIT[this.code];
  }
}

/** Maps what Node throws while opening or reading a file to a user-facing error. */
export function fileError(err: unknown, file: string): ChatFerryError {
  if (err instanceof ChatFerryError) return err;
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code === "ENOENT") return new ChatFerryError("E_NOT_FOUND", { file }, { cause: err });
  if (code === "EISDIR") return new ChatFerryError("E_NOT_A_FILE", { file }, { cause: err });
  return new ChatFerryError("E_READ", { file, reason: code ?? String(err) }, { cause: err });
}
