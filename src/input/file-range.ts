import { open } from "node:fs/promises";

export interface RangeOptions {
  /** The first byte read. */
  start: number;
  /** The byte after the last one read; reads stop earlier where the file ends. */
  end: number;
  /** Bytes asked for by one read. */
  chunkSize: number;
  /**
   * Pieces lent rather than given: each is read into one of two buffers that take turns,
   * and is the caller's only until it asks for the next or stops reading. For copying, where
   * a fresh megabyte per read cost four times the reading itself (the pages of each new
   * buffer are faulted in and zeroed before the disk's bytes are copied over them).
   */
  lent: boolean;
}

/**
 * Buffers of lent reads, by size, kept for the next read: a copy of 30 photos made two
 * new megabytes per photo, and faulting them in cost more than reading the photo.
 */
const spare = new Map<number, Buffer[]>();
/** Kept per size: two reads' worth. */
const SPARE = 4;

function borrow(size: number): Buffer {
  return spare.get(size)?.pop() ?? Buffer.allocUnsafeSlow(size);
}

function giveBack(buffers: readonly Buffer[]): void {
  for (const buffer of buffers) {
    const kept = spare.get(buffer.length) ?? [];
    if (kept.length < SPARE) kept.push(buffer);
    spare.set(buffer.length, kept);
  }
}

/**
 * Bytes [start, end) of a file, one read ahead of the caller. Ends early, without a word,
 * where the file does: callers that know the size count what they got.
 */
export async function* readRange(path: string, { start, end, chunkSize, lent }: RangeOptions): AsyncGenerator<Buffer> {
  if (start >= end) return;
  const handle = await open(path, "r");
  const buffers = lent ? [borrow(chunkSize), borrow(chunkSize)] : undefined;
  let turn = 0;
  const read = async (at: number): Promise<Buffer> => {
    const length = Math.min(chunkSize, end - at);
    turn ^= 1;
    const into = buffers?.[turn] ?? Buffer.allocUnsafeSlow(length);
    const { bytesRead } = await handle.read(into, 0, length, at);
    return into.subarray(0, bytesRead);
  };
  let ahead: Promise<Buffer> | undefined = read(start);
  try {
    for (let at = start; ahead; ) {
      const piece = await ahead;
      if (piece.length === 0) return;
      at += piece.length;
      ahead = at < end ? read(at) : undefined;
      yield piece;
    }
  } finally {
    // A read still under way must not land in a closed file, nor fail unhandled.
    await ahead?.catch(() => undefined);
    await handle.close();
    // The caller is done with the last piece: it asked for the next, or stopped asking.
    if (buffers) giveBack(buffers);
  }
}
