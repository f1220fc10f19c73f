/**
 * A few reusable read buffers backed by SharedArrayBuffers. Reusing them matters: a fresh 1 MiB buffer per read
 * costs page faults and zeroing (measured: plain reads from page cache 4.8 GB/s into a reused buffer, 0.7 GB/s into
 * fresh ones), and shared memory lets the hash worker read a chunk without a copy. A slot is free again once every
 * holder (the copy loop, the worker) has released it.
 */
import type { promises as fs } from 'node:fs';

/** One reusable buffer. */
export interface Slot {
  readonly sab: SharedArrayBuffer;
  readonly buffer: Buffer;
  refs: number;
}

/** The pool. */
export class ChunkPool {
  private readonly free: Slot[] = [];
  private readonly bySab = new Map<SharedArrayBuffer, Slot>();
  private readonly waiters: ((slot: Slot) => void)[] = [];

  /**
   * @param count buffers (each holder keeps at most a few: read-ahead 2, the worker the rest).
   * @param size bytes per buffer.
   */
  constructor(count: number, readonly size: number) {
    for (let i = 0; i < count; i++) {
      const sab = new SharedArrayBuffer(size);
      const slot: Slot = { sab, buffer: Buffer.from(sab), refs: 0 };
      this.free.push(slot);
      this.bySab.set(sab, slot);
    }
  }

  /** A free slot (waits for one), held once. */
  async acquire(): Promise<Slot> {
    const slot = this.free.pop() ?? (await new Promise<Slot>((resolve) => this.waiters.push(resolve)));
    slot.refs = 1;
    return slot;
  }

  /** The slot a chunk lies in, if it came from this pool. */
  slotOf(chunk: Uint8Array): Slot | undefined {
    return chunk.buffer instanceof SharedArrayBuffer ? this.bySab.get(chunk.buffer) : undefined;
  }

  retain(slot: Slot): void {
    slot.refs++;
  }

  release(slot: Slot): void {
    if (--slot.refs > 0) return;
    const waiter = this.waiters.shift();
    if (waiter) {
      slot.refs = 1;
      waiter(slot);
    } else this.free.push(slot);
  }

  /**
   * Read a whole open file in pool-sized chunks, one read ahead, handing each chunk to `onChunk` (the chunk is
   * valid until onChunk's promise settles). Returns the bytes read.
   */
  async readFile(handle: fs.FileHandle, onChunk: (chunk: Buffer) => Promise<void>, signal?: AbortSignal): Promise<number> {
    const readInto = async (slot: Slot, at: number) => {
      try {
        return { slot, bytes: (await handle.read(slot.buffer, 0, this.size, at)).bytesRead };
      } catch (e) {
        this.release(slot);
        throw e;
      }
    };
    let position = 0;
    let next = readInto(await this.acquire(), 0);
    for (;;) {
      let current: { slot: Slot; bytes: number };
      try {
        signal?.throwIfAborted();
        current = await next;
      } catch (e) {
        await next.then(({ slot }) => this.release(slot), () => undefined);
        throw e;
      }
      if (current.bytes === 0) {
        this.release(current.slot);
        return position;
      }
      position += current.bytes;
      next = this.acquire().then((slot) => readInto(slot, position));
      try {
        await onChunk(current.slot.buffer.subarray(0, current.bytes));
      } catch (e) {
        await next.then(({ slot }) => this.release(slot), () => undefined);
        throw e;
      } finally {
        this.release(current.slot);
      }
    }
  }
}
