import { describe, expect, it } from 'vitest';
import { parseEngineToMain, parseMainToEngine } from './engine-control';

describe('engine control messages', () => {
  it('parses what main sends', () => {
    expect(parseMainToEngine({ type: 'init', dataDir: '/d' })).toEqual({ type: 'init', dataDir: '/d' });
    expect(parseMainToEngine({ type: 'engine-port', dataDir: '/d' })).toEqual({ type: 'engine-port', dataDir: '/d' });
    expect(parseMainToEngine({ type: 'resolve-asset', id: 1, caseId: 'c', itemId: 2, variant: 'thumb' })).toEqual({
      type: 'resolve-asset',
      id: 1,
      caseId: 'c',
      itemId: 2,
      variant: 'thumb',
    });
    expect(parseMainToEngine({ type: 'shutdown' })).toEqual({ type: 'shutdown' });
  });

  it('refuses malformed control messages', () => {
    for (const bad of [null, 'init', {}, { type: 'init' }, { type: 'init', dataDir: '' }, { type: 'resolve-asset', id: 0, caseId: 'c', itemId: 1, variant: 'thumb' }, { type: 'resolve-asset', id: 1, caseId: 'c', itemId: 1, variant: 'original' }, { type: 'eval' }]) {
      expect(parseMainToEngine(bad)).toBeNull();
    }
  });

  it('parses what the engine answers', () => {
    expect(parseEngineToMain({ type: 'ready' })).toEqual({ type: 'ready' });
    expect(parseEngineToMain({ type: 'resolve-asset-result', id: 3, asset: { path: '/p', mime: 'image/jpeg' } })).toEqual({
      type: 'resolve-asset-result',
      id: 3,
      asset: { path: '/p', mime: 'image/jpeg' },
    });
    expect(parseEngineToMain({ type: 'resolve-asset-result', id: 3, asset: null, error: 'boom' })).toEqual({
      type: 'resolve-asset-result',
      id: 3,
      asset: null,
      error: 'boom',
    });
    expect(parseEngineToMain({ type: 'resolve-asset-result', id: 3, asset: { path: 1 } })).toBeNull();
    expect(parseEngineToMain({ type: 'fatal' })).toEqual({ type: 'fatal', message: 'unknown error' });
  });

  it('carries the unit key passphrase requests both ways and refuses malformed ones', () => {
    expect(parseEngineToMain({ type: 'stored-passphrase', id: 4 })).toEqual({ type: 'stored-passphrase', id: 4 });
    expect(parseEngineToMain({ type: 'keep-passphrase', passphrase: 'p' })).toEqual({ type: 'keep-passphrase', passphrase: 'p' });
    expect(parseMainToEngine({ type: 'stored-passphrase-result', id: 4, passphrase: 'p' })).toEqual({ type: 'stored-passphrase-result', id: 4, passphrase: 'p' });
    expect(parseMainToEngine({ type: 'stored-passphrase-result', id: 4, passphrase: null })).toEqual({ type: 'stored-passphrase-result', id: 4, passphrase: null });
    for (const bad of [{ type: 'stored-passphrase' }, { type: 'keep-passphrase', passphrase: '' }, { type: 'keep-passphrase', passphrase: 7 }]) expect(parseEngineToMain(bad)).toBeNull();
    for (const bad of [{ type: 'stored-passphrase-result', id: 0, passphrase: null }, { type: 'stored-passphrase-result', id: 1 }]) expect(parseMainToEngine(bad)).toBeNull();
  });
});
