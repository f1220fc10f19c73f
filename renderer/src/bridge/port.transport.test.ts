import { describe, expect, it } from 'vitest';
import type { EngineToClient } from '../../../native/engine/contract';
import { createPortTransport, ENGINE_PORT_MESSAGE } from './port.transport';
import type { MessageTargetLike, PortLike } from './port.transport';

type Listener = Parameters<MessageTargetLike['addEventListener']>[1];

class FakeWindow implements MessageTargetLike {
  readonly listeners = new Set<Listener>();
  addEventListener(_type: 'message', listener: Listener): void {
    this.listeners.add(listener);
  }
  removeEventListener(_type: 'message', listener: Listener): void {
    this.listeners.delete(listener);
  }
  post(data: unknown, ports: PortLike[] = []): void {
    for (const listener of this.listeners) listener({ data, ports });
  }
}

class FakePort implements PortLike {
  onmessage: ((event: { readonly data: unknown }) => void) | null = null;
  readonly sent: unknown[] = [];
  started = false;
  closed = false;
  postMessage(message: unknown): void {
    this.sent.push(message);
  }
  start(): void {
    this.started = true;
  }
  close(): void {
    this.closed = true;
  }
}

describe('createPortTransport', () => {
  it('queues calls until the preload forwards the port, then sends structured-clone objects', () => {
    const win = new FakeWindow();
    const transport = createPortTransport(win);
    const call = { type: 'call', id: 1, method: 'app.info', args: {} } as const;
    transport.send(call);
    const port = new FakePort();
    win.post('something-else', [new FakePort()]);
    win.post(ENGINE_PORT_MESSAGE, [port]);
    expect(port.started).toBe(true);
    expect(port.sent).toEqual([call]);
    transport.send({ ...call, id: 2 });
    expect(port.sent).toHaveLength(2);
  });

  it('delivers port messages to listeners and cleans up on close', () => {
    const win = new FakeWindow();
    const transport = createPortTransport(win);
    const port = new FakePort();
    win.post(ENGINE_PORT_MESSAGE, [port]);
    const received: EngineToClient[] = [];
    transport.onMessage((message) => received.push(message));
    const result = { type: 'result', id: 1, result: 5 } as const;
    port.onmessage?.({ data: result });
    expect(received).toEqual([result]);
    transport.close();
    expect(port.closed).toBe(true);
    expect(win.listeners.size).toBe(0);
  });
});
