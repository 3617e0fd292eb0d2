import { ID_FIELD, type JsonObject, type JsonValue, MODIFIED_FIELD } from '@core/contracts';
import { type BaseIssue, type GenericSchema, getDotPath, safeParse } from 'valibot';
import { invalidParameters, type ValidationDetail } from '../errors/http-errors.ts';
import { assertJsonValue, deepCopy, deepEqual, hasOwn, isJsonObject, setOwn } from './json-value.ts';
import { notAMapping } from './permissions-body.ts';

/**
 * A resource's object schema (toolkit.md §1, http-api.md §2.4). Without one a resource is
 * schemaless: every field is kept as sent.
 */
export interface ResourceSchema {
  /**
   * Valibot schema of the whole `data` object, without `id` and `last_modified` (the server's
   * fields are taken out before validation and put back after). Use `v.object({...})` or
   * `v.looseObject({...})`; defaults (`v.optional(s, default)`) and transforms apply. Must be sync.
   */
  readonly fields?: GenericSchema<unknown, { [key: string]: unknown }>;
  /**
   * `true` = Kinto's `preserve_unknown = false`: fields the schema does not declare are dropped
   * (and, for the query layer, unknown filter/sort names are errors). Default `false`: unknown
   * fields are kept as sent.
   */
  readonly strict?: boolean;
  /** Fields that cannot change once the object exists (`Cannot modify <field>`). */
  readonly readonlyFields?: readonly string[];
}

/** Options of {@link validateData}. */
export interface ValidateDataOptions {
  /** The stored data when updating (PUT replace, PATCH); enables the read-only field check. */
  readonly existing?: JsonObject;
}

const SERVER_FIELDS = [ID_FIELD, MODIFIED_FIELD];

/** The field names a schema declares (its `entries`), or `undefined` when it cannot tell. */
export function schemaFieldNames(schema: ResourceSchema | undefined): string[] | undefined {
  const fields = schema?.fields as { entries?: unknown } | undefined;
  if (fields === undefined || typeof fields.entries !== 'object' || fields.entries === null) return undefined;
  return Object.keys(fields.entries);
}

function checkReadonly(data: JsonObject, schema: ResourceSchema, existing: JsonObject): void {
  for (const name of schema.readonlyFields ?? []) {
    if (!hasOwn(existing, name)) continue;
    // Setting a read-only field the object lacks is allowed (Kinto); removing one is a change.
    const sent = hasOwn(data, name) ? data[name] : undefined;
    if (!deepEqual(existing[name], sent)) {
      throw invalidParameters({ location: 'body', name, description: `Cannot modify ${name}` });
    }
  }
}

function issueDetail(issue: BaseIssue<unknown>): ValidationDetail & { readonly name: string } {
  const path = getDotPath(issue);
  const missing = issue.kind === 'schema' && issue.input === undefined && issue.received === 'undefined';
  return {
    location: 'body',
    name: path === null ? 'data' : `data.${path}`,
    description: missing ? 'Required' : issue.message,
  };
}

function runSchema(
  fields: NonNullable<ResourceSchema['fields']>,
  input: JsonObject,
  strict: boolean,
): JsonObject {
  const result = safeParse(fields, input);
  if (!result.success) {
    const seen = new Set<string>();
    const details = result.issues.map(issueDetail).filter((detail) => {
      if (seen.has(detail.name)) return false;
      seen.add(detail.name);
      return true;
    });
    throw invalidParameters(details);
  }
  const output = result.output as unknown;
  assertJsonValue(output, 'data');
  if (!isJsonObject(output)) throw new TypeError('A resource schema must produce an object');
  if (strict) {
    const known = schemaFieldNames({ fields });
    if (known === undefined) return deepCopy(output);
    const kept: JsonObject = {};
    for (const key of known) if (hasOwn(output, key)) setOwn(kept, key, deepCopy(output[key] as JsonValue));
    return kept;
  }
  const merged = deepCopy(input);
  for (const key of Object.keys(output)) setOwn(merged, key, deepCopy(output[key] as JsonValue));
  return merged;
}

/**
 * Validates `data` against the resource schema and returns the data to store (a fresh copy).
 *
 * - Schemaless (`schema` or `schema.fields` undefined): data kept as is.
 * - `id` and `last_modified` are never validated nor dropped (their rules belong to §3 and §5.4).
 * - With `existing`, a read-only field that differs from its stored value (or was removed) → 400,
 *   name = field, `Cannot modify <field>` (checked first, as Kinto does).
 * - Schema issues → 400 errno 107 with one detail per field, `name` = `data.<dotted path>` (`data`
 *   for the object itself), a missing required field described as `Required`, sorted by name.
 *
 * Every error is an `HttpError` 400; `data` and `existing` are never mutated.
 */
export function validateData(
  data: JsonObject,
  schema: ResourceSchema | undefined,
  options: ValidateDataOptions = {},
): JsonObject {
  assertJsonValue(data, 'data');
  if (!isJsonObject(data)) {
    throw invalidParameters({ location: 'body', name: 'data', description: notAMapping(data) });
  }
  if (schema === undefined) return deepCopy(data);
  if (options.existing !== undefined) checkReadonly(data, schema, options.existing);
  if (schema.fields === undefined) return deepCopy(data);
  const input = deepCopy(data);
  for (const field of SERVER_FIELDS) delete input[field];
  const validated = runSchema(schema.fields, input, schema.strict === true);
  for (const field of SERVER_FIELDS) {
    if (hasOwn(data, field)) setOwn(validated, field, deepCopy(data[field] as JsonValue));
  }
  return validated;
}
