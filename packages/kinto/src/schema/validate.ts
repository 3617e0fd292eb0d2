import { type OutputUnit, type Schema, Validator } from '@cfworker/json-schema';
import type { JsonValue } from '@core/contracts';
import { invalidParameters } from '@core/http-api';
import { DRAFT_07_META_SCHEMA } from './draft-07.ts';
import { pythonRepr } from './python-repr.ts';

// Keywords whose errors only say that a sub-schema failed; the leaf error below them says why.
const WRAPPERS = new Set([
  'properties',
  'items',
  'additionalItems',
  'allOf',
  'anyOf',
  'oneOf',
  '$ref',
  'if',
  'then',
  'else',
  'dependencies',
  'patternProperties',
  'contains',
  'propertyNames',
  'not',
]);

const validators = new WeakMap<object, Validator>();

function validatorOf(schema: Schema): Validator {
  let validator = validators.get(schema);
  if (!validator) {
    validator = new Validator(schema, '7', false);
    validators.set(schema, validator);
  }
  return validator;
}

function lastSegment(location: string): string {
  const segments = location.split('/').slice(1);
  return decodeURIComponent(segments.at(-1) ?? '')
    .replaceAll('~1', '/')
    .replaceAll('~0', '~');
}

function valueAt(instance: JsonValue, location: string): JsonValue | undefined {
  let value: JsonValue | undefined = instance;
  for (const raw of location.split('/').slice(1)) {
    const key = decodeURIComponent(raw).replaceAll('~1', '/').replaceAll('~0', '~');
    value =
      value !== null && typeof value === 'object' ? (value as Record<string, JsonValue>)[key] : undefined;
  }
  return value;
}

/** The first failure as Kinto reports it: field name and the validator's message (python wording where known). */
function describe(error: OutputUnit, instance: JsonValue): { name: string; description: string } {
  if (error.keyword === 'required') {
    const property = /"(.*)"/.exec(error.error)?.[1] ?? '';
    return { name: property, description: `'${property}' is a required property` };
  }
  const name = lastSegment(error.instanceLocation);
  if (error.keyword === 'type') {
    const expected = /Expected "(.*)"/.exec(error.error)?.[1] ?? '';
    const value = valueAt(instance, error.instanceLocation);
    return { name, description: `${pythonRepr(value)} is not of type '${expected}'` };
  }
  return { name, description: error.error };
}

/**
 * Validates `instance` against `schema` (draft 7, no code generation: runs on edge runtimes) and
 * throws the 400 of kinto-resources.md §5 on failure: `details[0].name` = the failing field.
 */
export function validateWithSchema(instance: JsonValue, schema: Schema): void {
  let result: ReturnType<Validator['validate']>;
  try {
    result = validatorOf(schema).validate(instance);
  } catch (error) {
    // An unresolvable $ref and other broken schemas.
    throw invalidParameters({
      location: 'body',
      name: 'schema',
      description: String((error as Error).message ?? error),
    });
  }
  if (result.valid) return;
  const leaf = result.errors.find((error) => !WRAPPERS.has(error.keyword)) ?? result.errors[0]!;
  throw invalidParameters({ location: 'body', ...describe(leaf, instance) });
}

/** Throws a 400 naming `field` when `schema` is not a valid draft-7 JSON Schema. */
export function checkSchemaField(field: string, schema: JsonValue): void {
  const result = validatorOf(DRAFT_07_META_SCHEMA as Schema).validate(schema);
  if (result.valid) return;
  const leaf = result.errors.find((error) => !WRAPPERS.has(error.keyword)) ?? result.errors[0]!;
  throw invalidParameters({ location: 'body', name: field, description: describe(leaf, schema).description });
}
