import type { Scope, StorageBackend } from '@core/contracts';
import { expect } from 'vitest';
import {
  createSeries,
  HISTORY,
  RECORDS,
  rejection,
  SIBLING,
  sleep,
  sortedIds,
  storedTimestamp,
} from './core-helpers.ts';
import { defineStorageGroup, type StorageGroup } from './options.ts';

/** Creates `live` objects, then `dead` objects deleted with timestamps 100, 200, ... (kept, in the past). */
async function populate(backend: StorageBackend, scope: Scope, live: number, dead: number) {
  const alive = await createSeries(backend, scope, live, (index) => ({ id: `live-${index}` }));
  const doomed = await createSeries(backend, scope, dead, (index) => ({ id: `dead-${index}` }));
  for (const [index, object] of doomed.entries()) {
    await backend.delete(scope, object.id, { lastModified: (index + 1) * 100 });
  }
  return { alive, dead: doomed.map((object) => object.id) };
}

/** Purging tombstones (toolkit §2 purge_deleted; LESSONS §12: never live objects). */
export const storagePurgeGroup: StorageGroup = defineStorageGroup('purge', (test) => {
  test('F-TK-STO-01 purgeDeleted removes every tombstone of the list and returns how many', async (backend) => {
    const { alive } = await populate(backend, RECORDS, 0, 2);
    expect(alive).toEqual([]);
    expect(await backend.purgeDeleted(RECORDS)).toBe(2);
    expect(await backend.listAll(RECORDS, { includeDeleted: true })).toEqual([]);
  });

  test('F-TK-STO-01 purgeDeleted never deletes live objects', async (backend) => {
    const { alive } = await populate(backend, RECORDS, 3, 2);
    expect(await backend.purgeDeleted(RECORDS)).toBe(2);
    expect(await backend.listAll(RECORDS, { includeDeleted: true })).toEqual([...alive].reverse());
    expect(await backend.countAll(RECORDS)).toBe(3);
  });

  test('F-TK-STO-01 purgeDeleted with a far `before` still never deletes live objects', async (backend) => {
    const { alive } = await populate(backend, RECORDS, 3, 2);
    await backend.create(RECORDS, { id: 'past', last_modified: 1 });
    expect(await backend.purgeDeleted(RECORDS, { before: Number.MAX_SAFE_INTEGER })).toBe(2);
    expect(sortedIds(await backend.listAll(RECORDS, { includeDeleted: true }))).toEqual(
      sortedIds([...alive, { id: 'past' }]),
    );
  });

  test('F-TK-STO-01 purgeDeleted with maxRetained 0 removes all tombstones and no live object', async (backend) => {
    const { alive } = await populate(backend, RECORDS, 2, 3);
    expect(await backend.purgeDeleted(RECORDS, { maxRetained: 0 })).toBe(3);
    expect(sortedIds(await backend.listAll(RECORDS, { includeDeleted: true }))).toEqual(sortedIds(alive));
  });

  test('F-TK-STO-01 purgeDeleted with `before` removes only strictly older tombstones', async (backend) => {
    await populate(backend, RECORDS, 1, 3);
    expect(await backend.purgeDeleted(RECORDS, { before: 200 })).toBe(1);
    const left = await backend.listAll(RECORDS, { includeDeleted: true });
    expect(sortedIds(left)).toEqual(['dead-1', 'dead-2', 'live-0']);
    expect(await backend.purgeDeleted(RECORDS, { before: 301 })).toBe(2);
    expect(sortedIds(await backend.listAll(RECORDS, { includeDeleted: true }))).toEqual(['live-0']);
  });

  test('F-TK-STO-01 purgeDeleted with maxRetained keeps the N most recent tombstones of each list', async (backend) => {
    await populate(backend, RECORDS, 1, 5);
    await populate(backend, SIBLING, 1, 2);
    const removed = await backend.purgeDeleted(
      { resource: 'record', parent: '/buckets/b/collections/*' },
      { maxRetained: 3 },
    );
    expect(removed).toBe(2);
    expect(sortedIds(await backend.listAll(RECORDS, { includeDeleted: true }))).toEqual([
      'dead-2',
      'dead-3',
      'dead-4',
      'live-0',
    ]);
    expect(sortedIds(await backend.listAll(SIBLING, { includeDeleted: true }))).toEqual([
      'dead-0',
      'dead-1',
      'live-0',
    ]);
  });

  test('F-TK-STO-01 purgeDeleted with maxRetained above the count removes nothing', async (backend) => {
    await populate(backend, RECORDS, 1, 2);
    expect(await backend.purgeDeleted(RECORDS, { maxRetained: 10 })).toBe(0);
    expect(await backend.listAll(RECORDS, { includeDeleted: true })).toHaveLength(3);
  });

  test('F-TK-STO-01 purgeDeleted with both `before` and `maxRetained` throws TypeError and purges nothing', async (backend) => {
    await populate(backend, RECORDS, 0, 2);
    const error = await rejection(backend.purgeDeleted(RECORDS, { before: 1_000, maxRetained: 0 }));
    expect(error).toBeInstanceOf(TypeError);
    expect(await backend.listAll(RECORDS, { includeDeleted: true })).toHaveLength(2);
  });

  test('F-TK-STO-01 purgeDeleted without tombstones returns 0', async (backend) => {
    expect(await backend.purgeDeleted(RECORDS)).toBe(0);
    await createSeries(backend, RECORDS, 2);
    expect(await backend.purgeDeleted(RECORDS)).toBe(0);
    expect(await backend.countAll(RECORDS)).toBe(2);
  });

  test('F-TK-STO-01 purgeDeleted by wildcard parent and any resource purges matched lists only', async (backend) => {
    await populate(backend, { resource: 'c', parent: 'abc' }, 0, 2);
    await populate(backend, { resource: 'd', parent: 'abd' }, 0, 1);
    await populate(backend, { resource: 'c', parent: 'efg' }, 0, 1);
    await populate(backend, { resource: 'c', parent: 'xabc' }, 0, 1);
    expect(await backend.purgeDeleted({ resource: null, parent: 'ab*' })).toBe(3);
    expect(await backend.listAll({ resource: 'c', parent: 'efg' }, { includeDeleted: true })).toHaveLength(1);
    expect(await backend.listAll({ resource: 'c', parent: 'xabc' }, { includeDeleted: true })).toHaveLength(
      1,
    );
  });

  test('F-TK-STO-01 purgeDeleted of one resource leaves the other resources of the parent alone', async (backend) => {
    await populate(backend, RECORDS, 0, 2);
    await populate(backend, HISTORY, 0, 2);
    expect(await backend.purgeDeleted(RECORDS)).toBe(2);
    expect(await backend.listAll(HISTORY, { includeDeleted: true })).toHaveLength(2);
  });

  test('F-TK-STO-01 purgeDeleted of /buckets/a never touches /buckets/ab (LESSONS §22)', async (backend) => {
    const a = { resource: 'collection', parent: '/buckets/a' };
    const ab = { resource: 'collection', parent: '/buckets/ab' };
    await populate(backend, a, 1, 2);
    await populate(backend, ab, 1, 2);
    expect(await backend.purgeDeleted(a)).toBe(2);
    expect(await backend.purgeDeleted({ resource: null, parent: '/buckets/a' })).toBe(0);
    expect(await backend.listAll(ab, { includeDeleted: true })).toHaveLength(3);
  });

  test('F-TK-STO-01 purgeDeleted leaves every list timestamp as it was, emptied lists included', async (backend, options) => {
    await createSeries(backend, { resource: 'c', parent: '/abc/a' }, 2);
    await createSeries(backend, { resource: 'c', parent: '/abc/b' }, 1);
    await createSeries(backend, { resource: 'c', parent: '/efg' }, 1);
    const abcA = await backend.resourceTimestamp({ resource: 'c', parent: '/abc/a' });
    const abcB = await backend.resourceTimestamp({ resource: 'c', parent: '/abc/b' });
    const efg = await backend.resourceTimestamp({ resource: 'c', parent: '/efg' });
    const emptied = await backend.deleteAll({ resource: 'c', parent: '/abc/a' });
    await backend.purgeDeleted({ resource: null, parent: '/abc/*' });
    const abcAAfter = emptied.at(-1)!.last_modified;
    expect(abcAAfter).toBeGreaterThan(abcA);
    expect(await storedTimestamp(backend, options, { resource: 'c', parent: '/abc/a' })).toBe(abcAAfter);
    expect(await backend.resourceTimestamp({ resource: 'c', parent: '/abc/a' })).toBe(abcAAfter);
    expect(await storedTimestamp(backend, options, { resource: 'c', parent: '/abc/b' })).toBe(abcB);
    expect(await storedTimestamp(backend, options, { resource: 'c', parent: '/efg' })).toBe(efg);
  });

  test('F-TK-STO-01 purgeDeleted keeps the timestamp of a list that still holds tombstones', async (backend, options) => {
    await populate(backend, RECORDS, 0, 3);
    const before = await backend.resourceTimestamp(RECORDS);
    await backend.purgeDeleted(RECORDS, { maxRetained: 1 });
    expect(await storedTimestamp(backend, options, RECORDS)).toBe(before);
  });

  test('F-TK-STO-01 purgeDeleted keeps the timestamp of an empty list that was only read', async (backend) => {
    const initial = await backend.resourceTimestamp(RECORDS);
    await sleep(5);
    await backend.purgeDeleted(RECORDS);
    expect(await backend.resourceTimestamp(RECORDS)).toBe(initial);
  });

  test('F-TK-TS list timestamps never go back after a purge, even from a timestamp ahead of the clock', async (backend) => {
    const [a, b] = await createSeries(backend, RECORDS, 2);
    await backend.delete(RECORDS, a!.id);
    const ahead = Date.now() + 3_600_000;
    const last = await backend.delete(RECORDS, b!.id, { lastModified: ahead });
    expect(last.last_modified).toBe(ahead);
    await backend.purgeDeleted(RECORDS);
    expect(await backend.resourceTimestamp(RECORDS)).toBe(ahead);
    const created = await backend.create(RECORDS, {});
    expect(created.last_modified).toBe(ahead + 1);
  });
});
