import { describe, expect, it } from 'vitest';
import { NodeIds, uuidV5 } from './ids';

describe('node ids', () => {
  it('are RFC 9562 version-5 UUIDs (the RFC\'s DNS example)', () => {
    expect(uuidV5('6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'www.example.com')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
  });

  it('depend on the case, the kind and the key only, and end with a UUID', () => {
    const a = new NodeIds('0f8fad5b-d9cb-469f-a165-70867728950e');
    const b = new NodeIds('7c9e6679-7425-40de-944b-e07fc1f90ae7');
    expect(a.id('file', 'item', 12)).toBe(a.id('file', 'item', 12));
    expect(a.id('file', 'item', 12)).toMatch(/^kb:file-[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(a.id('file', 'item', 12)).not.toBe(b.id('file', 'item', 12));
    expect(a.id('file', 'item', 12)).not.toBe(a.id('file', 'item', 13));
    expect(a.id('file', 'item', 12).slice(-36)).not.toBe(a.id('hash', 'item', 12).slice(-36));
    // Key parts are separated, so ('a', 'bc') and ('ab', 'c') differ.
    expect(a.id('file', 'a', 'bc')).not.toBe(a.id('file', 'ab', 'c'));
  });

  it('refuse a case id that is not a UUID and kinds that would not read as words', () => {
    expect(() => new NodeIds('case-1')).toThrow(/not a UUID/);
    expect(() => new NodeIds('0f8fad5b-d9cb-469f-a165-70867728950e').id('File Facet')).toThrow(/Bad node kind/);
  });
});
