import { describe, expect, it } from 'vitest';
import { formatAssetUrl, isServableMime, parseAssetUrl } from './asset-url';

const caseId = '3f2b8c1e-9a4d-4e6f-8b7a-1c2d3e4f5a6b';
const base = `caselens-asset://case/${caseId}`;

describe('parseAssetUrl', () => {
  it('accepts the exact thumb and preview forms', () => {
    expect(parseAssetUrl(`${base}/1/thumb`)).toEqual({ caseId, itemId: 1, variant: 'thumb' });
    expect(parseAssetUrl(`${base}/42/preview`)).toEqual({ caseId, itemId: 42, variant: 'preview' });
    expect(parseAssetUrl(`${base}/9007199254740991/thumb`)).toEqual({ caseId, itemId: Number.MAX_SAFE_INTEGER, variant: 'thumb' });
  });

  it('accepts a document variant with a canonical positive id, and nothing looser', () => {
    expect(parseAssetUrl(`${base}/3/document-12`)).toEqual({ caseId, itemId: 3, variant: 'document-12' });
    for (const bad of ['document-0', 'document-012', 'document-', 'document-1x', 'documents-1', 'document-1/thumb']) {
      expect(parseAssetUrl(`${base}/3/${bad}`)).toBeNull();
    }
    expect(() => formatAssetUrl({ caseId, itemId: 3, variant: 'document-0' as const })).toThrow(TypeError);
  });

  it('accepts a forensic map (artifact) variant with a canonical positive id, and nothing looser', () => {
    expect(parseAssetUrl(`${base}/3/artifact-7`)).toEqual({ caseId, itemId: 3, variant: 'artifact-7' });
    for (const bad of ['artifact-0', 'artifact-07', 'artifact-', 'artifacts-7', 'artifact-7/thumb', 'artifact--7']) {
      expect(parseAssetUrl(`${base}/3/${bad}`)).toBeNull();
    }
  });

  it('round-trips with formatAssetUrl', () => {
    const request = { caseId, itemId: 7, variant: 'preview' as const };
    expect(parseAssetUrl(formatAssetUrl(request))).toEqual(request);
    expect(() => formatAssetUrl({ caseId: '../etc', itemId: 1, variant: 'thumb' })).toThrow(TypeError);
  });

  it.each([
    ['dot segments', `${base}/../${caseId}/1/thumb`],
    ['dot segment in place of the case', `caselens-asset://case/../../etc/passwd`],
    ['encoded dot segments', `${base}/%2e%2e/1/thumb`],
    ['encoded slash in the id', `${base}/1%2F..%2F2/thumb`],
    ['encoded slash in the case id', `caselens-asset://case/${caseId.replace('-', '%2F')}/1/thumb`],
    ['backslash', `${base}\\1\\thumb`],
    ['percent-encoded case id', `caselens-asset://case/${encodeURIComponent(caseId).replace('3', '%33')}/1/thumb`],
  ])('refuses path traversal: %s', (_name, url) => {
    expect(parseAssetUrl(url)).toBeNull();
  });

  it.each([
    ['zero', `${base}/0/thumb`],
    ['negative', `${base}/-1/thumb`],
    ['leading zero', `${base}/01/thumb`],
    ['fraction', `${base}/1.5/thumb`],
    ['exponent', `${base}/1e3/thumb`],
    ['hex', `${base}/0x10/thumb`],
    ['beyond safe integers', `${base}/9007199254740993/thumb`],
    ['too many digits', `${base}/12345678901234567/thumb`],
    ['not a number', `${base}/abc/thumb`],
    ['empty', `${base}//thumb`],
  ])('refuses bad item ids: %s', (_name, url) => {
    expect(parseAssetUrl(url)).toBeNull();
  });

  it.each([
    ['uppercase', `caselens-asset://case/${caseId.toUpperCase()}/1/thumb`],
    ['too short', `caselens-asset://case/${caseId.slice(1)}/1/thumb`],
    ['no dashes', `caselens-asset://case/${caseId.replaceAll('-', '')}0000/1/thumb`],
    ['wrong groups', `caselens-asset://case/3f2b8c1e9-a4d-4e6f-8b7a-1c2d3e4f5a6b/1/thumb`],
    ['not hex', `caselens-asset://case/${caseId.replace('3f', 'zz')}/1/thumb`],
    ['a folder name', `caselens-asset://case/demo/1/thumb`],
  ])('refuses bad case ids: %s', (_name, url) => {
    expect(parseAssetUrl(url)).toBeNull();
  });

  it.each([
    ['wrong host', `caselens-asset://evil/${caseId}/1/thumb`],
    ['no host', `caselens-asset:///${caseId}/1/thumb`],
    ['user info', `caselens-asset://user@case/${caseId}/1/thumb`],
    ['port', `caselens-asset://case:80/${caseId}/1/thumb`],
    ['wrong scheme', `file://case/${caseId}/1/thumb`],
    ['http', `http://case/${caseId}/1/thumb`],
    ['scheme case', `CASELENS-ASSET://case/${caseId}/1/thumb`],
  ])('refuses the wrong origin: %s', (_name, url) => {
    expect(parseAssetUrl(url)).toBeNull();
  });

  it.each([
    ['extra segment', `${base}/1/thumb/extra`],
    ['trailing slash', `${base}/1/thumb/`],
    ['missing variant', `${base}/1`],
    ['unknown variant', `${base}/1/original`],
    ['variant case', `${base}/1/THUMB`],
    ['query', `${base}/1/thumb?path=/etc/passwd`],
    ['fragment', `${base}/1/thumb#x`],
    ['whitespace', `${base}/1/thumb `],
    ['newline', `${base}/1/thumb\n`],
    ['NUL', `${base}/1/thumb\0`],
    ['empty string', ''],
    ['very long', `${base}/1/thumb${'a'.repeat(10_000)}`],
  ])('refuses anything else: %s', (_name, url) => {
    expect(parseAssetUrl(url)).toBeNull();
  });
});

describe('isServableMime', () => {
  it('serves images and PDF only', () => {
    for (const mime of ['image/jpeg', 'image/png', 'image/webp', 'image/avif', 'image/gif', 'image/bmp', 'application/pdf']) {
      expect(isServableMime(mime)).toBe(true);
    }
    for (const mime of ['text/html', 'image/svg+xml', 'application/javascript', 'image/jpeg; charset=x', '', 'IMAGE/JPEG']) {
      expect(isServableMime(mime)).toBe(false);
    }
  });
});
