import type { JsonValue, Sort, StorageBackend } from '@core/contracts';
import { expect } from 'vitest';
import { defineStorageGroup, type StorageGroup } from './options.ts';
import { expectOrder, idsOf, LIST, OTHER_LIST, OTHER_RESOURCE, seed, seedValues } from './query-helpers.ts';

const ASC = (field: string): Sort => ({ field, direction: 'asc' });
const DESC = (field: string): Sort => ({ field, direction: 'desc' });

/** One value per rank of the cross-type order, listed ascending (`undefined` = missing). */
const CROSS_TYPE: readonly (readonly [string, JsonValue | undefined])[] = [
  ['t00-null', null],
  ['t01-empty', ''],
  ['t02-string', 'b'],
  ['t03-negative', -1],
  ['t04-float', 0.5],
  ['t05-number', 3],
  ['t06-false', false],
  ['t07-true', true],
  ['t08-array', [0]],
  ['t09-object', { z: 0 }],
  ['t10-missing', undefined],
];

/** Seeds `entries` in a scrambled creation order so insertion order never matches the expected one. */
async function seedScrambled(
  backend: StorageBackend,
  entries: readonly (readonly [string, JsonValue | undefined])[],
  field = 'v',
): Promise<void> {
  const scrambled = entries.map((entry, i) => ({ entry, rank: (i * 7 + 3) % entries.length }));
  scrambled.sort((a, b) => a.rank - b.rank);
  await seedValues(backend, Object.fromEntries(scrambled.map(({ entry }) => entry)), field);
}

function reversed<T>(items: readonly T[]): T[] {
  return [...items].reverse();
}

/** Sorting: default order, id tie-break, multi-key, nested fields, missing fields, cross-type order. */
export const storageSortingGroup: StorageGroup = defineStorageGroup('sorting', (test) => {
  test('F-SORT-01 the default order is last_modified descending', async (backend) => {
    await seed(backend, LIST, [{ id: 'b' }, { id: 'c' }, { id: 'a' }]);
    await expectOrder(backend, {}, ['a', 'c', 'b']);
    await expectOrder(backend, { sort: [] }, ['a', 'c', 'b']);
  });

  test('F-SORT-01 the default order breaks last_modified ties by id ascending', async (backend) => {
    const [first] = await seed(backend, LIST, [{ id: 'first' }]);
    const past = first!.last_modified - 1000;
    await seed(backend, LIST, [
      { id: 'tie-z', last_modified: past },
      { id: 'tie-a', last_modified: past },
      { id: 'tie-m', last_modified: past },
    ]);
    const listed = await backend.listAll(LIST);
    expect(listed.map((o) => o.last_modified)).toEqual([first!.last_modified, past, past, past]);
    expect(idsOf(listed)).toEqual(['first', 'tie-a', 'tie-m', 'tie-z']);
  });

  test('F-SORT-01 last_modified ascending', async (backend) => {
    await seed(backend, LIST, [{ id: 'b' }, { id: 'c' }, { id: 'a' }]);
    await expectOrder(backend, { sort: [ASC('last_modified')] }, ['b', 'c', 'a']);
  });

  test('F-SORT-01 id ascending and descending (Kinto: sorting on id)', async (backend) => {
    await seed(backend, LIST, [{ id: 'b' }, { id: 'c' }, { id: 'a' }, { id: 'B' }]);
    await expectOrder(backend, { sort: [ASC('id')] }, ['B', 'a', 'b', 'c']);
    await expectOrder(backend, { sort: [DESC('id')] }, ['c', 'b', 'a', 'B']);
  });

  test('F-SORT-01 numbers sort numerically in both directions', async (backend) => {
    await seedValues(backend, { n9: 9, n100: 100, n10: 10, neg: -20, half: 0.5, n2: 2 });
    await expectOrder(backend, { sort: [ASC('v')] }, ['neg', 'half', 'n2', 'n9', 'n10', 'n100']);
    await expectOrder(backend, { sort: [DESC('v')] }, ['n100', 'n10', 'n9', 'n2', 'half', 'neg']);
  });

  test('F-SORT-02 strings sort by code point (uppercase first, emoji after U+FFFF)', async (backend) => {
    await seedValues(backend, {
      emoji: '\u{1F600}',
      a: 'a',
      bmp: '\uFFFF',
      B: 'B',
      eacute: 'é',
      private: '\uE000',
      z: 'z',
      A: 'A',
      ab: 'ab',
    });
    const ascending = ['A', 'B', 'a', 'ab', 'z', 'eacute', 'private', 'bmp', 'emoji'];
    await expectOrder(backend, { sort: [ASC('v')] }, ascending);
    await expectOrder(backend, { sort: [DESC('v')] }, reversed(ascending));
  });

  test('F-SORT-02 numeric strings sort as strings', async (backend) => {
    await seedValues(backend, { s9: '9', s10: '10', s100: '100', s2: '2' });
    await expectOrder(backend, { sort: [ASC('v')] }, ['s10', 's100', 's2', 's9']);
  });

  test('F-SORT-02 cross-type order ascending: null < strings < numbers < booleans < arrays < objects < missing', async (backend) => {
    await seedScrambled(backend, CROSS_TYPE);
    await expectOrder(
      backend,
      { sort: [ASC('v')] },
      CROSS_TYPE.map(([id]) => id),
    );
  });

  test('F-SORT-02 cross-type order descending is the exact reverse (missing first)', async (backend) => {
    await seedScrambled(backend, CROSS_TYPE);
    await expectOrder(backend, { sort: [DESC('v')] }, reversed(CROSS_TYPE.map(([id]) => id)));
  });

  test('F-SORT-02 null sorts first ascending, missing last', async (backend) => {
    await seedValues(backend, { missing: undefined, nil: null, zero: 0, empty: '' });
    await expectOrder(backend, { sort: [ASC('v')] }, ['nil', 'empty', 'zero', 'missing']);
    await expectOrder(backend, { sort: [DESC('v')] }, ['missing', 'zero', 'empty', 'nil']);
  });

  test('F-SORT-02 false sorts before true', async (backend) => {
    await seedValues(backend, { yes: true, no: false, one: 1 });
    await expectOrder(backend, { sort: [ASC('v')] }, ['one', 'no', 'yes']);
  });

  test('F-SORT-01 missing fields tie among themselves by id ascending, in both directions', async (backend) => {
    await seedValues(backend, { m2: undefined, x: 1, m1: undefined, y: 2, m3: undefined });
    await expectOrder(backend, { sort: [ASC('v')] }, ['x', 'y', 'm1', 'm2', 'm3']);
    await expectOrder(backend, { sort: [DESC('v')] }, ['m1', 'm2', 'm3', 'y', 'x']);
  });

  test('F-SORT-01 equal values tie by id ascending even when sorting descending', async (backend) => {
    await seedValues(backend, { b: 1, top: 2, a: 1, c: 1, low: 0 });
    await expectOrder(backend, { sort: [DESC('v')] }, ['top', 'a', 'b', 'c', 'low']);
    await expectOrder(backend, { sort: [ASC('v')] }, ['low', 'a', 'b', 'c', 'top']);
  });

  test('F-SORT-01 an explicit id criterion replaces the ascending tie-break', async (backend) => {
    await seedValues(backend, { b: 1, a: 1, c: 1, z: 0 });
    await expectOrder(backend, { sort: [ASC('v'), DESC('id')] }, ['z', 'c', 'b', 'a']);
  });

  test('F-SORT-01 deeply equal arrays and objects tie (then id ascending)', async (backend) => {
    await seed(backend, LIST, [
      { id: 'o2', v: { b: [1, { d: 2, c: 1 }], a: 1 } },
      { id: 'o1', v: { a: 1, b: [1, { c: 1, d: 2 }] } },
      { id: 'r2', w: [1, { x: 1, y: 2 }] },
      { id: 'r1', w: [1, { y: 2, x: 1 }] },
    ]);
    const asc = idsOf(await backend.listAll(LIST, { sort: [ASC('v')] }));
    const desc = idsOf(await backend.listAll(LIST, { sort: [DESC('v')] }));
    expect(asc.slice(0, 2)).toEqual(['o1', 'o2']);
    expect(desc.slice(2)).toEqual(['o1', 'o2']);
    const arrays = idsOf(await backend.listAll(LIST, { sort: [DESC('w')] }));
    expect(arrays.slice(2)).toEqual(['r1', 'r2']);
  });

  test('F-SORT-02 the order among arrays and among objects is total and consistent', async (backend) => {
    await seed(backend, LIST, [
      { id: 'a1', v: [] },
      { id: 'a2', v: [1] },
      { id: 'a3', v: [2] },
      { id: 'a4', v: [1, 2] },
      { id: 'a5', v: [2, 1] },
      { id: 'a6', v: ['x', 1] },
      { id: 'o1', v: {} },
      { id: 'o2', v: { a: 1 } },
      { id: 'o3', v: { a: 2 } },
      { id: 'o4', v: { b: 1 } },
      { id: 'o5', v: { a: 1, b: 1 } },
    ]);
    const asc = idsOf(await backend.listAll(LIST, { sort: [ASC('v')] }));
    const desc = idsOf(await backend.listAll(LIST, { sort: [DESC('v')] }));
    expect(desc).toEqual(reversed(asc));
    expect(asc.slice(0, 6).every((id) => id.startsWith('a'))).toBe(true);
    for (const [id] of [['a3'], ['o4']]) {
      const position = asc.indexOf(id!);
      const before = asc.slice(0, position);
      const filtered = idsOf(
        await backend.listAll(LIST, {
          filters: [{ field: 'v', operator: 'lt', value: id!.startsWith('a') ? [2] : { b: 1 } }],
        }),
      );
      expect([...filtered].sort(), `lt agrees with the sort order around ${id}`).toEqual([...before].sort());
    }
  });

  test('F-SORT-01 multi-key: first ascending, second descending', async (backend) => {
    await seed(backend, LIST, [
      { id: 'b1', cat: 'b', n: 1 },
      { id: 'a1', cat: 'a', n: 1 },
      { id: 'b3', cat: 'b', n: 3 },
      { id: 'a2', cat: 'a', n: 2 },
      { id: 'b2', cat: 'b', n: 2 },
      { id: 'c0', cat: 'c' },
    ]);
    await expectOrder(backend, { sort: [ASC('cat'), DESC('n')] }, ['a2', 'a1', 'b3', 'b2', 'b1', 'c0']);
    await expectOrder(backend, { sort: [DESC('cat'), ASC('n')] }, ['c0', 'b1', 'b2', 'b3', 'a1', 'a2']);
  });

  test('F-SORT-01 multi-key with missing values in the second key', async (backend) => {
    await seed(backend, LIST, [
      { id: 'x-missing', cat: 'x' },
      { id: 'x-2', cat: 'x', n: 2 },
      { id: 'x-1', cat: 'x', n: 1 },
      { id: 'y-missing', cat: 'y' },
      { id: 'y-1', cat: 'y', n: 1 },
    ]);
    await expectOrder(backend, { sort: [ASC('cat'), ASC('n')] }, [
      'x-1',
      'x-2',
      'x-missing',
      'y-1',
      'y-missing',
    ]);
    await expectOrder(backend, { sort: [ASC('cat'), DESC('n')] }, [
      'x-missing',
      'x-2',
      'x-1',
      'y-missing',
      'y-1',
    ]);
  });

  test('F-SORT-01 three-key sort', async (backend) => {
    await seed(backend, LIST, [
      { id: 'p', a: 1, b: 1, c: 2 },
      { id: 'q', a: 1, b: 1, c: 1 },
      { id: 'r', a: 1, b: 0, c: 9 },
      { id: 's', a: 0, b: 5, c: 5 },
    ]);
    await expectOrder(backend, { sort: [ASC('a'), DESC('b'), ASC('c')] }, ['s', 'q', 'p', 'r']);
  });

  test('F-SORT-01 nested field (Kinto: person.age)', async (backend) => {
    await seed(
      backend,
      LIST,
      [3, 9, 0, 7, 1].map((age) => ({ id: `p${age}`, person: { age } })),
    );
    await expectOrder(backend, { sort: [ASC('person.age')] }, ['p0', 'p1', 'p3', 'p7', 'p9']);
    await expectOrder(backend, { sort: [DESC('person.age')] }, ['p9', 'p7', 'p3', 'p1', 'p0']);
  });

  test('F-SORT-01 three-level nested field with missing intermediates', async (backend) => {
    await seed(backend, LIST, [
      { id: 'two', a: { b: { c: 2 } } },
      { id: 'scalar', a: { b: 5 } },
      { id: 'one', a: { b: { c: 1 } } },
      { id: 'none' },
      { id: 'nil', a: { b: { c: null } } },
    ]);
    await expectOrder(backend, { sort: [ASC('a.b.c')] }, ['nil', 'one', 'two', 'none', 'scalar']);
    await expectOrder(backend, { sort: [DESC('a.b.c')] }, ['none', 'scalar', 'two', 'one', 'nil']);
  });

  test('F-SORT-01 a sort field that is a dotted key', async (backend) => {
    await seed(backend, LIST, [
      { id: 'k2', 'a.b': 2 },
      { id: 'k1', 'a.b': 1 },
      { id: 'n0', a: { b: 0 } },
      { id: 'both', 'a.b': 3, a: { b: -1 } },
    ]);
    await expectOrder(backend, { sort: [ASC('a.b')] }, ['n0', 'k1', 'k2', 'both']);
  });

  test('F-SORT-01 tombstones sort as objects missing the field', async (backend) => {
    await seedValues(backend, { a: 2, b: 1, gone: 0 });
    await backend.delete(LIST, 'gone');
    await expectOrder(backend, { sort: [ASC('v')], includeDeleted: true }, ['b', 'a', 'gone']);
    await expectOrder(backend, { sort: [DESC('v')], includeDeleted: true }, ['gone', 'a', 'b']);
    await expectOrder(backend, { includeDeleted: true }, ['gone', 'b', 'a']);
  });

  test('F-SORT-01 sorting spans a wildcard parent and never other resources', async (backend) => {
    await seedValues(backend, { a: 3, c: 1 });
    await seedValues(backend, { b: 2, d: 0 }, 'v', OTHER_LIST);
    await seedValues(backend, { e: -1 }, 'v', OTHER_RESOURCE);
    const pattern = { resource: 'record', parent: '/buckets/q/collections/*' };
    await expectOrder(backend, { sort: [ASC('v')] }, ['d', 'c', 'b', 'a'], pattern);
    await expectOrder(backend, { sort: [DESC('v')], limit: 2 }, ['a', 'b'], pattern);
  });

  test('F-SORT-01 a limit keeps the first objects of the order, not arbitrary ones', async (backend) => {
    const values = [13, 4, 18, 7, 0, 11, 2, 19, 5, 16, 9, 1, 14, 3, 17, 6, 12, 8, 15, 10];
    await seed(
      backend,
      LIST,
      values.map((n) => ({ id: `n${String(n).padStart(2, '0')}`, n })),
    );
    await expectOrder(backend, { sort: [ASC('n')], limit: 3 }, ['n00', 'n01', 'n02']);
    await expectOrder(backend, { sort: [DESC('n')], limit: 3 }, ['n19', 'n18', 'n17']);
    await expectOrder(
      backend,
      { sort: [ASC('n')], limit: 1, filters: [{ field: 'n', operator: 'gt', value: 9 }] },
      ['n10'],
    );
  });

  test('F-TK-STO-01 deleteAll follows the sort order and limit', async (backend) => {
    await seedValues(backend, { c: 3, a: 1, d: 4, b: 2 });
    const deleted = await backend.deleteAll(LIST, { sort: [DESC('v')], limit: 2 });
    expect(idsOf(deleted)).toEqual(['d', 'c']);
    expect(deleted[0]!.last_modified).toBeLessThan(deleted[1]!.last_modified);
    await expectOrder(backend, { sort: [ASC('v')] }, ['a', 'b']);
  });
});
