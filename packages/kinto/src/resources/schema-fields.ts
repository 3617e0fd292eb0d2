import type { JsonObject } from '@core/contracts';
import { invalidParameters } from '@core/http-api';
import { checkSchemaField } from '../schema/validate.ts';

/** Checks the JSON Schema fields of `data` (any of `fields` that are present) against draft 7. */
export function checkSchemaFields(data: JsonObject, fields: readonly string[]): void {
  for (const field of fields) {
    if (data[field] !== undefined) checkSchemaField(field, data[field]);
  }
}

/** Checks `cache_expires` is an integer when present (kinto-resources.md §2). */
export function checkCacheExpires(data: JsonObject): void {
  const value = data.cache_expires;
  if (value !== undefined && !(typeof value === 'number' && Number.isInteger(value))) {
    throw invalidParameters({
      location: 'body',
      name: 'data.cache_expires',
      description:
        typeof value === 'number' ? `${value} is not an integer` : `"${String(value)}" is not a number`,
    });
  }
}
