/**
 * An archive's viewer as ChatFerry shows it (`chatferry open --view`, the app's
 * "open viewer"): ChatFerry's own page, reading only data from the archive, decrypted
 * on demand from the archive file. Nothing decrypted is written anywhere, and nothing
 * from the archive runs: its index.html and scripts are the copy for opening it without
 * ChatFerry, and anyone who knows a recipient's public key can make an archive.
 */
import { basename } from "node:path";
import type { Readable } from "node:stream";
import type { Entry } from "yauzl";
import type { SiteRequest, SiteResponse } from "../../loopback.js";
import { safeName } from "../safe-name.js";
import type { AgeFile, Unlock } from "./age.js";
import { openAge } from "./read.js";
import { rewriteCatalog, rewriteChunk } from "./viewer-check.js";
import { VIEWER_CATALOG, viewerChunkPath } from "./viewer-data.js";
import { INLINE_IMAGES, SERVED_CSP, VIEWER_HTML } from "./viewer.js";
import { isSafePath, readZip, type ZipReader } from "./zip.js";

/** Far more than the viewer data of any real chunk (2,000 messages); bounds what one request makes us hold. */
const MAX_SCRIPT = 256 * 1024 * 1024;

/** Every answer: never cached (the browser's cache is on disk), never sniffed, never sent a referrer. */
const BASE = {
  "cache-control": "no-store",
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "cross-origin-resource-policy": "same-origin",
};

/**
 * A media file, were it opened as a page, may run no script and load nothing: a file
 * named .png that holds HTML stays inert. Everything but the viewer's inline images is
 * a download, never a page of the viewer's origin.
 */
const INERT = "default-src 'none'; sandbox";

const answer = (status: number, headers: Record<string, string> = {}, body: SiteResponse["body"] = null): SiteResponse => ({
  status,
  headers: { ...BASE, ...headers },
  body,
});
const NOT_FOUND = () => answer(404);

export class ViewerSite {
  private closed = false;

  private constructor(
    private readonly age: AgeFile,
    private readonly zip: ZipReader,
  ) {}

  /** Over an unlocked archive, which the site owns from here: close() closes it. */
  static async open(age: AgeFile): Promise<ViewerSite> {
    return new ViewerSite(age, await readZip(age));
  }

  /** Opens and unlocks the archive at `path` (checked already: this reads only what the viewer asks for). */
  static async openFile(path: string, unlock: Unlock): Promise<ViewerSite> {
    const age = await openAge(path);
    try {
      await age.unlock(unlock);
      return await ViewerSite.open(age);
    } catch (err) {
      await age.close();
      throw err;
    }
  }

  /** Answers one request; `this` is bound, so `respond` can be handed on as a function. */
  readonly respond = async ({ method, path }: SiteRequest): Promise<SiteResponse> => {
    if (method !== "GET") return answer(405, { allow: "GET" });
    let segments: string[];
    try {
      segments = path.split("/").slice(1).map(decodeURIComponent);
    } catch {
      return NOT_FOUND();
    }
    const [top, id, ...rest] = segments;
    if (path === "/" || path === "/index.html") {
      return answer(200, { "content-type": "text/html; charset=utf-8", "content-security-policy": SERVED_CSP, "x-frame-options": "DENY" }, VIEWER_HTML);
    }
    if (path === `/${VIEWER_CATALOG}`) return this.script(VIEWER_CATALOG, rewriteCatalog);
    if (top === "viewer" && id !== undefined && rest.length === 1 && /^(0|[1-9][0-9]{0,8})\.js$/.test(rest[0]!)) {
      const index = Number.parseInt(rest[0]!, 10);
      return this.script(viewerChunkPath(id, index), (script) => rewriteChunk(script, id, index));
    }
    if (top === "media" && id !== undefined && rest.length > 0) return this.media(segments.join("/"));
    return NOT_FOUND();
  };

  /** Closes the archive file; a second call does nothing (a viewer window and the app's exit may both close it). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.zip.close();
    await this.age.close();
  }

  private async script(path: string, rewrite: (script: string) => string | null): Promise<SiteResponse> {
    const entry = this.entry(path);
    if (!entry || entry.uncompressedSize > MAX_SCRIPT) return NOT_FOUND();
    const parts: Buffer[] = [];
    for await (const part of await this.zip.open(entry)) parts.push(part as Buffer);
    const script = rewrite(Buffer.concat(parts).toString("utf8"));
    // 422: there is such a file, but it is not the plain data ChatFerry writes; the viewer says it cannot load the messages.
    if (script === null) return answer(422);
    return answer(200, { "content-type": "text/javascript; charset=utf-8" }, script);
  }

  private async media(path: string): Promise<SiteResponse> {
    const entry = this.entry(path);
    if (!entry) return NOT_FOUND();
    const body: Readable = await this.zip.open(entry);
    const extension = /\.([^./]+)$/.exec(path)?.[1]?.toLowerCase() ?? "";
    const image = Object.hasOwn(INLINE_IMAGES, extension) ? INLINE_IMAGES[extension] : undefined;
    const length = { "content-length": String(entry.uncompressedSize), "content-security-policy": INERT };
    if (image) return answer(200, { ...length, "content-type": image }, body);
    const name = safeName(basename(path));
    // The ASCII name for old browsers, the real one (RFC 6266) for the rest.
    const disposition = `attachment; filename="${name.replace(/[^\x20-\x7e]|["\\]/g, "_")}"; filename*=UTF-8''${encodeURIComponent(name)}`;
    return answer(200, { ...length, "content-type": "application/octet-stream", "content-disposition": disposition }, body);
  }

  private entry(path: string): Entry | undefined {
    return isSafePath(path) ? this.zip.entries.get(path) : undefined;
  }
}
