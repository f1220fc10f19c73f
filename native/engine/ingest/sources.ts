import { createReadStream, promises as fs } from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { DEFAULT_MAX_ARCHIVE_EXPANSION, openZip, type OpenZip } from './zip-archive';

export interface FileTimes {
  readonly modified: string | null;
  readonly accessed: string | null;
  readonly created: string | null;
}

/** One file to import, from a folder, a single path, or inside an archive. */
export interface SourceFile {
  /** Where the file is: an absolute path, or `<archive>!/<entry>` inside a zip. */
  readonly originalPath: string;
  /** Path inside the exhibit, as the examiner will see it. */
  readonly exhibitPath: string;
  readonly name: string;
  readonly size: number;
  readonly fileTimes: FileTimes;
  /** Set when the file is recorded with this error and never read. */
  readonly problem: string | null;
  /** Set when the file is read and kept but recorded with this error (a corrupt or refused archive). */
  readonly flaw: string | null;
  /** Real file on disk, when there is one (not for archive entries). */
  readonly diskPath: string | null;
  open(): Promise<Readable>;
}

export interface ScanResult {
  readonly files: SourceFile[];
  /** Archives kept open for reading; close them when the import ends. */
  readonly archives: OpenZip[];
}

const iso = (date: Date | undefined) => (date && date.getTime() > 0 ? date.toISOString() : null);
const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const EMPTY_ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x05, 0x06]);

async function isZip(file: string): Promise<boolean> {
  const handle = await fs.open(file, 'r');
  try {
    const head = Buffer.alloc(4);
    const { bytesRead } = await handle.read(head, 0, 4, 0);
    return bytesRead === 4 && (head.equals(ZIP_MAGIC) || head.equals(EMPTY_ZIP_MAGIC));
  } finally {
    await handle.close();
  }
}

type Stat = { size: number; mtime: Date; atime: Date; birthtime: Date };

function diskFile(absolute: string, exhibitPath: string, stat: Stat | null, problem: string | null, flaw: string | null = null): SourceFile {
  return {
    originalPath: absolute,
    exhibitPath,
    name: path.basename(absolute),
    size: stat?.size ?? 0,
    fileTimes: { modified: iso(stat?.mtime), accessed: iso(stat?.atime), created: iso(stat?.birthtime) },
    problem,
    flaw,
    diskPath: problem ? null : absolute,
    open: async () => createReadStream(absolute),
  };
}

async function walk(dir: string, prefix: string, out: SourceFile[]): Promise<void> {
  let names: string[];
  try {
    names = (await fs.readdir(dir)).sort();
  } catch (error) {
    out.push(diskFile(dir, prefix, null, `folder could not be read: ${(error as Error).message}`));
    return;
  }
  for (const name of names) {
    const absolute = path.join(dir, name);
    const exhibitPath = `${prefix}/${name}`;
    const stat = await fs.lstat(absolute).catch((error: Error) => error);
    if (stat instanceof Error) out.push(diskFile(absolute, exhibitPath, null, `could not be read: ${stat.message}`));
    else if (stat.isSymbolicLink()) {
      const target = await fs.readlink(absolute).catch(() => '?');
      out.push(diskFile(absolute, exhibitPath, stat, `symbolic link to ${target}: not followed`));
    } else if (stat.isDirectory()) await walk(absolute, exhibitPath, out);
    else if (stat.isFile()) out.push(diskFile(absolute, exhibitPath, stat, null));
    else out.push(diskFile(absolute, exhibitPath, stat, 'not a regular file (device, socket or pipe): not read'));
  }
}

async function addArchive(absolute: string, stat: Stat, maxExpansion: number, result: ScanResult): Promise<void> {
  const archiveName = path.basename(absolute);
  let zip: OpenZip;
  try {
    zip = await openZip(absolute);
  } catch (error) {
    result.files.push(diskFile(absolute, archiveName, stat, null, `archive could not be opened: ${(error as Error).message}`));
    return;
  }
  if (zip.declaredExpansion > maxExpansion) {
    zip.close();
    const gib = (n: number) => `${(n / 1024 ** 3).toFixed(2)} GiB`;
    result.files.push(
      diskFile(absolute, archiveName, stat, null, `archive not expanded: its entries expand to ${gib(zip.declaredExpansion)}, over the ${gib(maxExpansion)} limit`),
    );
    return;
  }
  result.archives.push(zip);
  for (const entry of zip.entries) {
    result.files.push({
      originalPath: `${absolute}!/${entry.name}`,
      exhibitPath: `${archiveName}/${entry.name.replace(/^\/+/, '')}`,
      name: path.posix.basename(entry.name),
      size: entry.size,
      fileTimes: { modified: entry.modified, accessed: null, created: null },
      problem: entry.refusal,
      flaw: null,
      diskPath: null,
      open: () => zip.open(entry),
    });
  }
}

/**
 * Expand the paths an examiner chose into the files to import: folders recursively (sorted, hidden files
 * included, symbolic links recorded but never followed), zip archives (recognised by content) entry by
 * entry, anything else as itself. Nothing is read beyond directory listings and archive directories.
 */
export async function scanSources(paths: readonly string[], options: { maxArchiveExpansion?: number } = {}): Promise<ScanResult> {
  const maxExpansion = options.maxArchiveExpansion ?? DEFAULT_MAX_ARCHIVE_EXPANSION;
  const result: ScanResult = { files: [], archives: [] };
  for (const given of [...new Set(paths.map((p) => path.resolve(p)))]) {
    const stat = await fs.lstat(given).catch((error: Error) => error);
    if (stat instanceof Error) {
      result.files.push(diskFile(given, path.basename(given), null, `not found or unreadable: ${stat.message}`));
    } else if (stat.isDirectory()) {
      await walk(given, path.basename(given), result.files);
    } else if (stat.isFile() && stat.size > 0 && (await isZip(given).catch(() => false))) {
      await addArchive(given, stat, maxExpansion, result);
    } else if (stat.isSymbolicLink()) {
      result.files.push(diskFile(given, path.basename(given), stat, 'symbolic link: not followed'));
    } else {
      result.files.push(diskFile(given, path.basename(given), stat, null));
    }
  }
  return result;
}
