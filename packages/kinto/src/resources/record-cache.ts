import { isCoreError } from '@core/contracts';
import type { CacheExpiresContext } from '@core/http-api';

/**
 * The anonymous cache lifetime of records (http-api.md §12): the first set of
 * `{bid}.{cid}.record_cache_expires_seconds`, `{bid}.record_cache_expires_seconds`,
 * `record_cache_expires_seconds`, `{bid}_{cid}_record_cache_expires_seconds`,
 * `{bid}_record_cache_expires_seconds`; then the collection's `cache_expires` raises it (max).
 */
export async function recordCacheExpires(context: CacheExpiresContext): Promise<number | null> {
  const { bucket_id: bid, collection_id: cid } = context.params;
  const keys = [
    `${bid}.${cid}.record_cache_expires_seconds`,
    `${bid}.record_cache_expires_seconds`,
    'record_cache_expires_seconds',
    `${bid}_${cid}_record_cache_expires_seconds`,
    `${bid}_record_cache_expires_seconds`,
  ];
  let setting: number | null = null;
  for (const key of keys) {
    const value = context.settings[key];
    if (typeof value === 'number' && Number.isFinite(value)) {
      setting = value;
      break;
    }
  }
  let attribute: number | undefined;
  try {
    const collection = await context.storage.get(
      { resource: 'collection', parent: `/buckets/${bid}` },
      cid ?? '',
    );
    if (typeof collection.cache_expires === 'number') attribute = collection.cache_expires;
  } catch (error) {
    if (!isCoreError(error, 'OBJECT_NOT_FOUND')) throw error;
  }
  if (attribute === undefined) return setting;
  return Math.max(setting ?? -1, attribute);
}
