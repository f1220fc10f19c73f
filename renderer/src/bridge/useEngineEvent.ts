import { useEffect, useRef } from 'react';
import type { EventName, EventPayload } from '../../../native/engine/contract';
import { useEngine } from './client';

/**
 * Subscribe to an engine event for the lifetime of the component. The latest `listener` is
 * always called, so it may close over current state without resubscribing.
 */
export function useEngineEvent<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): void {
  const { client } = useEngine();
  const listenerRef = useRef(listener);
  useEffect(() => {
    listenerRef.current = listener;
  });
  useEffect(() => client.on(event, (payload) => listenerRef.current(payload)), [client, event]);
}
