import type { StorageOperations } from '@core/contracts';

/**
 * Removes everything stored under `uri` (objects of any resource whose parent is `uri` or below it)
 * without tombstones, and purges the tombstones left there (kinto-resources.md §1–§2). ACEs are
 * removed by the protocol layer (`uri` and `uri/*`). The `/` before `*` keeps `/buckets/ab` safe when
 * `/buckets/a` goes.
 */
export async function deleteDescendants(storage: StorageOperations, uri: string): Promise<void> {
  for (const parent of [uri, `${uri}/*`]) {
    await storage.deleteAll({ resource: null, parent }, { withDeleted: false });
    await storage.purgeDeleted({ resource: null, parent });
  }
}
