import type {
  AfterResourceChangedEvent,
  EventListener,
  ImpactedObject,
  Logger,
  ResourceAction,
  ResourceChangedEvent,
  ResourceEventPayload,
  TransactionScope,
} from '@core/contracts';

interface PendingEvent {
  readonly key: string;
  payload: ResourceEventPayload;
  readonly impacted: ImpactedObject[];
}

/**
 * Collects the changes of one request (or one batch). Changes of the same resource, parent and
 * action are merged into one event whose impacted objects are concatenated (toolkit.md §6.1).
 */
export interface EventCollector {
  add(parentId: string, payload: ResourceEventPayload, impacted: readonly ImpactedObject[]): void;
  /** The merged events, in order of first occurrence, and forgets them. */
  drain(): ResourceChangedEvent[];
}

export function createEventCollector(): EventCollector {
  const pending = new Map<string, PendingEvent>();
  return {
    add(parentId, payload, impacted) {
      const key = JSON.stringify([payload.resource_name, parentId, payload.action]);
      const existing = pending.get(key);
      if (existing) {
        existing.impacted.push(...impacted);
        existing.payload = {
          ...existing.payload,
          timestamp: Math.max(existing.payload.timestamp, payload.timestamp),
        };
      } else {
        pending.set(key, { key, payload, impacted: [...impacted] });
      }
    },
    drain() {
      const events = [...pending.values()].map(
        (event): ResourceChangedEvent => ({
          type: 'ResourceChanged',
          payload: event.payload,
          impacted_objects: event.impacted,
        }),
      );
      pending.clear();
      return events;
    },
  };
}

const DEFAULT_ACTIONS: readonly ResourceAction[] = ['create', 'update', 'delete'];

function wants(listener: EventListener, payload: ResourceEventPayload): boolean {
  const actions = listener.actions ?? DEFAULT_ACTIONS;
  if (!actions.includes(payload.action)) return false;
  return listener.resources === undefined || listener.resources.includes(payload.resource_name);
}

/**
 * Delivers `ResourceChanged` events inside the request's transaction. A listener that throws fails
 * the request (its transaction rolls back).
 */
export async function deliverChanged(
  listeners: readonly EventListener[],
  events: readonly ResourceChangedEvent[],
  transaction: TransactionScope,
): Promise<void> {
  for (const event of events) {
    for (const listener of listeners) {
      if (wants(listener, event.payload)) await listener.handle(event, { transaction });
    }
  }
}

/** Delivers `AfterResourceChanged` events after commit; failures are logged, never surfaced. */
export async function deliverAfterChanged(
  listeners: readonly EventListener[],
  events: readonly ResourceChangedEvent[],
  logger: Logger | undefined,
): Promise<void> {
  for (const event of events) {
    const after: AfterResourceChangedEvent = { ...event, type: 'AfterResourceChanged' };
    for (const listener of listeners) {
      if (!wants(listener, event.payload)) continue;
      try {
        await listener.handle(after, {});
      } catch (error) {
        logger?.error({ err: error, listener: listener.name }, 'AfterResourceChanged listener failed');
      }
    }
  }
}
