import type {
  EventListener,
  ImpactedObject,
  Logger,
  ResourceAction,
  ResourceChangedEvent,
  ResourceEventPayload,
  ResourceReadEvent,
  StoredObject,
  TransactionScope,
} from '@core/contracts';

/** An event delivered inside the request's transaction. */
export type InsideEvent = ResourceChangedEvent | ResourceReadEvent;

interface PendingEvent {
  payload: ResourceEventPayload;
  readonly objects: (ImpactedObject | StoredObject)[];
}

/**
 * Collects the events of one request (or one batch). Events of the same resource, parent and action
 * are merged into one whose objects are concatenated (toolkit.md §6.1): changes (`create`, `update`,
 * `delete`) carry `impacted_objects`, reads carry `read_objects`.
 */
export interface EventCollector {
  add(parentId: string, payload: ResourceEventPayload, impacted: readonly ImpactedObject[]): void;
  addRead(parentId: string, payload: ResourceEventPayload, objects: readonly StoredObject[]): void;
  /** The merged events, in order of first occurrence, and forgets them. */
  drain(): InsideEvent[];
}

export function createEventCollector(): EventCollector {
  const pending = new Map<string, PendingEvent>();
  function collect(
    parentId: string,
    payload: ResourceEventPayload,
    objects: readonly (ImpactedObject | StoredObject)[],
  ) {
    const key = JSON.stringify([payload.resource_name, parentId, payload.action]);
    const existing = pending.get(key);
    if (existing) {
      existing.objects.push(...objects);
      existing.payload = {
        ...existing.payload,
        timestamp: Math.max(existing.payload.timestamp, payload.timestamp),
      };
    } else {
      pending.set(key, { payload, objects: [...objects] });
    }
  }
  return {
    add: collect,
    addRead: collect,
    drain() {
      const events = [...pending.values()].map(
        (event): InsideEvent =>
          event.payload.action === 'read'
            ? { type: 'ResourceRead', payload: event.payload, read_objects: event.objects as StoredObject[] }
            : {
                type: 'ResourceChanged',
                payload: event.payload,
                impacted_objects: event.objects as ImpactedObject[],
              },
      );
      pending.clear();
      return events;
    },
  };
}

const DEFAULT_ACTIONS: readonly ResourceAction[] = ['create', 'update', 'delete'];

function wantsEvent(listener: EventListener, action: ResourceAction, resourceName: string): boolean {
  const actions = listener.actions ?? DEFAULT_ACTIONS;
  if (!actions.includes(action)) return false;
  return listener.resources === undefined || listener.resources.includes(resourceName);
}

function wants(listener: EventListener, payload: ResourceEventPayload): boolean {
  return wantsEvent(listener, payload.action, payload.resource_name);
}

/**
 * `true` when some listener subscribes to `action` on `resourceName`: an event nobody would be
 * delivered is not built nor collected.
 */
export function anyListenerWants(
  listeners: readonly EventListener[],
  action: ResourceAction,
  resourceName: string,
): boolean {
  for (const listener of listeners) if (wantsEvent(listener, action, resourceName)) return true;
  return false;
}

/** `true` when some listener subscribes to reads (reads are only collected then). */
export function anyReadListener(listeners: readonly EventListener[]): boolean {
  return listeners.some((listener) => listener.actions?.includes('read'));
}

/**
 * Delivers `ResourceChanged` / `ResourceRead` events inside the request's transaction. A listener
 * that throws fails the request (its transaction rolls back).
 */
export async function deliverChanged(
  listeners: readonly EventListener[],
  events: readonly InsideEvent[],
  transaction: TransactionScope,
): Promise<void> {
  for (const event of events) {
    for (const listener of listeners) {
      if (wants(listener, event.payload)) await listener.handle(event, { transaction });
    }
  }
}

/**
 * Delivers `AfterResourceChanged` / `AfterResourceRead` events after commit; failures are logged,
 * never surfaced.
 */
export async function deliverAfterChanged(
  listeners: readonly EventListener[],
  events: readonly InsideEvent[],
  logger: Logger | undefined,
): Promise<void> {
  for (const event of events) {
    const after =
      event.type === 'ResourceRead'
        ? { ...event, type: 'AfterResourceRead' as const }
        : { ...event, type: 'AfterResourceChanged' as const };
    for (const listener of listeners) {
      if (!wants(listener, event.payload)) continue;
      try {
        await listener.handle(after, {});
      } catch (error) {
        logger?.error({ err: error, listener: listener.name }, `${after.type} listener failed`);
      }
    }
  }
}
