/**
 * The one engine client, identical for every transport. Pure TypeScript (no DOM, no Node), so the
 * renderer, the CLI and tests share it.
 */
import type { ArgsOf, MethodName, ResultOf } from './api';
import { EngineError } from './errors';
import type { EventName, EventPayload } from './events';
import type { ClientTransport } from './transport';
import type { EngineToClient } from './wire';

type Pending = { resolve: (value: unknown) => void; reject: (error: Error) => void };

export interface EngineClient {
  call<M extends MethodName>(method: M, args: ArgsOf<M>): Promise<ResultOf<M>>;
  /** Subscribe to an event; returns the unsubscribe function. */
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
  close(): void;
}

export function createEngineClient(transport: ClientTransport): EngineClient {
  let nextId = 1;
  const pending = new Map<number, Pending>();
  const listeners = new Map<EventName, Set<(payload: never) => void>>();

  const unsubscribe = transport.onMessage((message: EngineToClient) => {
    if (message.type === 'event') {
      for (const listener of listeners.get(message.event) ?? []) listener(message.payload as never);
      return;
    }
    const waiting = pending.get(message.id);
    if (!waiting) return;
    pending.delete(message.id);
    if (message.type === 'result') waiting.resolve(message.result);
    else waiting.reject(new EngineError(message.code, message.message));
  });

  return {
    call(method, args) {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
        transport.send({ type: 'call', id, method, args });
      });
    },
    on(event, listener) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener as (payload: never) => void);
      return () => set.delete(listener as (payload: never) => void);
    },
    close() {
      unsubscribe();
      for (const waiting of pending.values()) waiting.reject(new EngineError('refused', 'engine connection closed'));
      pending.clear();
      transport.close();
    },
  };
}
