import { describe, expect, it } from 'vitest';
import { readMrz } from '../../domain/mrz';
import type { ReadLine } from '../../domain/mrz/types';
import type { CheckedDocument } from './check-image';
import { documentFindings } from './document-findings';

const TD1 = ['I<UTOD231458907<<<<<<<<<<<<<<<', '7408122F1204159UTO<<<<<<<<<<<6', 'ERIKSSON<<ANNA<MARIA<<<<<<<<<<'];

function checked(lines: readonly string[], readConfidence: number): CheckedDocument {
  const read: ReadLine[] = lines.map((line) => ({ chars: [...line].map((char) => ({ candidates: [{ char, score: 0.99 }] })) }));
  const mrz = readMrz(read);
  return {
    quad: [[0, 0], [1, 0], [1, 1], [0, 1]],
    sizeClass: 'ID1',
    side: 'back',
    method: 'edges',
    confidence: 0.9,
    confidenceParts: {},
    rectified: { width: 1, height: 1, data: new Uint8Array(3) },
    reading: { lines: read, confidence: readConfidence },
    mrz,
    plausibility: [],
  };
}

describe('document findings', () => {
  it('reports a failing check digit with both digits and the reader confidence, high when well read', () => {
    const findings = documentFindings(checked([TD1[0]!, '7408132F1204159UTO<<<<<<<<<<<6', TD1[2]!], 0.97));
    const birth = findings.find((f) => f.kind === 'mrz.check-digit' && f.field === 'birthDate')!;
    expect(birth).toMatchObject({ severity: 'high', attributes: { expected: '3', found: '2', line: 1, column: 6 } });
    expect(birth.explanation).toMatch(/computed 3 .* 2 printed/);
  });

  it('downgrades a failing digit and flags a weak reading even when every digit holds', () => {
    const failing = documentFindings(checked([TD1[0]!, '7408132F1204159UTO<<<<<<<<<<<6', TD1[2]!], 0.6));
    expect(failing.find((f) => f.kind === 'mrz.check-digit')).toMatchObject({ severity: 'low' });
    expect(failing.find((f) => f.kind === 'mrz.check-digit')!.explanation).toMatch(/re-read by eye/);
    const weak = documentFindings(checked(TD1, 0.6));
    expect(weak.map((f) => f.kind)).toContain('mrz.read-confidence.low');
    expect(documentFindings(checked(TD1, 0.97)).map((f) => f.kind)).not.toContain('mrz.read-confidence.low');
  });
});
