/** Tag-file text: folding that reads back exactly, manifest path encoding, and the path rules. */
import { describe, expect, it } from 'vitest';
import { bagPathProblem, decodeManifestPath, encodeManifestPath } from './paths';
import { formatBagInfo, parseManifestLine, parseTagFile } from './tag-text';

describe('bag-info folding', () => {
  it('folds long values at single spaces into lines of at most 79 characters and reads them back exactly', () => {
    const fields = [
      { label: 'Authorization', value: Array.from({ length: 40 }, (_, i) => `word${i}`).join(' ') },
      { label: 'Internal-Sender-Description', value: 'a  double  spaced  value that is long enough to need folding somewhere in it, surely' },
      { label: 'External-Description', value: 'x'.repeat(120) },
      { label: 'Handling-Code', value: 'H2' },
    ];
    const text = formatBagInfo(fields);
    const lines = text.trimEnd().split('\n');
    expect(lines.filter((l) => l.length > 79)).toEqual([`External-Description: ${'x'.repeat(120)}`]);
    expect(lines.filter((l) => l.startsWith(' ')).length).toBeGreaterThan(2);
    expect(parseTagFile(text, 'bag-info.txt')).toEqual({ fields, problems: [] });
  });

  it('refuses values it cannot keep exactly', () => {
    expect(() => formatBagInfo([{ label: 'A', value: 'two\nlines' }])).toThrow(/line break/);
    expect(() => formatBagInfo([{ label: 'A:B', value: 'x' }])).toThrow(/colon/);
    expect(() => formatBagInfo([{ label: 'A', value: ' padded' }])).toThrow(/white space/);
  });
});

describe('manifest paths', () => {
  it('percent-encodes CR, LF and % only, and decodes them back', () => {
    const name = 'data/a%b\r\nc d#é.jpg';
    expect(encodeManifestPath(name)).toBe('data/a%25b%0D%0Ac d#é.jpg');
    expect(decodeManifestPath(encodeManifestPath(name))).toBe(name);
    expect(parseManifestLine(`${'a'.repeat(64)}  ${encodeManifestPath(name)}`, 64)).toEqual({ checksum: 'a'.repeat(64), path: name });
    expect(parseManifestLine(`${'a'.repeat(63)}  data/x`, 64)).toMatch(/63 hex digits/);
  });

  it('names what is wrong with a path', () => {
    expect(bagPathProblem('data/ok/file.jpg')).toBeNull();
    expect(bagPathProblem('/abs')).toMatch(/absolute/);
    expect(bagPathProblem('C:/x')).toMatch(/absolute/);
    expect(bagPathProblem('data/../x')).toMatch(/escapes/);
    expect(bagPathProblem('data//x')).toMatch(/empty/);
    expect(bagPathProblem('data/x\u0000')).toMatch(/NUL/);
  });
});
