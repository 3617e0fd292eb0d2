import type { AfterResourceChangedEvent, ImpactedObject, ResourceAction } from '@core/contracts';

/** An `AfterResourceChanged` event on record `r<n>` of `/buckets/b/collections/c`, for the tests. */
export function recordEvent(
  action: ResourceAction,
  n: number,
  impacted: readonly ImpactedObject[] = [{ new: { id: `r${n}`, last_modified: n, n } }],
): AfterResourceChangedEvent {
  return {
    type: 'AfterResourceChanged',
    payload: {
      timestamp: n,
      action,
      uri: `/buckets/b/collections/c/records/r${n}`,
      user_id: 'account:alice',
      resource_name: 'record',
      bucket_id: 'b',
      collection_id: 'c',
      record_id: `r${n}`,
    },
    impacted_objects: impacted,
  };
}
