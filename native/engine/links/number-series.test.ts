import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_GAP, findNumberSeries, parseDocumentNumber, seriesStrength, type SeriesDocument } from './number-series';

describe('parseDocumentNumber', () => {
  it('splits prefix, digits and suffix', () => {
    expect(parseDocumentNumber('RP5100231')).toMatchObject({ prefix: 'RP', digits: '5100231', value: 5100231, width: 7, suffix: '' });
    expect(parseDocumentNumber('rp 510-0231')).toMatchObject({ normalized: 'RP5100231', prefix: 'RP', width: 7 });
    expect(parseDocumentNumber('000123')).toMatchObject({ prefix: '', value: 123, width: 6 });
    expect(parseDocumentNumber('AB12C3456')).toMatchObject({ prefix: 'AB12C', digits: '3456' });
    expect(parseDocumentNumber('12345678Z')).toMatchObject({ prefix: '', digits: '12345678', suffix: 'Z' });
  });
  it('refuses numbers without digits, with other characters or beyond 15 digits', () => {
    expect(parseDocumentNumber('ABC')).toBeNull();
    expect(parseDocumentNumber('RP/5100231')).toBeNull();
    expect(parseDocumentNumber('1234567890123456')).toBeNull();
    expect(parseDocumentNumber('')).toBeNull();
  });
});

describe('seriesStrength', () => {
  it('grows with run length and falls with missing steps', () => {
    expect(seriesStrength(2, 0, 10)).toBe(0.5);
    expect(seriesStrength(7, 0, 10)).toBe(1);
    expect(seriesStrength(50, 0, 10)).toBe(1);
    expect(seriesStrength(5, 4, 10)).toBe(0.64);
    expect(seriesStrength(7, 10, 10)).toBe(0.5);
  });
});

describe('findNumberSeries on a case with known runs and gaps', () => {
  const t = (documentId: string, number: string): SeriesDocument => ({ documentId, number, templateId: 'SRB-RP-2019', issuingState: 'SRB' });
  const docs: SeriesDocument[] = [
    t('a1', 'RP5100231'), t('a2', 'RP5100232'), t('a3', 'RP5100233'), t('a4', 'RP5100235'), t('a5', 'RP5100240'), t('a1b', 'RP 510 0231'),
    t('iso', 'RP5100300'),
    t('b1', 'RP5101000'), t('b2', 'RP5101010'), t('b3', 'RP5101020'), t('b4', 'RP5101030'),
    t('c1', 'RP5102000'), t('c2', 'RP5102002'), t('c3', 'RP5102004'), t('c4', 'RP5102008'),
    t('w8', 'RP05100234'), // width 8: another series
    { documentId: 's1', number: 'RP5100234', issuingState: 'SRB' }, // no template: issuing-state series, does not fill a gap
    t('out', 'RP5200000'), t('bad', 'X-1234'), t('none', 'ABC'),
  ];
  const result = findNumberSeries([...docs].reverse(), { rules: [{ templateId: 'SRB-RP-2019', pattern: '^RP[0-9]{7}$', issued: { first: 'RP5100000', last: 'RP5109999' }, source: 'test range' }] });
  const runOf = (first: string) => result.runs.find((r) => r.first === first);

  it('finds the near-consecutive run with its two gaps', () => {
    const run = runOf('RP5100231');
    expect(run?.pattern).toBe('near-consecutive');
    expect(run?.members.map((m) => m.number)).toEqual(['RP5100231', 'RP5100232', 'RP5100233', 'RP5100235', 'RP5100240']);
    expect(run?.members[0]?.documentIds).toEqual(['a1', 'a1b']);
    expect(run?.gaps.map((g) => [g.missingFrom, g.missingTo, g.missingNumbers])).toEqual([['RP5100234', 'RP5100234', 1], ['RP5100236', 'RP5100239', 4]]);
  });
  it('finds every-10th and every-2nd strides', () => {
    expect(runOf('RP5101000')).toMatchObject({ pattern: 'stride', stride: 10, last: 'RP5101030', gaps: [] });
    const c = runOf('RP5102000');
    expect(c).toMatchObject({ pattern: 'stride', stride: 2, last: 'RP5102008' });
    expect(c?.gaps).toEqual([expect.objectContaining({ missingFrom: 'RP5102006', missingTo: 'RP5102006', missingSteps: 1, missingNumbers: 3 })]);
  });
  it('keeps isolated numbers, other widths and other scopes out of runs', () => {
    expect(result.runs).toHaveLength(3);
    const inRuns = new Set(result.runs.flatMap((r) => r.members.flatMap((m) => m.documentIds)));
    for (const id of ['iso', 'w8', 's1', 'out']) expect(inRuns.has(id), id).toBe(false);
    expect(result.summaries.map((s) => [s.scope.kind, s.prefix, s.width, s.documents]).sort()).toEqual([
      ['issuing-state', 'RP', 7, 1], ['template', 'RP', 7, 16], ['template', 'RP', 8, 1], ['template', 'X', 4, 1],
    ].sort());
    const main = result.summaries.find((s) => s.scope.kind === 'template' && s.width === 7);
    expect(main).toMatchObject({ distinctNumbers: 15, runs: 3, numbersInRuns: 13, longestRun: 5, lowest: 'RP5100231', highest: 'RP5200000' });
    expect(main?.duplicates.map((d) => d.documentIds)).toEqual([['a1', 'a1b']]);
    expect(result.unparsed).toEqual([{ documentId: 'none', number: 'ABC' }]);
  });
  it('links neighbours of each run with evidence', () => {
    expect(result.links).toHaveLength(4 + 3 + 3);
    const gapLink = result.links.find((l) => l.from.id === 'a4');
    expect(gapLink).toMatchObject({ kind: 'number-series', from: { type: 'document', id: 'a4' }, to: { type: 'document', id: 'a5' }, strength: seriesStrength(5, 4, DEFAULT_MAX_GAP) });
    expect(gapLink?.evidence).toMatchObject({ numbers: ['RP5100235', 'RP5100240'], missingNumbers: 4, run: { length: 5, gaps: 2, missingTotal: 5, largestGap: 4 } });
    expect(gapLink?.summary).toBe("RP5100235 and RP5100240 are neighbours in a near-consecutive run of 5 numbers RP5100231–RP5100240 (template SRB-RP-2019, prefix 'RP', 7 digits); 4 numbers between them not in the case.");
    expect(result.links.find((l) => l.from.id === 'b1')?.strength).toBe(0.7); // 4 numbers, no missing step
  });
  it('flags numbers outside the pattern and the issued range', () => {
    expect(result.flags.map((f) => [f.documentId, f.reason])).toEqual(expect.arrayContaining([['out', 'outside-issued-range'], ['bad', 'pattern-mismatch'], ['bad', 'outside-issued-range'], ['w8', 'pattern-mismatch'], ['w8', 'outside-issued-range'], ['none', 'pattern-mismatch']]));
    expect(result.flags.find((f) => f.documentId === 'out')?.detail).toBe('RP5200000 is 90001 above the issued range RP5100000..RP5109999 (test range)');
    expect(result.flags.some((f) => f.documentId === 's1')).toBe(false); // rule is for the template only
    expect(result.flags).toHaveLength(7); // the 6 above + 'none' outside the range
  });
  it('cuts runs at maxGap', () => {
    const tight = findNumberSeries(docs, { maxGap: 1 });
    expect(tight.runs.find((r) => r.first === 'RP5100231')?.last).toBe('RP5100235');
    expect(tight.runs.find((r) => r.first === 'RP5101000')).toBeUndefined();
  });
  it('rejects invalid rules and options with a clear error', () => {
    expect(() => findNumberSeries(docs, { rules: [{ templateId: 'T', pattern: '^RP[' }] })).toThrow(/series rule 1 \(T\): pattern '\^RP\[' is not a valid regular expression/);
    expect(() => findNumberSeries(docs, { rules: [{ templateId: 'T', issued: { first: 'RP2', last: 'RP1' } }] })).toThrow(/starts after it ends/);
    expect(() => findNumberSeries(docs, { rules: [{ templateId: 'T', issued: { first: 'RP1', last: 'XX9' } }] })).toThrow(/differ in prefix or width/);
    expect(() => findNumberSeries(docs, { maxGap: -1 })).toThrow(/maxGap/);
  });
});

/** Deterministic PRNG (mulberry32) so the synthetic case is the same on every run. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

describe('findNumberSeries on 50,000 synthetic numbers (shuffled)', () => {
  it('recovers every planted run, gap and singleton', () => {
    const random = rng(6);
    const docs: SeriesDocument[] = [];
    const truth = new Map<string, { length: number; last: string; gaps: number[] }>();
    let singletons = 0;
    const lengths = [2, 3, 5, 8, 13, 21, 34, 55];
    for (let template = 0; docs.length < 50_000; template++) {
      let value = 1_000_000;
      for (let r = 0; r < 60 && docs.length < 50_000; r++) {
        const length = lengths[r % lengths.length] ?? 2;
        const first = value;
        const gaps: number[] = [];
        for (let k = 0; k < length; k++) {
          if (k > 0) {
            // the first step is always 1, so every run has stride 1 and its gaps are exactly the planted ones
            const missing = k > 1 && random() < 0.2 ? 1 + Math.floor(random() * DEFAULT_MAX_GAP) : 0; // 1..maxGap missing
            if (missing > 0) gaps.push(missing);
            value += 1 + missing;
          }
          docs.push({ documentId: `t${template}-${value}`, number: `RP${value}`, templateId: `T${template}` });
        }
        truth.set(`T${template}|RP${first}`, { length, last: `RP${value}`, gaps });
        value += DEFAULT_MAX_GAP + 2 + Math.floor(random() * 500); // beyond maxGap: a new run starts
        docs.push({ documentId: `t${template}-single-${value}`, number: `RP${value}`, templateId: `T${template}` });
        singletons++;
        value += DEFAULT_MAX_GAP + 2 + Math.floor(random() * 500);
      }
    }
    for (let i = docs.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [docs[i], docs[j]] = [docs[j] as SeriesDocument, docs[i] as SeriesDocument];
    }
    const result = findNumberSeries(docs);
    expect(result.runs).toHaveLength(truth.size);
    for (const run of result.runs) {
      const planted = truth.get(`${run.scope.id ?? ''}|${run.first}`);
      expect(planted, run.id).toBeDefined();
      expect([run.members.length, run.last, run.gaps.map((g) => g.missingNumbers)]).toEqual([planted?.length, planted?.last, planted?.gaps]);
    }
    const plantedInRuns = [...truth.values()].reduce((s, r) => s + r.length, 0);
    expect(plantedInRuns + singletons).toBe(docs.length);
    expect(result.links).toHaveLength(plantedInRuns - truth.size);
    expect(result.summaries.reduce((s, x) => s + x.numbersInRuns, 0)).toBe(plantedInRuns);
  });
});
