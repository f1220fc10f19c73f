import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, isRequestAllowed } from './policy';

const rendererDir = join('/opt', 'caselens', 'out', 'renderer');
const production = { rendererDir, devServer: null };
const dev = { rendererDir, devServer: new URL('http://localhost:5173/') };
const fileIn = (...parts: string[]) => pathToFileURL(join(rendererDir, ...parts)).href;

describe('isRequestAllowed', () => {
  it('lets pages load only from out/renderer', () => {
    expect(isRequestAllowed(fileIn('index.html'), true, production)).toBe(true);
    expect(isRequestAllowed(fileIn('assets', 'index-abc.js'), true, production)).toBe(true);
    expect(isRequestAllowed('file:///etc/passwd', true, production)).toBe(false);
    expect(isRequestAllowed(`${pathToFileURL(rendererDir).href}/../main/index.js`, true, production)).toBe(false);
    expect(isRequestAllowed(pathToFileURL(rendererDir).href, true, production)).toBe(false);
    expect(isRequestAllowed('file://server/share/x.jpg', true, production)).toBe(false);
    expect(isRequestAllowed(`${pathToFileURL(rendererDir).href}/assets%2F..%2F..%2Fsecret`, true, production)).toBe(false);
  });

  it("lets the main process's own asset reads through", () => {
    expect(isRequestAllowed('file:///data/cases/x/blobs/ab/abcdef', false, production)).toBe(true);
  });

  it('allows the local schemes', () => {
    for (const url of ['caselens-asset://case/x/1/thumb', 'data:image/png;base64,AAAA', 'blob:file:///1234', 'about:blank', 'devtools://devtools/bundled/x.html']) {
      expect(isRequestAllowed(url, true, production)).toBe(true);
    }
  });

  it('never allows the network in production', () => {
    for (const url of ['https://example.com/', 'http://127.0.0.1:8080/', 'ws://localhost:5173/', 'wss://example.com/', 'ftp://example.com/']) {
      expect(isRequestAllowed(url, true, production)).toBe(false);
      expect(isRequestAllowed(url, false, production)).toBe(false);
    }
    expect(isRequestAllowed('chrome://gpu', true, production)).toBe(false);
    expect(isRequestAllowed('not a url', true, production)).toBe(false);
  });

  it('allows only the dev server in development', () => {
    expect(isRequestAllowed('http://localhost:5173/src/main.tsx', true, dev)).toBe(true);
    expect(isRequestAllowed('ws://localhost:5173/', true, dev)).toBe(true);
    expect(isRequestAllowed('http://localhost:5174/', true, dev)).toBe(false);
    expect(isRequestAllowed('https://example.com/', true, dev)).toBe(false);
  });
});

describe('contentSecurityPolicy', () => {
  it('is strict in production', () => {
    const csp = contentSecurityPolicy(null);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain("img-src 'self' data: blob: caselens-asset:");
    expect(csp).toContain("connect-src 'self';");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).not.toContain('localhost');
  });

  it('opens only the dev server in development', () => {
    const csp = contentSecurityPolicy(new URL('http://localhost:5173/'));
    expect(csp).toContain("connect-src 'self' http://localhost:5173 ws://localhost:5173");
  });
});
