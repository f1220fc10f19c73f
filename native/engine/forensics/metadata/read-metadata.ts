/**
 * Reads a file's metadata with exifr in two passes, so every value keeps its true source:
 *
 * 1. TIFF/Exif blocks (IFD0, Exif IFD, GPS, IFD1, MakerNote), IPTC, ICC and JFIF, without XMP;
 * 2. XMP alone (extended XMP included), from the APP1 XMP segment and from IFD0 tag 0x02BC when a
 *    JPEG carries its packet there (ifd0-xmp.ts; exifr does not read that tag). exifr merges the XMP `tiff:` and `exif:` namespaces into its
 *    `ifd0` and `exif` outputs (exifr README, "XMP"); in this pass those come only from XMP, so they are
 *    kept apart as `xmpTiff` and `xmpExif`, never mistaken for camera-written Exif.
 *
 * Options follow `ingest/exif.ts` (raw values: dates stay as written, enumerations stay numbers).
 */
import exifr from 'exifr';
import { ifd0XmpPacket } from './ifd0-xmp';

export type Block = Readonly<Record<string, unknown>>;

export interface MetadataRead {
  readonly ifd0: Block | null;
  readonly exif: Block | null;
  readonly gps: Block | null;
  readonly ifd1: Block | null;
  readonly iptc: Block | null;
  readonly icc: Block | null;
  readonly jfif: Block | null;
  /** Length of the MakerNote (0x927C) in bytes, 0 when absent. */
  readonly makerNoteLength: number;
  /** First bytes of the MakerNote (its header names the maker for most brands), empty when absent. */
  readonly makerNoteHead: Uint8Array;
  /** XMP namespaces (`xmp`, `xmpMM`, `photoshop`, `dc`, ...) except tiff/exif, which are below. */
  readonly xmp: Readonly<Record<string, Block>>;
  readonly xmpTiff: Block | null;
  readonly xmpExif: Block | null;
  /** Errors exifr reported while reading (it reads on after them). */
  readonly errors: readonly string[];
}

/** Bytes of the MakerNote header kept: the longest common signature ("OLYMPUS\0II\3\0", "SONY DSC \0\0\0") fits in 16. */
const MAKERNOTE_HEAD = 16;

const COMMON = { mergeOutput: false, translateKeys: true, translateValues: false, reviveValues: false, sanitize: true, silentErrors: true } as const;

const TIFF_PASS = { ...COMMON, tiff: true, ifd0: true, ifd1: true, exif: true, gps: true, interop: false, makerNote: true, userComment: false, xmp: false, iptc: true, icc: true, jfif: true, ihdr: false } as const;

const XMP_PASS = { ...COMMON, tiff: false, ifd0: false, ifd1: false, exif: false, gps: false, interop: false, makerNote: false, userComment: false, xmp: { multiSegment: true }, iptc: false, icc: false, jfif: false, ihdr: false, multiSegment: true } as const;

/**
 * exifr keys XMP namespaces by the prefix the file uses, not by URI. Writers before XMP 2004 (Photoshop
 * 7 to CS) declared http://ns.adobe.com/xap/1.0/ as `xap` and .../mm/ as `xapMM`: the same namespaces
 * as `xmp` and `xmpMM`.
 */
const LEGACY_PREFIXES: Readonly<Record<string, string>> = { xap: 'xmp', xapMM: 'xmpMM' };

const isBlock = (v: unknown): v is Block => typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array) && Object.keys(v).length > 0;

async function parse(data: Buffer, options: object): Promise<{ out: Record<string, unknown>; error: string | null }> {
  try {
    const out = (await exifr.parse(data, options)) as unknown;
    return { out: typeof out === 'object' && out !== null ? (out as Record<string, unknown>) : {}, error: null };
  } catch (error) {
    return { out: {}, error: (error as Error).message };
  }
}

/** XMP segment header (XMP Specification Part 3 §1.1.3). */
const XMP_HEADER = new TextEncoder().encode('http://ns.adobe.com/xap/1.0/\0');
/** Largest packet one APP1 segment holds (64 KiB less the length field and the header). */
const MAX_PACKET = 0xffff - 2 - XMP_HEADER.length;

/** A minimal JPEG (SOI, one XMP APP1, EOI) carrying `packet`, so exifr's own XMP path parses it. */
function asXmpJpeg(packet: Uint8Array): Buffer {
  const body = packet.subarray(0, Math.min(packet.length, MAX_PACKET));
  const length = 2 + XMP_HEADER.length + body.length;
  return Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe1, length >> 8, length & 255]), Buffer.from(XMP_HEADER), Buffer.from(body), Buffer.from([0xff, 0xd9])]);
}

/** Namespace-wise merge of two exifr XMP outputs; values of `first` win. */
function mergeXmp(first: Record<string, unknown>, second: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...second };
  for (const [key, value] of Object.entries(first)) {
    const other = out[key];
    out[key] = isBlock(value) && isBlock(other) ? { ...other, ...value } : value;
  }
  return out;
}

function errorsOf(out: Record<string, unknown>): string[] {
  const e = out.errors;
  return Array.isArray(e) ? e.map((x) => String(x)) : [];
}

/**
 * Reads EXIF/TIFF, GPS, IFD1, MakerNote presence, IPTC, ICC, JFIF and XMP of an in-memory file.
 * Never throws: an unreadable file yields empty blocks and its error in `errors`.
 */
export async function readMetadata(bytes: Uint8Array): Promise<MetadataRead> {
  const data = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const packet = ifd0XmpPacket(bytes);
  const [tiff, app1Xmp, tagXmp] = await Promise.all([parse(data, TIFF_PASS), parse(data, XMP_PASS), packet ? parse(asXmpJpeg(packet), XMP_PASS) : Promise.resolve(null)]);
  // APP1 XMP first; the IFD0 packet fills in what the APP1 packet lacks.
  const xmp = { out: mergeXmp(app1Xmp.out, tagXmp?.out ?? {}), error: app1Xmp.error ?? tagXmp?.error ?? null };
  const t = tiff.out;
  const note = t.makerNote ?? (isBlock(t.exif) ? t.exif.MakerNote : undefined);
  const noteBytes = note instanceof Uint8Array ? note : null;
  const namespaces: Record<string, Block> = {};
  for (const [key, value] of Object.entries(xmp.out)) {
    if (key === 'ifd0' || key === 'exif' || key === 'errors' || !isBlock(value)) continue;
    const name = LEGACY_PREFIXES[key] ?? key;
    namespaces[name] = { ...namespaces[name], ...value };
  }
  const block = (v: unknown): Block | null => (isBlock(v) ? v : null);
  return {
    ifd0: block(t.ifd0),
    exif: block(t.exif),
    gps: block(t.gps),
    ifd1: block(t.ifd1),
    iptc: block(t.iptc),
    icc: block(t.icc),
    jfif: block(t.jfif),
    makerNoteLength: noteBytes?.length ?? 0,
    makerNoteHead: noteBytes ? noteBytes.slice(0, MAKERNOTE_HEAD) : new Uint8Array(0),
    xmp: namespaces,
    xmpTiff: block(xmp.out.ifd0),
    xmpExif: block(xmp.out.exif),
    errors: [...(tiff.error ? [tiff.error] : []), ...(xmp.error ? [xmp.error] : []), ...errorsOf(t), ...errorsOf(xmp.out)],
  };
}

/** A tag value as trimmed text (NULs removed), or null when absent, empty or not text/number. */
export function text(value: unknown): string | null {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') return null;
  const trimmed = value.replace(/\u0000/g, '').trim();
  return trimmed ? trimmed : null;
}

/** A tag value as a finite number, or null. */
export function num(value: unknown): number | null {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (Array.isArray(value) && typeof value[0] === 'number' && Number.isFinite(value[0])) return value[0];
  if (typeof value === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(value)) return Number(value);
  return null;
}
