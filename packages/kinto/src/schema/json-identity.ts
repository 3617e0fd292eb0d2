import type { JsonValue } from '@core/contracts';

import { CHARS_PER_STEP, STEPS_PER_CONTAINER_ENTRY } from './budget.ts';

/**
 * Returns a function mapping JSON values to small integers, equal exactly when the values are equal as
 * JSON (object key order ignored; `true` ≠ `1`; `1` = `1.0`), the way python-jsonschema compares for
 * `enum`, `const` and `uniqueItems`. Containers are keyed by their children's ids, so each is read once
 * (a `WeakMap` remembers it): `uniqueItems` over n items costs O(total size), not O(n²). `charge` is
 * told the work done, in budget steps.
 */
export function createJsonIdentity(charge: (steps: number) => void): (value: JsonValue) => number {
  const ids = new Map<string, number>();
  const containers = new WeakMap<object, number>();
  const intern = (key: string): number => {
    let id = ids.get(key);
    if (id === undefined) {
      id = ids.size;
      ids.set(key, id);
    }
    return id;
  };
  const identity = (value: JsonValue): number => {
    if (value === null) return intern('n');
    if (typeof value === 'boolean') return intern(value ? 't' : 'f');
    if (typeof value === 'number') return intern(`d${value}`);
    if (typeof value === 'string') {
      charge(1 + Math.floor(value.length / CHARS_PER_STEP));
      return intern(`s${value}`);
    }
    const known = containers.get(value);
    if (known !== undefined) return known;
    let key: string;
    if (Array.isArray(value)) {
      charge(STEPS_PER_CONTAINER_ENTRY * (1 + value.length));
      key = `a${value.map(identity).join(',')}`;
    } else {
      const names = Object.keys(value).sort();
      charge(STEPS_PER_CONTAINER_ENTRY * (1 + names.length));
      key = `o${names.map((name) => `${JSON.stringify(name)}:${identity(value[name]!)}`).join(',')}`;
    }
    const id = intern(key);
    containers.set(value, id);
    return id;
  };
  return identity;
}
