import { type FieldPath, MAX_FIELD_PATH_DOTS, resolveField } from '@core/contracts';
import { invalidQuery } from '../errors/http-errors.ts';

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

/**
 * Refuses a field path with more than {@link MAX_FIELD_PATH_DOTS} dots (400 errno 107 naming
 * `param`), the same on every backend: longer paths cost exponentially more to resolve in SQL.
 */
export function checkFieldDepth(param: string, path: FieldPath): void {
  let dots = 0;
  for (let at = path.indexOf('.'); at !== -1; at = path.indexOf('.', at + 1)) {
    dots += 1;
    if (dots > MAX_FIELD_PATH_DOTS) {
      throw invalidQuery(param, `Field paths may have at most ${MAX_FIELD_PATH_DOTS} dots`);
    }
  }
}
