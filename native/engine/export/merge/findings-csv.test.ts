import { describe, expect, it } from 'vitest';
import { parseFindingsCsv } from './findings-csv';

const HEADER = 'finding_id,item_id,item,sha256,document_id,analyser,version,kind,severity,score,zone,summary';

describe('parseFindingsCsv', () => {
  it('reads rows, numbers and empty cells, and undoes the spreadsheet formula guard', () => {
    const csv = `${HEADER}\r\n12,3,"a,b.jpg",${'A'.repeat(64)},,ela,1.2.0,ela-region,review,0.75,,"'=HYPERLINK(""x"")"\r\n13,3,x.jpg,,5,mrz,2.0.0,mrz-check,high,,number,"plain ""quoted"""\r\n`;
    expect(parseFindingsCsv(csv)).toEqual([
      { findingId: '12', sha256: 'a'.repeat(64), analyser: 'ela', version: '1.2.0', kind: 'ela-region', severity: 'review', score: 0.75, zone: null, summary: '=HYPERLINK("x")' },
      { findingId: '13', sha256: null, analyser: 'mrz', version: '2.0.0', kind: 'mrz-check', severity: 'high', score: null, zone: 'number', summary: 'plain "quoted"' },
    ]);
  });

  it('keeps a leading apostrophe that is not a guard', () => {
    expect(parseFindingsCsv(`${HEADER}\n1,1,a,,,x,1,k,low,1,,'quoted'\n`)[0]!.summary).toBe("'quoted'");
  });

  it('refuses a file without the columns it needs', () => {
    expect(() => parseFindingsCsv('finding_id,item\n1,a\n')).toThrow(/no column "sha256"/);
  });

  it('reads an empty report as no findings', () => {
    expect(parseFindingsCsv(`${HEADER}\r\n`)).toEqual([]);
  });
});
