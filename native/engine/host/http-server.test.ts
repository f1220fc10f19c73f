import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from './engine';
import { startBrowserServer, type BrowserServer } from './http-server';

let engine: Engine;
let server: BrowserServer;

beforeAll(async () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'caselens-http-'));
  const staticDir = path.join(root, 'renderer');
  mkdirSync(staticDir);
  writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>CaseLens</title>');
  writeFileSync(path.join(root, 'secret.txt'), 'outside');
  engine = createEngine({ dataDir: path.join(root, 'data'), host: 'browser' });
  server = await startBrowserServer({ engine, staticDir });
});
afterAll(async () => {
  await server.close();
  await engine.close();
});

/** Raw request, so the Host header and paths are exactly what a hostile page could send. */
function request(options: { path: string; method?: string; headers?: Record<string, string>; body?: string }): Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port: server.port, path: options.path, method: options.method ?? 'GET', headers: { Host: `127.0.0.1:${server.port}`, ...options.headers } },
      (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
      },
    );
    req.on('error', reject);
    if (options.body) req.write(options.body);
    req.end();
  });
}

const rpc = (body: unknown, headers: Record<string, string> = {}) =>
  request({ path: '/rpc', method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) });

describe('browser-mode server', () => {
  it('listens on loopback only and prints a tokenised URL', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]{64}$/);
  });

  it('refuses every request without the token', async () => {
    expect((await request({ path: '/' })).status).toBe(401);
    expect((await rpc({ type: 'call', id: 1, method: 'cases.list', args: {} })).status).toBe(401);
    expect((await rpc({ type: 'call', id: 1, method: 'cases.list', args: {} }, { Authorization: 'Bearer wrong' })).status).toBe(401);
    expect((await request({ path: '/events' })).status).toBe(401);
  });

  it('sets an HttpOnly SameSite=Strict cookie when the page is opened with the token, and accepts it after', async () => {
    const first = await request({ path: `/?token=${server.token}` });
    expect(first.status).toBe(200);
    expect(first.body).toContain('CaseLens');
    expect(String(first.headers['set-cookie'])).toMatch(/caselens_token=[0-9a-f]{64}; HttpOnly; SameSite=Strict/);
    expect(first.headers['content-security-policy']).toContain("default-src 'self'");
    expect((await request({ path: '/index.html', headers: { Cookie: `caselens_token=${server.token}` } })).status).toBe(200);
  });

  it('refuses a foreign Host header (DNS rebinding) and a foreign Origin', async () => {
    const auth = { Authorization: `Bearer ${server.token}` };
    expect((await request({ path: '/', headers: { ...auth, Host: 'evil.example:80' } })).status).toBe(421);
    expect((await rpc({ type: 'call', id: 1, method: 'cases.list', args: {} }, { ...auth, Origin: 'http://evil.example' })).status).toBe(403);
  });

  it('answers contract calls with results and coded errors', async () => {
    const auth = { Authorization: `Bearer ${server.token}` };
    const created = JSON.parse((await rpc({ type: 'call', id: 7, method: 'cases.create', args: { title: 'Via HTTP' } }, auth)).body);
    expect(created).toMatchObject({ type: 'result', id: 7, result: { title: 'Via HTTP' } });
    const bad = JSON.parse((await rpc({ type: 'call', id: 8, method: 'cases.create', args: { title: 5 } }, auth)).body);
    expect(bad).toMatchObject({ type: 'error', id: 8, code: 'invalid-args' });
    const garbage = JSON.parse((await request({ path: '/rpc', method: 'POST', headers: auth, body: '{not json' })).body);
    expect(garbage).toMatchObject({ type: 'error', code: 'invalid-args' });
  });

  it('never serves files outside the application folder or assets by path', async () => {
    const auth = { Authorization: `Bearer ${server.token}` };
    for (const attempt of ['/../secret.txt', '/%2e%2e/secret.txt']) expect((await request({ path: attempt, headers: auth })).body).not.toContain('outside');
    expect((await request({ path: '/%2e%2e%2fsecret.txt', headers: auth })).status).toBe(403);
    expect((await request({ path: '/asset/../../etc/passwd/thumb', headers: auth })).status).not.toBe(200);
    expect((await request({ path: '/asset/00000000-0000-0000-0000-000000000000/1/original', headers: auth })).status).toBe(400);
    expect((await request({ path: '/asset/00000000-0000-0000-0000-000000000000/1/thumb', headers: auth })).status).toBe(404);
    expect((await request({ path: '/asset/00000000-0000-0000-0000-000000000000/1/document-5', headers: auth })).status).toBe(404);
    expect((await request({ path: '/asset/00000000-0000-0000-0000-000000000000/1/document-05', headers: auth })).status).toBe(400);
    expect((await request({ path: '/asset/00000000-0000-0000-0000-000000000000/1/artifact-5', headers: auth })).status).toBe(404);
    expect((await request({ path: '/asset/00000000-0000-0000-0000-000000000000/1/artifact-05', headers: auth })).status).toBe(400);
  });
});
