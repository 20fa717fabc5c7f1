/**
 * Every chunk sealed or opened allocates its output, and the collector frees those
 * buffers in bulk. glibc hands freed memory back to the system once 128 KiB of it sits
 * at the top of the heap, so each batch of chunks faulted its pages in afresh: a third
 * of the sealing time on the machine this was measured on. Freeing one large mmap'd
 * block raises glibc's trim threshold to twice its size (mallopt(3), "dynamic mmap
 * threshold"), process-wide, after which the freed buffers are reused. Elsewhere it
 * costs one short-lived allocation.
 */
const PRIME_BYTES = 16 * 1024 * 1024;

let primed = false;

/** Primes the allocator from this thread (the block is freed at its next collection). */
export function primeAllocator(): void {
  if (primed) return;
  primed = true;
  Buffer.allocUnsafeSlow(PRIME_BYTES);
}
