import { events } from '../../shared/ipc/contract';
import type { EventEnvelope, EventName, EventPayload } from '../../shared/ipc/contract';

export type EventListener = (envelope: EventEnvelope) => void;

/** Main-process pushes to every connected window, each payload checked against its schema. */
export interface EventBus {
  emit<E extends EventName>(name: E, payload: EventPayload<E>): void;
  subscribe(listener: EventListener): () => void;
}

export function createEventBus(): EventBus {
  const listeners = new Set<EventListener>();

  function emit<E extends EventName>(name: E, payload: EventPayload<E>): void {
    const checked = events[name].parse(payload) as EventPayload<E>;
    const envelope = { name, payload: checked } as EventEnvelope;

    for (const listener of listeners) listener(envelope);
  }

  function subscribe(listener: EventListener): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  }

  return { emit, subscribe };
}
