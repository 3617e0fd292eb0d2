import type { JsonValue } from './json.ts';

/**
 * Filter operators, with the semantics of the HTTP API's query-string prefixes (`lt_`, `in_`, ...).
 *
 * Values of different JSON types compare through one total order (see {@link TYPE_ORDER}); a missing
 * field compares greater than every value.
 */
export type FilterOperator =
  | 'eq'
  | 'not'
  | 'lt'
  | 'gt'
  | 'min'
  | 'max'
  | 'in'
  | 'exclude'
  | 'like'
  | 'has'
  | 'contains'
  | 'contains_any';

/**
 * A field reference: a top-level key, or a dotted path into nested objects (`author.name`).
 * When an object has a key that itself contains dots and matches a prefix of the path, the longest
 * such key wins (`{"a.b": {"c": 1}}` resolves `a.b.c` to `1`).
 */
export type FieldPath = string;

/**
 * Most dots a {@link FieldPath} may have. The longest-key rule makes a path of `n` dots resolve
 * through up to `2^n` key splits, which a backend translating paths to SQL must spell out; callers
 * never pass longer paths (the HTTP layer answers 400), and backends may refuse them (`TypeError`).
 */
export const MAX_FIELD_PATH_DOTS = 8;

/**
 * Equality and ordering against one value.
 *
 * - `eq`: type-sensitive JSON equality (`1` ≠ `"1"`, objects compare deeply, key order ignored).
 *   A missing field never matches; `null` matches only `null`.
 * - `not`: negation of `eq`; a missing field always matches.
 * - `lt` / `gt` / `min` (≥) / `max` (≤): cross-type order of {@link TYPE_ORDER}; a missing field is
 *   greater than everything, so it matches `gt`/`min` and never `lt`/`max`.
 */
export interface ComparisonFilter {
  readonly field: FieldPath;
  readonly operator: 'eq' | 'not' | 'lt' | 'gt' | 'min' | 'max';
  readonly value: JsonValue;
}

/**
 * Membership in a list of values (each compared as `eq` does).
 * `in`: a missing field never matches. `exclude`: a missing field always matches.
 * An empty list matches nothing (`in`) or everything (`exclude`).
 */
export interface ListFilter {
  readonly field: FieldPath;
  readonly operator: 'in' | 'exclude';
  readonly value: readonly JsonValue[];
}

/**
 * Case-insensitive pattern match on string fields. `*` matches any run of characters (possibly
 * empty); every other character, `%`, `_`, `\`, `.` and regular-expression syntax included, matches
 * itself only. A pattern without `*` matches anywhere in the string (as if wrapped in `*...*`).
 * Non-string and missing fields never match.
 */
export interface LikeFilter {
  readonly field: FieldPath;
  readonly operator: 'like';
  readonly value: string;
}

/** Presence: `true` matches objects having the field (even when its value is `null`), `false` the others. */
export interface HasFilter {
  readonly field: FieldPath;
  readonly operator: 'has';
  readonly value: boolean;
}

/**
 * Array membership. `contains`: the field is an array holding every given value; `contains_any`: the
 * field is an array holding at least one of them. Elements compare by deep JSON equality (an object
 * element matches only an equal object, not a superset). Non-array and missing fields never match.
 * `contains` with an empty list matches every array; `contains_any` with an empty list matches nothing.
 */
export interface ArrayFilter {
  readonly field: FieldPath;
  readonly operator: 'contains' | 'contains_any';
  readonly value: readonly JsonValue[];
}

/**
 * One condition on objects; a list of filters is a conjunction (AND).
 *
 * Special fields: `id` filter values are always strings (the HTTP layer converts `id=12` to `"12"`);
 * `last_modified` values are integers. Tombstones, when included, are matched on their three fields
 * (`id`, `last_modified`, `deleted`) like any object.
 */
export type Filter = ComparisonFilter | ListFilter | LikeFilter | HasFilter | ArrayFilter;

/**
 * The cross-type order used by comparisons and sorting, ascending:
 * `null` < strings < numbers < booleans < arrays < objects < missing field.
 *
 * Within a type: strings by Unicode code point (not UTF-16 unit, not locale), numbers numerically,
 * `false` < `true`. Arrays and objects are ordered in a backend-defined but total and consistent way;
 * equal values (deep equality) always compare equal.
 */
export const TYPE_ORDER = ['null', 'string', 'number', 'boolean', 'array', 'object', 'missing'] as const;

/** The rank names of {@link TYPE_ORDER}. */
export type TypeRank = (typeof TYPE_ORDER)[number];
