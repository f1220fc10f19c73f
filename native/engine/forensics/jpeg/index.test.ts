import { describe, expect, it } from 'vitest';
import { jpegSignatures } from './encoder-id';
import { analyseJpegStructure, JpegStructureError } from './index';
import { concat, makeJpeg, replaceQuantTables } from './test-fixtures';

const kinds = (r: ReturnType<typeof analyseJpegStructure>) => r.indicators.map((i) => i.kind);

describe('analyseJpegStructure', () => {
  it('describes an IJG-table file as evidence, with no image-level score', async () => {
    const r = analyseJpegStructure(await makeJpeg({ quality: 90, chromaSubsampling: '4:4:4' }));
    expect(r.score).toBeNull();
    expect(r.maps).toEqual({});
    expect(kinds(r)).toEqual(['jpeg.structure.ijg-tables']);
    const summary = r.indicators[0]?.summary ?? '';
    expect(summary).toMatch(/^quantization tables equal IJG quality 90 scaled tables \(libjpeg family/);
    expect(summary).toMatch(/4:4:4/);
    expect(summary).not.toMatch(/forged|fake|genuine/i);
    expect(r.quality.overall?.quality).toBe(90);
    expect(r.encoder?.caveat).toMatch(/not one program/);
    expect(r.metrics).toMatchObject({ estimatedQuality: 90, exactIjg: true });
  });

  it('flags tables equal to an editor reference as editor-tables', async () => {
    const editor = jpegSignatures().find((e) => e.family === 'editor' && e.chroma !== null);
    expect(editor, 'the reference set has editor tables (built from the corpus)').toBeDefined();
    if (!editor || !editor.chroma) return;
    const r = analyseJpegStructure(replaceQuantTables(await makeJpeg({ quality: 80 }), editor.luma, editor.chroma));
    const found = r.indicators.find((i) => i.kind === 'jpeg.structure.editor-tables');
    expect(found?.severity).toBe('notice');
    expect(found?.summary).toContain(editor.label);
    expect(found?.attributes).toMatchObject({ family: 'editor', source: editor.source });
  });

  it('reports tables that match no reference as non-standard, with the nearest one', async () => {
    const luma = Array.from({ length: 64 }, (_, i) => 3 + ((i * 7) % 23));
    const chroma = Array.from({ length: 64 }, (_, i) => 5 + ((i * 11) % 31));
    const r = analyseJpegStructure(replaceQuantTables(await makeJpeg({ quality: 80 }), luma, chroma));
    const found = r.indicators.find((i) => i.kind === 'jpeg.structure.non-standard-tables');
    expect(found?.summary).toMatch(/not IJG-scaled .* equal none of \d+ reference pairs \(nearest: /);
    expect(found?.score).toBeGreaterThan(0);
    expect(found?.score).toBeLessThanOrEqual(1);
    expect(r.encoder?.exact).toEqual([]);
  });

  it('reports trailing data and a missing EOI', async () => {
    const jpeg = await makeJpeg({ quality: 80 });
    const trailing = analyseJpegStructure(concat(jpeg, new TextEncoder().encode('appended text')));
    const t = trailing.indicators.find((i) => i.kind === 'jpeg.structure.trailing-data');
    expect(t).toMatchObject({ severity: 'notice', score: 1, attributes: { trailingBytes: 13, trailer: 'other', offset: jpeg.length } });
    const cut = analyseJpegStructure(jpeg.subarray(0, jpeg.length - 40));
    expect(kinds(cut)).toContain('jpeg.structure.missing-eoi');
    expect(kinds(cut)).not.toContain('jpeg.structure.trailing-data');
  });

  it('throws JpegStructureError for bytes that are not a JPEG', () => {
    expect(() => analyseJpegStructure(new TextEncoder().encode('%PDF-1.7 not an image'))).toThrow(JpegStructureError);
  });
});
