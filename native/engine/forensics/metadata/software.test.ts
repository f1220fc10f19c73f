import { describe, expect, it } from 'vitest';
import table from '../../../../resources/data/editor-software.json';
import { classifySoftware, softwareIndicators } from './software';

describe('editor-software.json', () => {
  it('is versioned, with unique ids and only the three kinds', () => {
    expect(table.format).toBe('caselens-editor-software/1');
    expect(table.version).toMatch(/^\d{4}\.\d+\.\d+$/);
    const ids = table.entries.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(table.entries.map((e) => e.kind))).toEqual(new Set(['editor', 'utility', 'firmware']));
  });
});

describe('classifySoftware', () => {
  it.each([
    ['Adobe Photoshop 25.0 (Windows)', null, 'adobe-photoshop', 'editor'],
    ['Adobe Photoshop CS6 (Macintosh)', null, 'adobe-photoshop', 'editor'],
    ['Adobe Photoshop Lightroom Classic 12.0 (Windows)', null, 'adobe-lightroom', 'editor'],
    ['Adobe Photoshop Camera Raw 15.1', null, 'adobe-camera-raw', 'editor'],
    ['Adobe Fireworks CS5 11.0.0.484 Windows', null, 'adobe-fireworks', 'editor'],
    ['GIMP 2.4.5', null, 'gimp', 'editor'],
    ['Paint.NET v3.5.10', null, 'paint-net', 'editor'],
    ['Affinity Photo 2.3.0', null, 'affinity-photo', 'editor'],
    ['Pixelmator Pro 3.5', null, 'pixelmator', 'editor'],
    ['Snapseed 2.0', null, 'snapseed', 'editor'],
    ['PicsArt', null, 'picsart', 'editor'],
    ['Canva', null, 'canva', 'editor'],
    ['LIBFORMAT (c) Pierre-e Gougelet', null, 'xnview', 'editor'],
    ['Nikon Transfer 1.1 W', 'NIKON', 'nikon-transfer', 'utility'],
    ['ExifTool 12.57', null, 'exiftool', 'utility'],
    ['HDR+ 1.0.199571065z', 'Google', 'google-hdrplus', 'firmware'],
    ['8.3', 'Apple', 'apple-ios', 'firmware'],
    ['HD6.01.01.51.00', 'GoPro', 'gopro', 'firmware'],
    ['00WW_3_380_SP02', 'HMD Global', 'hmd-nokia', 'firmware'],
    ['Ver.1.01', 'NIKON CORPORATION', 'nikon-firmware', 'firmware'],
  ])('%s → %s', (value, make, id, kind) => {
    expect(classifySoftware(value, make)).toMatchObject({ id, kind });
  });

  it('applies make conditions and leaves unlisted names unknown', () => {
    expect(classifySoftware('8.3', 'Canon').kind).toBe('unknown'); // a bare version is iOS only on Apple files
    expect(classifySoftware('Camera', 'Xiaomi').kind).toBe('unknown');
    expect(classifySoftware('Canvas X', null).kind).toBe('unknown'); // "Canva" only as a whole word
  });
});

describe('softwareIndicators', () => {
  it('gives one notice for editors, one for utilities and one info for the rest', () => {
    const { indicators } = softwareIndicators(
      [
        { source: 'EXIF:Software', value: 'HDR+ 1.0.199571065z' },
        { source: 'XMP:xmp:CreatorTool', value: 'Snapseed 2.0' },
        { source: 'EXIF:ProcessingSoftware', value: 'ExifTool 12.57' },
        { source: 'XMP:xmp:CreatorTool', value: 'Snapseed 2.0' },
      ],
      'Google',
    );
    expect(indicators.map((i) => [i.kind, i.severity, i.score])).toEqual([
      ['metadata.editor-software', 'notice', 0.5],
      ['metadata.metadata-utility', 'notice', 0.3],
      ['metadata.software', 'info', 0],
    ]);
    expect(indicators[0]?.attributes.editors).toHaveLength(1);
    expect(indicators[0]?.summary).toContain('does not say what');
  });
});
