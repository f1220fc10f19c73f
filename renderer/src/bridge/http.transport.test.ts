import { describe, expect, it, vi } from 'vitest';
import { asCaseId, createEngineClient, EngineError } from '../../../native/engine/contract';
import type { EngineToClient } from '../../../native/engine/contract';
import { createHttpTransport } from './http.transport';
import type { EventSourceLike, FetchLike } from './http.transport';

class FakeEventSource implements EventSourceLike {
  onmessage: ((event: { readonly data: string }) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;
  onopen: ((event: unknown) => void) | null = null;
  closed = false;
  constructor(readonly url: string) {}
  close(): void {
    this.closed = true;
  }
  emit(data: string): void {
    this.onmessage?.({ data });
  }
}

function reply(status: number, body: unknown): ReturnType<FetchLike> {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return Promise.resolve({ ok: status < 400, status, text: () => Promise.resolve(text) });
}

function setup(fetchImpl: FetchLike, token: string | null = 'secret-token') {
  let source: FakeEventSource | undefined;
  const fetchSpy = vi.fn(fetchImpl);
  const transport = createHttpTransport({
    token,
    fetch: fetchSpy,
    createEventSource: (url) => (source = new FakeEventSource(url)),
  });
  const received: EngineToClient[] = [];
  transport.onMessage((message) => received.push(message));
  return { transport, fetchSpy, received, source: () => source! };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('createHttpTransport', () => {
  it('POSTs the call message to /rpc with the bearer token and JSON content type', async () => {
    const { transport, fetchSpy } = setup(() => reply(200, { type: 'result', id: 1, result: [] }));
    const call = { type: 'call', id: 1, method: 'cases.list', args: {} } as const;
    transport.send(call);
    await flush();
    expect(fetchSpy).toHaveBeenCalledTimes(1);
    const [url, init] = fetchSpy.mock.calls[0]!;
    expect(url).toBe('/rpc');
    expect(init.method).toBe('POST');
    expect(init.headers.Authorization).toBe('Bearer secret-token');
    expect(init.headers['Content-Type']).toBe('application/json');
    expect(JSON.parse(init.body)).toEqual(call);
  });

  it('omits the Authorization header without a token', async () => {
    const { transport, fetchSpy } = setup(() => reply(200, { type: 'result', id: 1, result: [] }), null);
    transport.send({ type: 'call', id: 1, method: 'cases.list', args: {} });
    await flush();
    expect(fetchSpy.mock.calls[0]![1].headers.Authorization).toBeUndefined();
  });

  it('delivers result and error replies to listeners', async () => {
    const replies: Record<number, unknown> = {
      1: { type: 'result', id: 1, result: { ok: true } },
      2: { type: 'error', id: 2, code: 'not-found', message: 'no such case' },
    };
    const { transport, received } = setup((_url, init) => {
      const id = (JSON.parse(init.body) as { id: number }).id;
      return reply(id === 2 ? 404 : 200, replies[id]);
    });
    transport.send({ type: 'call', id: 1, method: 'app.info', args: {} });
    transport.send({ type: 'call', id: 2, method: 'cases.get', args: { caseId: asCaseId('x') } });
    await flush();
    expect(received).toContainEqual(replies[1]);
    expect(received).toContainEqual(replies[2]);
  });

  it('turns a refused or unreadable reply into an error message', async () => {
    const { transport, received } = setup((_url, init) =>
      (JSON.parse(init.body) as { id: number }).id === 1 ? reply(401, 'Unauthorized') : reply(502, '<html>'),
    );
    transport.send({ type: 'call', id: 1, method: 'app.info', args: {} });
    transport.send({ type: 'call', id: 2, method: 'app.info', args: {} });
    await flush();
    expect(received).toContainEqual(expect.objectContaining({ type: 'error', id: 1, code: 'refused' }));
    expect(received).toContainEqual(expect.objectContaining({ type: 'error', id: 2, code: 'internal' }));
  });

  it('turns a network failure into an error message', async () => {
    const { transport, received } = setup(() => Promise.reject(new Error('connection refused')));
    transport.send({ type: 'call', id: 7, method: 'app.info', args: {} });
    await flush();
    expect(received).toEqual([expect.objectContaining({ type: 'error', id: 7, code: 'internal' })]);
    expect((received[0] as { message: string }).message).toContain('connection refused');
  });

  it('subscribes to /events and delivers SSE event messages, ignoring junk', () => {
    const { source, received } = setup(() => reply(200, {}));
    expect(source().url).toBe('/events');
    const event = { type: 'event', event: 'items.changed', payload: { caseId: 'c1' } };
    source().emit(JSON.stringify(event));
    source().emit('not json');
    source().emit(JSON.stringify({ type: 'result', id: 3, result: 1 }));
    expect(received).toEqual([event]);
  });

  it('closes the event stream and stops delivering on close', async () => {
    const { transport, source, received } = setup(() => reply(200, { type: 'result', id: 1, result: 1 }));
    transport.close();
    expect(source().closed).toBe(true);
    source().emit(JSON.stringify({ type: 'event', event: 'items.changed', payload: { caseId: 'c1' } }));
    await flush();
    expect(received).toEqual([]);
  });

  it('works end to end with the contract client', async () => {
    const { transport, source } = setup((_url, init) => {
      const call = JSON.parse(init.body) as { id: number; method: string };
      return call.method === 'cases.list'
        ? reply(200, { type: 'result', id: call.id, result: [{ id: 'c1' }] })
        : reply(200, { type: 'error', id: call.id, code: 'conflict', message: 'label in use' });
    });
    const client = createEngineClient(transport);
    await expect(client.call('cases.list', {})).resolves.toEqual([{ id: 'c1' }]);
    const failure = client.call('cases.create', { title: 't' });
    await expect(failure).rejects.toBeInstanceOf(EngineError);
    await expect(failure).rejects.toMatchObject({ code: 'conflict', message: 'label in use' });
    const seen: unknown[] = [];
    client.on('items.changed', (payload) => seen.push(payload));
    source().emit(JSON.stringify({ type: 'event', event: 'items.changed', payload: { caseId: 'c1' } }));
    expect(seen).toEqual([{ caseId: 'c1' }]);
  });
});
