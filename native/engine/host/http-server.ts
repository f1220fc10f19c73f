import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, promises as fs } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { EventMessage } from '../contract';
import { dispatch, toWireError } from '../rpc/serve';
import type { AssetVariant } from './assets';
import type { Engine } from './engine';

/** Largest RPC body accepted: calls carry ids and short strings, never bulk data. */
const MAX_BODY_BYTES = 1024 * 1024;
/** SSE comment sent this often so idle connections are not dropped by the browser. */
const SSE_KEEPALIVE_MS = 15_000;
const COOKIE = 'caselens_token';

const STATIC_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.ico': 'image/x-icon',
};

const SECURITY_HEADERS = {
  'Content-Security-Policy':
    "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; script-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
};

export interface BrowserServer {
  readonly url: string;
  readonly token: string;
  readonly port: number;
  close(): Promise<void>;
}

function sameToken(given: string | undefined, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function cookieToken(header: string | undefined): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === COOKIE) return value.join('=');
  }
  return undefined;
}

async function readBody(request: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new Error('request body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Browser mode: the built renderer plus the engine contract over loopback HTTP. Listens on 127.0.0.1
 * only; every request must carry the random token (the `Authorization: Bearer` header, or the HttpOnly
 * SameSite=Strict cookie set when the page is first opened with `?token=`). The Host header must name
 * the loopback address (no DNS rebinding), and calls must come from the page's own origin.
 */
export async function startBrowserServer(options: { engine: Engine; port?: number; staticDir: string; token?: string }): Promise<BrowserServer> {
  const token = options.token ?? randomBytes(32).toString('hex');
  const staticRoot = path.resolve(options.staticDir);
  const clients = new Set<http.ServerResponse>();
  let port = 0;

  const offEvents = options.engine.events.onAny((event, payload) => {
    const message: EventMessage = { type: 'event', event, payload } as EventMessage;
    const frame = `data: ${JSON.stringify(message)}\n\n`;
    for (const client of clients) client.write(frame);
  });

  const deny = (response: http.ServerResponse, status: number, message: string) => {
    response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS });
    response.end(message);
  };

  const serveFile = async (response: http.ServerResponse, file: string, type: string, extraHeaders: Record<string, string> = {}) => {
    const stat = await fs.stat(file).catch(() => null);
    if (!stat?.isFile()) return deny(response, 404, 'not found');
    response.writeHead(200, { 'Content-Type': type, 'Content-Length': stat.size, ...SECURITY_HEADERS, ...extraHeaders });
    createReadStream(file).pipe(response);
  };

  const handle = async (request: http.IncomingMessage, response: http.ServerResponse) => {
    const host = request.headers.host ?? '';
    if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) return deny(response, 421, 'wrong host');
    const url = new URL(request.url ?? '/', `http://127.0.0.1:${port}`);
    const queryToken = url.searchParams.get('token') ?? undefined;
    const bearer = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
    const authorised = sameToken(bearer, token) || sameToken(cookieToken(request.headers.cookie), token) || sameToken(queryToken, token);
    if (!authorised) return deny(response, 401, 'CaseLens browser mode: a valid token is required (open the URL printed by `caselens serve`).');

    if (url.pathname === '/rpc') {
      if (request.method !== 'POST') return deny(response, 405, 'POST only');
      const origin = request.headers.origin;
      if (origin && origin !== `http://127.0.0.1:${port}` && origin !== `http://localhost:${port}`) return deny(response, 403, 'cross-origin call refused');
      let id = 0;
      try {
        const call = JSON.parse(await readBody(request)) as { id?: unknown; method?: unknown; args?: unknown };
        id = typeof call.id === 'number' ? call.id : 0;
        const result = await dispatch(options.engine.handlers, call.method, call.args);
        response.writeHead(200, { 'Content-Type': 'application/json', ...SECURITY_HEADERS });
        response.end(JSON.stringify({ type: 'result', id, result }));
      } catch (error) {
        const wire = error instanceof SyntaxError ? { type: 'error', id, code: 'invalid-args', message: 'request body is not JSON' } : toWireError(id, error);
        response.writeHead(200, { 'Content-Type': 'application/json', ...SECURITY_HEADERS });
        response.end(JSON.stringify(wire));
      }
      return;
    }

    if (url.pathname === '/events') {
      response.writeHead(200, { 'Content-Type': 'text/event-stream', Connection: 'keep-alive', ...SECURITY_HEADERS });
      response.write(': connected\n\n');
      clients.add(response);
      const keepAlive = setInterval(() => response.write(': keep-alive\n\n'), SSE_KEEPALIVE_MS);
      request.on('close', () => {
        clearInterval(keepAlive);
        clients.delete(response);
      });
      return;
    }

    const asset = /^\/asset\/([0-9a-f-]{36})\/([1-9][0-9]{0,15})\/(thumb|preview|(?:document|artifact)-[1-9][0-9]{0,15})$/.exec(url.pathname);
    if (asset) {
      const resolved = await options.engine.resolveAsset(asset[1]!, Number(asset[2]), asset[3] as AssetVariant);
      if (!resolved) return deny(response, 404, 'no such asset');
      return serveFile(response, resolved.path, resolved.mime, { 'Cache-Control': 'private, max-age=3600' });
    }
    if (url.pathname.startsWith('/asset/')) return deny(response, 400, 'malformed asset reference');

    if (request.method !== 'GET' && request.method !== 'HEAD') return deny(response, 405, 'method not allowed');
    const relative = decodeURIComponent(url.pathname === '/' ? '/index.html' : url.pathname);
    const file = path.resolve(staticRoot, `.${relative}`);
    if (!file.startsWith(staticRoot + path.sep)) return deny(response, 403, 'outside the application folder');
    const cookie: Record<string, string> = queryToken && sameToken(queryToken, token) ? { 'Set-Cookie': `${COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/` } : {};
    return serveFile(response, file, STATIC_TYPES[path.extname(file)] ?? 'application/octet-stream', cookie);
  };

  const server = http.createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) deny(response, 500, `internal error: ${(error as Error).message}`);
      else response.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    token,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        offEvents();
        for (const client of clients) client.end();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
