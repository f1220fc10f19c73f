/**
 * A transport moves wire messages between one client and the engine. Implementations: in-memory
 * (tests), MessagePort (Electron utility process), HTTP+SSE (browser mode).
 */
import type { ClientToEngine, EngineToClient } from './wire';

/** The client's end. */
export interface ClientTransport {
  send(message: ClientToEngine): void;
  /** Returns an unsubscribe function. */
  onMessage(listener: (message: EngineToClient) => void): () => void;
  close(): void;
}

/** The engine's end. */
export interface EngineTransport {
  send(message: EngineToClient): void;
  onMessage(listener: (message: ClientToEngine) => void): () => void;
  close(): void;
}
