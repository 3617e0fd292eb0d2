import { invalidQuery } from '../errors/http-errors.ts';
import type { Settings } from '../settings/settings.ts';
import { MAX_LIMIT, unsignedDigits } from './integers.ts';

/**
 * `_limit` as requested: a non-negative integer (bare or quoted) up to 2^63, clamped to
 * `Number.MAX_SAFE_INTEGER`; `null` when absent or `null` (as Kinto drops a `null` `_limit`).
 * @throws HttpError 400 errno 107 `Invalid value for _limit` otherwise (empty, negative, decimal...).
 */
export function parseLimit(raw: string | null): number | null {
  if (raw === null || raw.trim() === 'null') return null;
  const digits = unsignedDigits(raw);
  if (digits === null) throw invalidQuery('_limit');
  const value = BigInt(digits);
  if (value > MAX_LIMIT) throw invalidQuery('_limit');
  return value > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(value);
}

/**
 * The page size actually used (http-api.md §9.1): `_limit` capped by `paginate_by`, then by
 * `storage_max_fetch_size`; without `_limit` (or with `_limit=0`), `paginate_by` when set, else
 * `storage_max_fetch_size`.
 */
export function effectiveLimit(
  requested: number | null,
  settings: Pick<Settings, 'paginate_by' | 'storage_max_fetch_size'>,
): number {
  const paginateBy = settings.paginate_by ? settings.paginate_by : null;
  const maxFetch = settings.storage_max_fetch_size;
  let limit = requested ? requested : paginateBy;
  if (limit && paginateBy) limit = Math.min(limit, paginateBy);
  return limit ? Math.min(limit, maxFetch) : maxFetch;
}
