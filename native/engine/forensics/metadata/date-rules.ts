/**
 * Date consistency rules (`metadata.dates.*`) over the sourced timestamps of timestamps.ts.
 *
 * - `modified-after-capture` (notice, score 0.4): ModifyDate (EXIF or XMP), MetadataDate or the last
 *   xmpMM:History step is later than DateTimeOriginal by more than the capture tolerance: the file was
 *   written again later (editor, import or transfer tool, in-camera edit). Not proof of a pixel change.
 * - `created-after-capture` (notice, 0.3): CreateDate / DateTimeDigitized (EXIF or XMP) later than
 *   DateTimeOriginal beyond the same tolerance: a scan of an older picture, or a new document made from it.
 * - `inconsistent` (warning; score 0.7 when it holds whatever the zones, 0.6 when it rests on reading
 *   two offset-less Exif times as written in the same zone): a time that cannot precede another does
 *   (DateTimeOriginal after ModifyDate or CreateDate, CreateDate after ModifyDate). One writer does not
 *   produce that; two writers, or a rewritten tag, do.
 * - `gps-disagrees` (notice, 0.4): GPS UTC time and DateTimeOriginal imply a zone offset that differs
 *   from the recorded OffsetTimeOriginal, or (none recorded) lies outside every zone in use, by more
 *   than the GPS tolerance.
 *
 * Comparisons: with both offsets known, exact; with neither known and both tags in the Exif block
 * (one writer, one clock), as written, saying so; otherwise over every possible zone offset, so that a
 * rule fires only when the disagreement holds whatever the unknown zones were.
 */
import type { ForensicIndicator } from '../types';
import { indicator } from './indicator';
import { difference, formatDuration, type Difference, type SourcedTimestamp } from './timestamps';

/**
 * Capture tolerance: 2 min for in-camera processing and buffered writes (multi-frame HDR and night
 * modes take seconds; cameras write ModifyDate when the file is closed), plus twice the exposure time
 * (a long exposure followed by an equally long dark frame for noise reduction).
 */
const CAPTURE_SLACK = 120;
/** Ordering tolerance: EXIF times have 1 s resolution; two values of the same second can differ by one when only one carries sub-seconds. 2 s covers that rounding and nothing more. */
const ORDER_SLACK = 2;
/** GPS tolerance: the GPS time is that of the last fix (phones reuse fixes minutes old) and a device zone set without daylight saving is one hour off; 90 min covers both, a wrong clock or date does not fit. */
const GPS_SLACK = 90 * 60;
const MIN_OFFSET = -12 * 3600;
const MAX_OFFSET = 14 * 3600;

const MODIFICATIONS = ['EXIF:ModifyDate', 'XMP:xmp:ModifyDate', 'XMP:xmp:MetadataDate', 'XMP:xmpMM:History (last step)'];
const CREATIONS = ['EXIF:CreateDate', 'XMP:xmp:CreateDate', 'XMP:exif:DateTimeDigitized'];
/** [earlier, later] pairs that one writer always keeps in order. */
const ORDER: readonly (readonly [string, string])[] = [
  ['capture', 'EXIF:CreateDate'],
  ['capture', 'EXIF:ModifyDate'],
  ['capture', 'XMP:xmp:CreateDate'],
  ['capture', 'XMP:xmp:ModifyDate'],
  ['capture', 'XMP:exif:DateTimeDigitized'],
  ['EXIF:CreateDate', 'EXIF:ModifyDate'],
  ['XMP:xmp:CreateDate', 'XMP:xmp:ModifyDate'],
];

const describe = (t: SourcedTimestamp): string => `${t.source} ${t.parsed ?? t.raw}${t.offset ? ` (${t.offset})` : ' (no offset recorded)'}`;

/** Whether b − a may be read as written: both offsets known, or both from the Exif block without offsets. */
function asWritten(a: SourcedTimestamp, b: SourcedTimestamp, d: Difference): boolean {
  return d.exact || (a.offsetSeconds === null && b.offsetSeconds === null && a.source.startsWith('EXIF:') && b.source.startsWith('EXIF:'));
}

/** The smallest b − a consistent with the evidence (as written when allowed, else over all zones). */
const laterBy = (a: SourcedTimestamp, b: SourcedTimestamp, d: Difference): number => (asWritten(a, b, d) ? d.sameZone : d.low);

function gpsIndicator(capture: SourcedTimestamp, gps: SourcedTimestamp): ForensicIndicator | null {
  if (capture.wall === null || gps.wall === null || gps.dateOnly || capture.dateOnly) return null;
  const implied = capture.wall - gps.wall; // local wall clock − UTC = the zone offset the two imply
  const known = capture.offsetSeconds;
  const off = known !== null ? Math.abs(implied - known) : implied < MIN_OFFSET ? MIN_OFFSET - implied : implied > MAX_OFFSET ? implied - MAX_OFFSET : 0;
  if (off <= GPS_SLACK) return null;
  const sign = implied < 0 ? '−' : '+';
  const against = known !== null ? `the recorded offset ${capture.offset} by ${formatDuration(off)}` : `every zone in use (−12:00..+14:00) by ${formatDuration(off)}`;
  return indicator(
    'dates.gps-disagrees',
    'notice',
    0.4,
    `${describe(gps)} and ${describe(capture)} imply a zone offset of ${sign}${formatDuration(implied)}, which misses ${against} (tolerance ${formatDuration(GPS_SLACK)}): the camera clock was wrong, or the GPS data was added or changed separately (geotagging software), or a date was rewritten`,
    { gps: gps.raw, capture: capture.raw, captureOffset: capture.offset, impliedOffsetSeconds: implied, discrepancySeconds: off, toleranceSeconds: GPS_SLACK },
  );
}

/**
 * Date indicators.
 * @param times sourced timestamps (collectTimestamps), plus the last xmpMM:History step if any
 * @param exposureTime EXIF ExposureTime in seconds, or null
 */
export function dateIndicators(times: readonly SourcedTimestamp[], exposureTime: number | null): ForensicIndicator[] {
  const by = new Map(times.map((t) => [t.source, t]));
  const capture = by.get('EXIF:DateTimeOriginal') ?? by.get('XMP:exif:DateTimeOriginal') ?? null;
  const get = (name: string): SourcedTimestamp | null => (name === 'capture' ? capture : by.get(name) ?? null);
  const tolerance = CAPTURE_SLACK + 2 * Math.max(0, exposureTime ?? 0);
  const out: ForensicIndicator[] = [];

  if (capture) {
    const later = (names: readonly string[]) =>
      names.flatMap((name) => {
        const t = get(name);
        const d = t ? difference(capture, t) : null;
        return t && d && laterBy(capture, t, d) > tolerance ? [{ t, by: laterBy(capture, t, d), asWritten: asWritten(capture, t, d) }] : [];
      });
    const modified = later(MODIFICATIONS);
    if (modified.length > 0) {
      const first = modified.reduce((a, b) => (b.by > a.by ? b : a));
      out.push(indicator('dates.modified-after-capture', 'notice', 0.4,
        `${describe(first.t)} is ${formatDuration(first.by)}${first.asWritten ? '' : ' or more (over any zone offsets)'} after ${describe(capture)} (tolerance ${formatDuration(tolerance)})${modified.length > 1 ? `; also ${modified.filter((m) => m !== first).map((m) => m.t.source).join(', ')}` : ''}: the file was written again after capture (editor, import or transfer tool, or an in-camera edit); not by itself a change of the picture`,
        { capture: capture.raw, later: modified.map((m) => ({ source: m.t.source, raw: m.t.raw, offset: m.t.offset, secondsAfter: m.by, asWritten: m.asWritten })), toleranceSeconds: tolerance }));
    }
    const created = later(CREATIONS);
    if (created.length > 0) {
      const first = created[0] as (typeof created)[number];
      out.push(indicator('dates.created-after-capture', 'notice', 0.3,
        `${describe(first.t)} is ${formatDuration(first.by)} after ${describe(capture)} (tolerance ${formatDuration(tolerance)}): digitised or made into a new document later (a scan of an older picture, an export, or a rewritten date)`,
        { capture: capture.raw, later: created.map((m) => ({ source: m.t.source, raw: m.t.raw, secondsAfter: m.by })), toleranceSeconds: tolerance }));
    }
    const gps = by.get('GPS:GPSDateStamp+GPSTimeStamp');
    const g = gps ? gpsIndicator(capture, gps) : null;
    if (g) out.push(g);
  }

  const violations = ORDER.flatMap(([e, l]) => {
    const a = get(e);
    const b = get(l);
    const d = a && b ? difference(a, b) : null;
    if (!a || !b || !d) return [];
    if (d.high < -ORDER_SLACK) return [{ a, b, by: -d.high, robust: true }];
    if (asWritten(a, b, d) && d.sameZone < -ORDER_SLACK) return [{ a, b, by: -d.sameZone, robust: d.exact }];
    return [];
  });
  if (violations.length > 0) {
    const robust = violations.some((v) => v.robust);
    const v = violations.find((x) => x.robust === robust) ?? (violations[0] as (typeof violations)[number]);
    out.push(indicator('dates.inconsistent', 'warning', robust ? 0.7 : 0.6,
      `${describe(v.a)} is ${formatDuration(v.by)} after ${describe(v.b)}, which one writer never records${robust ? '' : ' (compared as written: assumes both were written in the same zone)'}; ${violations.length > 1 ? `${violations.length} such pairs; ` : ''}the dates were written by different programs or one of them was changed`,
      { pairs: violations.map((x) => ({ earlier: x.a.source, earlierRaw: x.a.raw, later: x.b.source, laterRaw: x.b.raw, secondsOutOfOrder: x.by, holdsForAnyZone: x.robust })), toleranceSeconds: ORDER_SLACK }));
  }
  return out;
}
