import { createHash, randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';

/** Thrown when a copy read back from disk does not have the hash of the bytes written. */
export class CopyVerificationError extends Error {}

/**
 * Content-addressed storage inside a case folder: `blobs/<aa>/<bb>/<sha256>`. Writes go to a temp
 * file, are flushed to disk, then renamed into place, so a crash never leaves a half-written blob under
 * a real name. Stored blobs are made read-only: evidence copies must not change.
 */
export class BlobStore {
  readonly root: string;
  private readonly tmp: string;

  constructor(caseDir: string) {
    this.root = path.join(caseDir, 'blobs');
    this.tmp = path.join(this.root, 'tmp');
  }

  async init(): Promise<void> {
    await fs.mkdir(this.tmp, { recursive: true });
    // Leftover temp files are from a crash mid-write: they were never referenced.
    for (const name of await fs.readdir(this.tmp)) await fs.rm(path.join(this.tmp, name), { force: true });
  }

  pathOf(sha256: string): string {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error(`not a SHA-256: ${sha256}`);
    return path.join(this.root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  /** Bytes of a stored blob. */
  read(sha256: string): Promise<Buffer> {
    return fs.readFile(this.pathOf(sha256));
  }

  async has(sha256: string): Promise<boolean> {
    try {
      await fs.access(this.pathOf(sha256));
      return true;
    } catch {
      return false;
    }
  }

  /**
   * Store bytes whose SHA-256 the caller computed. With `verify`, the stored file is read back and compared
   * byte for byte with the bytes in memory (whose hash is known): a mismatch removes it and throws.
   */
  async put(data: Buffer, sha256: string, options: { readonly verify?: boolean } = {}): Promise<string> {
    const target = this.pathOf(sha256);
    if (!(await this.has(sha256))) await this.install(target, (temp) => fs.writeFile(temp, data, { flag: 'wx' }));
    if (options.verify) {
      const stored = await fs.readFile(target);
      if (!stored.equals(data)) {
        await fs.chmod(target, 0o644).catch(() => undefined);
        await fs.rm(target, { force: true });
        throw new CopyVerificationError(`copy verification failed: the stored copy of ${sha256} differs from the original bytes`);
      }
    }
    return target;
  }

  /** Copy a file already on disk (too large to hold in memory) whose hash is known. */
  async putFile(source: string, sha256: string, options: { readonly verify?: boolean } = {}): Promise<string> {
    const target = this.pathOf(sha256);
    if (!(await this.has(sha256))) await this.install(target, (temp) => fs.copyFile(source, temp, fs.constants.COPYFILE_EXCL));
    if (options.verify) await this.verify(sha256);
    return target;
  }

  /** Write a temp file with `write`, flush it to disk, make it read-only, then rename it into place. */
  private async install(target: string, write: (temp: string) => Promise<void>): Promise<void> {
    await fs.mkdir(path.dirname(target), { recursive: true });
    const temp = path.join(this.tmp, randomUUID());
    await write(temp);
    const handle = await fs.open(temp, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.chmod(temp, 0o444);
    await fs.rename(temp, target);
  }

  async verify(sha256: string): Promise<void> {
    const file = this.pathOf(sha256);
    const hash = createHash('sha256');
    const handle = await fs.open(file, 'r');
    try {
      for await (const chunk of handle.createReadStream()) hash.update(chunk as Buffer);
    } finally {
      await handle.close().catch(() => undefined);
    }
    const actual = hash.digest('hex');
    if (actual !== sha256) {
      await fs.chmod(file, 0o644).catch(() => undefined);
      await fs.rm(file, { force: true });
      throw new CopyVerificationError(`copy verification failed: stored bytes hash to ${actual}, expected ${sha256}`);
    }
  }
}
