/** English strings for the CLI. `{name}` is replaced by a parameter. */
export const en = {
  // errors (keys = error codes)
  E_USAGE: "{detail}. Run 'chatferry --help' for usage.",
  E_NOT_FOUND: "File not found: {file}",
  E_NOT_A_FILE: "{file} is a folder; give a chat export file.",
  E_EMPTY: "{file} is empty: there is no chat in it.",
  E_BINARY: "{file} is not a text chat export (it looks like a binary file, such as an image).",
  E_UNKNOWN_FORMAT: "{file} is not a chat export ChatFerry recognises. Supported: {supported}.",
  E_LINE_TOO_LONG: "{file}, line {line}: a line of more than {limit} MB; this is not a chat export.",
  E_TIMEZONE: "Unknown time zone '{zone}'. Use an IANA name such as Asia/Seoul or America/New_York.",
  E_READ: "Cannot read {file}: {reason}",
  E_UNSAFE_ZIP: "{file} was refused as unsafe ({reason}); nothing was extracted.",
  E_BAD_ZIP: "{file} is not a readable zip file: {reason}",
  E_NO_CHAT: "{file} holds no chat export ChatFerry recognises. Supported: {supported}.",
  E_WRITE: "Cannot write {file}: {reason}",
  E_INTERRUPTED: "Interrupted; nothing was written.",
  E_INTERNAL: "Unexpected error: {reason}. Run again with --debug for details.",

  // warnings (keys = "W_" + warning code)
  "W_orphan-line": "line {line}: text before the first message, kept here: {text}",
  "W_invalid-date": "line {line}: impossible date or time, read as a continuation: {text}",
  "W_no-messages": "no messages found in this export",
  "W_decode-replaced": "{count} bytes could not be decoded and were replaced with U+FFFD",
  "W_more-warnings": "{count} more warnings not listed",
  "W_date-order-assumed": "dates such as 3/4 could be day/month or month/day; read as {text} (from the locale)",
  "W_missing-media": "line {line}: attachment not found in the input: {text}",

  // usage problems (commander's error codes)
  "usage.missingArgument": "missing argument {name}",
  "usage.unknownOption": "unknown option {name}",
  "usage.unknownCommand": "unknown command {name}",
  "usage.excessArguments": "too many arguments",
  "usage.optionMissingArgument": "option {name} needs a value",
  "usage.conflictingOption": "options {name} cannot be used together",
  "usage.other": "invalid command line ({name})",
  "usage.lang": "--lang takes ko or en",

  // progress and interruption
  "progress.reading": "Reading",

  // help
  "help.usage": "Usage:",
  "help.commands": "Commands:",
  "help.options": "Options:",
  "help.arguments": "Arguments:",
  "help.schemaOutput": "write the JSON Schema to FILE",
  "help.description": "Read chat exports (KakaoTalk first) and turn them into one open format.",
  "help.lang": "language of messages: ko or en (default: from the environment)",
  "help.debug": "show the stack trace of an unexpected error",
  "help.version": "print the version",
  "help.help": "show help",
  "help.detect": "tell which messenger, variant and encoding an export is",
  "help.parse": "convert an export to NDJSON (default) or JSON",
  "help.stats": "count messages, participants, media and warnings without printing messages",
  "help.schema": "print the JSON Schema of the NDJSON records",
  "help.inputs": "export files, zips or folders (several: each conversation kept apart)",
  "help.input": "the export file, zip or folder",
  "help.ndjson": "one JSON record a line (default)",
  "help.json": "one JSON document",
  "help.timezone": "IANA time zone of the export's times (default: this computer's, {zone})",
  "help.output": "write to FILE instead of standard output",
  "help.formatJson": "print JSON instead of text",

  // detect / stats output
  "out.file": "File",
  "out.platform": "Messenger",
  "out.variant": "Variant",
  "out.encoding": "Encoding",
  "out.confidence": "Confidence",
  "out.title": "Title",
  "out.messages": "Messages",
  "out.participants": "Participants",
  "out.first": "First",
  "out.last": "Last",
  "out.media": "Media",
  "out.none": "none",
  "out.warnings": "Warnings",
  "out.timezone": "Time zone",
  "out.exportedAt": "Exported",
} as const;

export type MessageKey = keyof typeof en;
