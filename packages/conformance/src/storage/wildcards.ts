import type { Scope, ScopePattern, StorageBackend } from '@core/contracts';
import { expect } from 'vitest';
import { createSeries, sortedIds } from './core-helpers.ts';
import { defineStorageGroup, type StorageGroup } from './options.ts';

/** One object per parent, with `owner` = the parent, in resource `c`. */
async function seed(backend: StorageBackend, parents: readonly string[], resource = 'c'): Promise<void> {
  for (const parent of parents) await backend.create({ resource, parent }, { id: 'obj', owner: parent });
}

async function owners(
  backend: StorageBackend,
  pattern: ScopePattern & { resource: string },
): Promise<string[]> {
  const listed = await backend.listAll(pattern);
  return listed.map((object) => String(object.owner)).sort();
}

const scope = (parent: string, resource = 'c'): Scope => ({ resource, parent });

/** Parent patterns: `*` is any run of characters, everything else literal (LESSONS §22). */
export const storageWildcardsGroup: StorageGroup = defineStorageGroup('wildcards', (test) => {
  test('F-TK-STO-01 a pattern is anchored at the start: ab* matches abc, not xabcx', async (backend) => {
    await seed(backend, ['abc', 'xabcx', 'efg']);
    expect(await owners(backend, scope('ab*'))).toEqual(['abc']);
    expect(await backend.countAll(scope('ab*'))).toBe(1);
  });

  test('F-TK-STO-01 a pattern is anchored at the end: *bc matches abc, not abcd', async (backend) => {
    await seed(backend, ['abc', 'abcd', 'bc']);
    expect(await owners(backend, scope('*bc'))).toEqual(['abc', 'bc']);
  });

  test('F-TK-STO-01 * matches an empty run and runs containing /', async (backend) => {
    await seed(backend, ['/buckets/b', '/buckets/b/collections/c', '/buckets/bb/x/y', '/other/b']);
    expect(await owners(backend, scope('/buckets/b*'))).toEqual([
      '/buckets/b',
      '/buckets/b/collections/c',
      '/buckets/bb/x/y',
    ]);
    expect(await owners(backend, scope('/buckets/*/collections/c'))).toEqual(['/buckets/b/collections/c']);
  });

  test('F-TK-STO-01 * alone matches every parent of the resource and no other resource', async (backend) => {
    await seed(backend, ['', 'a', '/b/c']);
    await seed(backend, ['a', 'z'], 'other');
    expect(await owners(backend, scope('*'))).toEqual(['', '/b/c', 'a']);
  });

  test('F-TK-STO-01 several stars match in order', async (backend) => {
    await seed(backend, ['a1b2c', 'ab c', 'acb', 'abc', 'xabc']);
    expect(await owners(backend, scope('a*b*c'))).toEqual(['a1b2c', 'ab c', 'abc']);
    expect(await owners(backend, scope('**c'))).toEqual(['a1b2c', 'ab c', 'abc', 'xabc']);
  });

  test('F-TK-STO-01 * matches line breaks and any unicode character', async (backend) => {
    await seed(backend, ['a\nb', 'a\r\nb', 'a🦊b', 'a\u2028b', 'b']);
    expect(await owners(backend, scope('a*b'))).toEqual(['a\nb', 'a\r\nb', 'a\u2028b', 'a🦊b'].sort());
  });

  test('F-TK-STO-01 regular-expression characters in a pattern match only themselves', async (backend) => {
    const parents = [
      'a.c',
      'abc',
      'a+c',
      'aac',
      '(a)',
      'a',
      '[ab]',
      'b',
      'a|b',
      '^a$',
      'a?',
      'a\\d',
      'a1',
      '$x',
      'x{2}',
      'xx',
    ];
    await seed(backend, parents);
    expect(await owners(backend, scope('a.*'))).toEqual(['a.c']);
    expect(await owners(backend, scope('a+*'))).toEqual(['a+c']);
    expect(await owners(backend, scope('(a)*'))).toEqual(['(a)']);
    expect(await owners(backend, scope('[ab]*'))).toEqual(['[ab]']);
    expect(await owners(backend, scope('a|b*'))).toEqual(['a|b']);
    expect(await owners(backend, scope('^a$*'))).toEqual(['^a$']);
    expect(await owners(backend, scope('a?*'))).toEqual(['a?']);
    expect(await owners(backend, scope('a\\d*'))).toEqual(['a\\d']);
    expect(await owners(backend, scope('*{2}'))).toEqual(['x{2}']);
    expect(await owners(backend, scope('$*'))).toEqual(['$x']);
  });

  test('F-TK-STO-01 SQL LIKE characters % and _ in a pattern match only themselves', async (backend) => {
    await seed(backend, ['a_b', 'axb', 'a%b', 'ab', 'a%%b', 'a\\_b']);
    expect(await owners(backend, scope('a_*'))).toEqual(['a_b']);
    expect(await owners(backend, scope('a%*'))).toEqual(['a%%b', 'a%b']);
    expect(await owners(backend, scope('*\\_b'))).toEqual(['a\\_b']);
  });

  test('F-TK-STO-01 a parent without * selects exactly that parent, never a prefix (LESSONS §22)', async (backend) => {
    await seed(backend, ['/buckets/a', '/buckets/ab', '/buckets/a/collections/x']);
    expect(await owners(backend, scope('/buckets/a'))).toEqual(['/buckets/a']);
    expect(await backend.countAll(scope('/buckets/a'))).toBe(1);
    await backend.deleteAll({ resource: null, parent: '/buckets/a' });
    expect(await owners(backend, scope('/buckets/a*'))).toEqual(['/buckets/a/collections/x', '/buckets/ab']);
    expect(await backend.listAll(scope('/buckets/ab'), { includeDeleted: true })).toHaveLength(1);
  });

  test('F-TK-STO-01 a Scope parent is literal: * in it is an ordinary character', async (backend) => {
    await backend.create(scope('a*b'), { id: 'x', owner: 'star' });
    await backend.create(scope('axb'), { id: 'x', owner: 'x' });
    expect((await backend.get(scope('a*b'), 'x')).owner).toBe('star');
    await backend.update(scope('a*b'), 'x', { owner: 'star2' });
    await backend.delete(scope('a*b'), 'x');
    expect((await backend.get(scope('axb'), 'x')).owner).toBe('x');
    expect(await backend.listAll(scope('axb'), { includeDeleted: true })).toHaveLength(1);
  });

  test('F-TK-STO-01 listAll over a pattern returns objects sharing an id in different parents', async (backend) => {
    const abc1 = await backend.create(scope('abc1'), { id: 'abc', secret: 'abc1' });
    const abc2 = await backend.create(scope('abc2'), { id: 'abc', secret: 'abc2' });
    const listed = await backend.listAll(scope('ab*'), { includeDeleted: true });
    listed.sort((x, y) => String(x.secret).localeCompare(String(y.secret)));
    expect(listed).toEqual([abc1, abc2]);
    expect(await backend.countAll(scope('ab*'))).toBe(2);
  });

  test('F-TK-STO-01 listAll over a pattern includes the tombstones of matched lists only', async (backend) => {
    await createSeries(backend, scope('abc'), 1);
    const [gone] = await createSeries(backend, scope('abc'), 1);
    await backend.delete(scope('abc'), gone!.id);
    const [elsewhere] = await createSeries(backend, scope('efg'), 1);
    await backend.delete(scope('efg'), elsewhere!.id);
    expect(await backend.listAll(scope('ab*'), { includeDeleted: true })).toHaveLength(2);
    expect(await backend.countAll(scope('ab*'))).toBe(1);
  });

  test('F-TK-STO-01 deleteAll over a pattern and every resource deletes matched lists only', async (backend) => {
    await seed(backend, ['abc', 'abd', 'xabc', 'efg']);
    await seed(backend, ['abc', 'def'], 'g');
    const removed = await backend.deleteAll({ resource: null, parent: 'ab*' }, { withDeleted: false });
    expect(removed).toHaveLength(3);
    expect(await owners(backend, scope('*'))).toEqual(['efg', 'xabc']);
    expect(await owners(backend, scope('*', 'g'))).toEqual(['def']);
    expect(await backend.listAll(scope('abc'), { includeDeleted: true })).toEqual([]);
  });

  test('F-TK-STO-01 deleteAll over a pattern keeps tombstones in each list', async (backend) => {
    await seed(backend, ['abc', 'abd', 'efg']);
    await backend.deleteAll({ resource: 'c', parent: 'ab*' });
    for (const parent of ['abc', 'abd']) {
      const listed = await backend.listAll(scope(parent), { includeDeleted: true });
      expect(listed).toEqual([{ id: 'obj', last_modified: listed[0]!.last_modified, deleted: true }]);
    }
    expect(await owners(backend, scope('efg'))).toEqual(['efg']);
  });

  test('F-TK-TS deleteAll over a pattern stamps each tombstone in its own list', async (backend) => {
    // A list timestamp far in the future makes the next stamps of that list deterministic (+1, +2).
    const future = Date.now() + 10 * 365 * 24 * 3_600_000;
    await createSeries(backend, scope('a1'), 3);
    await backend.create(scope('a2'), { last_modified: future });
    await backend.create(scope('a2'), { last_modified: future - 1_000 });
    const a1Before = await backend.resourceTimestamp(scope('a1'));
    const tombstones = await backend.deleteAll({ resource: 'c', parent: 'a*' });
    expect(tombstones).toHaveLength(5);
    const a2 = await backend.listAll(scope('a2'), { includeDeleted: true });
    expect(a2.map((object) => object.last_modified).sort((x, y) => x - y)).toEqual([future + 1, future + 2]);
    expect(await backend.resourceTimestamp(scope('a2'))).toBe(future + 2);
    const a1 = await backend.listAll(scope('a1'), { includeDeleted: true });
    for (const object of a1) expect(object.last_modified).toBeGreaterThan(a1Before);
    expect(new Set(a1.map((object) => object.last_modified)).size).toBe(3);
    expect(Math.max(...a1.map((object) => object.last_modified))).toBeLessThan(future);
  });

  test('F-TK-STO-01 deleteAll with every resource and an exact parent deletes only in that parent', async (backend) => {
    await seed(backend, ['/buckets/a'], 'collection');
    await seed(backend, ['/buckets/a'], 'group');
    await seed(backend, ['/buckets/ab'], 'collection');
    await seed(backend, ['/buckets/a/collections/c'], 'record');
    const removed = await backend.deleteAll({ resource: null, parent: '/buckets/a' });
    expect(sortedIds(removed)).toEqual(['obj', 'obj']);
    expect(await owners(backend, scope('*', 'collection'))).toEqual(['/buckets/ab']);
    expect(await owners(backend, scope('*', 'record'))).toEqual(['/buckets/a/collections/c']);
  });
});
