/**
 * Where binary output goes (a zip, an age payload, a file). Writes are awaited one at a
 * time; a writer may keep the buffers it is given until they are written, so a caller never
 * refills one it has handed over.
 */
export interface ByteSink {
  write(...data: Buffer[]): Promise<void>;
  /** Writes what is held back; nothing is written after. */
  end(): Promise<void>;
}

/** A megabyte a system call: 16 times fewer round trips to the disk than 64 KiB writes. */
const BATCH = 1024 * 1024;

/**
 * Gathers writes into batches written with one writev each. One batch is on its way
 * to the disk while the next fills; a writer that fills a second waits for the first,
 * so memory holds two batches at most and the disk and the processor work side by side.
 */
export class BatchWriter implements ByteSink {
  private batch: Buffer[] = [];
  private size = 0;
  private writing: Promise<void> = Promise.resolve();

  constructor(private readonly writev: (buffers: Buffer[]) => Promise<void>) {}

  async write(...data: Buffer[]): Promise<void> {
    for (const buffer of data) {
      this.batch.push(buffer);
      this.size += buffer.length;
    }
    if (this.size >= BATCH) await this.flush();
  }

  async end(): Promise<void> {
    await this.flush();
    await this.writing;
  }

  private async flush(): Promise<void> {
    await this.writing;
    const batch = this.batch;
    this.batch = [];
    this.size = 0;
    if (batch.length === 0) return;
    this.writing = this.writev(batch);
    // A failure surfaces at the next write or at end; marked handled until then.
    this.writing.catch(() => undefined);
  }
}
