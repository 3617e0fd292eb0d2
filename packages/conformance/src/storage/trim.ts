import { expect } from 'vitest';
import { createSeries, RECORDS, SIBLING, sortedIds, storedTimestamp } from './core-helpers.ts';
import { defineStorageGroup, type StorageGroup } from './options.ts';

/** `trimObjects`: keep the N most recent, delete the rest silently (LESSONS §5). */
export const storageTrimGroup: StorageGroup = defineStorageGroup('trim', (test) => {
  test('F-TK-STO-01 trimObjects keeps the N most recent objects and returns how many it deleted', async (backend) => {
    const created = await createSeries(backend, RECORDS, 6);
    expect(await backend.trimObjects(RECORDS, [], 2)).toBe(4);
    expect(sortedIds(await backend.listAll(RECORDS))).toEqual(sortedIds(created.slice(4)));
  });

  test('F-TK-STO-01 trimObjects ranks by last_modified, not by creation order', async (backend) => {
    await backend.create(RECORDS, { id: 'newest', last_modified: 9_000 });
    await backend.create(RECORDS, { id: 'oldest', last_modified: 1_000 });
    await backend.create(RECORDS, { id: 'middle', last_modified: 5_000 });
    expect(await backend.trimObjects(RECORDS, [], 2)).toBe(1);
    expect(sortedIds(await backend.listAll(RECORDS))).toEqual(['middle', 'newest']);
  });

  test('F-TK-STO-01 trimObjects leaves no tombstones and does not touch the list timestamp', async (backend, options) => {
    await createSeries(backend, RECORDS, 5);
    const before = await backend.resourceTimestamp(RECORDS);
    await backend.trimObjects(RECORDS, [], 1);
    expect(await backend.listAll(RECORDS, { includeDeleted: true })).toHaveLength(1);
    expect(await storedTimestamp(backend, options, RECORDS)).toBe(before);
  });

  test('F-TK-STO-01 trimObjects with 0 deletes every object; above the count deletes none', async (backend) => {
    await createSeries(backend, RECORDS, 3);
    expect(await backend.trimObjects(RECORDS, [], 10)).toBe(0);
    expect(await backend.countAll(RECORDS)).toBe(3);
    expect(await backend.trimObjects(RECORDS, [], 0)).toBe(3);
    expect(await backend.countAll(RECORDS)).toBe(0);
  });

  test('F-TK-STO-01 trimObjects never touches tombstones or other lists', async (backend) => {
    const [gone] = await createSeries(backend, RECORDS, 3);
    const tombstone = await backend.delete(RECORDS, gone!.id);
    const siblings = await createSeries(backend, SIBLING, 3);
    await backend.trimObjects(RECORDS, [], 0);
    expect(await backend.listAll(RECORDS, { includeDeleted: true })).toEqual([tombstone]);
    expect(sortedIds(await backend.listAll(SIBLING))).toEqual(sortedIds(siblings));
  });

  test('F-TK-STO-01 trimObjects only considers objects matching the filters', async (backend) => {
    for (let index = 0; index < 4; index++) await backend.create(RECORDS, { id: `a${index}`, kind: 'a' });
    for (let index = 0; index < 2; index++) await backend.create(RECORDS, { id: `b${index}`, kind: 'b' });
    expect(await backend.trimObjects(RECORDS, [{ field: 'kind', operator: 'eq', value: 'a' }], 1)).toBe(3);
    expect(sortedIds(await backend.listAll(RECORDS))).toEqual(['a3', 'b0', 'b1']);
  });
});
