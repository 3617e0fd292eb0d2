import type { JsonValue, KeysetCursor, Sort, StoredOrDeleted } from '@core/contracts';
import { describe, expect, it } from 'vitest';
import { matchesFilters, selectObjects } from '../query.ts';
import { resolveField } from './field-path.ts';

function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

const VALUES: (JsonValue | undefined)[] = [
  null,
  'a',
  'B',
  '\u{1F600}',
  '\uFFFF',
  1,
  2,
  2.5,
  -1,
  true,
  false,
  [1],
  [],
  { a: 1 },
  undefined,
];

function makeObjects(count: number, seed: number): StoredOrDeleted[] {
  const next = random(seed);
  const objects: StoredOrDeleted[] = [];
  for (let i = 0; i < count; i++) {
    const object: StoredOrDeleted = {
      id: `id-${String(i).padStart(4, '0')}`,
      last_modified: Math.floor(next() * 50),
    };
    const v = VALUES[Math.floor(next() * VALUES.length)];
    if (v !== undefined) object.v = v;
    object.g = { n: Math.floor(next() * 4) };
    objects.push(object);
  }
  return objects;
}

function cursorOf(object: StoredOrDeleted, sort: readonly Sort[]): KeysetCursor {
  const cursor: Record<string, JsonValue> = { id: object.id };
  for (const { field } of sort) {
    const value = resolveField(object, field);
    if (value !== undefined) cursor[field] = value;
  }
  return cursor;
}

const ORDERS: (readonly Sort[])[] = [
  [],
  [{ field: 'v', direction: 'asc' }],
  [{ field: 'v', direction: 'desc' }],
  [
    { field: 'g.n', direction: 'asc' },
    { field: 'v', direction: 'desc' },
  ],
  [{ field: 'id', direction: 'desc' }],
];

describe('selectObjects', () => {
  it('returns nothing for limit 0 and everything without options', () => {
    const objects = makeObjects(10, 1);
    expect(selectObjects(objects, { limit: 0 })).toEqual([]);
    expect(selectObjects(objects)).toHaveLength(10);
  });

  it('sorts by last_modified desc then id asc by default', () => {
    const objects: StoredOrDeleted[] = [
      { id: 'b', last_modified: 1 },
      { id: 'a', last_modified: 1 },
      { id: 'c', last_modified: 2 },
    ];
    expect(selectObjects(objects).map((o) => o.id)).toEqual(['c', 'a', 'b']);
  });

  it('a small limit (heap selection) equals the head of the full sort', () => {
    const objects = makeObjects(2_000, 7);
    for (const sort of ORDERS) {
      const full = selectObjects(objects, { sort });
      for (const limit of [1, 5, 17, 100, 400]) {
        expect(selectObjects(objects, { sort, limit })).toEqual(full.slice(0, limit));
      }
    }
  });

  it('walking pages with a cursor yields the full listing exactly', () => {
    const objects = makeObjects(60, 3);
    for (const sort of ORDERS) {
      const full = selectObjects(objects, { sort });
      for (const limit of [1, 4, 7]) {
        const walked: StoredOrDeleted[] = [];
        let after: KeysetCursor | undefined;
        for (let guard = 0; guard < 100; guard++) {
          const page = selectObjects(objects, { sort, limit, ...(after ? { after } : {}) });
          if (page.length === 0) break;
          walked.push(...page);
          after = cursorOf(
            page[page.length - 1]!,
            sort.length === 0 ? [{ field: 'last_modified', direction: 'desc' }] : sort,
          );
        }
        expect(walked).toEqual(full);
      }
    }
  });

  it('a cursor without id skips objects tying on every sort value', () => {
    const objects = makeObjects(40, 5);
    const sort: Sort[] = [{ field: 'g.n', direction: 'asc' }];
    const after = selectObjects(objects, { sort, after: { 'g.n': 1 } });
    expect(after.every((o) => (resolveField(o, 'g.n') as number) > 1)).toBe(true);
    expect(after.length).toBe(objects.filter((o) => (resolveField(o, 'g.n') as number) > 1).length);
  });

  it('an absent cursor key is the missing rank', () => {
    const objects: StoredOrDeleted[] = [
      { id: 'a', last_modified: 1, v: 1 },
      { id: 'b', last_modified: 1 },
      { id: 'c', last_modified: 1 },
    ];
    const asc: Sort[] = [{ field: 'v', direction: 'asc' }];
    expect(selectObjects(objects, { sort: asc, after: {} })).toEqual([]);
    expect(selectObjects(objects, { sort: asc, after: { id: 'b' } }).map((o) => o.id)).toEqual(['c']);
    const desc: Sort[] = [{ field: 'v', direction: 'desc' }];
    expect(selectObjects(objects, { sort: desc, after: { id: 'b' } }).map((o) => o.id)).toEqual(['c', 'a']);
  });

  it('filters before sorting and limiting', () => {
    const objects = makeObjects(300, 9);
    const filters = [{ field: 'g.n', operator: 'eq', value: 2 }] as const;
    const selected = selectObjects(objects, { filters, sort: [{ field: 'v', direction: 'asc' }], limit: 5 });
    expect(selected).toHaveLength(5);
    expect(selected.every((o) => matchesFilters(o, filters))).toBe(true);
  });
});
