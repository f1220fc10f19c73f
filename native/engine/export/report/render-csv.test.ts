import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { FINDINGS_CSV_COLUMNS, renderFindingsCsv } from './render-csv';
import type { ReportFinding, ReportModel } from './report-model';

const finding = (over: Partial<ReportFinding>): ReportFinding => ({
  id: 1, itemId: 7, itemName: 'a.jpg', sha256: 'a'.repeat(64), documentId: null, analyserId: 'forensics.ela', analyserVersion: '1.0.0',
  kind: 'ela.region', severity: 'medium', score: 0.5, zone: null, summary: 'plain', ...over,
});

describe('findings.csv', () => {
  it('has a header and one parsable row per finding; quotes, commas and line breaks survive; formulas are neutralised', () => {
    const findings = [
      finding({ id: 1, summary: 'says "hello", then\nmore' }),
      finding({ id: 2, itemName: '=HYPERLINK("http://x")', score: null, zone: 'docno', documentId: 3 }),
      finding({ id: 3, itemName: 'Đorđević šćž.jpg', summary: '-1 is not a formula either' }),
    ];
    const csv = renderFindingsCsv({ findings } as unknown as ReportModel);
    expect(csv.startsWith(`${FINDINGS_CSV_COLUMNS.join(',')}\r\n`)).toBe(true);
    const rows = parse(csv, { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(3);
    expect(rows[0]!.summary).toBe('says "hello", then\nmore');
    expect(rows[1]).toMatchObject({ item: `'=HYPERLINK("http://x")`, score: '', zone: 'docno', document_id: '3' });
    expect(rows[2]).toMatchObject({ item: 'Đorđević šćž.jpg', summary: "'-1 is not a formula either", sha256: 'a'.repeat(64) });
  });
});
