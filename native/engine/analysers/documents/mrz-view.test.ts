import { describe, expect, it } from 'vitest';
import { readMrz } from '../../domain/mrz';
import { mrzView } from './mrz-view';

const TD1 = ['I<UTOD231458907<<<<<<<<<<<<<<<', '7408122F1204159UTO<<<<<<<<<<<6', 'ERIKSSON<<ANNA<MARIA<<<<<<<<<<'];

describe('MRZ view', () => {
  it('marks nothing on a valid MRZ and keeps every character', () => {
    const view = mrzView(readMrz(TD1), null);
    expect(view.valid).toBe(true);
    expect(view.chars).toHaveLength(90);
    expect(view.chars.every((c) => c.state === 'ok' && c.box === null)).toBe(true);
    expect(view.fields.find((f) => f.name === 'birthDate')).toMatchObject({ raw: '740812', status: 'valid', line: 1, start: 0, end: 6 });
  });

  it('marks the field and the check digit that fail, and nothing else', () => {
    const forged = [TD1[0]!, '7408132F1204159UTO<<<<<<<<<<<6', TD1[2]!]; // birth date altered, check digit kept
    const view = mrzView(readMrz(forged), null);
    expect(view.valid).toBe(false);
    const failing = view.chars.filter((c) => c.state === 'failing').map((c) => `${c.line}:${c.column}`);
    // Birth date (line 2, columns 1-6) and its check digit (column 7) fail; the composite (line 2, col 30) too.
    expect(failing).toEqual(expect.arrayContaining(['1:0', '1:5', '1:6', '1:29']));
    expect(failing).not.toContain('1:8'); // expiry date is fine
    expect(view.checks.find((c) => c.name === 'birthDate')).toMatchObject({ valid: false, found: '2' });
  });

  it('marks a corrected character and carries reader cells', () => {
    const misread = [TD1[0]!, '74O8122F1204159UTO<<<<<<<<<<<6', TD1[2]!];
    const lines = misread.map((line, l) => ({
      chars: [...line].map((char, c) => ({ candidates: [{ char, score: l === 1 && c === 2 ? 0.6 : 0.99 }], box: { x: c * 30, y: l * 40, width: 30, height: 36 } })),
    }));
    const view = mrzView(readMrz(lines), lines);
    expect(view.lines[1]).toBe('7408122F1204159UTO<<<<<<<<<<<6');
    const fixed = view.chars.find((c) => c.line === 1 && c.column === 2)!;
    expect(fixed).toMatchObject({ char: '0', state: 'corrected', box: { x: 60, y: 40 } });
    expect(view.corrections[0]).toMatchObject({ line: 1, column: 2, from: 'O', to: '0' });
  });
});
