/** Observable state of the engine connection (for `useSyncExternalStore`). */

export type ConnectionStatus = 'connecting' | 'connected' | 'disconnected';

export interface ConnectionStore {
  get(): ConnectionStatus;
  set(status: ConnectionStatus): void;
  subscribe(listener: () => void): () => void;
}

/** A tiny store holding the connection status. */
export function createConnectionStore(initial: ConnectionStatus = 'connecting'): ConnectionStore {
  let status = initial;
  const listeners = new Set<() => void>();
  return {
    get: () => status,
    set(next) {
      if (next === status) return;
      status = next;
      for (const listener of [...listeners]) listener();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
