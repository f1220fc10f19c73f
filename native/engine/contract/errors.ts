import type { ErrorCode } from './wire';

/** An error with a code that survives the wire. Thrown by handlers, rethrown by clients. */
export class EngineError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'EngineError';
  }
}
