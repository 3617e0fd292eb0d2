import type { Filter, TransactionScope } from '@core/contracts';
import { HISTORY } from './constants.ts';
import type { HistorySettings } from './settings.ts';

/**
 * Auto-trim (kinto-resources.md §9.1, LESSONS §5): one count, and only once the count of entries of
 * `resourceName` (and of `userId` when trimming by user) passes max + threshold, one bounded delete of
 * the oldest down to max, then one delete of their ACEs. Never a listing, never per inserted entry.
 */
export async function autoTrim(
  tx: TransactionScope,
  bucketUri: string,
  resourceName: string,
  userId: string | null,
  settings: HistorySettings,
): Promise<void> {
  const max = settings.autoTrimMaxCount;
  if (max <= 0) return;
  const byUser = settings.autoTrimUserIds;
  if (byUser && (userId === null || !byUser.has(userId))) return;
  const scope = { resource: HISTORY, parent: bucketUri };
  const filters: Filter[] = [{ field: 'resource_name', operator: 'eq', value: resourceName }];
  if (byUser) filters.push({ field: 'user_id', operator: 'eq', value: userId });
  const count = await tx.storage.countAll(scope, filters);
  if (count <= max + settings.autoTrimThreshold) return;
  const removed = await tx.storage.deleteAll(scope, {
    filters,
    sort: [{ field: 'last_modified', direction: 'asc' }],
    limit: count - max,
    withDeleted: false,
  });
  if (removed.length > 0) {
    await tx.permission.deleteObjectPermissions(removed.map((entry) => `${bucketUri}/history/${entry.id}`));
  }
}
