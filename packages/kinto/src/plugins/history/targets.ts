import type { ResourceEventPayload, StoredOrDeleted } from '@core/contracts';

/** One changed object, located: what a history entry is about. */
export interface HistoryTarget {
  /** The bucket whose history receives the entry (`/buckets/b`). */
  readonly bucketUri: string;
  readonly bucketId: string;
  /** The collection of a collection or record, whose permissions also grant reading the entry. */
  readonly collectionUri: string | null;
  /** The canonical URI of the object (never the request path). */
  readonly uri: string;
  /** The `<resource>_id` members of the entry (`bucket_id` on bucket entries only). */
  readonly ids: Readonly<Record<string, string>>;
  /** The new version of the object (a tombstone for deletes). */
  readonly data: StoredOrDeleted;
}

/** Locates an object changed by an event on a bucket, collection, group or record; `null` otherwise. */
export function historyTarget(payload: ResourceEventPayload, data: StoredOrDeleted): HistoryTarget | null {
  const { id } = data;
  const resource = payload.resource_name;
  const bucketId = resource === 'bucket' ? id : payload.bucket_id;
  if (typeof bucketId !== 'string') return null;
  const bucketUri = `/buckets/${bucketId}`;
  const located = { bucketUri, bucketId, data };
  switch (resource) {
    case 'bucket':
      return { ...located, collectionUri: null, uri: bucketUri, ids: { bucket_id: id } };
    case 'group':
      return { ...located, collectionUri: null, uri: `${bucketUri}/groups/${id}`, ids: { group_id: id } };
    case 'collection': {
      const uri = `${bucketUri}/collections/${id}`;
      return { ...located, collectionUri: uri, uri, ids: { collection_id: id } };
    }
    case 'record': {
      const collectionId = payload.collection_id;
      if (typeof collectionId !== 'string') return null;
      const collectionUri = `${bucketUri}/collections/${collectionId}`;
      return {
        ...located,
        collectionUri,
        uri: `${collectionUri}/records/${id}`,
        ids: { collection_id: collectionId, record_id: id },
      };
    }
    default:
      return null;
  }
}

/** `true` when the target's bucket, collection or the object itself is excluded. */
export function isExcluded(target: HistoryTarget, excluded: ReadonlySet<string>): boolean {
  if (excluded.size === 0) return false;
  return (
    excluded.has(target.bucketUri) ||
    (target.collectionUri !== null && excluded.has(target.collectionUri)) ||
    excluded.has(target.uri)
  );
}

/** Kinto's entry date: UTC ISO 8601 with microseconds and offset (`2017-03-16T14:27:53.094000+00:00`). */
export function entryDate(milliseconds: number): string {
  return new Date(milliseconds).toISOString().replace(/\.(\d{3})Z$/, '.$1000+00:00');
}
