import { describe, expect, it } from 'vitest';
import { assignDatesByOrder, asDocumentNumber, findDates, normalizeSex } from './field-patterns';
import { zoneRectangle } from './zones';

describe('field patterns', () => {
  it('reads day-first and ISO dates and rejects impossible ones', () => {
    expect(findDates('12.03.1985. / 1990-02-01 / 5/6/2021 / 31.02.2020 / 12.03.85').map((d) => d.iso)).toEqual(['1985-03-12', '1990-02-01', '2021-06-05']);
  });

  it('normalises sex markers in Latin and Cyrillic', () => {
    expect(['M', 'Ž/F', 'Ж', 'М', 'F', 'X', '?'].map(normalizeSex)).toEqual(['M', 'F', 'F', 'M', 'F', 'X', null]);
  });

  it('recognises document-number shapes', () => {
    expect(asDocumentNumber('009876543')).toBe('009876543');
    expect(asDocumentNumber('ab 1234567')).toBe('AB1234567');
    expect(asDocumentNumber('UTOPIA')).toBeNull();
    expect(asDocumentNumber('21.07.1978')).toBeNull();
  });

  it('assigns unlabelled dates by chronological order only when that is unambiguous', () => {
    expect(Object.fromEntries(assignDatesByOrder({}, ['2031-06-05', '1985-03-12', '2021-06-05']))).toEqual({
      dateOfBirth: '1985-03-12',
      dateOfIssue: '2021-06-05',
      dateOfExpiry: '2031-06-05',
    });
    expect(Object.fromEntries(assignDatesByOrder({ dateOfBirth: '1985-03-12', dateOfIssue: '2021-06-05' }, ['2031-06-05']))).toEqual({ dateOfExpiry: '2031-06-05' });
    // An expiry before the labelled issue date contradicts the order: nothing is assigned.
    expect(assignDatesByOrder({ dateOfBirth: '1985-03-12', dateOfIssue: '2021-06-05' }, ['2001-01-01']).size).toBe(0);
    expect(assignDatesByOrder({}, ['2021-06-05', '2031-06-05']).size).toBe(0);
  });

  it('turns fractional zones into clamped pixel rectangles', () => {
    expect(zoneRectangle({ field: 'surname', box: [0.3, 0.2, 0.5, 0.1] }, 1000, 600)).toEqual({ x: 300, y: 120, width: 500, height: 60 });
    expect(zoneRectangle({ field: 'surname', box: [0.9, 0.9, 0.5, 0.5] }, 1000, 600)).toEqual({ x: 900, y: 540, width: 100, height: 60 });
    expect(() => zoneRectangle({ field: 'surname', box: [10, 0, 0.5, 0.1] }, 1000, 600)).toThrow(/fractions/);
  });
});
