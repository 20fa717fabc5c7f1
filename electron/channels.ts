/**
 * Every IPC channel by name, and the constants the renderer needs at run time
 * (it imports only types from ipc.ts, so zod stays out of its bundle). The preload, the browser bridge of `npm start`'s
 * fallback, the channel map (ipc.ts) and the handlers are all built from this
 * one list, and a test holds them equal. No imports: the sandboxed preload
 * bundles this file and nothing else of ours.
 */
export const CHANNELS = [
  "appInfo",
  "chooseInput",
  "dropInput",
  "previewPage",
  "chooseOutput",
  "generatePassphrase",
  "startJob",
  "waitJob",
  "cancelJob",
  "showInFolder",
  "chooseArchive",
  "openHelp",
  "setBotToken",
  "forgetBotToken",
  "testBot",
] as const;

export type Channel = (typeof CHANNELS)[number];

/** The one main → renderer channel: job progress. */
export const EVENT_CHANNEL = "chatferry:event";

/** The page the app loads in Electron: a custom scheme, not file:// (Electron's checklist, item 18). */
export const APP_ORIGIN = "app://chatferry";

export const EXPORT_FORMATS = ["json", "ndjson", "csv", "txt", "telegram-json"] as const;

/**
 * The only pages the app opens in the user's browser, by topic: the renderer
 * names a topic, never an address. (Electron's main opens each with a literal
 * address in a switch; a test holds the two lists equal.)
 */
export const HELP_PAGES = {
  "telegram-import": "https://telegram.org/blog/move-history",
} as const;
export type HelpTopic = keyof typeof HELP_PAGES;
