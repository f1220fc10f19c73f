import type { ClientToEngine, ClientTransport, EngineToClient, EngineTransport } from '../contract';

/**
 * A connected client/engine pair in one process, for tests. Messages are structured-cloned and delivered
 * asynchronously, as a real transport would, so tests cannot rely on shared objects or synchronous replies.
 */
export function memoryTransportPair(): { client: ClientTransport; engine: EngineTransport } {
  const toEngine = new Set<(m: ClientToEngine) => void>();
  const toClient = new Set<(m: EngineToClient) => void>();
  let open = true;
  const deliver = <T>(listeners: Set<(m: T) => void>, message: T) => {
    if (!open) return;
    const copy = structuredClone(message);
    queueMicrotask(() => listeners.forEach((listener) => listener(copy)));
  };
  return {
    client: {
      send: (m) => deliver(toEngine, m),
      onMessage: (l) => (toClient.add(l), () => toClient.delete(l)),
      close: () => void (open = false),
    },
    engine: {
      send: (m) => deliver(toClient, m),
      onMessage: (l) => (toEngine.add(l), () => toEngine.delete(l)),
      close: () => void (open = false),
    },
  };
}

/** The part of Electron's MessagePortMain (or node:worker_threads MessagePort) a transport needs. */
export interface PortLike {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown } | unknown) => void): unknown;
  off?(event: 'message', listener: (event: unknown) => void): unknown;
  start?(): void;
  close(): void;
}

/**
 * Engine end over a MessagePort (Electron utility process). Electron's MessagePortMain delivers
 * `{ data }` events; node's MessagePort delivers the data itself: both are accepted.
 */
export function messagePortTransport(port: PortLike): EngineTransport {
  const listeners = new Set<(m: ClientToEngine) => void>();
  const onPortMessage = (event: unknown) => {
    const data = event && typeof event === 'object' && 'data' in event ? (event as { data: unknown }).data : event;
    for (const listener of listeners) listener(data as ClientToEngine);
  };
  port.on('message', onPortMessage);
  port.start?.();
  return {
    send: (message) => port.postMessage(message),
    onMessage: (listener) => (listeners.add(listener), () => listeners.delete(listener)),
    close: () => {
      port.off?.('message', onPortMessage);
      port.close();
    },
  };
}
