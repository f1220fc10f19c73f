import { describe, expect, it } from 'vitest';
import type { FindingView, ForensicMapView, Severity } from '../../../../native/engine/contract';
import { formatScore, formatValue, fusionReasons, mapLabel, orderFindings, orderMaps } from './forensics-view';

const provenance = (analyserId: string) => ({ analyserId, analyserVersion: '1.0.0', parameters: {}, resources: {}, inputSha256: 'ab'.repeat(32), startedAt: '', finishedAt: '' });

function finding(id: number, analyserId: string, severity: Severity, confidence: number | null, attributes: Record<string, unknown> = {}): FindingView {
  return { id, kind: 'k', severity, confidence, field: null, region: null, space: 'item', explanation: '', attributes, provenance: provenance(analyserId) };
}

function map(artifactId: number, analyserId: string, name: string): ForensicMapView {
  return { artifactId, analyserId, name, width: 1, height: 1, cellSize: 8, unit: '', range: [0, 1], higherIsSuspicious: true, orientation: 1, imageWidth: 8, imageHeight: 8 };
}

describe('fusionReasons', () => {
  it('reads well-formed reasons of the fusion finding, largest contribution first', () => {
    const reasons = [
      { kernelId: 'jpeg-structure', score: 0.5, weight: 1, contribution: 0.5 },
      { kernelId: 'ela', score: 0.8, weight: 2, contribution: 1.6 },
      { kernelId: 'broken', score: 'high' },
      null,
    ];
    const found = fusionReasons([finding(1, 'forensics.ela', 'low', 0.8, { reasons: [{ kernelId: 'x', score: 1, weight: 1, contribution: 1 }] }), finding(2, 'forensics.fusion', 'medium', 0.7, { reasons })]);
    expect(found.map((r) => r.kernelId)).toEqual(['ela', 'jpeg-structure']);
    expect(found[0]).toEqual({ kernelId: 'ela', score: 0.8, weight: 2, contribution: 1.6 });
  });

  it('is empty without a fusion finding', () => {
    expect(fusionReasons([finding(1, 'forensics.ela', 'low', 0.8)])).toEqual([]);
  });
});

describe('maps and findings', () => {
  it('puts the fused map first and labels maps "analyser — map"', () => {
    const ordered = orderMaps([map(1, 'forensics.ela', 'ela'), map(2, 'forensics.fusion', 'fused'), map(3, 'forensics.other', 'other')]);
    expect(ordered.map((m) => m.artifactId)).toEqual([2, 1, 3]);
    expect(mapLabel(ordered[1]!, new Map([['forensics.ela', 'Error level analysis']]))).toBe('Error level analysis — ela');
    expect(mapLabel(ordered[2]!, new Map())).toBe('forensics.other — other');
  });

  it('orders findings by severity, then score', () => {
    const ordered = orderFindings([finding(1, 'a', 'info', 0.9), finding(2, 'a', 'medium', 0.2), finding(3, 'a', 'medium', 0.6), finding(4, 'a', 'low', null)]);
    expect(ordered.map((f) => f.id)).toEqual([3, 2, 4, 1]);
  });

  it('formats scores and values', () => {
    expect(formatScore(0.73456)).toBe('0.73');
    expect(formatScore(null)).toBe('—');
    expect(formatValue(0.123456, [0, 1])).toBe('0.12');
    expect(formatValue(12.345, [0, 40])).toBe('12.3');
    expect(formatValue(123.4, [0, 400])).toBe('123');
  });
});
