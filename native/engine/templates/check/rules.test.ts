import { describe, expect, it } from 'vitest';
import type { MrzView } from '../../contract';
import type { Template } from '../template';
import { dateRuleIndicators, formatIndicators, nameLineScore, ocrTrust, substitutionTrust, vizMrzIndicators } from './rules';
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

  it('weighs a low-confidence number that differs in many places fully, one or two differing places by confidence', () => {
    const m = mrz({ documentNumber: { raw: 'RP7350172' } });
    // Seven of nine characters changed: not a misreading, whatever the confidence.
    const [changed] = vizMrzIndicators([read('docno', 'documentNumber', 'RP9158641', 43)], m);
    expect(changed?.deviation).toBeCloseTo(0.9);
    // One digit off at the same confidence: a likely misreading, kept at the confidence floor.
    const [misread] = vizMrzIndicators([read('docno', 'documentNumber', 'RP7350178', 43)], m);
    expect(misread?.deviation).toBeCloseTo(0.1);
    expect(substitutionTrust('documentNumber', 'RP9158641', 'RP7350172')).toBe(0.9);
    expect(substitutionTrust('documentNumber', 'RP91586', 'RP7350172')).toBe(0);
    // Names are not codes: OCR of names drops and merges letters.
    expect(substitutionTrust('surname', 'PETROVA', 'IVANOVA')).toBe(0);
  });

  it('does not weigh a malformed reading by the size of its disagreement', () => {
    const m = mrz({ documentNumber: { raw: 'RP9250511' } });
    // Letters where the pattern wants digits, read at confidence 0: a failed reading, kept at the floor.
    const [garbled] = vizMrzIndicators([read('docno', 'documentNumber', 'RPYESUSTY', 0)], m, zones);
    expect(garbled?.deviation).toBeCloseTo(0.1);
    // A well-formed number that differs in seven places keeps its full weight.
    const [changed] = vizMrzIndicators([read('docno', 'documentNumber', 'RP1837204', 0)], m, zones);
    expect(changed?.deviation).toBeCloseTo(0.9);
  });
});

describe('MRZ name letters read with low scores', () => {
  it('weigh a name disagreement at uncertain MRZ letters little, and say so', () => {
    const line = 'NOVMK<<MILICA<<<<<<<<<<<<<<<<<';
    const base = mrz({ name: { raw: line } });
    const withScores = (score: number): MrzView => ({
      ...base,
      fields: base.fields.map((f) => ({ ...f, line: 2, start: 0, end: 30 })),
      chars: [...line].map((char, column) => ({ line: 2, column, char, score: column === 3 ? score : 0.99, box: null, state: 'ok' as const })),
    });
    const [uncertain] = vizMrzIndicators([read('surname', 'surname', 'NOVAK')], withScores(0.27));
    expect(uncertain?.deviation).toBeCloseTo(0.15);
    expect(uncertain?.summary).toMatch(/MRZ letters that differ were read with low scores \(M 0\.27\)/);
    // The same letter read confidently: a real disagreement, at full weight.
    const [confident] = vizMrzIndicators([read('surname', 'surname', 'NOVAK')], withScores(0.98));
    expect(confident?.deviation).toBe(1);
  });

  it('weigh a name disagreement on a poorly read name line little, even where the differing letter scored high', () => {
    // BERISHA read BFRISHA on a scanner capture: F scored 0.93, the line's other letters 0.6-0.98.
    const line = 'BFRISHA<<VESNA<<<<<<<<<<<<<<<<';
    const scores = [0.6, 0.93, 0.98, 0.98, 0.77, 0.81, 0.6, 1, 1, 0.6, 0.86, 0.9, 0.7, 0.8];
    const base = mrz({ name: { raw: line } });
    const view: MrzView = {
      ...base,
      fields: base.fields.map((f) => ({ ...f, line: 2, start: 0, end: 30 })),
      chars: [...line].map((char, column) => ({ line: 2, column, char, score: scores[column] ?? 1, box: null, state: 'ok' as const })),
    };
    expect(nameLineScore(view)).toBeLessThan(0.9);
    const [poor] = vizMrzIndicators([read('surname', 'surname', 'BERISHA')], view);
    expect(poor?.deviation).toBeCloseTo(0.15);
    expect(poor?.summary).toMatch(/name line was read poorly/);
    // The same disagreement on a line read cleanly keeps its weight.
    const clean: MrzView = { ...view, chars: view.chars.map((c) => ({ ...c, score: 1 })) };
    expect(nameLineScore(clean)).toBe(1);
    expect(vizMrzIndicators([read('surname', 'surname', 'BERISHA')], clean)[0]?.deviation).toBe(1);
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

  it('takes the century from the printed birth year when VIZ and MRZ agree on YYMMDD', () => {
    // MRZ 300702 alone reads as 1930 (a birth date is never in the future); the card prints 02.07.2030.
    const mrzOnly = mrz({ birthDate: { raw: '300702' }, expiryDate: { raw: '300124' } });
    const issued = read('issue', 'issueDate', '24.01.2025');
    expect(dateRuleIndicators(template, [issued], mrzOnly, today)).toEqual([]);
    const printed = dateRuleIndicators(template, [issued, read('birth', 'birthDate', '02.07.2030')], mrzOnly, today);
    expect(printed.map((i) => i.code)).toEqual(['template.rules.birth-after-issue']);
    expect(printed[0]?.measured.birth).toBe('2030-07-02');
    // A printed date that disagrees with the MRZ does not replace it (that is the VIZ/MRZ check's finding).
    expect(dateRuleIndicators(template, [issued, read('birth', 'birthDate', '02.07.2031')], mrzOnly, today)).toEqual([]);
  });
});
