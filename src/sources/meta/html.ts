/**
 * A thread file of Meta's HTML download (Facebook and Instagram alike write
 * `messages/inbox/<thread>/message_1.html`): ChatFerry reads the JSON download, and says how to get it.
 */
const HTML_THREAD = /(?:^|\/)message_\d+\.html$/i;

export const metaHtml = { test: (path: string) => HTML_THREAD.test(path), code: "E_META_HTML" } as const;
