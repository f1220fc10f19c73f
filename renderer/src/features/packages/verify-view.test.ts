import { describe, expect, it } from 'vitest';
import type { VerifiedFileView, VerifyView } from '../../../../native/engine/contract';
import { badFileCount, badFileNames, filesBadFirst, shortHash, statusCounts, verdictOf } from './verify-view';

const file = (path: string, status: VerifiedFileView['status']): VerifiedFileView => ({ path, status, manifest: status === 'added' ? null : 'manifest-sha256.txt', expected: null, actual: null });

const view = (ok: boolean, refused: string | null = null): VerifyView => ({
  ok,
  path: '/p.zip',
  container: 'zip',
  refused,
  signature: { status: 'valid', fingerprint: null, signer: null, workstation: null, signedAt: null, matchesBagInfo: true },
  payloadOxum: { ok: true, declared: '1.1', actual: '1.1' },
  files: [],
  problems: [],
  bagInfo: [],
  custodyChain: null,
});

describe('verify view', () => {
  it('puts changed, missing, added before ok, each by path', () => {
    const files = [file('data/b', 'ok'), file('data/z', 'added'), file('data/a', 'ok'), file('data/y', 'changed'), file('data/m', 'missing'), file('data/c', 'changed')];
    expect(filesBadFirst(files).map((f) => `${f.status}:${f.path}`)).toEqual(['changed:data/c', 'changed:data/y', 'missing:data/m', 'added:data/z', 'ok:data/a', 'ok:data/b']);
    expect(badFileNames(files, 2)).toEqual(['data/c', 'data/y']);
    const twice = [file('data/x', 'changed'), { ...file('data/x', 'changed'), manifest: 'manifest-sha512.txt' }, file('data/w', 'missing')];
    expect(badFileNames(twice, 3)).toEqual(['data/x', 'data/w']);
    expect(badFileCount(twice)).toBe(2);
    expect(statusCounts(files)).toEqual({ ok: 2, changed: 2, missing: 1, added: 1 });
  });

  it('shortens a digest to both ends and leaves short values alone', () => {
    const digest = 'a'.repeat(8) + '0123456789' + 'f'.repeat(8);
    expect(shortHash(digest)).toBe('aaaaaaaa…ffffffff');
    expect(shortHash('abc')).toBe('abc');
    expect(shortHash(null)).toBe('—');
  });

  it('says VERIFIED only when the engine said ok', () => {
    expect(verdictOf(view(true))).toEqual({ word: 'VERIFIED', tone: 'ok' });
    expect(verdictOf(view(false))).toEqual({ word: 'FAILED', tone: 'error' });
    expect(verdictOf(view(false, 'not a bag'))).toEqual({ word: 'REFUSED', tone: 'error' });
  });
});
