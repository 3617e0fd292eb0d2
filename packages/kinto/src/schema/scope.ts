import type { JsonObject, JsonValue } from '@core/contracts';
import type { Check, SchemaNode } from './failure.ts';
import type { CompiledPattern } from './pattern.ts';

/** What a keyword compiler may use while its schema is compiled. */
export interface Scope {
  /** Compiles a subschema of the schema being compiled (under the same base URI). */
  subschema(value: JsonValue): SchemaNode;
  /** Compiles a pattern of the schema; a pattern RE2 cannot run makes the schema refused. */
  pattern(source: string): CompiledPattern;
  /** `true` when `format: "regex"` is asserted (the meta-schema check of stored schemas). */
  readonly assertRegexFormat: boolean;
}

/** Compiles one keyword's value into a check, or `undefined` when it checks nothing. */
export type KeywordCompiler = (value: JsonValue, schema: JsonObject, scope: Scope) => Check | undefined;

/** `true` for a JSON object (not an array, not `null`). */
export function isObject(value: JsonValue | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A non-negative integer keyword value (`maxLength`, `minItems`...), else `undefined`. */
export function count(value: JsonValue): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : undefined;
}

/** Python's comparison of strings: by code point (JavaScript's default sort compares UTF-16 units). */
export function byCodePoint(a: string, b: string): number {
  const left = [...a];
  const right = [...b];
  for (let index = 0; index < Math.min(left.length, right.length); index += 1) {
    const difference = left[index]!.codePointAt(0)! - right[index]!.codePointAt(0)!;
    if (difference !== 0) return difference;
  }
  return left.length - right.length;
}
