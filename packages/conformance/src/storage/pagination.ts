import type { Filter, JsonObject, JsonValue, ObjectData, Sort, StorageBackend } from '@core/contracts';
import { expect } from 'vitest';
import { defineStorageGroup, type StorageGroup } from './options.ts';
import {
  cursorOf,
  expectOrder,
  idsOf,
  LIST,
  type ListPattern,
  OTHER_LIST,
  seed,
  seedValues,
  walkPages,
} from './query-helpers.ts';

const ASC = (field: string): Sort => ({ field, direction: 'asc' });
const DESC = (field: string): Sort => ({ field, direction: 'desc' });

const STRINGS = ['a', 'B', 'é', '\uE000', '\u{1F600}', '\uFFFF', '', 'ab'];
const MIXED: readonly (JsonValue | undefined)[] = [
  null,
  'b',
  3,
  0.5,
  false,
  true,
  [0],
  [1, 2],
  { z: 0 },
  undefined,
];

/** Object `i` of the paginated fixture: duplicate values, missing fields, nested and cross-type fields. */
function fixture(i: number, list: string): ObjectData {
  const object: ObjectData = {
    id: `o${String(i).padStart(2, '0')}`,
    list,
    n: i % 5,
    grp: i % 2 === 0 ? 'x' : 'y',
    s: STRINGS[i % STRINGS.length]!,
    same: 1,
  };
  if (i % 3 !== 0) object.opt = i;
  if (i % 6 !== 0) object.p = { q: { r: i % 4 } };
  const mixed = MIXED[i % MIXED.length];
  if (mixed !== undefined) object.mixed = mixed;
  return object;
}

/** Seeds `count` fixture objects in {@link LIST} and the same ids and values in {@link OTHER_LIST}, interleaved. */
async function seedTwins(backend: StorageBackend, count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    await backend.create(LIST, fixture(i, 'main'));
    await backend.create(OTHER_LIST, fixture(i, 'other'));
  }
}

const ORDERS: readonly (readonly [string, readonly Sort[] | undefined])[] = [
  ['the default order', undefined],
  ['last_modified ascending', [ASC('last_modified')]],
  ['a field with duplicates ascending', [ASC('n')]],
  ['a field with duplicates descending', [DESC('n')]],
  ['a field missing on some objects ascending', [ASC('opt')]],
  ['a field missing on some objects descending', [DESC('opt')]],
  ['a nested field with missing intermediates', [ASC('p.q.r')]],
  ['a nested field descending', [DESC('p.q.r')]],
  ['three keys (asc, desc, asc)', [ASC('grp'), DESC('n'), ASC('s')]],
  ['mixed JSON types ascending', [ASC('mixed')]],
  ['mixed JSON types descending', [DESC('mixed')]],
  ['unicode strings', [ASC('s')]],
  ['a field equal on every object', [DESC('same')]],
];

async function expectWalk(
  backend: StorageBackend,
  pattern: ListPattern,
  options: Parameters<typeof walkPages>[2],
  limit: number,
): Promise<JsonObject[]> {
  const full = await backend.listAll(pattern, options);
  const { objects, pages } = await walkPages(backend, pattern, options, limit);
  expect(idsOf(objects), `walk with limit ${limit}`).toEqual(idsOf(full));
  expect(objects).toEqual(full);
  expect(pages).toBe(Math.ceil(full.length / limit));
  return objects;
}

/** Pagination: limits, keyset cursors, page walks that neither skip nor repeat, list scoping. */
export const storagePaginationGroup: StorageGroup = defineStorageGroup('pagination', (test) => {
  for (const [label, sort] of ORDERS) {
    for (const limit of [1, 2, 3, 7]) {
      test(`F-PAG-02 walking 21 objects by ${label} with limit ${limit} yields the full listing once`, async (backend) => {
        await seedTwins(backend, 21);
        const walked = await expectWalk(backend, LIST, sort ? { sort } : {}, limit);
        expect(walked).toHaveLength(21);
        expect(walked.every((object) => object.list === 'main')).toBe(true);
      });
    }
  }

  for (const limit of [2, 4, 5, 10, 20]) {
    test(`F-PAG-02 a listing that is an exact multiple of the limit (20 / ${limit}) ends`, async (backend) => {
      await seedTwins(backend, 20);
      await expectWalk(backend, LIST, { sort: [ASC('n')] }, limit);
    });
  }

  test('F-PAG-01 limit 0 returns nothing', async (backend) => {
    await seedValues(backend, { a: 1, b: 2 });
    await backend.delete(LIST, 'b');
    expect(await backend.listAll(LIST, { limit: 0 })).toEqual([]);
    expect(await backend.listAll(LIST, { limit: 0, sort: [ASC('v')], includeDeleted: true })).toEqual([]);
  });

  test('F-PAG-01 a limit at or above the count returns everything', async (backend) => {
    await seedValues(backend, { a: 1, b: 2, c: 3 });
    await expectOrder(backend, { sort: [ASC('v')], limit: 3 }, ['a', 'b', 'c']);
    await expectOrder(backend, { sort: [ASC('v')], limit: 50 }, ['a', 'b', 'c']);
    await expectOrder(backend, { sort: [ASC('v')], limit: 2 }, ['a', 'b']);
  });

  test('F-PAG-01 tombstones count toward the limit when included', async (backend) => {
    await seedValues(backend, { a: 1, b: 2, c: 3 });
    await backend.delete(LIST, 'c');
    await expectOrder(backend, { includeDeleted: true, limit: 2 }, ['c', 'b']);
    await expectOrder(backend, { limit: 2 }, ['b', 'a']);
  });

  test('F-PAG-02 a cursor without id skips every object tying on the sort values', async (backend) => {
    await seedValues(backend, { a: 1, b: 2, c: 2, d: 2, e: 3 });
    await expectOrder(backend, { sort: [ASC('v')], after: { v: 2 } }, ['e']);
    await expectOrder(backend, { sort: [DESC('v')], after: { v: 2 } }, ['a']);
  });

  test('F-PAG-02 a cursor with id continues inside a run of ties', async (backend) => {
    await seedValues(backend, { a: 1, b: 2, c: 2, d: 2, e: 3 });
    await expectOrder(backend, { sort: [ASC('v')], after: { v: 2, id: 'b' } }, ['c', 'd', 'e']);
    await expectOrder(backend, { sort: [DESC('v')], after: { v: 2, id: 'c' } }, ['d', 'a']);
  });

  test('F-PAG-02 a default-order cursor uses last_modified then id', async (backend) => {
    const [a, b] = await seed(backend, LIST, [{ id: 'a' }, { id: 'b' }, { id: 'c' }]);
    await expectOrder(backend, { after: { last_modified: b!.last_modified, id: 'b' } }, ['a']);
    await expectOrder(backend, { after: { last_modified: b!.last_modified } }, ['a']);
    await expectOrder(backend, { after: { last_modified: a!.last_modified, id: 'a' } }, []);
  });

  test('F-PAG-02 a cursor without the sort key stands for a missing value (ascending)', async (backend) => {
    await seedValues(backend, { a: 1, m1: undefined, m2: undefined, m3: undefined });
    await expectOrder(backend, { sort: [ASC('v')], after: {} }, []);
    await expectOrder(backend, { sort: [ASC('v')], after: { id: 'm1' } }, ['m2', 'm3']);
  });

  test('F-PAG-02 a cursor without the sort key stands for a missing value (descending)', async (backend) => {
    await seedValues(backend, { a: 1, b: 2, m1: undefined, m2: undefined });
    await expectOrder(backend, { sort: [DESC('v')], after: {} }, ['b', 'a']);
    await expectOrder(backend, { sort: [DESC('v')], after: { id: 'm1' } }, ['m2', 'b', 'a']);
  });

  test('F-PAG-02 cursor values between stored values', async (backend) => {
    await seedValues(backend, { a: 1, b: 3, c: 5 });
    await expectOrder(backend, { sort: [ASC('v')], after: { v: 2, id: 'zzz' } }, ['b', 'c']);
    await expectOrder(backend, { sort: [DESC('v')], after: { v: 4 } }, ['b', 'a']);
  });

  test('F-PAG-02 a cursor value of another type follows the cross-type order', async (backend) => {
    await seedValues(backend, {
      nil: null,
      str: 'x',
      num: 1,
      bool: true,
      arr: [1],
      obj: { a: 1 },
      none: undefined,
    });
    await expectOrder(backend, { sort: [ASC('v')], after: { v: 'zzz' } }, [
      'num',
      'bool',
      'arr',
      'obj',
      'none',
    ]);
    await expectOrder(backend, { sort: [DESC('v')], after: { v: 0 } }, ['str', 'nil']);
    await expectOrder(backend, { sort: [ASC('v')], after: { v: false } }, ['bool', 'arr', 'obj', 'none']);
  });

  test('F-PAG-02 cursor keys are the dotted paths as given', async (backend) => {
    await seed(
      backend,
      LIST,
      [5, 1, 3].map((age) => ({ id: `p${age}`, person: { age } })),
    );
    await expectOrder(backend, { sort: [ASC('person.age')], after: { 'person.age': 1, id: 'p1' } }, [
      'p3',
      'p5',
    ]);
    await expectOrder(backend, { sort: [DESC('person.age')], after: { 'person.age': 5 } }, ['p3', 'p1']);
  });

  test('F-PAG-02 multi-key cursor', async (backend) => {
    await seed(backend, LIST, [
      { id: 'x1', g: 'x', n: 1 },
      { id: 'x2', g: 'x', n: 2 },
      { id: 'x3', g: 'x', n: 3 },
      { id: 'y1', g: 'y', n: 1 },
      { id: 'y2', g: 'y', n: 2 },
    ]);
    await expectOrder(backend, { sort: [ASC('g'), DESC('n')], after: { g: 'x', n: 2, id: 'x2' } }, [
      'x1',
      'y2',
      'y1',
    ]);
    await expectOrder(backend, { sort: [DESC('g'), ASC('n')], after: { g: 'y', n: 2 } }, ['x1', 'x2', 'x3']);
  });

  test('F-PAG-02 a cursor past the end returns nothing (no restart)', async (backend) => {
    await seedValues(backend, { a: 1, b: 2 });
    await expectOrder(backend, { sort: [ASC('v')], after: { v: 2, id: 'b' } }, []);
    await expectOrder(backend, { sort: [ASC('v')], after: { v: 99 } }, []);
    await expectOrder(backend, { sort: [ASC('v')], after: { v: 2, id: 'b' }, limit: 5 }, []);
  });

  test('F-PAG-02 unicode strings page in code point order', async (backend) => {
    await seedValues(backend, { emoji: '\u{1F600}', bmp: '\uFFFF', priv: '\uE000', z: 'z', A: 'A' });
    const { objects } = await walkPages(backend, LIST, { sort: [ASC('v')] }, 1);
    expect(idsOf(objects)).toEqual(['A', 'z', 'priv', 'bmp', 'emoji']);
    await expectOrder(backend, { sort: [ASC('v')], after: { v: '\uFFFF', id: 'bmp' } }, ['emoji']);
    await expectOrder(backend, { sort: [DESC('v')], after: { v: '\u{1F600}', id: 'emoji' } }, [
      'bmp',
      'priv',
      'z',
      'A',
    ]);
  });

  test('F-PAG-02 a cursor taken from another list never yields that list (LESSONS §18)', async (backend) => {
    await seedTwins(backend, 10);
    const otherObjects = await backend.listAll(OTHER_LIST, { sort: [ASC('n')] });
    for (const object of otherObjects) {
      const page = await backend.listAll(LIST, {
        sort: [ASC('n')],
        after: cursorOf(object, [ASC('n')]),
        limit: 3,
      });
      expect(page.every((o) => o.list === 'main')).toBe(true);
    }
    const newestOther = (await backend.listAll(OTHER_LIST))[0]!;
    const defaultPage = await backend.listAll(LIST, { after: cursorOf(newestOther, undefined) });
    expect(defaultPage.length).toBeGreaterThan(0);
    expect(defaultPage.every((o) => o.list === 'main')).toBe(true);
  });

  test('F-PAG-02 walking a wildcard parent covers both lists exactly', async (backend) => {
    for (let i = 0; i < 9; i++) {
      await backend.create(LIST, { id: `m${i}`, n: i % 3 });
      await backend.create(OTHER_LIST, { id: `o${i}`, n: i % 4 });
    }
    await backend.create(
      { resource: 'record', parent: '/buckets/elsewhere/collections/main' },
      { id: 'x', n: 0 },
    );
    await backend.create({ resource: 'history', parent: LIST.parent }, { id: 'h', n: 0 });
    const pattern = { resource: 'record', parent: '/buckets/q/collections/*' };
    const walked = await expectWalk(backend, pattern, { sort: [ASC('n')] }, 4);
    expect(walked).toHaveLength(18);
  });

  test('F-PAG-02 filters are re-applied on every page', async (backend) => {
    await seedTwins(backend, 21);
    const filters = [{ field: 'grp', operator: 'eq', value: 'x' }] as const;
    const walked = await expectWalk(backend, LIST, { filters, sort: [DESC('n')] }, 2);
    expect(walked).toHaveLength(11);
    expect(walked.every((o) => o.grp === 'x' && o.list === 'main')).toBe(true);
  });

  test('F-SYNC-02 paging changes since a timestamp returns objects and tombstones once', async (backend) => {
    const created = await seed(
      backend,
      LIST,
      Array.from({ length: 12 }, (_, i) => ({ id: `c${String(i).padStart(2, '0')}` })),
    );
    const since = created[3]!.last_modified;
    for (const id of ['c01', 'c05', 'c07', 'c11']) await backend.delete(LIST, id);
    const filters = [{ field: 'last_modified', operator: 'gt', value: since }] as const;
    const walked = await expectWalk(backend, LIST, { filters, includeDeleted: true }, 2);
    expect(walked).toHaveLength(9);
    expect(walked.filter((o) => o.deleted === true).map((o) => o.id)).toEqual(['c11', 'c07', 'c05', 'c01']);
  });

  test('F-SYNC-02 paging newest first through runs of equal timestamps, objects and tombstones mixed', async (backend) => {
    // Requested timestamps in the past are kept as they are: several objects and tombstones share one.
    const [first] = await seed(backend, LIST, [{ id: 'k00' }]);
    await seed(
      backend,
      LIST,
      Array.from({ length: 10 }, (_, i) => ({ id: `k${String(i + 1).padStart(2, '0')}` })),
    );
    const past = first!.last_modified - 10;
    for (const id of ['k07', 'k02', 'k09', 'k04']) await backend.update(LIST, id, { last_modified: past });
    await backend.delete(LIST, 'k05', { lastModified: past });
    await backend.delete(LIST, 'k03', { lastModified: past });
    await backend.delete(LIST, 'k08');
    const everything = await backend.listAll(LIST, { includeDeleted: true });
    const tied = everything.filter((o) => o.last_modified === past);
    expect(idsOf(tied)).toEqual(['k02', 'k03', 'k04', 'k05', 'k07', 'k09']);
    expect(idsOf(everything.slice(-6))).toEqual(idsOf(tied));
    for (const limit of [1, 2, 4]) await expectWalk(backend, LIST, { includeDeleted: true }, limit);
    const oldestFirst = { sort: [ASC('last_modified')], includeDeleted: true };
    expect(idsOf((await backend.listAll(LIST, oldestFirst)).slice(0, 6))).toEqual(idsOf(tied));
    for (const limit of [1, 3]) await expectWalk(backend, LIST, oldestFirst, limit);
    const since = [{ field: 'last_modified', operator: 'gt', value: past }] as const;
    await expectWalk(backend, LIST, { filters: since, includeDeleted: true }, 2);
    expect(await backend.listAll(LIST, { filters: since, sort: [DESC('last_modified')], limit: 1 })).toEqual(
      everything.filter((o) => o.deleted !== true).slice(0, 1),
    );
  });

  test('F-SYNC-02 last_modified bounds and a limit select the same objects in both timestamp orders', async (backend) => {
    const created = await seed(
      backend,
      LIST,
      Array.from({ length: 12 }, (_, i) => ({ id: `t${String(i).padStart(2, '0')}`, odd: i % 2 === 1 })),
    );
    await backend.delete(LIST, 't06');
    const stamp = (i: number) => created[i]!.last_modified;
    const cases: [readonly Filter[], string[]][] = [
      [
        [
          { field: 'last_modified', operator: 'gt', value: stamp(3) },
          { field: 'last_modified', operator: 'lt', value: stamp(9) },
        ],
        ['t04', 't05', 't07', 't08'],
      ],
      [
        [
          { field: 'last_modified', operator: 'min', value: stamp(3) },
          { field: 'last_modified', operator: 'max', value: stamp(9) },
        ],
        ['t03', 't04', 't05', 't07', 't08', 't09'],
      ],
      [
        [
          { field: 'last_modified', operator: 'min', value: stamp(2) },
          { field: 'last_modified', operator: 'gt', value: stamp(2) },
          { field: 'odd', operator: 'eq', value: true },
        ],
        ['t03', 't05', 't07', 't09', 't11'],
      ],
      [[{ field: 'last_modified', operator: 'eq', value: stamp(5) }], ['t05']],
      [
        [
          { field: 'last_modified', operator: 'gt', value: stamp(9) },
          { field: 'last_modified', operator: 'lt', value: stamp(3) },
        ],
        [],
      ],
      [
        [
          { field: 'last_modified', operator: 'gt', value: 'text' },
          { field: 'last_modified', operator: 'lt', value: stamp(2) },
        ],
        ['t00', 't01'],
      ],
    ];
    for (const [filters, ids] of cases) {
      const label = JSON.stringify(filters);
      expect(idsOf(await backend.listAll(LIST, { filters, sort: [ASC('last_modified')] })), label).toEqual(
        ids,
      );
      expect(idsOf(await backend.listAll(LIST, { filters })), label).toEqual([...ids].reverse());
      expect(idsOf(await backend.listAll(LIST, { filters, limit: 2 })), label).toEqual(
        [...ids].reverse().slice(0, 2),
      );
      expect(
        idsOf(await backend.listAll(LIST, { filters, sort: [ASC('last_modified')], limit: 2 })),
        label,
      ).toEqual(ids.slice(0, 2));
      expect(await backend.countAll(LIST, filters), label).toBe(ids.length);
    }
  });

  test('F-TK-STO-01 deleteAll honours after and limit', async (backend) => {
    await seedValues(backend, { a: 1, b: 2, c: 3, d: 4, e: 5 });
    const deleted = await backend.deleteAll(LIST, { sort: [ASC('v')], after: { v: 2, id: 'b' }, limit: 2 });
    expect(idsOf(deleted)).toEqual(['c', 'd']);
    await expectOrder(backend, { sort: [ASC('v')] }, ['a', 'b', 'e']);
  });
});
