import { invalidParameters } from '../errors/http-errors.ts';
import { isStorableString } from './storable-string.ts';

/** Bounds on the shape of a JSON body, checked right after parsing (settings `body_max_*`). */
export interface BodyLimits {
  /** Deepest nesting: objects and arrays count one level each (the body itself is level 1). */
  readonly maxDepth: number;
  /** Most keys in one object. */
  readonly maxObjectKeys: number;
  /** Most items in one array. */
  readonly maxArrayItems: number;
}

/** The defaults of the `body_max_depth`, `body_max_object_keys` and `body_max_array_items` settings. */
export const DEFAULT_BODY_LIMITS: BodyLimits = { maxDepth: 64, maxObjectKeys: 10_000, maxArrayItems: 10_000 };

/** Where a value sits in the body: its key (or index) and its parent's place. */
interface Place {
  readonly key: string | number;
  readonly parent: Place | undefined;
}

/** The place of the value under `parent` at `key` (the parent's own place for the body itself). */
function placeOf(parent: Place | undefined, key: string | number | undefined): Place | undefined {
  return key === undefined ? parent : { key, parent };
}

/** 400 errno 107 naming the place (`data.tags.3`; `''` for the body itself). */
function invalidAt(place: Place | undefined, description: string) {
  const keys: (string | number)[] = [];
  for (let at = place; at !== undefined; at = at.parent) keys.push(at.key);
  return invalidParameters({ location: 'body', name: keys.reverse().join('.'), description });
}

const BAD_STRING = 'Strings may not hold NUL characters nor lone surrogates';
const BAD_KEY = 'Keys may not hold NUL characters nor lone surrogates';

/**
 * Checks, in one pass without recursion, that a parsed JSON body stays within `limits` and holds only
 * what every backend can store: finite numbers, and strings (keys included) without NUL and without
 * lone UTF-16 surrogates (PostgreSQL's `jsonb` refuses the first and would silently alter the second).
 * Linear in the size of the body, so it runs before anything else looks at it.
 * @param envelopeDepth levels wrapped around the bodies the limits are about (a batch's subrequest
 *   bodies sit 3 levels down): depth is counted from there, so a limit means the same everywhere.
 * @throws HttpError 400 errno 107 naming the offending field (`details[0].name`, e.g. `data.tags.3`).
 */
export function checkBodyShape(body: unknown, limits: BodyLimits, envelopeDepth = 0): void {
  // Parallel stacks (value, its parent's place, its key, its depth): a place object is made only for
  // containers, so checking a big body allocates little.
  const values: unknown[] = [body];
  const parents: (Place | undefined)[] = [undefined];
  const keys: (string | number | undefined)[] = [undefined];
  const depths: number[] = [1 - envelopeDepth];
  while (values.length > 0) {
    const value = values.pop();
    const parent = parents.pop();
    const key = keys.pop();
    const depth = depths.pop() as number;
    if (typeof value === 'string') {
      if (!isStorableString(value)) throw invalidAt(placeOf(parent, key), BAD_STRING);
      continue;
    }
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) throw invalidAt(placeOf(parent, key), 'Numbers must be finite');
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    const here = placeOf(parent, key);
    if (depth > limits.maxDepth) throw invalidAt(here, `Nested deeper than ${limits.maxDepth} levels`);
    if (Array.isArray(value)) {
      if (value.length > limits.maxArrayItems) {
        throw invalidAt(here, `More than ${limits.maxArrayItems} items`);
      }
      for (let index = 0; index < value.length; index++) {
        values.push(value[index]);
        parents.push(here);
        keys.push(index);
        depths.push(depth + 1);
      }
      continue;
    }
    const names = Object.keys(value);
    if (names.length > limits.maxObjectKeys) throw invalidAt(here, `More than ${limits.maxObjectKeys} keys`);
    for (const name of names) {
      if (!isStorableString(name)) throw invalidAt({ key: name, parent: here }, BAD_KEY);
      values.push((value as Record<string, unknown>)[name]);
      parents.push(here);
      keys.push(name);
      depths.push(depth + 1);
    }
  }
}
