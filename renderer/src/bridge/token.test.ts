import { describe, expect, it } from 'vitest';
import { takeToken, TOKEN_STORAGE_KEY } from './token';
import type { TokenEnvironment } from './token';

function environment(href: string, stored: string | null = null) {
  const store = new Map<string, string>(stored ? [[TOKEN_STORAGE_KEY, stored]] : []);
  const replaced: string[] = [];
  const env: TokenEnvironment = {
    location: { href },
    storage: { getItem: (key) => store.get(key) ?? null, setItem: (key, value) => void store.set(key, value) },
    history: { state: null, replaceState: (_state, _title, url) => void replaced.push(String(url)) },
  };
  return { env, store, replaced };
}

describe('takeToken', () => {
  it('takes the token from the URL, stores it and strips it from the address bar', () => {
    const { env, store, replaced } = environment('http://127.0.0.1:7420/?token=abc123&view=x#/cases');
    expect(takeToken(env)).toBe('abc123');
    expect(store.get(TOKEN_STORAGE_KEY)).toBe('abc123');
    expect(replaced).toEqual(['/?view=x#/cases']);
  });

  it('falls back to sessionStorage and leaves the URL alone', () => {
    const { env, replaced } = environment('http://127.0.0.1:7420/', 'stored');
    expect(takeToken(env)).toBe('stored');
    expect(replaced).toEqual([]);
  });

  it('returns null when there is no token anywhere', () => {
    expect(takeToken(environment('http://127.0.0.1:7420/').env)).toBeNull();
  });
});
