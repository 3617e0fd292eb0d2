import type { JsonObject, JsonValue } from '@core/contracts';
import { invalidQuery } from '@core/http-api';

type Predicate = (entry: JsonObject) => boolean;

/** A `/permissions` query: filters, sort, page and projection, validated. */
export interface EntryQuery {
  readonly predicates: readonly Predicate[];
  readonly sort: readonly { readonly field: string; readonly direction: 1 | -1 }[];
  readonly limit: number | null;
  readonly offset: number;
  readonly fields: readonly string[] | null;
}

const OPERATORS = [
  'not',
  'in',
  'exclude',
  'like',
  'has',
  'min',
  'max',
  'lt',
  'gt',
  'contains_any',
  'contains',
];
const IGNORED = 'last_modified';

function nativeValue(raw: string): JsonValue {
  try {
    return JSON.parse(raw) as JsonValue;
  } catch {
    return raw;
  }
}

const list = (raw: string): JsonValue[] => raw.split(',').map((value) => nativeValue(value.trim()));
const same = (a: JsonValue | undefined, b: JsonValue) => JSON.stringify(a) === JSON.stringify(b);
const compare = (a: JsonValue | undefined, b: JsonValue | undefined): number => {
  if (a === undefined || b === undefined) return a === b ? 0 : a === undefined ? 1 : -1;
  if (typeof a === typeof b && (typeof a === 'string' || typeof a === 'number')) {
    return a < (b as typeof a) ? -1 : a > (b as typeof a) ? 1 : 0;
  }
  const left = JSON.stringify(a);
  const right = JSON.stringify(b);
  return left < right ? -1 : left > right ? 1 : 0;
};

function likePattern(raw: string): RegExp {
  const escaped = raw.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replaceAll('*', '.*');
  return new RegExp(raw.includes('*') ? `^${escaped}$` : escaped, 'is');
}

function predicate(operator: string, field: string, raw: string): Predicate {
  const get = (entry: JsonObject) => entry[field];
  switch (operator) {
    case 'not':
      return (entry) => !same(get(entry), nativeValue(raw));
    case 'in':
      return (entry) => list(raw).some((value) => same(get(entry), value));
    case 'exclude':
      return (entry) => !list(raw).some((value) => same(get(entry), value));
    case 'like': {
      const pattern = likePattern(raw);
      return (entry) => typeof get(entry) === 'string' && pattern.test(get(entry) as string);
    }
    case 'has': {
      const wanted = !['false', '0'].includes(raw.toLowerCase());
      return (entry) => (get(entry) !== undefined) === wanted;
    }
    case 'contains':
    case 'contains_any': {
      const values = list(raw);
      return (entry) => {
        const value = get(entry);
        if (!Array.isArray(value)) return false;
        const found = (wanted: JsonValue) => value.some((item) => same(item, wanted));
        return operator === 'contains' ? values.every(found) : values.some(found);
      };
    }
    case 'min':
    case 'max':
    case 'lt':
    case 'gt': {
      const bound = nativeValue(raw);
      const accept = {
        min: (c: number) => c >= 0,
        max: (c: number) => c <= 0,
        lt: (c: number) => c < 0,
        gt: (c: number) => c > 0,
      }[operator];
      return (entry) => get(entry) !== undefined && accept(compare(get(entry), bound));
    }
    default:
      return (entry) => same(get(entry), nativeValue(raw));
  }
}

function splitOperator(param: string): [string, string] {
  for (const operator of OPERATORS) {
    if (param.startsWith(`${operator}_`)) return [operator, param.slice(operator.length + 1)];
  }
  return ['eq', param];
}

function integer(name: string, raw: string): number {
  if (!/^\d{1,15}$/.test(raw)) throw invalidQuery(name);
  return Number(raw);
}

/** The page position carried by `_token`: an offset, base64url JSON. */
export function encodeOffset(offset: number): string {
  return btoa(JSON.stringify({ offset })).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

function decodeOffset(token: string): number {
  try {
    const decoded = JSON.parse(atob(token.replaceAll('-', '+').replaceAll('_', '/'))) as { offset?: unknown };
    if (typeof decoded.offset === 'number' && Number.isSafeInteger(decoded.offset) && decoded.offset >= 0) {
      return decoded.offset;
    }
  } catch {
    // Reported below.
  }
  throw invalidQuery('_token');
}

/**
 * Reads the query string of `/permissions` (permissions.md §4): strict filters on `known` fields
 * (unknown → 400), `last_modified` filters and sorts ignored, `_sort` (default `-uri`), `_limit`,
 * `_token`, `_fields`.
 */
export function parseEntryQuery(search: URLSearchParams, known: ReadonlySet<string>): EntryQuery {
  const predicates: Predicate[] = [];
  let sort: { field: string; direction: 1 | -1 }[] = [];
  let limit: number | null = null;
  let offset = 0;
  let fields: string[] | null = null;
  const check = (name: string, field: string) => {
    if (!known.has(field.split('.')[0]!)) throw invalidQuery(name, `Unknown field "${field}"`);
  };
  for (const [param, raw] of new Map(search)) {
    if (param === '_sort') {
      sort = raw
        .split(',')
        .map((part) => part.trim())
        .filter((part) => part !== '')
        .map((part) => {
          const field = part.replace(/^[-+]/, '');
          if (field !== IGNORED) check('_sort', field);
          return { field, direction: part.startsWith('-') ? -1 : 1 } as const;
        })
        .filter((criterion) => criterion.field !== IGNORED);
    } else if (param === '_limit') limit = integer('_limit', raw);
    else if (param === '_token') offset = raw === '' ? 0 : decodeOffset(raw);
    else if (param === '_fields') {
      fields = raw
        .split(',')
        .map((field) => field.trim())
        .filter((field) => field !== '');
      for (const field of fields) check('_fields', field);
    } else if (param.startsWith('_') || param === '') continue;
    else {
      const [operator, field] = splitOperator(param);
      if (field === IGNORED) continue;
      check(param, field);
      predicates.push(predicate(operator, field, raw));
    }
  }
  if (sort.length === 0) sort = [{ field: 'uri', direction: -1 }];
  return { predicates, sort, limit, offset, fields };
}

/** Filters and sorts `entries` (ties broken by `uri`). */
export function applyEntryQuery(entries: readonly JsonObject[], query: EntryQuery): JsonObject[] {
  const kept = entries.filter((entry) => query.predicates.every((test) => test(entry)));
  return kept.sort((a, b) => {
    for (const { field, direction } of query.sort) {
      const order = compare(a[field], b[field]);
      if (order !== 0) return order * direction;
    }
    return compare(a.uri, b.uri);
  });
}

/** `entry` reduced to `fields` (and its `id`). */
export function projectEntry(entry: JsonObject, fields: readonly string[]): JsonObject {
  const projected: JsonObject = {};
  for (const field of ['id', ...fields]) if (entry[field] !== undefined) projected[field] = entry[field];
  return projected;
}
