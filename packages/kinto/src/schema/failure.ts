import type { JsonValue } from '@core/contracts';
import type { Context } from './context.ts';

/** A validation error as python-jsonschema reports it; the message is only built for the one reported. */
export interface Failure {
  readonly message: () => string;
  /** The keyword that failed (for a `false` subschema: the keyword that applied it). */
  keyword: string | undefined;
  /** The last element of the failing instance path, when it is not the root. */
  field: string | undefined;
  /** For `required`: the missing property, which Kinto names. */
  readonly missing?: string;
}

/** Checks `value`: `undefined` when it is valid, else the first failure in python-jsonschema's order. */
export type Check = (value: JsonValue, context: Context) => Failure | undefined;

/** A compiled (sub)schema. */
export interface SchemaNode {
  readonly validate: Check;
}

/** A failure of `keyword` at the current instance location. */
export function fail(keyword: string | undefined, message: () => string, missing?: string): Failure {
  return { message, keyword, field: undefined, ...(missing === undefined ? {} : { missing }) };
}

/** `failure` seen from the parent: below `field` (an instance descent), under `keyword`. */
export function under(failure: Failure, keyword: string, field?: string): Failure {
  failure.keyword ??= keyword;
  if (field !== undefined) failure.field ??= field;
  return failure;
}
