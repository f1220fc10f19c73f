import { describe, expect, it } from 'vitest';
import type { TemplateSummaryView } from '../../../../native/engine/contract';
import { defaultPackName, exportProblems, folderNameProblem, packFolder, type PackExportForm } from './pack-export-form';

const template = (id: string, version = '1.0.0', status: TemplateSummaryView['trust']['status'] = 'bundled'): TemplateSummaryView => ({
  id,
  version,
  title: id,
  issuingState: 'UTO',
  category: 'residence-permit',
  source: 'bundled',
  trust: { status, signer: null, trustedSigner: false, pack: null, problems: [], warning: null },
  sha256: '0'.repeat(64),
  sides: [{ name: 'front', zones: 3 }],
});

const form = (over: Partial<PackExportForm> = {}): PackExportForm => ({
  templates: [template('uto-rp-2024')],
  parent: '/home/examiner/outbox',
  name: 'pack',
  unsigned: false,
  passphrase: 'correct horse',
  repeat: 'correct horse',
  keyExists: false,
  minPassphraseLength: 8,
  ...over,
});

describe('pack export form', () => {
  it('joins the new folder name to the chosen folder with its own separator', () => {
    expect(packFolder('/home/examiner/outbox', 'pack')).toBe('/home/examiner/outbox/pack');
    expect(packFolder('/', ' pack ')).toBe('/pack');
    expect(packFolder('C:\\Users\\examiner', 'pack')).toBe('C:\\Users\\examiner\\pack');
    expect(packFolder('C:\\', 'pack')).toBe('C:\\pack');
    expect(packFolder('/home/examiner/empty', '')).toBe('/home/examiner/empty');
  });

  it('refuses names that would leave the folder or that Windows cannot hold', () => {
    expect(folderNameProblem('uto-pack')).toBeNull();
    expect(folderNameProblem('')).toBeNull();
    expect(folderNameProblem('../up')).toMatch(/must not contain/);
    expect(folderNameProblem('..')).toMatch(/must not be/);
    expect(folderNameProblem('a:b')).toMatch(/must not contain/);
  });

  it('proposes a name from the one template, or from the date for several', () => {
    const day = new Date('2026-12-03T10:00:00Z');
    expect(defaultPackName([template('uto-rp-2024')], day)).toBe('uto-rp-2024-1.0.0-pack');
    expect(defaultPackName([template('a'), template('b')], day)).toBe('caselens-templates-2026-12-03');
  });

  it('says what stops the export: passphrase length, a differing repeat for a new key, folder, unverified or twice-named templates', () => {
    expect(exportProblems(form())).toEqual([]);
    expect(exportProblems(form({ passphrase: 'short', repeat: 'short' }))).toEqual(['The passphrase needs at least 8 characters.']);
    expect(exportProblems(form({ repeat: 'correct horsE' }))).toEqual(['The two passphrases differ.']);
    // An existing key is opened, not made: no repeat asked.
    expect(exportProblems(form({ keyExists: true, repeat: '' }))).toEqual([]);
    // Unsigned: no passphrase at all.
    expect(exportProblems(form({ unsigned: true, passphrase: '', repeat: '' }))).toEqual([]);
    expect(exportProblems(form({ parent: null }))).toEqual(['Choose where to save the pack.']);
    expect(exportProblems(form({ templates: [] }))).toEqual(['Choose at least one template.']);
    expect(exportProblems(form({ templates: [template('a', '1.0.0'), template('a', '1.1.0'), template('b', '1.0.0', 'invalid')] }))).toEqual([
      'a is chosen in more than one version; a pack holds one version of each template.',
      'b@1.0.0 failed its pack\'s verification and is not exported.',
    ]);
  });
});
