import { type FieldPath, resolveField } from '@core/contracts';

/**
 * A field name as Kinto's `[\w.]+` accepts it (Python's `\w` is Unicode-aware: letters, digits,
 * underscore).
 */
export const FIELD_NAME = /^[\p{L}\p{N}_.]+$/u;

/** The fields every object has, known even on strict-schema resources. */
export const BUILTIN_FIELDS: readonly string[] = ['id', 'last_modified', 'deleted'];

export { resolveField };

/** The root of a dotted path (`author.name` → `author`), which strict schemas check. */
export function rootField(path: FieldPath): string {
  const dot = path.indexOf('.');
  return dot === -1 ? path : path.slice(0, dot);
}

/** Tells whether a strict schema knows a field path (by its root). */
export type KnownFieldCheck = (path: FieldPath) => boolean;

/** A checker for strict-schema resources; `null` (schemaless) accepts everything. */
export function knownFieldChecker(strict: { fields: readonly string[] } | undefined): KnownFieldCheck | null {
  if (!strict) return null;
  const known = new Set([...strict.fields, ...BUILTIN_FIELDS]);
  return (path) => known.has(rootField(path));
}
