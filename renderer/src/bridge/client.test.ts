import { describe, expect, it } from 'vitest';
import { asCaseId, asItemId } from '../../../native/engine/contract';
import { buildAssetUrl } from './client';
import { detectHost } from './shell';

const caseId = asCaseId('5f0c7a4e-1b2d-4c3e-9f8a-0123456789ab');

describe('buildAssetUrl', () => {
  it('serves assets over HTTP in browser mode', () => {
    expect(buildAssetUrl('browser', caseId, asItemId(42), 'thumb')).toBe(`/asset/${caseId}/42/thumb`);
    expect(buildAssetUrl('browser', caseId, asItemId(7), 'preview')).toBe(`/asset/${caseId}/7/preview`);
  });

  it('uses the caselens-asset protocol in Electron', () => {
    expect(buildAssetUrl('electron', caseId, asItemId(42), 'thumb')).toBe(`caselens-asset://case/${caseId}/42/thumb`);
    expect(buildAssetUrl('electron', caseId, asItemId(1), 'preview')).toBe(`caselens-asset://case/${caseId}/1/preview`);
  });

  it('escapes characters that would change the path', () => {
    expect(buildAssetUrl('browser', asCaseId('a/../b'), asItemId(1), 'thumb')).toBe('/asset/a%2F..%2Fb/1/thumb');
  });
});

describe('detectHost', () => {
  it('recognises the Electron shell and falls back to browser mode', () => {
    expect(detectHost({ caselensShell: { host: 'electron' } })).toBe('electron');
    expect(detectHost({})).toBe('browser');
    expect(detectHost({ caselensShell: { host: 'something-else' } })).toBe('browser');
  });
});
