import {
  isTombstone,
  type JsonObject,
  type StorageOperations,
  type StoredObject,
  type StoredOrDeleted,
} from '@core/contracts';
import { HISTORY } from './constants.ts';

function isStored(value: unknown): value is StoredOrDeleted {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const { id, last_modified } = value as JsonObject;
  return typeof id === 'string' && typeof last_modified === 'number';
}

/** The version each entry's target holds (`target.data`), when well-formed. */
function versionOf(entry: StoredOrDeleted): StoredOrDeleted | null {
  const target = (entry as JsonObject).target;
  if (typeof target !== 'object' || target === null || Array.isArray(target)) return null;
  const data = (target as JsonObject).data;
  return isStored(data) ? data : null;
}

/**
 * The records of collection `collectionId` of bucket `bucketId` as they were at `timestamp`
 * (kinto-resources.md §9.3), newest first: live records unchanged since `timestamp`, plus, for the
 * records changed after it, their latest recorded version at `timestamp` unless it is a deletion.
 * Three queries, each limited to what the answer needs: the unchanged records, the history entries
 * after `timestamp` (which records changed), and those records' entries up to `timestamp`.
 */
export async function collectionSnapshot(
  storage: StorageOperations,
  bucketId: string,
  collectionId: string,
  timestamp: number,
): Promise<StoredObject[]> {
  const bucketUri = `/buckets/${bucketId}`;
  const unchanged = await storage.listAll(
    { resource: 'record', parent: `${bucketUri}/collections/${collectionId}` },
    { filters: [{ field: 'last_modified', operator: 'max', value: timestamp }] },
  );
  const history = { resource: HISTORY, parent: bucketUri };
  const ofCollection = [
    { field: 'resource_name', operator: 'eq', value: 'record' },
    { field: 'collection_id', operator: 'eq', value: collectionId },
  ] as const;
  const later = await storage.listAll(history, {
    filters: [...ofCollection, { field: 'target.data.last_modified', operator: 'gt', value: timestamp }],
  });
  const changed = [...new Set(later.map((entry) => versionOf(entry)?.id).filter((id) => id !== undefined))];
  const byId = new Map<string, StoredOrDeleted>();
  for (const record of unchanged) byId.set(record.id, record);
  if (changed.length > 0) {
    const earlier = await storage.listAll(history, {
      filters: [
        ...ofCollection,
        { field: 'target.data.id', operator: 'in', value: changed },
        { field: 'target.data.last_modified', operator: 'max', value: timestamp },
      ],
    });
    for (const entry of earlier) {
      const version = versionOf(entry);
      if (!version) continue;
      const known = byId.get(version.id);
      if (!known || known.last_modified < version.last_modified) byId.set(version.id, version);
    }
  }
  return [...byId.values()]
    .filter((version): version is StoredObject => !isTombstone(version))
    .sort((a, b) => b.last_modified - a.last_modified || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
