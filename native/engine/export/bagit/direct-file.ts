/**
 * Writing and reading back evidence copies with direct I/O (O_DIRECT, Linux), bypassing the page cache.
 *
 * Why: on this kind of machine (a VM, ext4 on virtio) an ordinary write costs the kernel ≈2.4 s of CPU per GB
 * (copying into and allocating the page cache), so a 2 GB export spent more CPU writing than hashing; a direct
 * write of the same bytes costs ≈0.2 s of CPU and ≈0.8 s of wall time per GB (measured with dd and Node,
 * docs/BENCHMARKS.md "Evidence packages"). It also makes the read-back check stronger: a direct read returns what
 * the device holds, not the page-cache copy the write left behind.
 *
 * Direct I/O wants buffers, file offsets and lengths aligned to the device's block. The copy's chunks come from
 * the page-aligned chunk pool (chunk-pool.ts) at offsets that are multiples of its 1 MiB chunks; a file's last
 * piece is padded to a whole block through an aligned scratch block and the file truncated to its true size.
 * Whatever the kernel refuses (EINVAL: a file system without direct I/O such as tmpfs, a misaligned buffer or
 * offset) falls back to an ordinary write of the same bytes at the same offset, so correctness never depends on
 * the alignment. Where the platform has no O_DIRECT (macOS, Windows) every write is an ordinary one.
 */
import { constants, promises as fs } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { pageAlignedSharedMemory, WASM_PAGE } from './aligned-memory';

/** Alignment of direct I/O buffers, offsets and lengths: 4096 covers 512- and 4096-byte sectors. */
export const DIRECT_ALIGN = 4096;
/** Linux's O_DIRECT; undefined where Node does not define it. */
const O_DIRECT: number | undefined = (constants as { O_DIRECT?: number }).O_DIRECT;

/** Aligned blocks for the padded last piece of a file, shared by all files (each holds one only while writing it). */
const scratch: Buffer[] = [];

function takeScratch(): Buffer {
  const free = scratch.pop();
  if (free) return free;
  // One page gives 16 blocks; more are made only if more than 16 files write their last piece at once.
  const sab = pageAlignedSharedMemory(WASM_PAGE);
  for (let offset = DIRECT_ALIGN; offset < WASM_PAGE; offset += DIRECT_ALIGN) scratch.push(Buffer.from(sab, offset, DIRECT_ALIGN));
  return Buffer.from(sab, 0, DIRECT_ALIGN);
}

const isEinval = (e: unknown) => (e as NodeJS.ErrnoException).code === 'EINVAL';

async function writeAll(handle: FileHandle, bytes: Uint8Array, position: number): Promise<number> {
  let done = 0;
  while (done < bytes.length) {
    const { bytesWritten } = await handle.write(bytes, done, bytes.length - done, position + done);
    if (bytesWritten === 0) throw new Error('the file system wrote 0 bytes');
    done += bytesWritten;
  }
  return done;
}

/** A new file written with direct I/O where it can be, ordinary writes where not. */
export interface DirectWriter {
  /** Whether any write so far went around the page cache. */
  readonly direct: boolean;
  /**
   * Write the next bytes of the file. The offset is taken when this is called, so several writes may be in flight
   * at once (they cover different ranges); the caller keeps the buffer unchanged until the promise settles.
   */
  write(chunk: Uint8Array): Promise<void>;
  /** Once every write has settled: set the file to its true length (a last piece is padded) and return the handle to flush and close. */
  finish(): Promise<FileHandle>;
  /** Close every handle (after a failure). */
  abandon(): Promise<void>;
}

/**
 * Create `file` (it must not exist) for a direct-I/O copy; an ordinary file where O_DIRECT is missing or refused.
 * @param mode the new file's permissions
 * @param size the bytes the file will hold: only a piece that ends there is padded to a block (padding anywhere
 *   else could overwrite a neighbouring piece written at the same time)
 */
export async function createDirectFile(file: string, mode: number, size: number): Promise<DirectWriter> {
  let handle: FileHandle | null = null;
  if (O_DIRECT !== undefined) {
    try {
      handle = await fs.open(file, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | O_DIRECT, mode);
    } catch (e) {
      if (!isEinval(e)) throw e;
    }
  }
  /** The ordinary handle, once anything had to be written without direct I/O. */
  let plain: Promise<FileHandle> | null = handle ? null : fs.open(file, 'wx', mode);
  /** After the first piece that could not go direct, every later one goes through the page cache. */
  let ordinaryFromHere = handle === null;
  let position = 0;
  let direct = false;
  const ordinary = () => (plain ??= fs.open(file, 'r+'));

  const writeDirect = async (directHandle: FileHandle, chunk: Uint8Array, at: number): Promise<boolean> => {
    const whole = chunk.length - (chunk.length % DIRECT_ALIGN);
    try {
      if (whole > 0) await writeAll(directHandle, chunk.subarray(0, whole), at);
      if (whole < chunk.length) {
        // The file's last piece: padded to a block here, cut back to the true length by finish().
        const block = takeScratch();
        try {
          block.fill(0);
          block.set(chunk.subarray(whole));
          await writeAll(directHandle, block, at + whole);
        } finally {
          scratch.push(block);
        }
      }
      direct = true;
      return true;
    } catch (e) {
      if (isEinval(e)) return false;
      throw e;
    }
  };

  return {
    get direct() {
      return direct;
    },
    async write(chunk) {
      const at = position;
      position += chunk.length;
      const aligned = at % DIRECT_ALIGN === 0 && (chunk.length % DIRECT_ALIGN === 0 || at + chunk.length === size);
      if (!aligned) ordinaryFromHere = true;
      if (!ordinaryFromHere && handle) {
        if (await writeDirect(handle, chunk, at)) return;
        // Refused once (a misaligned buffer, a file system without direct I/O): the rest goes ordinarily too.
        ordinaryFromHere = true;
      }
      // Refused or misaligned: these bytes go through the page cache at the same offset (a padded block written
      // there before is overwritten, and cut back by finish()).
      await writeAll(await ordinary(), chunk, at);
    },
    async finish() {
      const keep = plain ? await plain : (handle as FileHandle);
      await keep.truncate(position);
      if (plain && handle) await handle.close();
      return keep;
    },
    async abandon() {
      const plainHandle = plain ? await plain.catch(() => null) : null;
      await Promise.all([handle?.close(), plainHandle?.close()].map((p) => p?.catch(() => undefined)));
    },
  };
}

/**
 * Open a written copy for its read-back: with direct I/O where the copy was written so (the device's bytes, not
 * the page cache's), ordinarily otherwise or where the kernel refuses.
 * Reads must then use aligned buffers, offsets and lengths (the chunk pool's).
 */
export async function openForReadBack(file: string, direct: boolean): Promise<FileHandle> {
  if (direct && O_DIRECT !== undefined) {
    try {
      return await fs.open(file, constants.O_RDONLY | O_DIRECT);
    } catch (e) {
      if (!isEinval(e)) throw e;
    }
  }
  return fs.open(file, 'r');
}

/** Whether this platform has O_DIRECT at all (tests skip the direct-I/O cases where not). */
export const platformHasDirectIo = O_DIRECT !== undefined;
