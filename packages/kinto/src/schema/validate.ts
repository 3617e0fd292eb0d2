import type { JsonValue } from '@core/contracts';
import { invalidParameters } from '@core/http-api';
import { createBoundedCache } from './bounded-cache.ts';
import { MAX_EVALUATION_DEPTH, STEP_BUDGET } from './budget.ts';
import { assertNesting, compileSchema } from './compile.ts';
import { createContext } from './context.ts';
import { DRAFT_07_META_SCHEMA } from './draft-07.ts';
import type { Failure, SchemaNode } from './failure.ts';

/** Errors that mean "this schema cannot be used here" (Kinto: 400 naming the schema field). */
const SCHEMA_PROBLEMS = new Set(['SCHEMA_INVALID', 'SCHEMA_UNRESOLVABLE_REF', 'SCHEMA_VALIDATION_LIMIT']);

function isSchemaProblem(error: unknown): error is Error {
  return error instanceof Error && SCHEMA_PROBLEMS.has((error as Error & { code?: string }).code ?? '');
}

// Compiled schemas by their JSON text: the callers build a fresh (relaxed) schema object per request,
// so only the text can recognise one. Bounded in entries and in text kept (the text is the key).
const compiledSchemas = createBoundedCache<string, SchemaNode>(256, 32 * 1024 * 1024);

/** The compiled form of `schema`, from the cache when a schema of the same JSON text was compiled. */
export function compiledSchema(schema: JsonValue): SchemaNode {
  assertNesting(schema); // before JSON.stringify, which overflows the stack on very deep values
  const key = JSON.stringify(schema);
  let node = compiledSchemas.get(key);
  if (!node) {
    node = compileSchema(schema);
    compiledSchemas.set(key, node, key.length);
  }
  return node;
}

let metaSchema: SchemaNode | undefined;

/** The first failure of `instance` against `node`, within the step budget and nesting limit. */
function firstFailure(node: SchemaNode, instance: JsonValue): Failure | undefined {
  return node.validate(instance, createContext(STEP_BUDGET, MAX_EVALUATION_DEPTH));
}

/**
 * Kinto's field name for a failure (kinto-resources.md §5): the missing property of a `required`
 * error, else the last element of the failing instance path, else (at the root) the keyword.
 */
function fieldOf(failure: Failure): string {
  return failure.missing ?? failure.field ?? failure.keyword ?? 'schema';
}

/**
 * Validates `instance` against `schema` (draft 7, compiled once, patterns on a linear-time engine,
 * bounded work) and throws the 400 of kinto-resources.md §5 on failure: `details[0].name` = the
 * failing field and the description python-jsonschema's message. A `$ref` that leads nowhere, a schema
 * that cannot be compiled, or a validation past its budget answers 400 naming `schema`.
 */
export function validateWithSchema(instance: JsonValue, schema: JsonValue): void {
  let failure: Failure | undefined;
  try {
    failure = firstFailure(compiledSchema(schema), instance);
  } catch (error) {
    if (!isSchemaProblem(error)) throw error;
    throw invalidParameters({ location: 'body', name: 'schema', description: error.message });
  }
  if (failure)
    throw invalidParameters({ location: 'body', name: fieldOf(failure), description: failure.message() });
}

// How Python prints a JSON value in Kinto's messages (`True`, `None`, strings without quotes).
function pythonText(value: JsonValue): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  return value === null ? 'None' : JSON.stringify(value);
}

/**
 * Throws a 400 naming `data.<field>` when `schema` is not a valid draft-07 JSON Schema or cannot run
 * here: a mapping (as Kinto stores them), the meta-schema check (with `format: "regex"` asserted by
 * RE2JS, so a stored schema's patterns always compile), then a compilation. The description is
 * Kinto's: the last path element, then the message.
 */
export function checkSchemaField(field: string, schema: JsonValue): void {
  const name = `data.${field}`;
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) {
    // Kinto stores schemas as mappings: a boolean schema, valid in draft 7, is refused too.
    const shown = pythonText(schema);
    throw invalidParameters({
      location: 'body',
      name,
      description: `"${shown}" is not a mapping type: Does not implement dict-like functionality.`,
    });
  }
  let failure: Failure | undefined;
  try {
    metaSchema ??= compileSchema(DRAFT_07_META_SCHEMA, { assertRegexFormat: true });
    assertNesting(schema);
    failure = firstFailure(metaSchema, schema);
    if (!failure) compiledSchema(schema);
  } catch (error) {
    if (!isSchemaProblem(error)) throw error;
    throw invalidParameters({ location: 'body', name, description: error.message });
  }
  if (failure) {
    throw invalidParameters({
      location: 'body',
      name,
      description: `${failure.field ?? ''}${failure.message()}`,
    });
  }
}
