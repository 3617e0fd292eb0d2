import {
  type CaseResult,
  type ConformanceGroup,
  runGroup,
  storageFiltersGroup,
  storagePaginationGroup,
  storageSortingGroup,
} from '@core/conformance';
import type { Filter, JsonValue, ListOptions, StorageBackend, StoredOrDeleted } from '@core/contracts';
import { describe, expect, it } from 'vitest';
import { createMemoryStorage } from './storage.ts';

type Group = ConformanceGroup<StorageBackend, { create: () => StorageBackend }>;
type Override = (real: StorageBackend) => Partial<StorageBackend>;
type ListAll = StorageBackend['listAll'];

async function run(group: Group, override?: Override): Promise<CaseResult[]> {
  return runGroup(group, {
    create: () => {
      const real = createMemoryStorage();
      return override ? { ...real, ...override(real) } : real;
    },
  });
}

function failures(results: readonly CaseResult[]): string[] {
  return results.filter((result) => result.status === 'failed').map((result) => result.name);
}

/** Rewrites the filters of every listing, count and deleteAll. */
function rewriteFilters(rewrite: (filter: Filter) => Filter[]): Override {
  const apply = (filters: readonly Filter[] | undefined) => filters?.flatMap(rewrite);
  return (real) => ({
    listAll: (pattern, options) => real.listAll(pattern, { ...options, filters: apply(options?.filters) }),
    countAll: (pattern, filters) => real.countAll(pattern, apply(filters)),
    deleteAll: (pattern, options) =>
      real.deleteAll(pattern, { ...options, filters: apply(options?.filters) }),
  });
}

/** Rewrites the options of every listing. */
function rewriteList(
  rewrite: (
    options: ListOptions,
    real: StorageBackend,
    pattern: Parameters<ListAll>[0],
  ) => ReturnType<ListAll>,
): Override {
  return (real) => ({ listAll: (pattern, options = {}) => rewrite(options, real, pattern) });
}

function naiveValue(object: StoredOrDeleted, field: string): JsonValue | undefined {
  let value: JsonValue | undefined = object;
  for (const part of field.split('.')) {
    value = typeof value === 'object' && value !== null && !Array.isArray(value) ? value[part] : undefined;
  }
  return value;
}

/** `jsonb @>`-style containment: an object matches any superset of itself. */
function containedIn(wanted: JsonValue, element: JsonValue): boolean {
  if (typeof wanted === 'object' && wanted !== null && !Array.isArray(wanted)) {
    if (typeof element !== 'object' || element === null || Array.isArray(element)) return false;
    return Object.entries(wanted).every(
      ([key, value]) => key in element && containedIn(value, element[key]!),
    );
  }
  return JSON.stringify(wanted) === JSON.stringify(element);
}

/** Sorts in JavaScript with `compare` on each criterion (no cursor support), then applies the limit. */
function sortedWith(compare: (a: JsonValue | undefined, b: JsonValue | undefined) => number): Override {
  return rewriteList(async ({ sort, limit, after, ...rest }, real, pattern) => {
    const all = await real.listAll(pattern, { ...rest, ...(after ? { sort, after } : {}) });
    const criteria =
      sort && sort.length > 0 ? sort : [{ field: 'last_modified', direction: 'desc' as const }];
    all.sort((a, b) => {
      for (const { field, direction } of criteria) {
        const order = compare(naiveValue(a, field), naiveValue(b, field));
        if (order !== 0) return direction === 'desc' ? -order : order;
      }
      return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
    });
    return limit === undefined ? all : all.slice(0, limit);
  });
}

/** [what is broken, a case that must fail, the group holding it, the breakage]. */
const BROKEN: readonly (readonly [string, string, Group, Override])[] = [
  [
    'eq that is not type-sensitive (5 == "5")',
    'F-FLT-02 eq 5 matches the number only, not "5"',
    storageFiltersGroup,
    rewriteFilters((f) =>
      f.operator === 'eq' && typeof f.value === 'number'
        ? [{ field: f.field, operator: 'in', value: [f.value, String(f.value)] }]
        : [f],
    ),
  ],
  [
    'not that drops objects missing the field',
    'F-FLT-02 not 5 matches everything else, missing included',
    storageFiltersGroup,
    rewriteFilters((f) =>
      f.operator === 'not' ? [f, { field: f.field, operator: 'has', value: true }] : [f],
    ),
  ],
  [
    'gt that never matches a missing field',
    'F-FLT-03 gt 5 matches greater numbers, booleans, arrays, objects and missing, never strings',
    storageFiltersGroup,
    rewriteFilters((f) =>
      f.operator === 'gt' ? [f, { field: f.field, operator: 'has', value: true }] : [f],
    ),
  ],
  [
    'like that treats % as a wildcard',
    'F-FLT-05 like treats % literally',
    storageFiltersGroup,
    rewriteFilters((f) => (f.operator === 'like' ? [{ ...f, value: f.value.replaceAll('%', '*') }] : [f])),
  ],
  [
    'like that treats . as any character',
    'F-FLT-05 like treats . literally',
    storageFiltersGroup,
    rewriteFilters((f) => (f.operator === 'like' ? [{ ...f, value: f.value.replaceAll('.', '*') }] : [f])),
  ],
  [
    'has true that ignores null values',
    'F-FLT-06 has true matches present fields, null included',
    storageFiltersGroup,
    rewriteFilters((f) =>
      f.operator === 'has' && f.value ? [f, { field: f.field, operator: 'not', value: null }] : [f],
    ),
  ],
  [
    'contains_any with an empty list matching every array',
    'F-FLT-07 contains_any [] matches nothing',
    storageFiltersGroup,
    rewriteFilters((f) =>
      f.operator === 'contains_any' && f.value.length === 0
        ? [{ field: f.field, operator: 'contains', value: [] }]
        : [f],
    ),
  ],
  [
    'contains matching objects that are supersets (jsonb @> semantics)',
    'F-FLT-07 contains with objects matches equal elements only, never supersets',
    storageFiltersGroup,
    (real) => ({
      listAll: async (pattern, options = {}) => {
        const contains = options.filters?.filter((f) => f.operator === 'contains') ?? [];
        const others = options.filters?.filter((f) => f.operator !== 'contains');
        const listed = await real.listAll(pattern, { ...options, filters: others });
        return listed.filter((object) =>
          contains.every((f) => {
            const value = naiveValue(object, f.field);
            const wanted = f.value as readonly JsonValue[];
            return Array.isArray(value) && wanted.every((w) => value.some((e) => containedIn(w, e)));
          }),
        );
      },
    }),
  ],
  [
    'countAll that counts tombstones',
    'F-TK-STO-01 countAll equals the filtered listing and ignores tombstones',
    storageFiltersGroup,
    (real) => ({
      countAll: async (pattern, filters) =>
        (await real.listAll(pattern, { filters, includeDeleted: true })).length,
    }),
  ],
  [
    'listAll that always includes tombstones',
    'F-SYNC-02 tombstones are listed with includeDeleted and match on last_modified',
    storageFiltersGroup,
    rewriteList((options, real, pattern) => real.listAll(pattern, { ...options, includeDeleted: true })),
  ],
  [
    'sorting by UTF-16 units and String() across types',
    'F-SORT-02 strings sort by code point (uppercase first, emoji after U+FFFF)',
    storageSortingGroup,
    sortedWith((a, b) => {
      const [x, y] = [JSON.stringify(a) ?? '~', JSON.stringify(b) ?? '~'];
      return x < y ? -1 : x > y ? 1 : 0;
    }),
  ],
  [
    'sorting that puts missing fields first ascending',
    'F-SORT-02 null sorts first ascending, missing last',
    storageSortingGroup,
    (real) => ({
      listAll: async (pattern, options = {}) => {
        const listed = await real.listAll(pattern, options);
        const field = options.sort?.[0]?.field;
        if (field === undefined || options.sort?.[0]?.direction !== 'asc') return listed;
        return [
          ...listed.filter((o) => naiveValue(o, field) === undefined),
          ...listed.filter((o) => naiveValue(o, field) !== undefined),
        ];
      },
    }),
  ],
  [
    'default order ascending',
    'F-SORT-01 the default order is last_modified descending',
    storageSortingGroup,
    rewriteList((options, real, pattern) =>
      real.listAll(pattern, {
        ...options,
        sort: options.sort?.length ? options.sort : [{ field: 'last_modified', direction: 'asc' }],
      }),
    ),
  ],
  [
    'limit applied before sorting',
    'F-SORT-01 a limit keeps the first objects of the order, not arbitrary ones',
    storageSortingGroup,
    rewriteList(async ({ limit, sort, ...rest }, real, pattern) => {
      const page = await real.listAll(pattern, { ...rest, ...(limit === undefined ? {} : { limit }) });
      return sort
        ? real.listAll(pattern, {
            ...rest,
            sort,
            filters: [{ field: 'id', operator: 'in', value: page.map((o) => o.id) }, ...(rest.filters ?? [])],
          })
        : page;
    }),
  ],
  [
    'pagination that skips ties (drops id from the cursor)',
    'F-PAG-02 walking 21 objects by a field with duplicates ascending with limit 2 yields the full listing once',
    storagePaginationGroup,
    rewriteList(({ after, ...rest }, real, pattern) => {
      if (after === undefined) return real.listAll(pattern, rest);
      const { id: _id, ...withoutId } = after;
      return real.listAll(pattern, { ...rest, after: withoutId });
    }),
  ],
  [
    'pagination that re-includes the cursor object (not strictly after)',
    'F-PAG-02 walking 21 objects by the default order with limit 3 yields the full listing once',
    storagePaginationGroup,
    rewriteList(async ({ after, limit, ...rest }, real, pattern) => {
      if (after === undefined)
        return real.listAll(pattern, { ...rest, ...(limit === undefined ? {} : { limit }) });
      const all = await real.listAll(pattern, rest);
      const start = all.findIndex((o) => o.id === after.id);
      const page = all.slice(Math.max(start, 0));
      return limit === undefined ? page : page.slice(0, limit);
    }),
  ],
  [
    'a listAll that drops parent scoping once a cursor is given (LESSONS §18)',
    'F-PAG-02 a cursor taken from another list never yields that list (LESSONS §18)',
    storagePaginationGroup,
    rewriteList((options, real, pattern) =>
      real.listAll(options.after ? { resource: pattern.resource, parent: '*' } : pattern, options),
    ),
  ],
  [
    'a limit of 0 meaning "no limit"',
    'F-PAG-01 limit 0 returns nothing',
    storagePaginationGroup,
    rewriteList(({ limit, ...rest }, real, pattern) =>
      real.listAll(pattern, limit === 0 || limit === undefined ? rest : { ...rest, limit }),
    ),
  ],
];

describe('the query conformance groups catch broken backends', () => {
  for (const group of [storageFiltersGroup, storageSortingGroup, storagePaginationGroup]) {
    it(`the real memory backend passes every "${group.name}" case`, async () => {
      const results = await run(group);
      expect(failures(results)).toEqual([]);
      expect(results.length).toBeGreaterThan(20);
    });
  }

  for (const [label, mustFail, group, override] of BROKEN) {
    it(`"${group.name}" fails a backend with ${label}`, async () => {
      expect(failures(await run(group, override))).toContain(mustFail);
    });
  }
});
