import { describe, expect, it } from 'vitest';
import { holderName, mrzChip, mrzDate } from './document-format';

describe('document display helpers', () => {
  it('names the holder surname first and says when nothing was read', () => {
    expect(holderName({ surname: 'ERIKSSON', givenNames: 'ANNA MARIA' })).toBe('ERIKSSON, ANNA MARIA');
    expect(holderName({ surname: 'ERIKSSON', givenNames: null })).toBe('ERIKSSON');
    expect(holderName({ surname: null, givenNames: null })).toBe('Name not read');
  });

  it('shows MRZ dates as written with a day.month reading, never inventing a century', () => {
    expect(mrzDate('740812')).toBe('740812 (12.08.‘74)');
    expect(mrzDate('74O812')).toBe('74O812');
    expect(mrzDate(null)).toBe('—');
  });

  it('reports the MRZ state as facts', () => {
    expect(mrzChip({ mrzFormat: 'TD1', mrzValid: true })).toEqual({ label: 'TD1 · checks hold', tone: 'ok' });
    expect(mrzChip({ mrzFormat: 'TD3', mrzValid: false }).tone).toBe('danger');
    expect(mrzChip({ mrzFormat: null, mrzValid: null }).label).toBe('No MRZ read');
  });
});
