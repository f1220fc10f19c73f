import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { sceneRgb } from '../../../../tests/fixtures/forensic-scenes';
import type { ForensicResult, RgbImage } from '../types';
import { analyseMetadata } from './index';
import { ascii, cameraJpeg, encodeRgb, exifSegment, TAG, undef, withSegments, xmpSegment } from './test-fixtures';

async function analyse(bytes: Uint8Array): Promise<ForensicResult> {
  const { data, info } = await sharp(Buffer.from(bytes), { failOn: 'none' }).removeAlpha().toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
  const rgb: RgbImage = { width: info.width, height: info.height, data: new Uint8Array(data) };
  return analyseMetadata(bytes, { width: info.width, height: info.height, rgb });
}

const kinds = (r: ForensicResult): string[] => r.indicators.map((i) => i.kind);
const flagged = (r: ForensicResult) => r.indicators.filter((i) => i.severity !== 'info');
const find = (r: ForensicResult, kind: string) => r.indicators.find((i) => i.kind === kind);

describe('metadata kernel on a clean camera-like file', () => {
  it('raises no notice or warning and records what it read', async () => {
    const rgb = await sceneRgb(21, 900, 600); // 3:2 frame: the 160x120 thumbnail is letterboxed, as Canon does
    const jpeg = await cameraJpeg({
      rgb,
      make: 'Canon',
      model: 'Canon EOS 5D Mark IV',
      dateTimeOriginal: '2024:03:12 10:00:00',
      modifyDate: '2024:03:12 10:00:01',
      offset: '+01:00',
      gps: { date: '2024:03:12', time: [9, 0, 30] },
    });
    const r = await analyse(jpeg);
    expect(flagged(r)).toEqual([]);
    expect(r.score).toBe(0);
    const thumb = find(r, 'metadata.thumbnail-consistent');
    expect(thumb?.attributes.bars).toBe('top-bottom');
    expect(Number(thumb?.attributes.normalisedResidual)).toBeLessThan(0.1);
    const read = r.metrics.read as Record<string, unknown>;
    expect(read.make).toBe('Canon');
    expect(read.makerNoteBytes).toBeGreaterThan(0);
    const times = r.metrics.timestamps as { source: string; raw: string; offset: string | null }[];
    expect(times.find((t) => t.source === 'EXIF:DateTimeOriginal')).toMatchObject({ raw: '2024:03:12 10:00:00', offset: '+01:00' });
    expect(times.find((t) => t.source === 'GPS:GPSDateStamp+GPSTimeStamp')).toMatchObject({ raw: '2024:03:12 09:00:30', offset: '+00:00' });
  });
});

describe('maker notes', () => {
  it('reports a Canon EOS file without a MakerNote, not a Pixel phone without one', async () => {
    const rgb = await sceneRgb(22, 320, 240);
    const canon = await analyse(await cameraJpeg({ rgb, make: 'Canon', model: 'Canon EOS 90D', makerNote: null }));
    expect(find(canon, 'metadata.makernote-missing')?.severity).toBe('notice');
    const pixel = await analyse(await cameraJpeg({ rgb, make: 'Google', model: 'Pixel 8', software: 'HDR+ 1.0.570503588zd', makerNote: null }));
    expect(kinds(pixel)).not.toContain('metadata.makernote-missing');
    expect(flagged(pixel)).toEqual([]);
  });

  it('reports a MakerNote whose header names another maker than EXIF Make', async () => {
    const rgb = await sceneRgb(23, 320, 240);
    const nikonNote = new Uint8Array([...new TextEncoder().encode('Nikon\0'), 2, 0x10, 0, 0, 0x4d, 0x4d, 0, 42, 0, 0, 0, 8]);
    const r = await analyse(await cameraJpeg({ rgb, make: 'Canon', model: 'Canon EOS R6', makerNote: nikonNote }));
    expect(find(r, 'metadata.makernote-brand-mismatch')?.attributes.makerNoteBrand).toBe('Nikon');
  });
});

describe('EXIF size against the real size', () => {
  it('names a resize (same shape) and a crop (other shape)', async () => {
    const rgb = await sceneRgb(24, 800, 600);
    const resized = await analyse(await cameraJpeg({ rgb, make: 'Canon', model: 'Canon EOS 90D', pixelSize: [4000, 3000] }));
    const scaled = find(resized, 'metadata.exif-size-mismatch');
    expect(scaled?.attributes).toMatchObject({ kind: 'scaled', recordedWidth: 4000, recordedHeight: 3000, width: 800, height: 600 });
    expect(Number(scaled?.attributes.scaleFactor)).toBeCloseTo(0.2, 3);
    expect(scaled?.score).toBe(0.5);

    const cropped = await analyse(await cameraJpeg({ rgb, make: 'Canon', model: 'Canon EOS 90D', pixelSize: [800, 500] }));
    expect(find(cropped, 'metadata.exif-size-mismatch')?.attributes.kind).toBe('reshaped');
  });

  it('accepts a swapped size under Orientation 5-8 and MCU padding; a swap under Orientation 1 is a rotation', async () => {
    const rgb = await sceneRgb(25, 600, 400);
    const swapped = await analyse(await cameraJpeg({ rgb, make: 'Canon', model: 'Canon EOS 90D', pixelSize: [400, 600], orientation: 6, thumbnail: null }));
    expect(kinds(swapped)).not.toContain('metadata.exif-size-mismatch');
    const rotated = await analyse(await cameraJpeg({ rgb, make: 'Canon', model: 'Canon EOS 90D', pixelSize: [400, 600], orientation: 1, thumbnail: null }));
    expect(find(rotated, 'metadata.exif-size-mismatch')?.attributes).toMatchObject({ kind: 'rotated', orientation: 1 });
    const padded = await analyse(await cameraJpeg({ rgb, make: 'Canon', model: 'Canon EOS 90D', pixelSize: [608, 400], thumbnail: null }));
    expect(kinds(padded)).not.toContain('metadata.exif-size-mismatch');
  });
});

describe('XMP history and derivation', () => {
  it('lists the history steps, the editor in softwareAgent and the derivation, and dates the last step', async () => {
    const rgb = await sceneRgb(26, 320, 240);
    const history =
      '<xmpMM:DocumentID>xmp.did:2222</xmpMM:DocumentID><xmpMM:OriginalDocumentID>xmp.did:1111</xmpMM:OriginalDocumentID>' +
      '<xmpMM:DerivedFrom rdf:parseType="Resource"><stRef:documentID>xmp.did:1111</stRef:documentID><stRef:instanceID>xmp.iid:aaaa</stRef:instanceID></xmpMM:DerivedFrom>' +
      '<xmpMM:History><rdf:Seq>' +
      '<rdf:li rdf:parseType="Resource"><stEvt:action>created</stEvt:action><stEvt:when>2024-03-12T10:00:00+01:00</stEvt:when><stEvt:softwareAgent>Adobe Photoshop 25.0 (Windows)</stEvt:softwareAgent></rdf:li>' +
      '<rdf:li rdf:parseType="Resource"><stEvt:action>saved</stEvt:action><stEvt:when>2024-03-20T18:30:00+01:00</stEvt:when><stEvt:softwareAgent>Adobe Photoshop 25.0 (Windows)</stEvt:softwareAgent><stEvt:changed>/</stEvt:changed></rdf:li>' +
      '<rdf:li rdf:parseType="Resource"><stEvt:action>converted</stEvt:action><stEvt:parameters>from image/png to image/jpeg</stEvt:parameters></rdf:li>' +
      '</rdf:Seq></xmpMM:History>';
    const jpeg = await cameraJpeg({ rgb, make: 'Canon', model: 'Canon EOS 90D', dateTimeOriginal: '2024:03:12 10:00:00', offset: '+01:00', extraSegments: [xmpSegment(history)] });
    const r = await analyse(jpeg);
    const h = find(r, 'metadata.xmp-history');
    expect(h?.severity).toBe('notice');
    expect((h?.attributes.steps as unknown[]).length).toBe(3);
    expect(h?.summary).toContain('created, saved, converted');
    const d = find(r, 'metadata.xmp-derivation');
    expect(d?.attributes).toMatchObject({ documentId: 'xmp.did:2222', originalDocumentId: 'xmp.did:1111' });
    expect(find(r, 'metadata.editor-software')?.attributes.editors).toEqual([{ source: 'XMP:xmpMM:History softwareAgent', value: 'Adobe Photoshop 25.0 (Windows)', id: 'adobe-photoshop', family: 'Adobe' }]);
    const later = find(r, 'metadata.dates.modified-after-capture')?.attributes.later as { source: string; secondsAfter: number }[];
    expect(later).toEqual([expect.objectContaining({ source: 'XMP:xmpMM:History (last step)', secondsAfter: 8 * 86400 + 8.5 * 3600 })]);
  });
});

describe('XMP inside the Exif block', () => {
  it('reads a packet in IFD0 tag 0x02BC, with the pre-2004 xap prefixes', async () => {
    const packet = new TextEncoder().encode(
      '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="" xmlns:xap="http://ns.adobe.com/xap/1.0/" xmlns:xapMM="http://ns.adobe.com/xap/1.0/mm/">' +
        '<xap:CreatorTool>Adobe Photoshop CS2 Windows</xap:CreatorTool><xap:ModifyDate>2009-11-30T10:22:47+01:00</xap:ModifyDate>' +
        '<xapMM:DocumentID>uuid:2</xapMM:DocumentID><xapMM:OriginalDocumentID>uuid:1</xapMM:OriginalDocumentID></rdf:Description></rdf:RDF></x:xmpmeta>',
    );
    const jpeg = withSegments(await encodeRgb(await sceneRgb(29, 200, 150)), exifSegment({ ifd0: { [TAG.Software]: ascii('Adobe Photoshop CS2 Windows'), 0x02bc: undef(packet) } }));
    const r = await analyse(jpeg);
    expect((r.metrics.read as Record<string, unknown>).creatorTool).toBe('Adobe Photoshop CS2 Windows');
    expect((r.metrics.timestamps as { source: string; offset: string | null }[]).find((t) => t.source === 'XMP:xmp:ModifyDate')?.offset).toBe('+01:00');
    expect(find(r, 'metadata.xmp-derivation')?.attributes).toMatchObject({ documentId: 'uuid:2', originalDocumentId: 'uuid:1' });
  });
});

describe('files without metadata and bad input', () => {
  it('says "no metadata" (info, score 0) for a stripped JPEG and "EXIF absent" for XMP only', async () => {
    const plain = await encodeRgb(await sceneRgb(27, 200, 150));
    const none = await analyse(plain);
    expect(kinds(none)).toEqual(['metadata.none']);
    expect(none.indicators[0]?.summary).toContain('not by itself evidence of editing');
    expect(none.score).toBe(0);
    const xmpOnly = await analyse(withSegments(plain, xmpSegment('<xmp:CreatorTool>Canva</xmp:CreatorTool>')));
    expect(kinds(xmpOnly)).toEqual(['metadata.exif-absent', 'metadata.editor-software']);
  });

  it('does not throw on truncated, garbage or PNG input', async () => {
    const rgb = await sceneRgb(28, 200, 150);
    const jpeg = await cameraJpeg({ rgb, make: 'Canon', model: 'Canon EOS 90D', dateTimeOriginal: '2024:03:12 10:00:00' });
    const raster = { width: 200, height: 150, rgb };
    await expect(analyseMetadata(jpeg.subarray(0, 300), raster)).resolves.toBeDefined();
    await expect(analyseMetadata(Uint8Array.from({ length: 500 }, (_, i) => (i * 37) & 255), raster)).resolves.toBeDefined();
    const png = new Uint8Array(await sharp(Buffer.from(rgb.data), { raw: { width: 200, height: 150, channels: 3 } }).png().toBuffer());
    const r = await analyseMetadata(png, raster);
    expect(kinds(r)).toEqual(['metadata.none']);
    expect(r.indicators[0]?.summary).toContain('no metadata blocks');
  });
});
