import { MAX_SORT_CRITERIA, type Sort } from '@core/contracts';
import { invalidQuery } from '../errors/http-errors.ts';
import { checkFieldDepth, type KnownFieldCheck } from './field-path.ts';

const SORT_ENTRY = /^([-+]?)([\p{L}\p{N}_.]+)$/u;

/**
 * `_sort` (http-api.md §8): comma-separated fields, `-` descending, `+` or nothing ascending; entries
 * not matching `^[-+]?[\w.]+$` (after trimming) are skipped, and a repeated field keeps its first
 * direction. `last_modified` descending is appended when absent.
 * @throws HttpError 400 errno 107 (name `_sort`) `Unknown sort field '<f>'` on strict schemas, and
 *   beyond {@link MAX_SORT_CRITERIA} distinct fields.
 */
export function parseSort(raw: string | null, isKnownField: KnownFieldCheck | null): Sort[] {
  const sort: Sort[] = [];
  for (const entry of raw === null ? [] : raw.split(',')) {
    const match = SORT_ENTRY.exec(entry.trim());
    if (!match) continue;
    const field = match[2] as string;
    checkFieldDepth('_sort', field);
    if (isKnownField && !isKnownField(field)) throw invalidQuery('_sort', `Unknown sort field '${field}'`);
    if (sort.some((criterion) => criterion.field === field)) continue;
    if (sort.length === MAX_SORT_CRITERIA) {
      throw invalidQuery('_sort', `At most ${MAX_SORT_CRITERIA} fields can be sorted on`);
    }
    sort.push({ field, direction: match[1] === '-' ? 'desc' : 'asc' });
  }
  if (!sort.some((criterion) => criterion.field === 'last_modified')) {
    sort.push({ field: 'last_modified', direction: 'desc' });
  }
  return sort;
}
