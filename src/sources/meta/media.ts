import { posix } from "node:path";
import { typeFromName } from "../../normalize/media.js";
import type { Attachment, AttachmentType } from "../../schema/index.js";

/** A uri that is an address on the web, not a file of the export (an Instagram share). */
const WEB = /^[a-z][a-z0-9+.-]*:/i;

/** What the E2EE download writes in place of a file it could not fetch. */
export const FAILED_MEDIA = "Failed to download media";

/**
 * Where a uri's file is, relative to the chat file's folder (what MediaIndex.link joins to it).
 * Meta's uris are relative to the export's root (`your_facebook_activity/messages/inbox/<thread>/photos/…`),
 * and the chat file may be anywhere below that root in the input (a zip may wrap it in a folder of its
 * own): the root is where the chat file's folders line up longest with the uri's first ones. A uri
 * that lines up with none (a lone file, whose folders the input does not show) stays as it is, and
 * MediaIndex finds its file by name. The E2EE download's `./media/…` is relative to the file itself.
 */
export function mediaPath(uri: string, chatFile: string): string {
  const folder = posix.dirname(chatFile);
  if (uri.startsWith("./")) return posix.normalize(uri);
  const own = folder === "." ? [] : folder.split("/");
  const wanted = uri.split("/");
  let root = -1;
  let longest = 0;
  for (let k = 0; k < own.length; k++) {
    let run = 0;
    while (k + run < own.length && run < wanted.length && own[k + run] === wanted[run]) run++;
    if (run > longest) {
      longest = run;
      root = k;
    }
  }
  if (root < 0) return uri;
  return posix.relative(posix.join("/", folder), posix.join("/", ...own.slice(0, root), uri));
}

/** An attachment of the file a uri names; a web address is kept as its name, with no file. */
export function attachmentOf(type: AttachmentType | null, uri: string, chatFile: string): Attachment {
  if (WEB.test(uri)) return { type: type ?? "other", name: uri };
  return { type: type ?? typeFromName(uri), name: posix.basename(uri), media: mediaPath(uri, chatFile) };
}
