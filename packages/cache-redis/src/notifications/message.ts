import type {
  AfterResourceChangedEvent,
  ImpactedObject,
  ResourceAction,
  ResourceEventPayload,
} from '@core/contracts';

/** The name of the stream entry field holding the message JSON: `XADD <stream> * event <json>`. */
export const NOTIFICATION_FIELD = 'event';

/**
 * What one stream entry carries (JSON in its `event` field): the spec's event payload
 * (toolkit.md §6.1) and the impacted objects, which carry no permissions. `action` repeats
 * `payload.action` so consumers can route without reading the payload.
 */
export interface ChangeNotification {
  readonly action: ResourceAction;
  readonly payload: ResourceEventPayload;
  readonly impacted_objects: readonly ImpactedObject[];
}

/** The message of an `AfterResourceChanged` event: only the spec's members, in a stable order. */
export function notificationOf(event: AfterResourceChangedEvent): ChangeNotification {
  return {
    action: event.payload.action,
    payload: event.payload,
    impacted_objects: event.impacted_objects.map((impacted) =>
      impacted.old === undefined ? { new: impacted.new } : { new: impacted.new, old: impacted.old },
    ),
  };
}

/**
 * The message of a stream entry as `XRANGE`/`XREAD` return its fields (`['event', '<json>']`).
 * @throws TypeError when the entry has no `event` field or its value is not JSON.
 */
export function parseNotification(fields: readonly string[]): ChangeNotification {
  for (let index = 0; index + 1 < fields.length; index += 2) {
    if (fields[index] === NOTIFICATION_FIELD) {
      try {
        return JSON.parse(fields[index + 1] as string) as ChangeNotification;
      } catch (error) {
        throw new TypeError(`parseNotification: the "${NOTIFICATION_FIELD}" field is not JSON`, {
          cause: error,
        });
      }
    }
  }
  throw new TypeError(`parseNotification: no "${NOTIFICATION_FIELD}" field in the stream entry`);
}
