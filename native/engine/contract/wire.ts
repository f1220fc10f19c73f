/** Messages that travel over every transport (MessagePort, HTTP+SSE, in-memory). */
import type { EventName, EventPayload } from './events';
import type { ArgsOf, MethodName, ResultOf } from './api';

export interface CallMessage<M extends MethodName = MethodName> {
  readonly type: 'call';
  readonly id: number;
  readonly method: M;
  readonly args: ArgsOf<M>;
}

export interface ResultMessage<M extends MethodName = MethodName> {
  readonly type: 'result';
  readonly id: number;
  readonly result: ResultOf<M>;
}

/** Error codes a client can act on; `message` is meant for the examiner. */
export type ErrorCode = 'invalid-args' | 'unknown-method' | 'not-found' | 'conflict' | 'refused' | 'internal';

export interface ErrorMessage {
  readonly type: 'error';
  readonly id: number;
  readonly code: ErrorCode;
  readonly message: string;
}

export interface EventMessage<E extends EventName = EventName> {
  readonly type: 'event';
  readonly event: E;
  readonly payload: EventPayload<E>;
}

export type ClientToEngine = CallMessage;
export type EngineToClient = ResultMessage | ErrorMessage | EventMessage;
export type WireMessage = ClientToEngine | EngineToClient;
