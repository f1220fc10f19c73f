/**
 * Timestamps with their source (DOMAIN.md §4: every timestamp keeps its source tag, raw value, parsed
 * value and offset; they are never collapsed into one "photo date").
 *
 * Offsets: EXIF times carry no zone; the zone is in the matching Exif 2.31 tag only (DateTimeOriginal →
 * OffsetTimeOriginal, CreateDate → OffsetTimeDigitized, ModifyDate → OffsetTime). No other tag's offset
 * is borrowed and none is guessed. XMP dates carry their own zone when written with one (ISO 8601). GPS
 * date and time are UTC. A time without an offset is a wall-clock reading in an unknown zone: its instant
 * lies somewhere in [wall − 14 h, wall + 12 h] (UTC offsets in use span −12:00 to +14:00).
 */
import type { Block } from './read-metadata';
import { text } from './read-metadata';

export interface SourcedTimestamp {
  /** e.g. `EXIF:DateTimeOriginal`, `XMP:xmp:ModifyDate`, `GPS:GPSDateStamp+GPSTimeStamp`. */
  readonly source: string;
  /** The value as written (sub-seconds appended after a dot when a SubSecTime tag exists). */
  readonly raw: string;
  /** `YYYY-MM-DDTHH:MM:SS[.fff]` as written, no zone added; null for placeholders and unparseable values. */
  readonly parsed: string | null;
  /** `+HH:MM`, or null when no offset was recorded for this value. */
  readonly offset: string | null;
  /** Where the offset came from (`EXIF:OffsetTimeOriginal`, `inline`, `GPS is UTC`), or null. */
  readonly offsetSource: string | null;
  /** Whether only a date (no time of day) was written. */
  readonly dateOnly: boolean;
  /** Wall-clock seconds since 1970 read as if UTC; null when not parsed. */
  readonly wall: number | null;
  /** Offset east of UTC in seconds, or null when unknown. */
  readonly offsetSeconds: number | null;
}

/** Largest zone offsets in use: UTC−12:00 (Baker Island) and UTC+14:00 (Line Islands). */
const MIN_OFFSET = -12 * 3600;
const MAX_OFFSET = 14 * 3600;

const DATE_TIME = /^(\d{4})[:-](\d{2})[:-](\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/;
const OFFSET = /^([+-])(\d{2}):?(\d{2})$/;

function parseOffset(raw: string | null): number | null {
  if (raw === null) return null;
  if (raw === 'Z') return 0;
  const m = OFFSET.exec(raw.trim());
  if (!m) return null;
  const seconds = (Number(m[2]) * 3600 + Number(m[3]) * 60) * (m[1] === '-' ? -1 : 1);
  return seconds >= MIN_OFFSET && seconds <= MAX_OFFSET ? seconds : null;
}

const formatOffset = (s: number): string => `${s < 0 ? '-' : '+'}${String(Math.floor(Math.abs(s) / 3600)).padStart(2, '0')}:${String(Math.floor((Math.abs(s) % 3600) / 60)).padStart(2, '0')}`;

/**
 * Parses one timestamp. `offsetRaw` is the value of the matching OffsetTime* tag (EXIF) or null; an
 * inline zone (XMP) wins over nothing but an explicit OffsetTime* tag is kept when both exist.
 */
export function sourcedTimestamp(source: string, rawValue: unknown, offsetRaw: unknown = null, offsetTag: string | null = null, subSec: unknown = null): SourcedTimestamp | null {
  const value = text(rawValue);
  if (value === null) return null;
  const sub = text(subSec);
  const raw = sub && /^\d+$/.test(sub) ? `${value}.${sub}` : value;
  const m = DATE_TIME.exec(raw);
  const tagOffset = parseOffset(text(offsetRaw));
  const empty = { source, raw, parsed: null, offset: tagOffset === null ? null : formatOffset(tagOffset), offsetSource: tagOffset === null ? null : offsetTag, dateOnly: false, wall: null, offsetSeconds: tagOffset };
  if (!m) return empty;
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  const year = Number(y), month = Number(mo), day = Number(d);
  if (year === 0 || month < 1 || month > 12 || day < 1 || day > 31) return empty; // placeholders such as 0000:00:00
  const hour = Number(h ?? 0), minute = Number(mi ?? 0), second = Number(s ?? 0);
  if (hour > 23 || minute > 59 || second > 60) return empty;
  const fraction = frac ? Number(`0.${frac}`) : 0;
  const wall = Date.UTC(year, month - 1, day, hour, minute, second) / 1000 + fraction;
  const inline = parseOffset(zone ?? null);
  const offsetSeconds = tagOffset ?? inline;
  const pad = (n: number): string => String(n).padStart(2, '0');
  const parsed = h === undefined ? `${y}-${mo}-${d}` : `${y}-${mo}-${d}T${pad(hour)}:${pad(minute)}:${pad(second)}${frac ? `.${frac}` : ''}`;
  return {
    source,
    raw,
    parsed,
    offset: offsetSeconds === null ? null : formatOffset(offsetSeconds),
    offsetSource: tagOffset !== null ? offsetTag : inline !== null ? 'inline' : null,
    dateOnly: h === undefined,
    wall,
    offsetSeconds,
  };
}

/** GPS date (`YYYY:MM:DD`) and time (three rationals, UTC) as one UTC timestamp; null without a date stamp. */
export function gpsTimestamp(gps: Block | null): SourcedTimestamp | null {
  if (!gps) return null;
  const date = text(gps.GPSDateStamp);
  if (date === null) return null;
  const t = gps.GPSTimeStamp;
  let time: string | null = null;
  if (Array.isArray(t) && t.length === 3 && t.every((v) => typeof v === 'number' && Number.isFinite(v))) {
    const [h, m, s] = t as number[];
    const whole = Math.floor(s as number);
    const millis = Math.min(999, Math.round(((s as number) - whole) * 1000));
    time = `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:${String(whole).padStart(2, '0')}${millis > 0 ? `.${String(millis).padStart(3, '0')}` : ''}`;
  } else time = text(t);
  return sourcedTimestamp('GPS:GPSDateStamp+GPSTimeStamp', time ? `${date} ${time}` : date, '+00:00', 'GPS is UTC');
}

/** Bounds of (b − a) in seconds over every zone offset the unknown offsets could have. */
export interface Difference {
  readonly low: number;
  readonly high: number;
  /** b − a with both read in the same (unknown) zone when neither has an offset; equal to low/high when offsets are known. */
  readonly sameZone: number;
  /** Both offsets known: low === high is the exact difference. */
  readonly exact: boolean;
}

/** Instant bounds of a timestamp (UTC seconds). */
function instant(t: SourcedTimestamp & { wall: number }): [number, number] {
  if (t.offsetSeconds !== null) return [t.wall - t.offsetSeconds, t.wall - t.offsetSeconds];
  return [t.wall - MAX_OFFSET, t.wall - MIN_OFFSET];
}

/** b − a; null when either is unparsed or date-only. */
export function difference(a: SourcedTimestamp, b: SourcedTimestamp): Difference | null {
  if (a.wall === null || b.wall === null || a.dateOnly || b.dateOnly) return null;
  const [aLow, aHigh] = instant(a as SourcedTimestamp & { wall: number });
  const [bLow, bHigh] = instant(b as SourcedTimestamp & { wall: number });
  const exact = a.offsetSeconds !== null && b.offsetSeconds !== null;
  const sameZone = exact ? bLow - aLow : b.wall - a.wall;
  return { low: bLow - aHigh, high: bHigh - aLow, sameZone, exact };
}

/** "7 d 2 h 3 min", "45 s": a duration for summaries. */
export function formatDuration(seconds: number): string {
  const s = Math.abs(seconds);
  if (s < 120) return `${Math.round(s)} s`;
  const d = Math.floor(s / 86400), h = Math.floor((s % 86400) / 3600), m = Math.round((s % 3600) / 60);
  return [d ? `${d} d` : '', h ? `${h} h` : '', m ? `${m} min` : ''].filter(Boolean).join(' ') || '0 s';
}

/** IPTC IIM 4.2 DateCreated (2:55, `CCYYMMDD`) and TimeCreated (2:60, `HHMMSS±HHMM`) as one timestamp. */
function iptcTimestamp(iptc: Block | null): SourcedTimestamp | null {
  const date = text(iptc?.DateCreated);
  if (date === null) return null;
  const time = text(iptc?.TimeCreated);
  const d = /^(\d{4})(\d{2})(\d{2})$/.exec(date);
  const t = time ? /^(\d{2})(\d{2})(\d{2})([+-]\d{2})?(\d{2})?$/.exec(time) : null;
  const iso = d ? `${d[1]}-${d[2]}-${d[3]}${t ? `T${t[1]}:${t[2]}:${t[3]}${t[4] ? `${t[4]}:${t[5] ?? '00'}` : ''}` : ''}` : date;
  const parsed = sourcedTimestamp('IPTC:DateCreated+TimeCreated', iso);
  return parsed ? { ...parsed, raw: time ? `${date} ${time}` : date } : null;
}

/** Every timestamp the kernel reads, in a fixed order. */
export function collectTimestamps(meta: { ifd0: Block | null; exif: Block | null; gps: Block | null; xmp: Readonly<Record<string, Block>>; xmpExif: Block | null; iptc: Block | null }): SourcedTimestamp[] {
  const { ifd0, exif, gps, xmp, xmpExif, iptc } = meta;
  const list: (SourcedTimestamp | null)[] = [
    sourcedTimestamp('EXIF:DateTimeOriginal', exif?.DateTimeOriginal, exif?.OffsetTimeOriginal, 'EXIF:OffsetTimeOriginal', exif?.SubSecTimeOriginal),
    sourcedTimestamp('EXIF:CreateDate', exif?.CreateDate, exif?.OffsetTimeDigitized, 'EXIF:OffsetTimeDigitized', exif?.SubSecTimeDigitized),
    sourcedTimestamp('EXIF:ModifyDate', ifd0?.ModifyDate, exif?.OffsetTime, 'EXIF:OffsetTime', exif?.SubSecTime),
    gpsTimestamp(gps),
    sourcedTimestamp('XMP:exif:DateTimeOriginal', xmpExif?.DateTimeOriginal),
    sourcedTimestamp('XMP:exif:DateTimeDigitized', xmpExif?.DateTimeDigitized),
    sourcedTimestamp('XMP:photoshop:DateCreated', xmp.photoshop?.DateCreated),
    sourcedTimestamp('XMP:xmp:CreateDate', xmp.xmp?.CreateDate),
    sourcedTimestamp('XMP:xmp:ModifyDate', xmp.xmp?.ModifyDate),
    sourcedTimestamp('XMP:xmp:MetadataDate', xmp.xmp?.MetadataDate),
    iptcTimestamp(iptc),
  ];
  return list.filter((t): t is SourcedTimestamp => t !== null);
}
