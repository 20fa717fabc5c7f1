import { readdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { atomicFile, syncDir } from "../atomic.js";
import { ownFolder, refuseNonFolder } from "../folder.js";
import { NameAllocator } from "../safe-name.js";

/**
 * The media folders of a Telegram Desktop export. A file's name comes from the input, so it
 * goes through NameAllocator: one safe name, unique in its folder however the file system
 * compares names (a second `a.pdf` is `a (2).pdf`). Each file is written beside its name and
 * renamed into place, so a link already there is replaced, never written through.
 */
export class MediaFolders {
  private readonly names = new Map<string, NameAllocator>();
  private readonly written: string[] = [];

  private constructor(
    private readonly dir: string,
    private readonly force: boolean,
  ) {}

  /** Refuses up front, before anything is written, a link or a file where one of `folders` goes. */
  static async open(dir: string, folders: Iterable<string>, force: boolean): Promise<MediaFolders> {
    for (const folder of folders) await refuseNonFolder(join(dir, folder));
    return new MediaFolders(dir, force);
  }

  /** Files written so far. */
  get count(): number {
    return this.written.length;
  }

  /**
   * Writes `bytes` under a safe form of `name` in `folder`; returns the path as result.json gives
   * it, and the file's size. Each piece is written before the next is asked for, so they may be lent.
   */
  async add(folder: string, name: string, bytes: AsyncIterable<Buffer>): Promise<{ path: string; size: number }> {
    const safe = (await this.folder(folder)).take(name);
    const path = join(this.dir, folder, safe);
    // Not synced one by one (see `sync`): nothing to send on ahead of a sync.
    const file = await atomicFile(path, this.force, { writeBack: false });
    try {
      // Each piece written as it comes, a megabyte a call: no slabs to copy through, one file after another.
      for await (const chunk of bytes) await file.writev([chunk]);
      // One folder sync for all its files, in `sync`: one per file would cost more than the copying.
      await file.commit({ syncFolder: false });
    } catch (err) {
      await file.abort();
      throw err;
    }
    this.written.push(path);
    return { path: `${folder}/${safe}`, size: file.size };
  }

  /** Makes the files' names durable, before result.json names them. */
  async sync(): Promise<void> {
    for (const folder of this.names.keys()) await syncDir(join(this.dir, folder));
  }

  /** Removes what this export wrote: an export that fails leaves no media without their result.json. */
  async discard(): Promise<void> {
    await Promise.all(this.written.map((path) => rm(path, { force: true })));
  }

  private async folder(folder: string): Promise<NameAllocator> {
    let names = this.names.get(folder);
    if (names === undefined) {
      await ownFolder(join(this.dir, folder));
      const entries = await readdir(join(this.dir, folder), { withFileTypes: true });
      // Without --force nothing already there is replaced. With it an older export's files are,
      // but a folder cannot be, so its name stays taken.
      names = new NameAllocator(entries.filter((e) => !this.force || e.isDirectory()).map((e) => e.name));
      this.names.set(folder, names);
    }
    return names;
  }
}
