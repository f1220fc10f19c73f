import exifr from 'exifr';
import type { KeyExif, SourcedTime } from '../contract';

/** exifr settings: every block, raw values (dates stay as written, numbers stay numbers). */
const EXIFR_OPTIONS = {
  tiff: true,
  ifd1: true,
  exif: true,
  gps: true,
  interop: true,
  xmp: true,
  iptc: true,
  icc: true,
  jfif: true,
  ihdr: true,
  makerNote: true,
  userComment: true,
  multiSegment: true,
  mergeOutput: false,
  translateKeys: true,
  translateValues: false,
  reviveValues: false,
  sanitize: true,
  silentErrors: true,
} as const;

/** Longest string kept per tag; longer values (embedded blobs) are cut and say so. */
const MAX_STRING = 8192;

export interface ExtractedMetadata {
  readonly key: KeyExif;
  readonly hasExif: boolean;
  readonly blocks: Record<string, unknown>;
  readonly times: SourcedTime[];
}

const EMPTY_KEY: KeyExif = {
  make: null,
  model: null,
  software: null,
  dateTimeOriginal: null,
  createDate: null,
  modifyDate: null,
  gpsLatitude: null,
  gpsLongitude: null,
};

/** Make a tag value JSON-safe: binary becomes a length, long strings are cut. */
function jsonSafe(value: unknown, depth = 0): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string') {
    const clean = value.replace(/\u0000+$/g, '');
    return clean.length > MAX_STRING ? `${clean.slice(0, MAX_STRING)}… [${clean.length} characters]` : clean;
  }
  if (typeof value === 'boolean') return value;
  if (value instanceof Uint8Array) return { binary: value.length };
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.length > 256 ? { array: value.length } : value.map((v) => jsonSafe(v, depth + 1));
  if (typeof value === 'object' && depth < 8) {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, jsonSafe(v, depth + 1)]));
  }
  return String(value);
}

const text = (value: unknown): string | null => {
  if (typeof value !== 'string') return null;
  const trimmed = value.replace(/\u0000/g, '').trim();
  return trimmed ? trimmed : null;
};

/**
 * EXIF "YYYY:MM:DD HH:MM:SS" → "YYYY-MM-DDTHH:MM:SS", exactly as written (no zone added or guessed).
 * Placeholder dates (all zeros, blanks) give null; the raw value is kept in the sourced times.
 */
export function exifDateToIso(raw: unknown): string | null {
  const value = text(raw);
  if (!value) return null;
  const match = /^(\d{4})[:-](\d{2})[:-](\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?/.exec(value);
  if (!match) return null;
  const [, y, mo, d, h, mi, s] = match;
  if (y === '0000' || mo === '00' || d === '00') return null;
  return h === undefined ? `${y}-${mo}-${d}` : `${y}-${mo}-${d}T${h}:${mi}:${s ?? '00'}`;
}

/** Degrees/minutes/seconds (or a decimal) plus N/S/E/W reference → signed decimal degrees. */
export function gpsToDecimal(value: unknown, ref: unknown): number | null {
  let degrees: number | null = null;
  if (typeof value === 'number') degrees = value;
  else if (Array.isArray(value) && value.every((v) => typeof v === 'number')) {
    const [d = 0, m = 0, s = 0] = value as number[];
    degrees = d + m / 60 + s / 3600;
  }
  if (degrees === null || !Number.isFinite(degrees)) return null;
  const sign = typeof ref === 'string' && /^[SW]/i.test(ref.trim()) ? -1 : 1;
  return sign * Math.abs(degrees);
}

type Block = Record<string, unknown> | undefined;

function sourcedTimes(blocks: Record<string, Block>): SourcedTime[] {
  const times: SourcedTime[] = [];
  const add = (source: string, raw: unknown, offset: unknown = null, subsec: unknown = null) => {
    const value = text(raw) ?? (typeof raw === 'number' ? String(raw) : null);
    if (!value) return;
    const sub = text(subsec) ?? (typeof subsec === 'number' ? String(subsec) : null);
    times.push({ source, raw: sub ? `${value}.${sub}` : value, offset: text(offset) });
  };
  const { ifd0, exif, gps, xmp, iptc } = blocks;
  add('EXIF:DateTimeOriginal', exif?.DateTimeOriginal, exif?.OffsetTimeOriginal, exif?.SubSecTimeOriginal);
  add('EXIF:CreateDate', exif?.CreateDate, exif?.OffsetTimeDigitized, exif?.SubSecTimeDigitized);
  add('EXIF:ModifyDate', ifd0?.ModifyDate, exif?.OffsetTime, exif?.SubSecTime);
  if (gps?.GPSDateStamp !== undefined) {
    const stamp = Array.isArray(gps.GPSTimeStamp) ? (gps.GPSTimeStamp as number[]).map((n) => String(Math.trunc(n)).padStart(2, '0')).join(':') : text(gps.GPSTimeStamp);
    add('GPS:GPSDateStamp+GPSTimeStamp (UTC)', stamp ? `${String(gps.GPSDateStamp)} ${stamp}` : gps.GPSDateStamp, '+00:00');
  }
  for (const key of ['CreateDate', 'ModifyDate', 'MetadataDate', 'DateCreated', 'DateTimeOriginal']) add(`XMP:${key}`, xmp?.[key]);
  if (iptc?.DateCreated !== undefined) add('IPTC:DateCreated+TimeCreated', `${String(iptc.DateCreated)}${iptc.TimeCreated ? ` ${String(iptc.TimeCreated)}` : ''}`);
  return times;
}

/** Read every EXIF/XMP/IPTC/GPS tag exifr knows from an in-memory file. Never throws. */
export async function extractMetadata(data: Buffer): Promise<ExtractedMetadata> {
  let raw: Record<string, Block> | undefined;
  try {
    raw = (await exifr.parse(data, EXIFR_OPTIONS)) as Record<string, Block> | undefined;
  } catch {
    raw = undefined;
  }
  if (!raw || typeof raw !== 'object') return { key: EMPTY_KEY, hasExif: false, blocks: {}, times: [] };
  const { ifd0, exif, gps } = raw;
  const key: KeyExif = {
    make: text(ifd0?.Make),
    model: text(ifd0?.Model),
    software: text(ifd0?.Software),
    dateTimeOriginal: exifDateToIso(exif?.DateTimeOriginal),
    createDate: exifDateToIso(exif?.CreateDate),
    modifyDate: exifDateToIso(ifd0?.ModifyDate),
    gpsLatitude: gpsToDecimal(gps?.GPSLatitude, gps?.GPSLatitudeRef),
    gpsLongitude: gpsToDecimal(gps?.GPSLongitude, gps?.GPSLongitudeRef),
  };
  const hasExif = [ifd0, exif, gps].some((block) => block && Object.keys(block).length > 0);
  return { key, hasExif, blocks: jsonSafe(raw) as Record<string, unknown>, times: sourcedTimes(raw) };
}
