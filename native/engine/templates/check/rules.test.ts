import { describe, expect, it } from 'vitest';
import type { MrzView } from '../../contract';
import type { Template } from '../template';
import { dateRuleIndicators, formatIndicators, ocrTrust, vizMrzIndicators } from './rules';
import { normalizeZoneText, type TextZone, type ZoneReading } from './zone-text';

const zones: TextZone[] = [
  { id: 'docno', kind: 'text', field: 'documentNumber', box: [0.7, 0.1, 0.2, 0.05], pattern: '^RP[0-9]{7}$' },
  { id: 'issue', kind: 'text', field: 'issueDate', box: [0.3, 0.6, 0.2, 0.05], dateFormat: 'DD.MM.YYYY' },
  { id: 'surname', kind: 'text', field: 'surname', box: [0.3, 0.2, 0.4, 0.05] },
];
const read = (zoneId: string, field: TextZone['field'], text: string, confidence = 95): ZoneReading => ({ zoneId, field, text, normalized: normalizeZoneText(field, text), confidence });
const template = { rules: { maxValidityYears: 5 } } as unknown as Template;

/** Just the MRZ fields the rules read. */
function mrz(fields: Record<string, { raw: string; text?: string; status?: string }>): MrzView {
  return {
    format: 'TD1',
    valid: true,
    lines: [],
    rawLines: [],
    fields: Object.entries(fields).map(([name, f]) => ({ name, raw: f.raw, text: f.text ?? f.raw.replace(/</g, ' ').trim(), status: (f.status ?? 'valid') as 'valid', line: 0, start: 0, end: 0 })),
    checks: [],
    corrections: [],
    chars: [],
  };
}

describe('template field formats', () => {
  it('flags a printed number outside the pattern and a date in another form; passes conforming ones', () => {
    const bad = formatIndicators(zones, [read('docno', 'documentNumber', 'RX1234567'), read('issue', 'issueDate', '2024-01-01')]);
    expect(bad.map((i) => [i.code, i.zoneId])).toEqual([
      ['template.format.pattern', 'docno'],
      ['template.format.date', 'issue'],
    ]);
    expect(formatIndicators(zones, [read('docno', 'documentNumber', 'RP1234567'), read('issue', 'issueDate', '01.02.2024')])).toEqual([]);
  });

  it('scales deviation by OCR confidence: a low-confidence misread weighs little', () => {
    expect(ocrTrust(95)).toBe(1);
    expect(ocrTrust(40)).toBeCloseTo(0.1);
    const [weak] = formatIndicators(zones, [read('docno', 'documentNumber', 'RX1234567', 40)]);
    expect(weak?.deviation).toBeCloseTo(0.1);
  });
});

describe('VIZ against MRZ by template zone', () => {
  it('flags a printed number that differs from the MRZ, allows the transliterated name', () => {
    const m = mrz({ documentNumber: { raw: 'RP1234567' }, name: { raw: 'PETROVIC<<ANA<<<<<' } });
    const found = vizMrzIndicators([read('docno', 'documentNumber', 'RP1234568'), read('surname', 'surname', 'PETROVIĆ')], m);
    expect(found.map((i) => [i.code, i.zoneId])).toEqual([['viz.mrz-mismatch', 'docno']]);
    expect(found[0]?.summary).toMatch(/disagrees with the MRZ/);
  });
});

describe('single-character readings', () => {
  it('weigh a one-letter disagreement (the sex marker) a third of a full field', () => {
    const m = mrz({ sex: { raw: 'F' } });
    const [one] = vizMrzIndicators([read('sex', 'sex', 'M', 95)], m);
    expect(one?.deviation).toBeCloseTo(1 / 3, 3);
  });
});

describe('date rules with the printed issue date', () => {
  const today = '2026-12-03';
  it('flags validity beyond the template maximum, expiry before issue and birth after issue', () => {
    const tooLong = dateRuleIndicators(template, [read('issue', 'issueDate', '01.01.2024')], mrz({ birthDate: { raw: '900101' }, expiryDate: { raw: '310101' } }), today);
    expect(tooLong.map((i) => i.code)).toEqual(['template.rules.validity-too-long']);
    expect(tooLong[0]?.measured.validityYears).toBeCloseTo(7, 0);
    const reversed = dateRuleIndicators(template, [read('issue', 'issueDate', '01.01.2024')], mrz({ birthDate: { raw: '250101' }, expiryDate: { raw: '230101' } }), today);
    expect(reversed.map((i) => i.code).sort()).toEqual(['template.rules.birth-after-issue', 'template.rules.expiry-before-issue']);
  });

  it('accepts exactly the maximum validity and takes dates from the VIZ when the MRZ has none', () => {
    expect(dateRuleIndicators(template, [read('issue', 'issueDate', '01.01.2024')], mrz({ birthDate: { raw: '900101' }, expiryDate: { raw: '290101' } }), today)).toEqual([]);
    const future = dateRuleIndicators(template, [read('issue', 'issueDate', '01.01.2027'), { ...read('expiry', 'expiryDate', '01.01.2030') }], null, today);
    expect(future.map((i) => i.code)).toEqual(['template.rules.issue-in-future']);
  });
});
