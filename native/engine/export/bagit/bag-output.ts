/**
 * Where a bag is written while it is made: a temporary sibling folder, or a temporary sibling zip (zip-writer.ts).
 * The output decides where each file's copy goes; the copies themselves are made by the copy workers
 * (copy-pool.ts). Only a complete, checked bag is renamed to its final name; anything else is removed.
 */
import { randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import yauzl from 'yauzl';
import type { CopyJob, CopyResult } from './copy-job';
import { flushBag } from './flush';
import { BagPlanError } from './paths';
import { ZipWriter } from './zip-writer';

/** Where one file's copy is written: the CopyJob fields an output decides. */
export type Placement = Pick<CopyJob, 'target' | 'mode' | 'offset' | 'durable'>;

/** A bag being written. */
export interface BagOutput {
  readonly container: 'folder' | 'zip';
  /** The temporary path being written (a folder or a zip). */
  readonly scratch: string;
  /** Where the copy of `bagPath` (`size` bytes) goes: a new file of its own in a folder, its region of a zip. */
  place(bagPath: string, size: number): Promise<Placement>;
  /** The copy of `bagPath` is made and read back (a zip writes the entry's header with its CRC-32). */
  placed(bagPath: string, result: CopyResult): Promise<void>;
  /** Complete the container (folders flushed; a zip's central directory written, flushed and checked). */
  finish(): Promise<void>;
  /** Rename the scratch to the final path. */
  commit(): Promise<void>;
  /** Remove the scratch (after a failure or an abort). */
  discard(): Promise<void>;
}

/** Folder or zip, as a target path is given. */
export interface BagTarget {
  readonly container: 'folder' | 'zip';
  /** The bag's final path: a folder that must not exist yet, or a `.zip` file that must not exist yet. */
  readonly path: string;
}

async function refuseExisting(target: string): Promise<void> {
  if (await fs.lstat(target).then(() => true, () => false)) throw new BagPlanError(`${target} already exists; a bag is written to a new path`);
  const parent = await fs.stat(path.dirname(target)).catch(() => null);
  if (!parent?.isDirectory()) throw new BagPlanError(`the folder ${path.dirname(target)} does not exist`);
}

const scratchName = (target: string) => path.join(path.dirname(target), `.${path.basename(target)}.partial-${randomUUID().slice(0, 8)}`);

async function fsyncDir(dir: string): Promise<void> {
  const handle = await fs.open(dir, 'r').catch(() => null);
  if (!handle) return;
  await handle.sync().catch(() => undefined);
  await handle.close();
}

/** Rename a finished scratch to the target (which must still not exist). */
async function commitScratch(scratch: string, target: string, durable: boolean): Promise<void> {
  await refuseExisting(target);
  await fs.rename(scratch, target);
  if (durable) await fsyncDir(path.dirname(target));
}

/** A folder bag, written into `.<name>.partial-<id>` beside the target; flushed whole when `durable` (flush.ts). */
export async function folderOutput(target: string, durable: boolean): Promise<BagOutput> {
  await refuseExisting(target);
  const scratch = scratchName(target);
  await fs.mkdir(scratch);
  const made = new Set<string>([scratch]);
  const files: string[] = [];
  return {
    container: 'folder',
    scratch,
    async place(bagPath) {
      const file = path.join(scratch, ...bagPath.split('/'));
      const dir = path.dirname(file);
      if (!made.has(dir)) {
        await fs.mkdir(dir, { recursive: true });
        made.add(dir);
      }
      files.push(file);
      return { target: file, mode: 'own', offset: 0, durable: false };
    },
    placed: async () => undefined,
    async finish() {
      if (durable) await flushBag(scratch, files, [...made]);
    },
    commit: () => commitScratch(scratch, target, durable),
    discard: () => fs.rm(scratch, { recursive: true, force: true }),
  };
}

/** A zipped bag: entries under `<zip name without .zip>/`, written to `.<name>.partial-<id>` beside the target. */
export async function zipOutput(target: string, durable: boolean, mtime: Date): Promise<BagOutput> {
  await refuseExisting(target);
  const scratch = scratchName(target);
  const root = `${path.basename(target).replace(/\.zip$/i, '')}/`;
  const zip = await ZipWriter.create(scratch, mtime);
  let finished = false;
  return {
    container: 'zip',
    scratch,
    place: async (bagPath, size) => ({ target: scratch, mode: 'region', offset: zip.reserve(root + bagPath, size), durable: false }),
    placed: (bagPath, result) => zip.written(root + bagPath, result.crc32),
    async finish() {
      await zip.finish(durable);
      finished = true;
      await checkZipStructure(scratch, zip);
    },
    commit: () => commitScratch(scratch, target, durable),
    async discard() {
      if (!finished) await zip.abandon();
      await fs.rm(scratch, { force: true });
    },
  };
}

/** The part of a local file header this check reads (yauzl 3's readLocalFileHeader; its types predate it). */
interface LocalHeader {
  readonly fileDataStart: number;
  readonly crc32: number;
  readonly fileName: Buffer | string;
}
type WithLocalHeaders = yauzl.ZipFile & { readLocalFileHeader(entry: yauzl.Entry, callback: (error: Error | null, header: LocalHeader) => void): void };

/** Every central-directory entry of a zip, in order. */
function readDirectory(file: string): Promise<{ reader: WithLocalHeaders; entries: yauzl.Entry[] }> {
  return new Promise((resolve, reject) =>
    yauzl.open(file, { lazyEntries: true, autoClose: false, decodeStrings: false, validateEntrySizes: true }, (error, zip) => {
      if (error || !zip) return reject(error ?? new Error('cannot open the written zip'));
      const entries: yauzl.Entry[] = [];
      zip.on('error', reject);
      zip.on('entry', (entry: yauzl.Entry) => {
        entries.push(entry);
        zip.readEntry();
      });
      zip.on('end', () => resolve({ reader: zip as WithLocalHeaders, entries }));
      zip.readEntry();
    }),
  );
}

/**
 * Read the finished zip's directory back through yauzl (an independent reader) and check that it lists exactly the
 * entries written, each with the size, CRC-32 and place it was written with, and that every local header agrees.
 * The entries' bytes were each read back by their copy (copy-job.ts); this catches a directory or header that
 * would send a reader elsewhere.
 */
export async function checkZipStructure(file: string, zip: ZipWriter): Promise<void> {
  const expected = new Map(zip.placed.map((e) => [e.name, e]));
  const { reader, entries } = await readDirectory(file);
  try {
    if (entries.length !== expected.size) throw new Error(`the written zip lists ${entries.length} entries, ${expected.size} were written`);
    for (const entry of entries) {
      const name = String(entry.fileName as unknown as Buffer);
      const want = expected.get(name);
      const wrong = (what: string) => new Error(`the written zip's entry ${name} ${what}`);
      if (!want) throw wrong('was never written');
      if (entry.uncompressedSize !== want.size || entry.compressedSize !== want.size || entry.compressionMethod !== 0) throw wrong(`is not ${want.size} stored bytes`);
      if (entry.crc32 !== want.crc || entry.relativeOffsetOfLocalHeader !== want.headerOffset) throw wrong('has another CRC-32 or place than written');
      const local = await new Promise<LocalHeader>((resolve, reject) => reader.readLocalFileHeader(entry, (error, header) => (error ? reject(error) : resolve(header))));
      if (local.fileDataStart !== want.dataOffset || local.crc32 !== want.crc || String(local.fileName) !== name) throw wrong('has a local header that disagrees with the directory');
    }
  } finally {
    reader.close();
  }
}
