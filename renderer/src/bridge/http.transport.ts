/**
 * Browser-mode transport: calls are `POST /rpc` (bearer token), events arrive over Server-Sent
 * Events from `/events` (authenticated by the HttpOnly cookie set when the page was loaded).
 */
import type { ClientToEngine, ClientTransport, EngineToClient, ErrorCode, ErrorMessage } from '../../../native/engine/contract';

/** Minimal `fetch` signature the transport needs. */
export type FetchLike = (input: string, init: { method: string; headers: Record<string, string>; body: string }) => Promise<{
  readonly ok: boolean;
  readonly status: number;
  text(): Promise<string>;
}>;

/** Minimal EventSource the transport needs. */
export interface EventSourceLike {
  onmessage: ((event: { readonly data: string }) => void) | null;
  onerror: ((event: unknown) => void) | null;
  onopen: ((event: unknown) => void) | null;
  close(): void;
}

export interface HttpTransportOptions {
  /** Bearer token for `/rpc`; null sends no Authorization header (the server will refuse). */
  readonly token: string | null;
  /** Defaults to `/rpc`. */
  readonly rpcUrl?: string;
  /** Defaults to `/events`. */
  readonly eventsUrl?: string;
  readonly fetch?: FetchLike;
  readonly createEventSource?: (url: string) => EventSourceLike;
  /** Told when the event stream opens (true) or drops (false); EventSource reconnects by itself. */
  readonly onConnectionChange?: (connected: boolean) => void;
}

function errorFor(id: number, code: ErrorCode, message: string): ErrorMessage {
  return { type: 'error', id, code, message };
}

function isEngineMessage(value: unknown): value is EngineToClient {
  if (typeof value !== 'object' || value === null) return false;
  const type = (value as { type?: unknown }).type;
  return type === 'result' || type === 'error' || type === 'event';
}

/** Turn an HTTP response for call `id` into the wire message to deliver. */
async function readReply(id: number, response: Awaited<ReturnType<FetchLike>>): Promise<EngineToClient> {
  const text = await response.text();
  let parsed: unknown = undefined;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  if (isEngineMessage(parsed) && parsed.type !== 'event') return { ...parsed, id };
  if (response.status === 401 || response.status === 403) {
    return errorFor(id, 'refused', 'The engine refused the request: the access token is missing or invalid. Reopen the link printed by CaseLens.');
  }
  return errorFor(id, 'internal', `Unexpected engine response (HTTP ${response.status}).`);
}

/**
 * Create the HTTP+SSE client transport.
 *
 * Every reply is delivered to listeners as a ResultMessage or ErrorMessage; network failures and
 * non-JSON replies become ErrorMessages so no call is left pending.
 */
export function createHttpTransport(options: HttpTransportOptions): ClientTransport {
  const rpcUrl = options.rpcUrl ?? '/rpc';
  const doFetch: FetchLike = options.fetch ?? ((input, init) => fetch(input, init));
  const listeners = new Set<(message: EngineToClient) => void>();
  let closed = false;

  const deliver = (message: EngineToClient): void => {
    if (closed) return;
    for (const listener of [...listeners]) listener(message);
  };

  const makeSource = options.createEventSource ?? ((url: string) => new EventSource(url) as unknown as EventSourceLike);
  const source = makeSource(options.eventsUrl ?? '/events');
  source.onopen = () => options.onConnectionChange?.(true);
  source.onerror = () => options.onConnectionChange?.(false);
  source.onmessage = (event) => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(event.data);
    } catch {
      return;
    }
    if (isEngineMessage(parsed) && parsed.type === 'event') deliver(parsed);
  };

  return {
    send(message: ClientToEngine) {
      if (closed) return;
      const headers: Record<string, string> = { 'Content-Type': 'application/json' };
      if (options.token) headers.Authorization = `Bearer ${options.token}`;
      doFetch(rpcUrl, { method: 'POST', headers, body: JSON.stringify(message) })
        .then((response) => readReply(message.id, response))
        .catch((error: unknown) =>
          errorFor(message.id, 'internal', `The engine is unreachable: ${error instanceof Error ? error.message : String(error)}`),
        )
        .then(deliver);
    },
    onMessage(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      closed = true;
      listeners.clear();
      source.close();
    },
  };
}
