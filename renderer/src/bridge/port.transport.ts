/**
 * Electron transport: the preload hands the page a MessagePort connected to the engine's utility
 * process (`window.postMessage('caselens:engine-port', '*', [port])`). Wire messages travel as
 * structured-clone objects.
 */
import type { ClientToEngine, ClientTransport, EngineToClient } from '../../../native/engine/contract';

/** The `data` of the window message that carries the engine port. */
export const ENGINE_PORT_MESSAGE = 'caselens:engine-port';

/** The part of MessagePort the transport uses. */
export interface PortLike {
  postMessage(message: unknown): void;
  onmessage: ((event: { readonly data: unknown }) => void) | null;
  start(): void;
  close(): void;
}

/** Something that receives window `message` events (the window itself in production). */
export interface MessageTargetLike {
  addEventListener(type: 'message', listener: (event: { readonly data: unknown; readonly ports: readonly PortLike[] }) => void): void;
  removeEventListener(type: 'message', listener: (event: { readonly data: unknown; readonly ports: readonly PortLike[] }) => void): void;
}

/**
 * Call `onPort` with every engine port the preload forwards to `target` (a new port replaces the
 * previous one, e.g. after the engine was restarted). Returns a function that stops listening.
 */
export function listenForEnginePort(target: MessageTargetLike, onPort: (port: PortLike) => void): () => void {
  const listener = (event: { readonly data: unknown; readonly ports: readonly PortLike[] }): void => {
    if (event.data !== ENGINE_PORT_MESSAGE) return;
    const port = event.ports[0];
    if (port) onPort(port);
  };
  target.addEventListener('message', listener);
  return () => target.removeEventListener('message', listener);
}

/**
 * Create the MessagePort client transport. Calls made before the port arrives are queued and sent
 * once it does, so the client can be created synchronously at startup.
 * @param onConnectionChange told `true` whenever a port arrives.
 */
export function createPortTransport(target: MessageTargetLike, onConnectionChange?: (connected: boolean) => void): ClientTransport {
  const listeners = new Set<(message: EngineToClient) => void>();
  const queue: ClientToEngine[] = [];
  let port: PortLike | null = null;
  let closed = false;

  const stopListening = listenForEnginePort(target, (next) => {
    if (closed) return;
    if (port) port.close();
    port = next;
    port.onmessage = (event) => {
      const message = event.data as EngineToClient;
      if (typeof message !== 'object' || message === null) return;
      for (const listener of [...listeners]) listener(message);
    };
    port.start();
    for (const message of queue.splice(0)) port.postMessage(message);
    onConnectionChange?.(true);
  });

  return {
    send(message) {
      if (closed) return;
      if (port) port.postMessage(message);
      else queue.push(message);
    },
    onMessage(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      closed = true;
      stopListening();
      listeners.clear();
      queue.length = 0;
      port?.close();
      port = null;
    },
  };
}
