import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { parseJpegStructure } from './structure';
import { concat, exifWithThumbnail, insertAt, makeJpeg, markerOffset, segment, testPixels, withMpfSecondImage } from './test-fixtures';
import { JpegStructureError } from './types';

const codes = (bytes: Uint8Array) => parseJpegStructure(bytes).anomalies.map((a) => a.code);

describe('parseJpegStructure: frame and coding', () => {
  it('reads size and chroma subsampling 4:2:0 and 4:4:4 from the frame header', async () => {
    const s420 = parseJpegStructure(await makeJpeg({ quality: 80, chromaSubsampling: '4:2:0' }, 96, 64));
    const s444 = parseJpegStructure(await makeJpeg({ quality: 80, chromaSubsampling: '4:4:4' }, 96, 64));
    expect(s420.frame).toMatchObject({ width: 96, height: 64, precision: 8, subsampling: '4:2:0', ycbcrSubsampling: [2, 2], progressive: false, encodingProcess: 0 });
    expect(s420.frame?.components.map((c) => [c.h, c.v])).toEqual([[2, 2], [1, 1], [1, 1]]);
    expect(s444.frame).toMatchObject({ subsampling: '4:4:4', ycbcrSubsampling: [1, 1] });
    expect(s420.eoiOffset).toBe(s420.fileSize - 2);
    expect(s420.anomalies).toEqual([]);
  });

  it('names a grayscale frame "gray"', async () => {
    const gray = await sharp(testPixels(32, 32).subarray(0, 32 * 32), { raw: { width: 32, height: 32, channels: 1 } }).toColourspace('b-w').jpeg({ quality: 80 }).toBuffer();
    const s = parseJpegStructure(new Uint8Array(gray));
    expect(s.frame?.components).toHaveLength(1);
    expect(s.frame?.subsampling).toBe('gray');
    expect(s.frame?.ycbcrSubsampling).toBeNull();
    expect(s.componentTables).toHaveLength(1);
  });

  it('tells progressive from baseline and counts the progressive scans', async () => {
    const progressive = parseJpegStructure(await makeJpeg({ quality: 80, progressive: true }));
    const baseline = parseJpegStructure(await makeJpeg({ quality: 80 }));
    expect(progressive.frame).toMatchObject({ progressive: true, marker: 0xc2, encodingProcess: 2 });
    expect(progressive.scans.length).toBeGreaterThan(1);
    expect(progressive.scans.some((s) => s.ss > 0)).toBe(true); // AC band scans
    expect(baseline.frame?.progressive).toBe(false);
    expect(baseline.scans).toHaveLength(1);
    expect(baseline.scans[0]).toMatchObject({ ss: 0, se: 63, componentIds: [1, 2, 3] });
  });

  it('tells Annex K Huffman tables from optimised ones', async () => {
    const standard = parseJpegStructure(await makeJpeg({ quality: 80, optimiseCoding: false }));
    const optimised = parseJpegStructure(await makeJpeg({ quality: 80, optimiseCoding: true }));
    expect(standard.huffman).toBe('standard');
    expect(standard.huffmanTables.map((t) => `${t.tableClass}${t.id}:${t.standard}`).sort()).toEqual(['ac0:luminance', 'ac1:chrominance', 'dc0:luminance', 'dc1:chrominance']);
    expect(optimised.huffman).toBe('optimised');
  });

  it('reads quantization tables in natural order and which component uses which', async () => {
    const s = parseJpegStructure(await makeJpeg({ quality: 50 }));
    expect(s.quantTables.map((t) => [t.id, t.precision])).toEqual([[0, 8], [1, 8]]);
    // IJG quality 50 is the Annex K table itself: K.1 starts 16 11 10 16 on row 0 and 12 12 14 on row 1.
    expect(s.quantTables[0]?.values.slice(0, 4)).toEqual([16, 11, 10, 16]);
    expect(s.quantTables[0]?.values.slice(8, 11)).toEqual([12, 12, 14]);
    expect(s.componentTables.map((c) => c.tableId)).toEqual([0, 1, 1]);
    expect(s.componentTables[2]?.values).toBe(s.quantTables[1]?.values);
  });

  it('reads the restart interval (DRI) and counts the RSTn markers in the scan', async () => {
    const jpeg = await makeJpeg({ quality: 80 });
    const dri = segment(0xdd, Uint8Array.of(0, 7));
    const s = parseJpegStructure(insertAt(jpeg, markerOffset(jpeg, 0xda), dri));
    expect(s.restartInterval).toBe(7);
    expect(s.segments.map((x) => x.name)).toContain('DRI');
    expect(s.scans[0]?.restartMarkers).toBe(0); // sharp wrote no RSTn; the DRI was added afterwards
  });
});

describe('parseJpegStructure: segments', () => {
  it('identifies APPn segments (JFIF, Exif, ICC, XMP) and reads COM text', async () => {
    const out = await sharp(testPixels(48, 32), { raw: { width: 48, height: 32, channels: 3 } })
      .withExif({ IFD0: { Make: 'TestMake' } })
      .withIccProfile('srgb')
      .withXmp('<x:xmpmeta xmlns:x="adobe:ns:meta/"></x:xmpmeta>')
      .jpeg({ quality: 80 })
      .toBuffer();
    const jpeg = new Uint8Array(out);
    const withComment = insertAt(jpeg, markerOffset(jpeg, 0xdb), segment(0xfe, 'CREATOR: test encoder, quality = 80'));
    const s = parseJpegStructure(withComment);
    const ids = s.segments.filter((x) => x.name.startsWith('APP')).map((x) => `${x.name}:${x.identifier}`);
    expect(ids).toEqual(expect.arrayContaining(['APP1:Exif', 'APP2:ICC_PROFILE', 'APP1:XMP']));
    expect(s.comments).toEqual(['CREATOR: test encoder, quality = 80']);
    // sharp writes no JFIF APP0; add one as libjpeg writes it (version 1.02, 72 x 72 dots per inch).
    const jfif = segment(0xe0, concat(new TextEncoder().encode('JFIF\0'), Uint8Array.of(1, 2, 1, 0, 72, 0, 72, 0, 0)));
    const plain = parseJpegStructure(insertAt(await makeJpeg({ quality: 80 }), 2, jfif));
    expect(plain.segments[1]).toMatchObject({ name: 'APP0', identifier: 'JFIF', offset: 2, length: 16 });
    expect(plain.jfif).toEqual({ version: '1.02', units: 1, xDensity: 72, yDensity: 72 });
    const segments = s.segments;
    for (let i = 1; i < segments.length; i++) expect((segments[i] as { offset: number }).offset).toBeGreaterThan((segments[i - 1] as { offset: number }).offset);
  });

  it('locates the Exif IFD1 thumbnail by offset', async () => {
    const thumbnail = await makeJpeg({ quality: 60 }, 16, 16);
    const main = await makeJpeg({ quality: 80 });
    const exif = exifWithThumbnail(thumbnail);
    const jfifEnd = markerOffset(main, 0xdb);
    const s = parseJpegStructure(insertAt(main, jfifEnd, exif.bytes));
    expect(s.exifThumbnail).toEqual({ offset: jfifEnd + exif.thumbnailOffsetInSegment, length: thumbnail.length, startsWithSoi: true });
  });

  it('records a redefined quantization table and an APPn placed after the tables', async () => {
    const jpeg = await makeJpeg({ quality: 80 });
    const dqt = markerOffset(jpeg, 0xdb);
    const dqtLength = ((jpeg[dqt + 2] as number) << 8) | (jpeg[dqt + 3] as number);
    const copy = jpeg.slice(dqt, dqt + 2 + dqtLength);
    const doubled = insertAt(jpeg, markerOffset(jpeg, 0xc0), copy);
    const edited = insertAt(doubled, markerOffset(doubled, 0xc0), segment(0xe1, 'http://ns.adobe.com/xap/1.0/\0<x/>'));
    const s = parseJpegStructure(edited);
    expect(s.anomalies.filter((a) => a.code === 'table-redefined').length).toBeGreaterThan(0);
    expect(s.anomalies.find((a) => a.code === 'marker-order')?.detail).toMatch(/APP1 \(XMP\) comes after/);
  });
});

describe('parseJpegStructure: damage and hostile input', () => {
  it('reports a truncated file as missing EOI instead of throwing', async () => {
    const jpeg = await makeJpeg({ quality: 80 });
    const cut = jpeg.subarray(0, Math.floor(jpeg.length * 0.6));
    const s = parseJpegStructure(cut);
    expect(s.eoiOffset).toBeNull();
    expect(codes(cut)).toEqual(expect.arrayContaining(['truncated', 'missing-eoi']));
    expect(s.frame?.width).toBe(96);
    // Cut inside the tables: the walk stops at the damaged segment.
    const early = jpeg.subarray(0, markerOffset(jpeg, 0xdb) + 30);
    expect(codes(early)).toEqual(expect.arrayContaining(['truncated', 'missing-eoi', 'no-frame']));
  });

  it('measures and classifies data after EOI', async () => {
    const jpeg = await makeJpeg({ quality: 80 });
    const extra = new TextEncoder().encode('hidden payload after the image');
    const other = parseJpegStructure(concat(jpeg, extra));
    expect(other).toMatchObject({ trailingBytes: extra.length, trailer: 'other', trailerUnexplainedBytes: extra.length, eoiOffset: jpeg.length - 2 });
    expect(other.anomalies.map((a) => a.code)).toContain('trailing-data');
    expect(parseJpegStructure(concat(jpeg, new Uint8Array(100))).trailer).toBe('padding');
    const second = await makeJpeg({ quality: 70 }, 32, 32);
    expect(parseJpegStructure(concat(jpeg, second)).trailer).toBe('jpeg');
    const mpf = parseJpegStructure(withMpfSecondImage(jpeg, second));
    // Entry 0 is this image (offset 0 = the file's own SOI); entry 1 starts right after this image's EOI.
    expect(mpf.mpfImages.map((m) => [m.offset, m.length, m.startsWithSoi])).toEqual([[0, mpf.eoiOffset! + 2, true], [mpf.eoiOffset! + 2, second.length, true]]);
    expect(mpf).toMatchObject({ trailer: 'mpf-images', trailingBytes: second.length, trailerUnexplainedBytes: 0 });
  });

  it('throws JpegStructureError for input that is not a JPEG', async () => {
    const png = new Uint8Array(await sharp(testPixels(8, 8), { raw: { width: 8, height: 8, channels: 3 } }).png().toBuffer());
    expect(() => parseJpegStructure(png)).toThrow(JpegStructureError);
    expect(() => parseJpegStructure(png)).toThrow(/89 50 4e 47/);
    expect(() => parseJpegStructure(new Uint8Array(0))).toThrow(JpegStructureError);
  });

  it('survives garbage after SOI and a flood of tiny segments within the limits', () => {
    let seed = 12345;
    const random = new Uint8Array(200_000).map(() => {
      seed = (seed * 1103515245 + 12345) >>> 0;
      return seed >>> 24;
    });
    const garbage = concat(Uint8Array.of(0xff, 0xd8), random);
    expect(() => parseJpegStructure(garbage)).not.toThrow();
    const flood = concat(Uint8Array.of(0xff, 0xd8), ...Array.from({ length: 12_000 }, () => Uint8Array.of(0xff, 0xfe, 0, 2)));
    const s = parseJpegStructure(flood);
    expect(s.segments.length).toBe(10_000);
    expect(s.anomalies.map((a) => a.code)).toContain('limit-reached');
    const bogusLength = concat(Uint8Array.of(0xff, 0xd8), Uint8Array.of(0xff, 0xdb, 0, 1));
    expect(codes(bogusLength)).toContain('bad-segment');
  });
});
