import { describe, expect, it } from 'vitest';
import { asItemId, HANDLING_CODES, INFORMATION_ACCURACIES, SOURCE_RELIABILITIES } from '../../../../native/engine/contract';
import { ACCURACY_MEANING, exportFormProblems, exportRequestOf, HANDLING_MEANING, passphraseOf, RELIABILITY_MEANING, type ExportFormState } from './export-package-form';

const base: ExportFormState = {
  scope: 'case',
  selectedItemIds: [],
  tags: [],
  levels: [],
  handling: 'H1',
  sourceReliability: 'B',
  informationAccuracy: 2,
  authorization: '  Head of unit, order 12/2026 ',
  requestedAction: '',
  organisation: ' Border Police ',
  languages: ['en', 'sr-Latn'],
  zip: true,
  outDir: '/tmp/out',
  passphrase: 'secret passphrase',
  repeat: '',
};
const existing = { exists: true, minPassphraseLength: 12, stored: false };

describe('export form', () => {
  it('explains every cover-note code', () => {
    for (const code of HANDLING_CODES) expect(HANDLING_MEANING[code]).toMatch(/\w{4}/);
    for (const code of SOURCE_RELIABILITIES) expect(RELIABILITY_MEANING[code]).toMatch(/\w{4}/);
    for (const code of INFORMATION_ACCURACIES) expect(ACCURACY_MEANING[code]).toMatch(/\w{4}/);
  });

  it('makes the request: whole case has no scope, text trimmed, empty optional fields null', () => {
    expect(exportFormProblems(base, existing)).toEqual([]);
    const request = exportRequestOf(base);
    expect(request.scope).toBeUndefined();
    expect(request.coverNote).toEqual({ handling: 'H1', sourceReliability: 'B', informationAccuracy: 2, authorization: 'Head of unit, order 12/2026', requestedAction: null });
    expect(request.organisation).toBe('Border Police');
    expect(request).toMatchObject({ outDir: '/tmp/out', zip: true, languages: ['en', 'sr-Latn'] });
  });

  it('scopes to the grid selection, tags or levels, and refuses an empty one', () => {
    const ids = [asItemId(3), asItemId(9)];
    expect(exportRequestOf({ ...base, scope: 'selection', selectedItemIds: ids }).scope).toEqual({ itemIds: [3, 9] });
    expect(exportRequestOf({ ...base, scope: 'tags', tags: ['seized'] }).scope).toEqual({ tags: ['seized'] });
    expect(exportRequestOf({ ...base, scope: 'levels', levels: ['review'] }).scope).toEqual({ levels: ['review'] });
    expect(exportFormProblems({ ...base, scope: 'selection' }, existing)).toEqual(['No items are selected in the grid.']);
    expect(exportFormProblems({ ...base, scope: 'tags' }, existing)).toEqual(['Choose at least one tag.']);
    expect(exportFormProblems({ ...base, scope: 'levels' }, existing)).toEqual(['Choose at least one assessment level.']);
  });

  it('requires authorization, a folder, distinct languages and a passphrase', () => {
    const problems = exportFormProblems({ ...base, authorization: ' ', outDir: null, languages: ['en', 'en'], passphrase: '' }, existing);
    expect(problems).toEqual([
      'Say who authorised the release (authorization).',
      'The two report languages must differ.',
      'Choose the output folder.',
      'Enter the unit key passphrase.',
    ]);
    expect(() => exportRequestOf({ ...base, outDir: null })).toThrow(/output folder/);
  });

  it('asks a new key’s passphrase twice and long enough; a kept passphrase may be left out', () => {
    const fresh = { exists: false, minPassphraseLength: 12, stored: false };
    expect(exportFormProblems({ ...base, passphrase: 'short' }, fresh)).toEqual(['The new key’s passphrase needs at least 12 characters.']);
    expect(exportFormProblems({ ...base, repeat: 'secret passphrasx' }, fresh)).toEqual(['The two passphrases differ.']);
    expect(exportFormProblems({ ...base, repeat: base.passphrase }, fresh)).toEqual([]);
    const stored = { ...existing, stored: true };
    expect(exportFormProblems({ ...base, passphrase: '' }, stored)).toEqual([]);
    expect(passphraseOf({ ...base, passphrase: '' }, stored)).toBeNull();
    expect(passphraseOf(base, stored)).toBe('secret passphrase');
    expect(exportFormProblems(base, null)).toEqual(['Reading the unit key…']);
  });
});
