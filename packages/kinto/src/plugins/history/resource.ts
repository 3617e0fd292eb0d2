import type { Filter, JsonValue } from '@core/contracts';
import { defineResource } from '@core/http-api';
import * as v from 'valibot';
import { HISTORY } from './constants.ts';

/** Fields whose numeric filter values are compared as strings (`?record_id=2` finds record `"2"`). */
const ID_FIELDS = new Set(['bucket_id', 'collection_id', 'group_id', 'record_id']);

const asString = (value: JsonValue): JsonValue => (typeof value === 'number' ? String(value) : value);

/** Kinto's `History._extract_filters`: numeric id filter values become strings. */
export function idFiltersAsStrings(filters: readonly Filter[]): Filter[] {
  return filters.map((filter): Filter => {
    if (!ID_FIELDS.has(filter.field)) return filter;
    switch (filter.operator) {
      case 'eq':
      case 'not':
      case 'lt':
      case 'gt':
      case 'min':
      case 'max':
        return { ...filter, value: asString(filter.value) };
      case 'in':
      case 'exclude':
        return { ...filter, value: filter.value.map((value) => asString(value)) };
      default:
        return filter;
    }
  });
}

const text = v.optional(v.string());

/**
 * The history of a bucket (kinto-resources.md §9.2): `GET` and `DELETE` on `/buckets/{bid}/history`
 * only, strict fields. Bucket readers and writers read everything; others read the entries whose ACE
 * (`/buckets/{bid}/history/{id}`) grants them `read` (a shared listing); deleting needs bucket write.
 */
export const historyResource = defineResource({
  name: HISTORY,
  pluralPath: '/buckets/:bucket_id/history',
  objectPath: null,
  pluralMethods: ['GET', 'DELETE'],
  parentId: (params) => `/buckets/${params.bucket_id}`,
  schema: {
    fields: v.object({
      user_id: v.nullable(v.string()),
      uri: v.string(),
      action: v.string(),
      date: v.string(),
      resource_name: v.string(),
      bucket_id: text,
      collection_id: text,
      group_id: text,
      record_id: text,
      target: v.record(v.string(), v.unknown()),
    }),
    strict: true,
  },
  permissions: ['read'],
  inherits: {
    read: { bucket: ['write', 'read'], history: ['write', 'read'] },
    write: { bucket: ['write'] },
  },
  listFilters: idFiltersAsStrings,
});
