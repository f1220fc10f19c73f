import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MessageChannel } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { createEngineClient, type ClientTransport, type EngineToClient } from '../contract';
import { createEngine, serveEngine, type Engine } from './engine';
import { messagePortTransport } from './transports';

let engine: Engine | null = null;
afterEach(async () => {
  await engine?.close();
  engine = null;
});

describe('MessagePort transport (the Electron utility-process path)', () => {
  it('carries calls, results, coded errors and events across a real port pair', async () => {
    engine = createEngine({ dataDir: mkdtempSync(path.join(os.tmpdir(), 'caselens-port-')), host: 'electron' });
    const { port1, port2 } = new MessageChannel();
    const detach = serveEngine(engine, messagePortTransport(port1));
    // The renderer's end, as a plain structured-clone port.
    const listeners = new Set<(m: EngineToClient) => void>();
    port2.on('message', (message: EngineToClient) => listeners.forEach((l) => l(message)));
    const transport: ClientTransport = {
      send: (m) => port2.postMessage(m),
      onMessage: (l) => (listeners.add(l), () => listeners.delete(l)),
      close: () => port2.close(),
    };
    const client = createEngineClient(transport);

    const created = await client.call('cases.create', { title: 'Over a port' });
    expect(created.title).toBe('Over a port');
    await expect(client.call('cases.get', { caseId: 'nope' as never })).rejects.toMatchObject({ code: 'invalid-args' });

    const changed = new Promise((resolve) => client.on('items.changed', resolve));
    engine.events.emit('items.changed', { caseId: created.id });
    expect(await changed).toEqual({ caseId: created.id });

    detach();
    client.close();
    port1.close();
  });
});
