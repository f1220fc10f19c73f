import { EngineError, METHOD_NAMES, type EngineTransport, type MethodName } from '../contract';
import type { EventBus } from '../host/event-bus';
import type { EngineHandlers } from '../contract';
import { validateArgs } from './validation';

const KNOWN = new Set<string>(METHOD_NAMES);

/** Map any thrown value to a wire error: engine errors keep their code, anything else is internal. */
function toWireError(id: number, error: unknown) {
  if (error instanceof EngineError) return { type: 'error' as const, id, code: error.code, message: error.message };
  const message = error instanceof Error ? error.message : String(error);
  return { type: 'error' as const, id, code: 'internal' as const, message };
}

/** Dispatch one untrusted call: check the method name, validate arguments, run the handler. */
export async function dispatch(handlers: EngineHandlers, method: unknown, args: unknown): Promise<unknown> {
  if (typeof method !== 'string' || !KNOWN.has(method)) throw new EngineError('unknown-method', `Unknown method: ${String(method).slice(0, 80)}`);
  let parsed: unknown;
  try {
    parsed = validateArgs(method as MethodName, args);
  } catch (error) {
    throw new EngineError('invalid-args', `${method}: ${(error as Error).message}`);
  }
  const handler = handlers[method as MethodName] as (a: unknown) => unknown;
  return handler(parsed);
}

/**
 * Serve the contract over one transport: calls are validated and dispatched, every engine event is
 * forwarded. Returns a function that detaches the transport.
 */
export function serveTransport(handlers: EngineHandlers, events: EventBus, transport: EngineTransport): () => void {
  const offMessages = transport.onMessage((message) => {
    if (!message || typeof message !== 'object' || message.type !== 'call' || typeof message.id !== 'number') return;
    dispatch(handlers, message.method, message.args).then(
      (result) => transport.send({ type: 'result', id: message.id, result: result as never }),
      (error: unknown) => transport.send(toWireError(message.id, error)),
    );
  });
  const offEvents = events.onAny((event, payload) => transport.send({ type: 'event', event, payload } as never));
  return () => {
    offMessages();
    offEvents();
  };
}

export { toWireError };
