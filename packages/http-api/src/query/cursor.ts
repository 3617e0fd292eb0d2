import type { JsonObject, KeysetCursor, Sort } from '@core/contracts';
import { resolveField } from './field-path.ts';
import { setOwn } from './json-value.ts';

/**
 * The keyset cursor after `object` in `sort` order: the value of each sort field (dotted paths
 * resolved like the storage, longest dotted key first; missing fields omitted) plus `id`.
 */
export function cursorFromObject(object: JsonObject, sort: readonly Sort[]): KeysetCursor {
  const cursor: JsonObject = {};
  for (const path of [...sort.map((criterion) => criterion.field), 'id']) {
    const value = resolveField(object, path);
    if (value !== undefined) setOwn(cursor, path, value);
  }
  return cursor;
}
