import { isCoreError, type JsonObject, type JsonValue, type StoredObject } from '@core/contracts';
import { type HookContext, missingResource } from '@core/http-api';
import { validateWithSchema } from '../schema/validate.ts';

/** `true` when `experimental_collection_schema_validation` is on (kinto-resources.md §5). */
export function schemaValidationEnabled(context: HookContext): boolean {
  return context.settings.experimental_collection_schema_validation === true;
}

/** Reads an object, `undefined` when missing. */
export async function findStored(
  context: HookContext,
  resource: string,
  parent: string,
  id: string,
): Promise<StoredObject | undefined> {
  try {
    return await context.transaction.storage.get({ resource, parent }, id);
  } catch (error) {
    if (isCoreError(error, 'OBJECT_NOT_FOUND')) return undefined;
    throw error;
  }
}

/**
 * The schema as validation applies it: `ignored` fields are taken out of `required` (a schema cannot
 * require what the server strips), and `id` is ignored unless the schema declares it.
 */
function relaxed(schema: JsonObject, ignored: readonly string[]): JsonObject {
  const required = Array.isArray(schema.required) ? schema.required : undefined;
  if (!required) return schema;
  return { ...schema, required: required.filter((name) => !ignored.includes(String(name))) };
}

/** Validates `data` against `schema` with Kinto's ignored fields (§5). */
export function validateObject(
  data: JsonObject,
  schema: JsonValue,
  extraIgnored: readonly string[] = [],
): void {
  if (schema === null || typeof schema !== 'object' || Array.isArray(schema)) return;
  const properties = schema.properties;
  const declaresId =
    properties !== null && typeof properties === 'object' && !Array.isArray(properties) && 'id' in properties;
  const ignored = ['last_modified', ...extraIgnored, ...(declaresId ? [] : ['id'])];
  const instance: JsonObject = { ...data };
  for (const field of ignored) delete instance[field];
  validateWithSchema(instance, relaxed(schema, ignored));
}

/**
 * Validates a collection or group against its bucket's `collection:schema` / `group:schema` when the
 * feature is on; the bucket must exist (404 errno 111).
 */
export async function validateAgainstParentSchema(
  context: HookContext,
  data: JsonObject,
  field: 'collection:schema' | 'group:schema',
): Promise<void> {
  if (!schemaValidationEnabled(context)) return;
  const bucketId = context.params.bucket_id ?? '';
  const bucket = await findStored(context, 'bucket', '', bucketId);
  if (!bucket) throw missingResource({ id: bucketId, resource_name: 'bucket' });
  if (bucket[field] !== undefined) validateObject(data, bucket[field]);
}
