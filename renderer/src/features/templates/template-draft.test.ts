import { describe, expect, it } from 'vitest';
import type { MrzView, SpecimenView, TemplateDetailView } from '../../../../native/engine/contract';
import { draftIsValid, patternError, validateDraft } from './draft-validation';
import { buildDefinition, draftFromTemplate, draftInput, emptyDraft, newZone, nextVersion, parseDocumentCodes, prefillFromSpecimen, specimenImage, uniqueZoneId, EMPTY_META } from './template-draft';
import type { DraftZone, TemplateDraft } from './template-draft';

const mrz = (fields: Record<string, string>): MrzView => ({
  format: 'TD1',
  valid: true,
  lines: [],
  rawLines: [],
  fields: Object.entries(fields).map(([name, text]) => ({ name, raw: text, text, status: 'valid', line: 0, start: 0, end: 1 })),
  checks: [],
  corrections: [],
  chars: [],
});

const specimen = (over: Partial<SpecimenView> = {}): SpecimenView => ({
  draftImageId: 'draft-1',
  width: 1012,
  height: 638,
  imageDataUrl: 'data:image/png;base64,AAAA',
  sizeClass: 'ID1',
  mrz: mrz({ documentCode: 'IR', issuingState: 'UTO' }),
  method: 'document-finder',
  ...over,
});

/** A draft the engine should accept: one side, a portrait, a document number with a pattern and an MRZ. */
function goodDraft(): TemplateDraft {
  const zones: DraftZone[] = [
    newZone('portrait', 'portrait', [0.03, 0.17, 0.25, 0.42]),
    { ...newZone('document-number', 'text', [0.78, 0.08, 0.19, 0.05]), field: 'documentNumber', pattern: '^RP[0-9]{7}$', sample: 'RP0000001' },
    newZone('mrz', 'mrz', [0.01, 0.69, 0.98, 0.3]),
    newZone('guilloche', 'security', [0.3, 0.15, 0.69, 0.53]),
  ];
  return {
    ...emptyDraft(),
    meta: { ...EMPTY_META, id: 'uto-rp-test', title: 'Test permit', issuingState: 'UTO', mrzFormat: 'TD1', documentCodes: 'IR', maxValidityYears: '5' },
    sides: [{ name: 'front', image: specimenImage(specimen()), zones }],
  };
}

const paths = (draft: TemplateDraft) => validateDraft(draft).map((p) => `${p.severity} ${p.path}`);

describe('template definition', () => {
  it('builds caselens-template/1 from the form, typed numbers as numbers, empty options left out', () => {
    const def = buildDefinition(goodDraft());
    expect(def).toMatchObject({
      format: 'caselens-template/1',
      id: 'uto-rp-test',
      version: '1.0.0',
      issuingState: 'UTO',
      size: { widthMm: 85.6, heightMm: 53.98 },
      mrz: { format: 'TD1', documentCodes: ['IR'] },
      rules: { maxValidityYears: 5 },
    });
    const sides = def['sides'] as { name: string; image: string; zones: Record<string, unknown>[] }[];
    expect(sides[0]!.image).toBe('front.png');
    expect(sides[0]!.zones[1]).toEqual({ id: 'document-number', kind: 'text', box: [0.78, 0.08, 0.19, 0.05], field: 'documentNumber', pattern: '^RP[0-9]{7}$', sample: 'RP0000001' });
    expect(sides[0]!.zones[0]).toEqual({ id: 'portrait', kind: 'portrait', box: [0.03, 0.17, 0.25, 0.42] });
    expect(sides[0]!.zones[3]).toEqual({ id: 'guilloche', kind: 'security', box: [0.3, 0.15, 0.69, 0.53], feature: 'background-print' });
    expect(def).not.toHaveProperty('reference');
  });

  it('hands the engine each side draft image id', () => {
    expect(draftInput(goodDraft()).images).toEqual({ front: 'draft-1' });
  });

  it('parses document codes and raises versions', () => {
    expect(parseDocumentCodes('ir, IP;  A<')).toEqual(['IR', 'IP', 'A<']);
    expect(parseDocumentCodes('  ')).toEqual([]);
    expect(nextVersion('1.2.3')).toBe('1.3.0');
    expect(nextVersion('bad')).toBe('1.0.0');
  });

  it('names new zones after their field or kind, never twice', () => {
    expect(uniqueZoneId('text', 'birthDate', new Set())).toBe('birth-date');
    expect(uniqueZoneId('portrait', '', new Set(['portrait', 'portrait-2']))).toBe('portrait-3');
    expect(uniqueZoneId('text', '', new Set())).toBe('text');
  });
});

describe('specimen pre-fill', () => {
  it('fills the size class and MRZ facts into empty or default fields only', () => {
    const filled = prefillFromSpecimen(EMPTY_META, specimen({ sizeClass: 'ID3' }));
    expect(filled).toMatchObject({ widthMm: '125', heightMm: '88', mrzFormat: 'TD1', documentCodes: 'IR', mrzIssuingState: 'UTO', issuingState: 'UTO' });
    const typed = prefillFromSpecimen({ ...EMPTY_META, widthMm: '86', issuingState: 'XXA', documentCodes: 'IP' }, specimen());
    expect(typed).toMatchObject({ widthMm: '86', issuingState: 'XXA', documentCodes: 'IP' });
    expect(prefillFromSpecimen(EMPTY_META, specimen({ mrz: null, sizeClass: null }))).toEqual(EMPTY_META);
  });
});

describe('new version of a stored template', () => {
  const detail: TemplateDetailView = {
    id: 'uto-rp-2024',
    version: '1.0.0',
    title: 'Utopia residence permit',
    issuingState: 'UTO',
    category: 'residence-permit',
    source: 'bundled',
    trust: { status: 'bundled', signer: null, trustedSigner: false, pack: null, problems: [], warning: null },
    sha256: 'ab'.repeat(32),
    sides: [{ name: 'front', zones: 1 }],
    sidesDetail: [{ name: 'front', width: 1012, height: 638, imageDataUrl: 'data:image/png;base64,BBBB', zones: [{ id: 'docno', kind: 'text', field: 'documentNumber', box: [0.78, 0.08, 0.19, 0.05], pattern: '^RP[0-9]{7}$' }] }],
    definition: { format: 'caselens-template/1', id: 'uto-rp-2024', size: { widthMm: 85.6, heightMm: 53.98 }, mrz: { format: 'TD1', documentCodes: ['IR', 'IP'] }, rules: { maxValidityYears: 5 }, provenance: { builtBy: 'unit 7' } },
  };

  it('keeps zones and metadata, raises the version, keeps unknown properties, and asks for the specimen again', () => {
    const draft = draftFromTemplate(detail);
    expect(draft.meta).toMatchObject({ id: 'uto-rp-2024', version: '1.1.0', documentCodes: 'IR, IP', maxValidityYears: '5', widthMm: '85.6' });
    expect(draft.sides[0]!.zones[0]).toMatchObject({ id: 'docno', field: 'documentNumber', pattern: '^RP[0-9]{7}$' });
    expect(draft.basedOn).toBe('uto-rp-2024@1.0.0');
    expect(buildDefinition(draft)['provenance']).toEqual({ builtBy: 'unit 7' });
    expect(paths(draft)).toContain('error sides.0.image');
    expect(draftInput(draft).images).toEqual({});
  });
});

describe('draft validation', () => {
  it('accepts a complete draft', () => {
    const problems = validateDraft(goodDraft());
    expect(problems).toEqual([]);
    expect(draftIsValid(problems)).toBe(true);
  });

  it('names the JSON path of each metadata problem', () => {
    const draft = goodDraft();
    const bad = { ...draft, meta: { ...draft.meta, id: 'Bad Id', version: '1.0', title: ' ', issuingState: 'UTOP', widthMm: '-3', heightMm: 'x', documentCodes: 'IR, TOOLONG', maxValidityYears: '200' } };
    expect(paths(bad)).toEqual([
      'error id',
      'error version',
      'error title',
      'error issuingState',
      'error size.widthMm',
      'error size.heightMm',
      'error mrz.documentCodes.1',
      'error rules.maxValidityYears',
    ]);
    expect(draftIsValid(validateDraft(bad))).toBe(false);
  });

  it('checks each zone: box inside, field, pattern, static text, feature, duplicate ids', () => {
    const draft = goodDraft();
    const side = draft.sides[0]!;
    const zones: DraftZone[] = [
      ...side.zones,
      newZone('outside', 'portrait', [0.8, 0.8, 0.3, 0.1]),
      { ...newZone('no-field', 'text', [0.1, 0.1, 0.1, 0.1]), pattern: '([0-9' },
      newZone('static', 'static-text', [0.1, 0.1, 0.1, 0.1]),
      { ...newZone('sec', 'security', [0.1, 0.1, 0.1, 0.1]), feature: ' ' },
      newZone('portrait', 'signature', [0.1, 0.1, 0.1, 0.1]),
      { ...newZone('sample', 'text', [0.1, 0.1, 0.1, 0.1]), field: 'surname', pattern: '^[A-Z]+$', sample: 'anna' },
    ];
    const problems = validateDraft({ ...draft, sides: [{ ...side, zones }] });
    expect(problems.map((p) => `${p.severity} ${p.path}: ${p.message}`)).toEqual([
      'error sides.0.zones.4.box: box extends beyond the image',
      'error sides.0.zones.5.field: a text zone names the printed field it holds',
      expect.stringMatching(/^error sides\.0\.zones\.5\.pattern: not a valid regular expression/),
      'error sides.0.zones.6.text: a static-text zone holds the text printed on every card',
      'error sides.0.zones.7.feature: a security zone names its feature (e.g. background-print)',
      'warning sides.0.zones.8.id: the same id as sides.0.zones.0: reasons and checks name zones by id',
      'warning sides.0.zones.9.sample: the specimen\'s value "anna" does not match the pattern',
    ]);
  });

  it('requires a specimen on every side and warns about an MRZ format without an MRZ zone', () => {
    const draft = goodDraft();
    const noImage = { ...draft, sides: [{ ...draft.sides[0]!, image: null, zones: draft.sides[0]!.zones.filter((z) => z.kind !== 'mrz') }] };
    expect(paths(noImage)).toEqual(['error sides.0.image', 'warning mrz']);
  });

  it('reports regular expression syntax errors', () => {
    expect(patternError('^RP[0-9]{7}$')).toBeNull();
    expect(patternError('(')).toMatch(/Invalid regular expression/);
  });
});
