import { describe, expect, it } from 'vitest';
import { EN } from './en';
import { ALIASES, DEFAULT_LANGUAGES, LANGUAGE_TABLES, labelsFor, tableOf, type LabelKey } from './labels';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('report language tables', () => {
  it('give every key of the English table, non-empty, with the same placeholders', () => {
    const keys = Object.keys(EN) as LabelKey[];
    expect(keys.length).toBeGreaterThan(150);
    for (const [code, table] of Object.entries(LANGUAGE_TABLES)) {
      expect(Object.keys(table).sort(), code).toEqual([...keys].sort());
      for (const key of keys) {
        expect(table[key].trim(), `${code} ${key}`).not.toBe('');
        expect(placeholders(table[key]), `${code} ${key}`).toEqual(placeholders(EN[key]));
      }
    }
  });

  it('translate the Montenegrin / Serbian Latin table rather than copy English, with its letters', () => {
    const sr = tableOf('sr-Latn');
    const keys = Object.keys(EN) as LabelKey[];
    const same = keys.filter((k) => sr[k] === EN[k]);
    // Codes and names that read the same in both (SHA-256, IMEI, MRZ, Status) stay few.
    expect(same.length).toBeLessThan(8);
    expect(keys.map((k) => sr[k]).join(' ')).toMatch(/č/);
    for (const letter of ['ć', 'đ', 'š', 'ž']) expect(keys.map((k) => sr[k]).join(' ')).toContain(letter);
  });

  it('show a label in both default languages, once when they read the same', () => {
    expect(DEFAULT_LANGUAGES).toEqual(['en', 'sr-Latn']);
    const L = labelsFor(DEFAULT_LANGUAGES);
    expect(L('exhibit.label')).toBe('Exhibit / Dokaz');
    expect(L('hashes.sha256')).toBe('SHA-256');
    expect(L('report.page', { page: 3, pages: 9 })).toBe('page 3 of 9 / strana 3 od 9');
    expect(L.each('limitations.demo')).toHaveLength(2);
  });

  it('serve Montenegrin (cnr) from the Serbian Latin table and refuse unknown or repeated codes', () => {
    expect(ALIASES['cnr']).toBe('sr-Latn');
    expect(labelsFor(['cnr', 'en'])('exhibit.label')).toBe('Dokaz / Exhibit');
    expect(() => labelsFor(['en', 'de'])).toThrow(/no labels in language "de"/);
    expect(() => labelsFor(['en', 'en'])).toThrow(/twice/);
    expect(() => labelsFor([])).toThrow(/one to three/);
  });
});
