import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { makePhoto } from '../../../../tests/fixtures/image';
import { dateIndicators } from './date-rules';
import { analyseMetadata } from './index';
import { difference, sourcedTimestamp, type SourcedTimestamp } from './timestamps';

const ts = (source: string, raw: string, offset: string | null = null): SourcedTimestamp => {
  const t = sourcedTimestamp(source, raw, offset, offset ? 'EXIF:OffsetTime*' : null);
  if (!t) throw new Error('fixture timestamp did not parse');
  return t;
};

describe('sourced timestamps', () => {
  it('keeps raw value, parsed value and offset apart, and never invents a zone', () => {
    const t = sourcedTimestamp('EXIF:DateTimeOriginal', '2024:03:12 10:00:00', '+02:00', 'EXIF:OffsetTimeOriginal', '54');
    expect(t).toMatchObject({ raw: '2024:03:12 10:00:00.54', parsed: '2024-03-12T10:00:00.54', offset: '+02:00', offsetSource: 'EXIF:OffsetTimeOriginal' });
    expect(sourcedTimestamp('EXIF:ModifyDate', '2024:03:12 10:00:00')?.offset).toBeNull();
    expect(sourcedTimestamp('XMP:xmp:ModifyDate', '2012-08-27T15:36:36Z')).toMatchObject({ offset: '+00:00', offsetSource: 'inline' });
    expect(sourcedTimestamp('EXIF:DateTimeOriginal', '0000:00:00 00:00:00')).toMatchObject({ parsed: null, wall: null });
  });

  it('compares exactly with offsets and over every zone without them', () => {
    const exact = difference(ts('a', '2024:03:12 10:00:00', '+02:00'), ts('b', '2024:03:12 09:00:00', '+00:00'));
    expect(exact).toMatchObject({ low: 3600, high: 3600, exact: true });
    const open = difference(ts('a', '2024:03:12 10:00:00'), ts('b', '2024:03:12 11:00:00', '+00:00'));
    expect(open?.exact).toBe(false);
    // a has no offset: its instant lies anywhere in [wall − 14 h, wall + 12 h].
    expect(open?.low).toBe(3600 - 12 * 3600);
    expect(open?.high).toBe(3600 + 14 * 3600);
  });
});

describe('date rules', () => {
  const capture = ts('EXIF:DateTimeOriginal', '2024:03:12 10:00:00');

  it('a ModifyDate a week after capture is "modified after capture" (notice), within 2 min it is not', () => {
    const week = dateIndicators([capture, ts('EXIF:ModifyDate', '2024:03:19 10:00:00')], null);
    expect(week.map((i) => [i.kind, i.severity])).toEqual([['metadata.dates.modified-after-capture', 'notice']]);
    expect((week[0]?.attributes.later as { secondsAfter: number }[])[0]?.secondsAfter).toBe(7 * 86400);
    expect(dateIndicators([capture, ts('EXIF:ModifyDate', '2024:03:12 10:01:30')], null)).toEqual([]);
    // A 30 s exposure plus dark-frame noise reduction widens the tolerance to 2 min + 60 s.
    expect(dateIndicators([capture, ts('EXIF:ModifyDate', '2024:03:12 10:02:50')], 30)).toEqual([]);
  });

  it('capture after modification is a warning, scored lower when it rests on the same-zone reading', () => {
    const withZones = dateIndicators([ts('EXIF:DateTimeOriginal', '2024:03:12 10:00:00', '+01:00'), ts('EXIF:ModifyDate', '2024:03:11 09:00:00', '+01:00')], null);
    expect(withZones.map((i) => [i.kind, i.severity, i.score])).toEqual([['metadata.dates.inconsistent', 'warning', 0.7]]);
    const noZones = dateIndicators([capture, ts('EXIF:ModifyDate', '2024:03:11 09:00:00')], null);
    expect(noZones.map((i) => [i.kind, i.severity, i.score])).toEqual([['metadata.dates.inconsistent', 'warning', 0.6]]);
    expect(noZones[0]?.summary).toContain('same zone');
    // An XMP date without a zone may be in any zone: 3 h earlier is not provably inconsistent.
    expect(dateIndicators([capture, ts('XMP:xmp:ModifyDate', '2024-03-12T07:00:00')], null)).toEqual([]);
  });

  it('GPS time checks the recorded offset, or the range of zones when none is recorded', () => {
    const gps = (raw: string) => ts('GPS:GPSDateStamp+GPSTimeStamp', raw, '+00:00');
    const local = ts('EXIF:DateTimeOriginal', '2024:03:12 10:00:00', '+02:00');
    expect(dateIndicators([local, gps('2024:03:12 08:02:00')], null)).toEqual([]);
    const off = dateIndicators([local, gps('2024:03:12 03:00:00')], null);
    expect(off.map((i) => i.kind)).toEqual(['metadata.dates.gps-disagrees']);
    expect(off[0]?.attributes.discrepancySeconds).toBe(5 * 3600);
    // Without an offset, 5 h is a plausible zone; a day is not.
    expect(dateIndicators([capture, gps('2024:03:12 05:00:00')], null)).toEqual([]);
    expect(dateIndicators([capture, gps('2024:03:13 10:00:00')], null).map((i) => i.kind)).toEqual(['metadata.dates.gps-disagrees']);
  });
});

describe('an edited EXIF written by sharp', () => {
  it('reads Software and dates and reports editor software and the later modification', async () => {
    const bytes = new Uint8Array(
      await makePhoto({ seed: 5, width: 320, height: 240, exif: { make: 'Canon', model: 'Canon EOS 90D', software: 'Adobe Photoshop 25.0 (Windows)', dateTimeOriginal: '2024-03-12T10:00:00', createDate: '2024-03-12T10:00:00', modifyDate: '2024-03-19T10:00:00' } }),
    );
    const { data, info } = await sharp(Buffer.from(bytes)).raw().toBuffer({ resolveWithObject: true });
    const r = await analyseMetadata(bytes, { width: info.width, height: info.height, rgb: { width: info.width, height: info.height, data: new Uint8Array(data) } });
    const editor = r.indicators.find((i) => i.kind === 'metadata.editor-software');
    expect(editor?.attributes.editors).toEqual([{ source: 'EXIF:Software', value: 'Adobe Photoshop 25.0 (Windows)', id: 'adobe-photoshop', family: 'Adobe' }]);
    const modified = r.indicators.find((i) => i.kind === 'metadata.dates.modified-after-capture');
    expect((modified?.attributes.later as { source: string; secondsAfter: number }[])[0]).toMatchObject({ source: 'EXIF:ModifyDate', secondsAfter: 7 * 86400 });
    expect(r.score).toBe(0.5);
  });
});
