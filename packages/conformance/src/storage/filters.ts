import type { Filter, JsonValue, StorageBackend } from '@core/contracts';
import { expect } from 'vitest';
import { defineStorageGroup, type StorageGroup } from './options.ts';
import {
  expectMatches,
  idsOf,
  LIST,
  OTHER_LIST,
  OTHER_RESOURCE,
  seed,
  seedValues,
  sorted,
} from './query-helpers.ts';

/** One object per JSON type (and edge value) in field `v`; the key is the id, `undefined` = no `v`. */
const TYPED: Readonly<Record<string, JsonValue | undefined>> = {
  null: null,
  empty: '',
  abc: 'abc',
  numstr: '5',
  neg: -3,
  zero: 0,
  five: 5,
  float: 7.5,
  false: false,
  true: true,
  emptyarr: [],
  arr: [1, 2],
  emptyobj: {},
  obj: { k: 1 },
  missing: undefined,
};
const ALL = Object.keys(TYPED);
const STRINGS = ['empty', 'abc', 'numstr'];
const NUMBERS = ['neg', 'zero', 'five', 'float'];
const BOOLEANS = ['false', 'true'];
const ARRAYS = ['emptyarr', 'arr'];
const OBJECTS = ['emptyobj', 'obj'];

function except(...ids: string[]): string[] {
  return ALL.filter((id) => !ids.includes(id));
}

/** Table of single-filter cases on {@link TYPED}: [case name, filter, expected ids]. */
const TYPED_CASES: readonly (readonly [string, Filter, readonly string[]])[] = [
  ['F-FLT-02 eq 5 matches the number only, not "5"', { field: 'v', operator: 'eq', value: 5 }, ['five']],
  ['F-FLT-02 eq "5" matches the string only, not 5', { field: 'v', operator: 'eq', value: '5' }, ['numstr']],
  [
    'F-FLT-02 eq null matches null only, not missing/false/0/""',
    { field: 'v', operator: 'eq', value: null },
    ['null'],
  ],
  [
    'F-FLT-02 eq false matches false only, not 0/null/""',
    { field: 'v', operator: 'eq', value: false },
    ['false'],
  ],
  ['F-FLT-02 eq 0 matches 0 only, not false/""/null', { field: 'v', operator: 'eq', value: 0 }, ['zero']],
  ['F-FLT-02 eq "" matches the empty string only', { field: 'v', operator: 'eq', value: '' }, ['empty']],
  ['F-FLT-02 eq [] matches the empty array only', { field: 'v', operator: 'eq', value: [] }, ['emptyarr']],
  ['F-FLT-02 eq {} matches the empty object only', { field: 'v', operator: 'eq', value: {} }, ['emptyobj']],
  [
    'F-FLT-02 not 5 matches everything else, missing included',
    { field: 'v', operator: 'not', value: 5 },
    except('five'),
  ],
  [
    'F-FLT-02 not null matches everything else, missing included',
    { field: 'v', operator: 'not', value: null },
    except('null'),
  ],
  ['F-FLT-02 not {k:1} compares deeply', { field: 'v', operator: 'not', value: { k: 1 } }, except('obj')],
  [
    'F-FLT-03 gt 5 matches greater numbers, booleans, arrays, objects and missing, never strings',
    { field: 'v', operator: 'gt', value: 5 },
    ['float', ...BOOLEANS, ...ARRAYS, ...OBJECTS, 'missing'],
  ],
  [
    'F-FLT-03 lt 5 matches null, every string and smaller numbers',
    { field: 'v', operator: 'lt', value: 5 },
    ['null', ...STRINGS, 'neg', 'zero'],
  ],
  [
    'F-FLT-03 min 5 is gt 5 plus equal',
    { field: 'v', operator: 'min', value: 5 },
    ['five', 'float', ...BOOLEANS, ...ARRAYS, ...OBJECTS, 'missing'],
  ],
  [
    'F-FLT-03 max 5 is lt 5 plus equal, never missing',
    { field: 'v', operator: 'max', value: 5 },
    ['null', ...STRINGS, 'neg', 'zero', 'five'],
  ],
  [
    'F-FLT-03 lt "abc" matches null and smaller strings only',
    { field: 'v', operator: 'lt', value: 'abc' },
    ['null', 'empty', 'numstr'],
  ],
  [
    'F-FLT-03 gt "abc" matches numbers, booleans, arrays, objects and missing',
    { field: 'v', operator: 'gt', value: 'abc' },
    [...NUMBERS, ...BOOLEANS, ...ARRAYS, ...OBJECTS, 'missing'],
  ],
  [
    'F-FLT-03 gt null matches everything but null, missing included',
    { field: 'v', operator: 'gt', value: null },
    except('null'),
  ],
  ['F-FLT-03 lt null matches nothing', { field: 'v', operator: 'lt', value: null }, []],
  ['F-FLT-03 max null matches null only', { field: 'v', operator: 'max', value: null }, ['null']],
  [
    'F-FLT-03 min null matches everything, missing included',
    { field: 'v', operator: 'min', value: null },
    ALL,
  ],
  [
    'F-FLT-03 gt false matches true, arrays, objects and missing',
    { field: 'v', operator: 'gt', value: false },
    ['true', ...ARRAYS, ...OBJECTS, 'missing'],
  ],
  [
    'F-FLT-03 lt true matches null, strings, numbers and false',
    { field: 'v', operator: 'lt', value: true },
    ['null', ...STRINGS, ...NUMBERS, 'false'],
  ],
  [
    'F-FLT-03 gt 7.5 matches no number (floats compare numerically)',
    { field: 'v', operator: 'gt', value: 7.5 },
    [...BOOLEANS, ...ARRAYS, ...OBJECTS, 'missing'],
  ],
  [
    'F-FLT-04 in [5, "abc", null] matches by type-sensitive equality',
    { field: 'v', operator: 'in', value: [5, 'abc', null] },
    ['five', 'abc', 'null'],
  ],
  [
    'F-FLT-04 in ["5", false] does not match 5 or 0',
    { field: 'v', operator: 'in', value: ['5', false] },
    ['numstr', 'false'],
  ],
  [
    'F-FLT-04 in with an array and an object compares deeply',
    { field: 'v', operator: 'in', value: [[1, 2], { k: 1 }] },
    ['arr', 'obj'],
  ],
  ['F-FLT-04 in [] matches nothing', { field: 'v', operator: 'in', value: [] }, []],
  ['F-FLT-04 in [null] does not match missing', { field: 'v', operator: 'in', value: [null] }, ['null']],
  [
    'F-FLT-04 exclude [] matches everything, missing included',
    { field: 'v', operator: 'exclude', value: [] },
    ALL,
  ],
  [
    'F-FLT-04 exclude [null, 5] keeps missing and "5"',
    { field: 'v', operator: 'exclude', value: [null, 5] },
    except('null', 'five'),
  ],
  [
    'F-FLT-04 exclude [[], {}] compares deeply',
    { field: 'v', operator: 'exclude', value: [[], {}] },
    except('emptyarr', 'emptyobj'),
  ],
  [
    'F-FLT-05 like "5" matches the string "5", never the number 5',
    { field: 'v', operator: 'like', value: '5' },
    ['numstr'],
  ],
  [
    'F-FLT-05 like "" matches every string and nothing else',
    { field: 'v', operator: 'like', value: '' },
    STRINGS,
  ],
  [
    'F-FLT-05 like "*" matches every string and nothing else',
    { field: 'v', operator: 'like', value: '*' },
    STRINGS,
  ],
  ['F-FLT-05 like "null" does not match the null value', { field: 'v', operator: 'like', value: 'null' }, []],
  [
    'F-FLT-06 has true matches present fields, null included',
    { field: 'v', operator: 'has', value: true },
    except('missing'),
  ],
  [
    'F-FLT-06 has false matches only the missing field',
    { field: 'v', operator: 'has', value: false },
    ['missing'],
  ],
  [
    'F-FLT-07 contains [] matches every array and nothing else',
    { field: 'v', operator: 'contains', value: [] },
    ARRAYS,
  ],
  [
    'F-FLT-07 contains [1] matches only arrays holding 1',
    { field: 'v', operator: 'contains', value: [1] },
    ['arr'],
  ],
  ['F-FLT-07 contains_any [] matches nothing', { field: 'v', operator: 'contains_any', value: [] }, []],
  [
    'F-FLT-07 contains_any ["abc", 5, 2] matches arrays only',
    { field: 'v', operator: 'contains_any', value: ['abc', 5, 2] },
    ['arr'],
  ],
];

/** Like-pattern cases on a fixed set of strings: [case name, pattern, ids expected]. */
const WORDS: Readonly<Record<string, string>> = {
  foo: 'foo',
  foobar: 'FOOBAR',
  bar: 'bar',
  barfoo: 'barfoo',
  percent: '50% off',
  fifty: '500 off',
  under: 'a_c',
  abc: 'abc',
  dot: 'a.c',
  dotfile: '.hidden',
  backslash: 'x\\y',
  trailing: 'ends with \\',
  regex: '(a+)[b]?^$|{2}',
  newline: 'line1\nline2',
  mixed: 'HeLLo World',
};

const LIKE_CASES: readonly (readonly [string, string, readonly string[]])[] = [
  ['F-FLT-05 like without * matches a substring, case-insensitively', 'FoO', ['foo', 'foobar', 'barfoo']],
  ['F-FLT-05 like with * at the end anchors the start', 'foo*', ['foo', 'foobar']],
  ['F-FLT-05 like with * at the start anchors the end', '*foo', ['foo', 'barfoo']],
  ['F-FLT-05 like with * in the middle anchors both ends', 'f*r', ['foobar']],
  ['F-FLT-05 like with several * keeps the pieces in order', '*o*b*', ['foobar']],
  ['F-FLT-05 like treats % literally', '50%', ['percent']],
  ['F-FLT-05 like treats _ literally', 'a_c', ['under']],
  ['F-FLT-05 like treats . literally', 'a.c', ['dot']],
  ['F-FLT-05 like ".*" means "starts with a dot"', '.*', ['dotfile']],
  ['F-FLT-05 like treats \\ literally', 'x\\y', ['backslash']],
  ['F-FLT-05 like accepts a trailing backslash', 'with \\', ['trailing']],
  ['F-FLT-05 like treats regular-expression syntax literally', '(A+)[B]?^$|{2}', ['regex']],
  ['F-FLT-05 like regular-expression syntax does not act as such', 'fo+', []],
  ['F-FLT-05 like anchors are literal characters', '^abc$', []],
  ['F-FLT-05 like * spans newlines', 'line1*line2', ['newline']],
  ['F-FLT-05 like folds ASCII case both ways', 'hello WORLD', ['mixed']],
];

async function seedTyped(backend: StorageBackend): Promise<void> {
  await seedValues(backend, TYPED);
}

async function expectLike(
  backend: StorageBackend,
  pattern: string,
  expected: readonly string[],
): Promise<void> {
  await expectMatches(backend, [{ field: 'w', operator: 'like', value: pattern }], expected);
}

/** Filters: every operator on every JSON type, missing fields, nested paths, tombstones, scoping. */
export const storageFiltersGroup: StorageGroup = defineStorageGroup('filters', (test) => {
  for (const [name, filter, expected] of TYPED_CASES) {
    test(name, async (backend) => {
      await seedTyped(backend);
      await expectMatches(backend, [filter], expected);
    });
  }

  test('F-FLT-03 lt/gt with an array operand place arrays between booleans and objects', async (backend) => {
    await seedTyped(backend);
    const scalars = except(...ARRAYS, ...OBJECTS, 'missing');
    const lt = idsOf(
      await backend.listAll(LIST, { filters: [{ field: 'v', operator: 'lt', value: [1, 2] }] }),
    );
    expect(sorted(lt.filter((id) => !ARRAYS.includes(id)))).toEqual(sorted(scalars));
    const gt = idsOf(
      await backend.listAll(LIST, { filters: [{ field: 'v', operator: 'gt', value: [1, 2] }] }),
    );
    expect(sorted(gt.filter((id) => !ARRAYS.includes(id)))).toEqual(sorted([...OBJECTS, 'missing']));
    expect(gt).not.toContain('arr');
    expect(lt).not.toContain('arr');
    const max = idsOf(
      await backend.listAll(LIST, { filters: [{ field: 'v', operator: 'max', value: [1, 2] }] }),
    );
    expect(max).toContain('arr');
  });

  test('F-FLT-03 lt/min with an object operand place objects just before missing', async (backend) => {
    await seedTyped(backend);
    const lt = idsOf(
      await backend.listAll(LIST, { filters: [{ field: 'v', operator: 'lt', value: { k: 1 } }] }),
    );
    expect(sorted(lt.filter((id) => !OBJECTS.includes(id)))).toEqual(sorted(except(...OBJECTS, 'missing')));
    const min = idsOf(
      await backend.listAll(LIST, { filters: [{ field: 'v', operator: 'min', value: { k: 1 } }] }),
    );
    expect(sorted(min.filter((id) => !OBJECTS.includes(id)))).toEqual(['missing']);
    expect(min).toContain('obj');
  });

  test('F-FLT-03 numbers compare numerically, not as text', async (backend) => {
    await seedValues(backend, { n9: 9, n10: 10, n100: 100, n2: 2, neg20: -20, half: 0.5, n1000: 1e3 });
    await expectMatches(backend, [{ field: 'v', operator: 'gt', value: 9 }], ['n10', 'n100', 'n1000']);
    await expectMatches(backend, [{ field: 'v', operator: 'lt', value: 10 }], ['n9', 'n2', 'neg20', 'half']);
    await expectMatches(backend, [{ field: 'v', operator: 'lt', value: -1 }], ['neg20']);
  });

  test('F-FLT-03 floats (Kinto: lt 9.5 over 10, 11.5, 8.5, 6, 7.5)', async (backend) => {
    await seedValues(backend, { a: 10, b: 11.5, c: 8.5, d: 6, e: 7.5 });
    await expectMatches(backend, [{ field: 'v', operator: 'lt', value: 9.5 }], ['c', 'd', 'e']);
    await expectMatches(backend, [{ field: 'v', operator: 'max', value: 8.5 }], ['c', 'd', 'e']);
  });

  test('F-FLT-03 strings compare by code point, not locale nor UTF-16 unit', async (backend) => {
    await seedValues(backend, {
      A: 'A',
      B: 'B',
      a: 'a',
      z: 'z',
      eacute: 'é',
      bmp: '\uFFFF',
      emoji: '\u{1F600}',
    });
    await expectMatches(backend, [{ field: 'v', operator: 'lt', value: 'a' }], ['A', 'B']);
    await expectMatches(backend, [{ field: 'v', operator: 'gt', value: 'z' }], ['eacute', 'bmp', 'emoji']);
    await expectMatches(backend, [{ field: 'v', operator: 'gt', value: '\uFFFF' }], ['emoji']);
    await expectMatches(
      backend,
      [{ field: 'v', operator: 'lt', value: '\u{1F600}' }],
      ['A', 'B', 'a', 'z', 'eacute', 'bmp'],
    );
  });

  test('F-FLT-03 a missing field is greater than every value (Kinto: gt "Fanny")', async (backend) => {
    await seed(backend, LIST, [
      { id: 'alexis', name: 'Alexis' },
      { id: 'title', title: 'haha' },
      { id: 'mathieu', name: 'Mathieu' },
    ]);
    await expectMatches(backend, [{ field: 'name', operator: 'gt', value: 'Fanny' }], ['mathieu', 'title']);
    await expectMatches(backend, [{ field: 'name', operator: 'lt', value: 'Fanny' }], ['alexis']);
    await expectMatches(
      backend,
      [{ field: 'name', operator: 'min', value: 'Alexis' }],
      ['alexis', 'mathieu', 'title'],
    );
    await expectMatches(backend, [{ field: 'name', operator: 'max', value: 'Zorro' }], ['alexis', 'mathieu']);
  });

  test('F-FLT-02 eq 1 vs "1" and true vs 1 are distinct', async (backend) => {
    await seedValues(backend, { one: 1, onestr: '1', yes: true, inarray: [1] });
    await expectMatches(backend, [{ field: 'v', operator: 'eq', value: 1 }], ['one']);
    await expectMatches(backend, [{ field: 'v', operator: 'eq', value: '1' }], ['onestr']);
    await expectMatches(backend, [{ field: 'v', operator: 'eq', value: true }], ['yes']);
  });

  test('F-FLT-04 in and exclude compare types strictly (true is not 1, "1" is not 1)', async (backend) => {
    await seedValues(backend, { one: 1, onestr: '1', yes: true, zero: 0, no: false });
    await expectMatches(backend, [{ field: 'v', operator: 'in', value: [1, false] }], ['one', 'no']);
    await expectMatches(backend, [{ field: 'v', operator: 'in', value: [true] }], ['yes']);
    await expectMatches(
      backend,
      [{ field: 'v', operator: 'exclude', value: [1, 0] }],
      ['onestr', 'yes', 'no'],
    );
  });

  test('F-FLT-06 has is ANDed with the filters before and after it', async (backend) => {
    await seed(backend, LIST, [
      { id: 'both', title: 'x', v: null },
      { id: 'title-only', title: 'x' },
      { id: 'v-only', v: 1 },
    ]);
    await expectMatches(
      backend,
      [
        { field: 'title', operator: 'eq', value: 'x' },
        { field: 'v', operator: 'has', value: true },
      ],
      ['both'],
    );
    await expectMatches(
      backend,
      [
        { field: 'v', operator: 'has', value: false },
        { field: 'title', operator: 'eq', value: 'y' },
      ],
      [],
    );
  });

  test('F-FLT-02 eq on numeric-looking strings is exact (Kinto phone numbers)', async (backend) => {
    await seedValues(backend, { a: '0566199093', b: '0781566199' }, 'phone');
    await expectMatches(backend, [{ field: 'phone', operator: 'eq', value: '0566199093' }], ['a']);
    await expectMatches(backend, [{ field: 'phone', operator: 'eq', value: '' }], []);
    await expectMatches(backend, [{ field: 'phone', operator: 'eq', value: 566199093 }], []);
  });

  test('F-FLT-02 eq on arrays is ordered and exact', async (backend) => {
    await seedValues(backend, {
      same: [1, 2],
      reversed: [2, 1],
      longer: [1, 2, 3],
      nested: [[1, 2]],
      strings: ['1', '2'],
    });
    await expectMatches(backend, [{ field: 'v', operator: 'eq', value: [1, 2] }], ['same']);
    await expectMatches(
      backend,
      [{ field: 'v', operator: 'not', value: [1, 2] }],
      ['reversed', 'longer', 'nested', 'strings'],
    );
  });

  test('F-FLT-02 eq on objects ignores key order and rejects supersets and subsets', async (backend) => {
    await seedValues(backend, {
      same: { b: { d: 3, c: 2 }, a: 1 },
      superset: { a: 1, b: { c: 2, d: 3 }, e: 4 },
      subset: { a: 1 },
      deeper: { a: 1, b: { c: 2, d: 3, x: null } },
      other: { a: '1', b: { c: 2, d: 3 } },
    });
    await expectMatches(
      backend,
      [{ field: 'v', operator: 'eq', value: { a: 1, b: { c: 2, d: 3 } } }],
      ['same'],
    );
  });

  test('F-FLT-04 in / exclude on strings (Kinto)', async (backend) => {
    await seedValues(backend, { a: 'a', b: 'b', c: 'c', none: undefined }, 'code');
    await expectMatches(backend, [{ field: 'code', operator: 'in', value: ['a', 'b'] }], ['a', 'b']);
    await expectMatches(backend, [{ field: 'code', operator: 'exclude', value: ['a', 'b'] }], ['c', 'none']);
  });

  test('F-FLT-04 in / exclude with mixed types (Kinto)', async (backend) => {
    await seedValues(backend, { one: 1, two: 2, three: 3, onestr: '1', b: 'b' }, 'code');
    await expectMatches(backend, [{ field: 'code', operator: 'in', value: [1, 'b'] }], ['one', 'b']);
    await expectMatches(
      backend,
      [{ field: 'code', operator: 'exclude', value: [1, 'b'] }],
      ['two', 'three', 'onestr'],
    );
  });

  test('F-FLT-04 exclude on a nested field (Kinto: code.city)', async (backend) => {
    await seed(backend, LIST, [
      { id: 'c1', code: { city: 1 } },
      { id: 'c2', code: { city: 2 } },
      { id: 'c3', code: { city: 3 } },
      { id: 'flat', code: 1 },
    ]);
    await expectMatches(
      backend,
      [{ field: 'code.city', operator: 'exclude', value: [1, 2] }],
      ['c3', 'flat'],
    );
    await expectMatches(backend, [{ field: 'code.city', operator: 'in', value: [1, 2] }], ['c1', 'c2']);
  });

  test('F-FLT-09 in / exclude on id use string ids', async (backend) => {
    await seedValues(backend, { '1': 'a', '2': 'b', '10': 'c', x: 'd' }, 'code');
    await expectMatches(backend, [{ field: 'id', operator: 'in', value: ['1', '10'] }], ['1', '10']);
    await expectMatches(backend, [{ field: 'id', operator: 'exclude', value: ['1', '10'] }], ['2', 'x']);
    await expectMatches(backend, [{ field: 'id', operator: 'in', value: [] }], []);
  });

  test('F-FLT-09 id compares as a string (lt/gt lexicographic)', async (backend) => {
    await seedValues(backend, { '10': 1, '2': 1, '9': 1, '30': 1 });
    await expectMatches(backend, [{ field: 'id', operator: 'gt', value: '2' }], ['30', '9']);
    await expectMatches(backend, [{ field: 'id', operator: 'lt', value: '2' }], ['10']);
    await expectMatches(backend, [{ field: 'id', operator: 'eq', value: '10' }], ['10']);
    await expectMatches(backend, [{ field: 'id', operator: 'not', value: '10' }], ['2', '9', '30']);
  });

  for (const [name, pattern, expected] of LIKE_CASES) {
    test(name, async (backend) => {
      await seedValues(backend, WORDS, 'w');
      await expectLike(backend, pattern, expected);
    });
  }

  test('F-FLT-05 like with an empty pattern matches every string, the empty one included', async (backend) => {
    await seedValues(
      backend,
      { empty: '', word: 'word', number: 1, nil: null, list: ['word'], none: undefined },
      'w',
    );
    await expectLike(backend, '', ['empty', 'word']);
    await expectLike(backend, 'word', ['word']);
  });

  test('F-FLT-06 has on nested paths', async (backend) => {
    await seed(backend, LIST, [
      { id: 'deep', a: { b: { c: null } } },
      { id: 'shallow', a: { b: {} } },
      { id: 'scalar', a: { b: 'text' } },
      { id: 'none' },
    ]);
    await expectMatches(backend, [{ field: 'a.b.c', operator: 'has', value: true }], ['deep']);
    await expectMatches(
      backend,
      [{ field: 'a.b.c', operator: 'has', value: false }],
      ['shallow', 'scalar', 'none'],
    );
    await expectMatches(
      backend,
      [{ field: 'a.b', operator: 'has', value: true }],
      ['deep', 'shallow', 'scalar'],
    );
  });

  test('F-FLT-07 contains requires every value (Kinto tags)', async (backend) => {
    await seedValues(
      backend,
      { abc: ['a', 'b', 'c'], ab: ['a', 'b'], a: ['a'], str: 'a b', none: undefined },
      'tags',
    );
    await expectMatches(backend, [{ field: 'tags', operator: 'contains', value: ['a', 'b'] }], ['abc', 'ab']);
    await expectMatches(backend, [{ field: 'tags', operator: 'contains', value: ['a', 'd'] }], []);
    await expectMatches(
      backend,
      [{ field: 'tags', operator: 'contains', value: ['a', 'a'] }],
      ['abc', 'ab', 'a'],
    );
  });

  test('F-FLT-07 contains_any requires at least one value', async (backend) => {
    await seedValues(
      backend,
      { abc: ['a', 'b', 'c'], d: ['d'], str: 'b', none: undefined, empty: [] },
      'tags',
    );
    await expectMatches(backend, [{ field: 'tags', operator: 'contains_any', value: ['x', 'b'] }], ['abc']);
    await expectMatches(
      backend,
      [{ field: 'tags', operator: 'contains_any', value: ['d', 'c'] }],
      ['abc', 'd'],
    );
  });

  test('F-FLT-07 contains is type-sensitive', async (backend) => {
    await seedValues(backend, { numbers: [1, 2], strings: ['1', '2'], mixed: [1, '2', null, true] }, 'tags');
    await expectMatches(backend, [{ field: 'tags', operator: 'contains', value: [1] }], ['numbers', 'mixed']);
    await expectMatches(backend, [{ field: 'tags', operator: 'contains', value: ['1'] }], ['strings']);
    await expectMatches(backend, [{ field: 'tags', operator: 'contains', value: [null, true] }], ['mixed']);
    await expectMatches(
      backend,
      [{ field: 'tags', operator: 'contains_any', value: ['2', false] }],
      ['strings', 'mixed'],
    );
  });

  test('F-FLT-07 contains with objects matches equal elements only, never supersets', async (backend) => {
    await seedValues(
      backend,
      {
        equal: [{ a: 1, b: 2 }, { c: 3 }],
        reordered: [{ b: 2, a: 1 }],
        superset: [{ a: 1, b: 2, x: 0 }],
        subset: [{ a: 1 }],
        flat: { a: 1, b: 2 },
      },
      'items',
    );
    await expectMatches(
      backend,
      [{ field: 'items', operator: 'contains', value: [{ a: 1, b: 2 }] }],
      ['equal', 'reordered'],
    );
    await expectMatches(backend, [{ field: 'items', operator: 'contains', value: [{ a: 1 }] }], ['subset']);
    await expectMatches(
      backend,
      [{ field: 'items', operator: 'contains_any', value: [{ a: 1 }, { c: 3 }] }],
      ['equal', 'subset'],
    );
  });

  test('F-FLT-07 contains with nested arrays compares whole elements', async (backend) => {
    await seedValues(backend, { pairs: [[1, 2], [3]], flat: [1, 2, 3], deep: [[[1, 2]]] }, 'items');
    await expectMatches(backend, [{ field: 'items', operator: 'contains', value: [[1, 2]] }], ['pairs']);
    await expectMatches(backend, [{ field: 'items', operator: 'contains', value: [[1]] }], []);
    await expectMatches(backend, [{ field: 'items', operator: 'contains', value: [1, 2] }], ['flat']);
    await expectMatches(
      backend,
      [{ field: 'items', operator: 'contains_any', value: [[3], [9]] }],
      ['pairs'],
    );
  });

  test('F-FLT-07 contains and contains_any never match non-arrays', async (backend) => {
    await seedValues(
      backend,
      { string: 'abc', object: { abc: 'abc' }, number: 1, nil: null, none: undefined, list: ['abc'] },
      'v',
    );
    await expectMatches(backend, [{ field: 'v', operator: 'contains', value: ['abc'] }], ['list']);
    await expectMatches(
      backend,
      [{ field: 'v', operator: 'contains_any', value: ['abc', 1, null] }],
      ['list'],
    );
    await expectMatches(backend, [{ field: 'v', operator: 'contains', value: [] }], ['list']);
  });

  test('F-FLT-02 filters are a conjunction', async (backend) => {
    await seed(backend, LIST, [
      { id: 'a', n: 1, c: 'x' },
      { id: 'b', n: 2, c: 'x' },
      { id: 'c', n: 3, c: 'y' },
      { id: 'd', n: 4, c: 'x' },
      { id: 'e', n: 5, c: 'x' },
    ]);
    await expectMatches(
      backend,
      [
        { field: 'n', operator: 'min', value: 2 },
        { field: 'n', operator: 'max', value: 4 },
        { field: 'c', operator: 'eq', value: 'x' },
      ],
      ['b', 'd'],
    );
    await expectMatches(backend, [], ['a', 'b', 'c', 'd', 'e']);
  });

  test('F-FLT-01 dotted fields reach three levels deep', async (backend) => {
    await seed(backend, LIST, [
      { id: 'one', a: { b: { c: 1 } } },
      { id: 'two', a: { b: { c: 2 } } },
      { id: 'flat', 'a.b': 1 },
      { id: 'none', a: { b: 1 } },
    ]);
    await expectMatches(backend, [{ field: 'a.b.c', operator: 'eq', value: 1 }], ['one']);
    await expectMatches(backend, [{ field: 'a.b.c', operator: 'gt', value: 1 }], ['two', 'flat', 'none']);
  });

  test('F-FLT-01 a key containing a dot is resolved as one step', async (backend) => {
    await seed(backend, LIST, [
      { id: 'dotted', 'a.b': { c: 1 } },
      { id: 'literal', 'x.y': 'v' },
      { id: 'nested', a: { b: { c: 2 } } },
    ]);
    await expectMatches(backend, [{ field: 'a.b.c', operator: 'eq', value: 1 }], ['dotted']);
    await expectMatches(backend, [{ field: 'x.y', operator: 'eq', value: 'v' }], ['literal']);
    await expectMatches(backend, [{ field: 'a.b.c', operator: 'has', value: true }], ['dotted', 'nested']);
  });

  test('F-FLT-01 the longest dotted key wins', async (backend) => {
    await seed(backend, LIST, [{ id: 'both', 'a.b': { c: 1 }, a: { b: { c: 2 } } }]);
    await expectMatches(backend, [{ field: 'a.b.c', operator: 'eq', value: 1 }], ['both']);
    await expectMatches(backend, [{ field: 'a.b.c', operator: 'eq', value: 2 }], []);
  });

  test('F-FLT-01 a dotted path does not index into arrays or strings', async (backend) => {
    await seed(backend, LIST, [
      { id: 'array', a: [{ b: 1 }], s: 'text' },
      { id: 'object', a: { b: 1 }, s: { length: 4 } },
    ]);
    await expectMatches(backend, [{ field: 'a.b', operator: 'eq', value: 1 }], ['object']);
    await expectMatches(backend, [{ field: 'a.0', operator: 'has', value: true }], []);
    await expectMatches(backend, [{ field: 's.length', operator: 'eq', value: 4 }], ['object']);
  });

  test('F-FLT-09 filters on last_modified select by timestamp', async (backend) => {
    const [a, b, c] = await seed(backend, LIST, [{ id: 'a' }, { id: 'b' }, { id: 'c' }]);
    await expectMatches(
      backend,
      [{ field: 'last_modified', operator: 'gt', value: a!.last_modified }],
      ['b', 'c'],
    );
    await expectMatches(
      backend,
      [{ field: 'last_modified', operator: 'lt', value: c!.last_modified }],
      ['a', 'b'],
    );
    await expectMatches(
      backend,
      [{ field: 'last_modified', operator: 'eq', value: b!.last_modified }],
      ['b'],
    );
    await expectMatches(
      backend,
      [{ field: 'last_modified', operator: 'in', value: [a!.last_modified, c!.last_modified] }],
      ['a', 'c'],
    );
  });

  test('F-SYNC-02 tombstones are listed with includeDeleted and match on last_modified', async (backend) => {
    const [a] = await seed(backend, LIST, [
      { id: 'a', title: 'x' },
      { id: 'b', title: 'x' },
      { id: 'c', title: 'y' },
    ]);
    await backend.delete(LIST, 'b');
    const since = [{ field: 'last_modified', operator: 'gt', value: a!.last_modified }] as const;
    const listed = await backend.listAll(LIST, { filters: since, includeDeleted: true });
    expect(sorted(idsOf(listed))).toEqual(['b', 'c']);
    expect(listed.find((o) => o.id === 'b')).toMatchObject({ id: 'b', deleted: true });
    expect(idsOf(await backend.listAll(LIST, { filters: since }))).toEqual(['c']);
    expect(await backend.countAll(LIST, since)).toBe(1);
  });

  test('F-SYNC-02 a filter on a field tombstones lack excludes them', async (backend) => {
    await seed(backend, LIST, [
      { id: 'a', title: 'x' },
      { id: 'b', title: 'x' },
    ]);
    await backend.delete(LIST, 'b');
    const listed = await backend.listAll(LIST, {
      filters: [{ field: 'title', operator: 'eq', value: 'x' }],
      includeDeleted: true,
    });
    expect(idsOf(listed)).toEqual(['a']);
    const lt = await backend.listAll(LIST, {
      filters: [{ field: 'title', operator: 'lt', value: 'z' }],
      includeDeleted: true,
    });
    expect(idsOf(lt)).toEqual(['a']);
  });

  test('F-SYNC-02 deleted eq true selects only tombstones', async (backend) => {
    await seed(backend, LIST, [{ id: 'a' }, { id: 'b' }, { id: 'c', deleted: false }]);
    await backend.delete(LIST, 'b');
    const listed = await backend.listAll(LIST, {
      filters: [{ field: 'deleted', operator: 'eq', value: true }],
      includeDeleted: true,
    });
    expect(idsOf(listed)).toEqual(['b']);
    const live = await backend.listAll(LIST, {
      filters: [{ field: 'deleted', operator: 'has', value: false }],
      includeDeleted: true,
    });
    expect(idsOf(live)).toEqual(['a']);
  });

  test('F-SYNC-02 not and has:false match tombstones (their other fields are missing)', async (backend) => {
    await seed(backend, LIST, [
      { id: 'a', title: 'x' },
      { id: 'b', title: 'x' },
      { id: 'c', title: 'y' },
    ]);
    await backend.delete(LIST, 'b');
    const not = await backend.listAll(LIST, {
      filters: [{ field: 'title', operator: 'not', value: 'x' }],
      includeDeleted: true,
    });
    expect(sorted(idsOf(not))).toEqual(['b', 'c']);
    const has = await backend.listAll(LIST, {
      filters: [{ field: 'title', operator: 'has', value: false }],
      includeDeleted: true,
    });
    expect(idsOf(has)).toEqual(['b']);
    const gt = await backend.listAll(LIST, {
      filters: [{ field: 'title', operator: 'gt', value: 'x' }],
      includeDeleted: true,
    });
    expect(sorted(idsOf(gt))).toEqual(['b', 'c']);
  });

  test('F-SYNC-02 an id filter matches tombstones too', async (backend) => {
    await seed(backend, LIST, [{ id: 'a' }, { id: 'b' }]);
    await backend.delete(LIST, 'b');
    const listed = await backend.listAll(LIST, {
      filters: [{ field: 'id', operator: 'in', value: ['a', 'b'] }],
      includeDeleted: true,
    });
    expect(sorted(idsOf(listed))).toEqual(['a', 'b']);
    expect(await backend.countAll(LIST, [{ field: 'id', operator: 'in', value: ['a', 'b'] }])).toBe(1);
  });

  test('F-TK-STO-01 countAll equals the filtered listing and ignores tombstones', async (backend) => {
    await seed(
      backend,
      LIST,
      Array.from({ length: 12 }, (_, i) => ({ id: `o${i}`, n: i % 4 })),
    );
    await backend.delete(LIST, 'o1');
    await backend.delete(LIST, 'o2');
    const filters = [{ field: 'n', operator: 'max', value: 1 }] as const;
    const listed = await backend.listAll(LIST, { filters });
    expect(await backend.countAll(LIST, filters)).toBe(listed.length);
    expect(listed.length).toBe(5);
    expect(await backend.countAll(LIST)).toBe(10);
    expect((await backend.listAll(LIST, { filters, includeDeleted: true })).length).toBe(5);
  });

  test('F-TK-STO-01 filters never reach other parents or resources', async (backend) => {
    await seedValues(backend, { a: 1, b: 2 });
    await seedValues(backend, { a: 1, c: 1 }, 'v', OTHER_LIST);
    await seedValues(backend, { d: 1 }, 'v', OTHER_RESOURCE);
    await expectMatches(backend, [{ field: 'v', operator: 'eq', value: 1 }], ['a']);
    await expectMatches(backend, [{ field: 'v', operator: 'eq', value: 1 }], ['a', 'c'], OTHER_LIST);
  });

  test('F-TK-STO-01 filters apply across a wildcard parent', async (backend) => {
    await seedValues(backend, { a: 1, b: 2 });
    await seedValues(backend, { c: 1, d: 3 }, 'v', OTHER_LIST);
    await seedValues(backend, { e: 1 }, 'v', OTHER_RESOURCE);
    await seedValues(backend, { f: 1 }, 'v', {
      resource: 'record',
      parent: '/buckets/elsewhere/collections/main',
    });
    const pattern = { resource: 'record', parent: '/buckets/q/collections/*' };
    await expectMatches(backend, [{ field: 'v', operator: 'eq', value: 1 }], ['a', 'c'], pattern);
    await expectMatches(backend, [{ field: 'v', operator: 'gt', value: 1 }], ['b', 'd'], pattern);
  });

  test('F-TK-STO-01 deleteAll deletes only the matching objects', async (backend) => {
    await seedValues(backend, { a: 1, b: 2, c: 1, d: 'x' });
    await seedValues(backend, { a: 1 }, 'v', OTHER_LIST);
    const deleted = await backend.deleteAll(LIST, { filters: [{ field: 'v', operator: 'eq', value: 1 }] });
    expect(sorted(idsOf(deleted))).toEqual(['a', 'c']);
    expect(sorted(idsOf(await backend.listAll(LIST)))).toEqual(['b', 'd']);
    expect(idsOf(await backend.listAll(OTHER_LIST))).toEqual(['a']);
  });

  test('F-TK-STO-01 deleteAll with a like filter over a wildcard parent', async (backend) => {
    await seedValues(backend, { a: 'Apple', b: 'banana' }, 'w');
    await seedValues(backend, { c: 'apricot', d: 'cherry' }, 'w', OTHER_LIST);
    const deleted = await backend.deleteAll(
      { resource: 'record', parent: '/buckets/q/*' },
      { filters: [{ field: 'w', operator: 'like', value: 'ap*' }] },
    );
    expect(sorted(idsOf(deleted))).toEqual(['a', 'c']);
    expect(idsOf(await backend.listAll(LIST))).toEqual(['b']);
    expect(idsOf(await backend.listAll(OTHER_LIST))).toEqual(['d']);
  });
});
