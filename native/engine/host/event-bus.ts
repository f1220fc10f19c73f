import type { EventName, EventPayload } from '../contract';

type AnyListener = (event: EventName, payload: EventPayload<EventName>) => void;

/** Engine-wide event fan-out to every connected transport. */
export class EventBus {
  private readonly listeners = new Set<AnyListener>();

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    for (const listener of this.listeners) listener(event, payload);
  }

  onAny(listener: AnyListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
