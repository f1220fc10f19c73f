import type { Readable } from 'node:stream';
import yauzl from 'yauzl';

/**
 * Default ceiling on what one archive may expand to (sum of declared entry sizes): 64 GiB, above a full
 * 64 GB phone extraction yet far below what a zip bomb declares. Configurable per import.
 */
export const DEFAULT_MAX_ARCHIVE_EXPANSION = 64 * 1024 ** 3;

export interface ZipEntryInfo {
  readonly name: string;
  readonly size: number;
  readonly compressedSize: number;
  readonly modified: string | null;
  readonly encrypted: boolean;
  /** Why the entry is refused without being read (path traversal, absolute path). */
  readonly refusal: string | null;
  readonly entry: yauzl.Entry;
}

export interface OpenZip {
  readonly entries: readonly ZipEntryInfo[];
  readonly declaredExpansion: number;
  open(entry: ZipEntryInfo): Promise<Readable>;
  close(): void;
}

/** Refuse names that would land outside the archive root if extracted: `..`, absolute, drive letters. */
export function zipNameRefusal(name: string): string | null {
  const normal = name.replace(/\\/g, '/');
  if (normal.startsWith('/') || /^[A-Za-z]:/.test(normal)) return `refused: archive entry has an absolute path (${name})`;
  if (normal.split('/').some((part) => part === '..')) return `refused: archive entry path escapes the archive (${name})`;
  if (normal.includes('\u0000')) return 'refused: archive entry name contains a NUL byte';
  return null;
}

/** DOS date/time fields as written (local time of the packing machine, no zone). */
function dosTime(entry: yauzl.Entry): string | null {
  const date = entry.lastModFileDate;
  const time = entry.lastModFileTime;
  if (!date) return null;
  const pad = (n: number) => String(n).padStart(2, '0');
  const year = ((date >> 9) & 0x7f) + 1980;
  return `${year}-${pad((date >> 5) & 0xf)}-${pad(date & 0x1f)}T${pad((time >> 11) & 0x1f)}:${pad((time >> 5) & 0x3f)}:${pad((time & 0x1f) * 2)}`;
}

/**
 * Open a zip and list its central directory without extracting anything. Names are decoded here (UTF-8
 * when flagged, else CP437 approximated by Latin-1) so that one hostile name refuses one entry, not the
 * whole archive. Entry sizes are validated while streaming: an entry that inflates past its declared size
 * fails.
 */
export function openZip(file: string): Promise<OpenZip> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true, autoClose: false, decodeStrings: false, validateEntrySizes: true }, (error, zip) => {
      if (error || !zip) return reject(error ?? new Error('cannot open archive'));
      const entries: ZipEntryInfo[] = [];
      let declaredExpansion = 0;
      zip.on('error', (e) => reject(e));
      zip.on('entry', (entry: yauzl.Entry) => {
        const rawName = entry.fileName as unknown as Buffer;
        const name = (entry.generalPurposeBitFlag & 0x800 ? rawName.toString('utf8') : rawName.toString('latin1')).replace(/\\/g, '/');
        if (!name.endsWith('/')) {
          declaredExpansion += entry.uncompressedSize;
          entries.push({
            name,
            size: entry.uncompressedSize,
            compressedSize: entry.compressedSize,
            modified: dosTime(entry),
            encrypted: (entry.generalPurposeBitFlag & 0x1) !== 0,
            refusal: zipNameRefusal(name),
            entry,
          });
        }
        zip.readEntry();
      });
      zip.on('end', () =>
        resolve({
          entries,
          declaredExpansion,
          open: (info) =>
            new Promise<Readable>((ok, fail) => {
              if (info.encrypted) return fail(new Error('encrypted archive entry: cannot be read without the password'));
              zip.openReadStream(info.entry, (e, stream) => (e || !stream ? fail(e ?? new Error('cannot read entry')) : ok(stream)));
            }),
          close: () => zip.close(),
        }),
      );
      zip.readEntry();
    });
  });
}

/** Read one entry of an archive into memory (for previews of items referenced inside a zip). */
export async function readZipEntry(archive: string, name: string, maxBytes: number): Promise<Buffer> {
  const zip = await openZip(archive);
  try {
    const entry = zip.entries.find((e) => e.name === name);
    if (!entry) throw new Error(`entry ${name} not found in ${archive}`);
    if (entry.size > maxBytes) throw new Error(`entry ${name} is larger than ${maxBytes} bytes`);
    const chunks: Buffer[] = [];
    for await (const chunk of await zip.open(entry)) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  } finally {
    zip.close();
  }
}
