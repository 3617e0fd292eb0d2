import type { Tombstone } from '@core/contracts';
import { expect } from 'vitest';
import {
  createSeries,
  expectCoreError,
  expectStrictlyIncreasing,
  RECORDS,
  SIBLING,
  snapshotList,
  sortedIds,
} from './core-helpers.ts';
import { defineStorageGroup, type StorageGroup } from './options.ts';

const TOMBSTONE_KEYS = ['deleted', 'id', 'last_modified'];

/** Tombstones: kept on delete, removed on re-create, listed only on request (http-api §6). */
export const storageTombstonesGroup: StorageGroup = defineStorageGroup('tombstones', (test) => {
  test('F-SYNC-01 delete keeps a tombstone {id, last_modified, deleted: true} and nothing else', async (backend) => {
    const created = await backend.create(RECORDS, { challenge: 'accepted', nested: { a: 1 } });
    const tombstone = await backend.delete(RECORDS, created.id);
    const listed = await backend.listAll(RECORDS, { includeDeleted: true });
    expect(listed).toEqual([tombstone]);
    expect(Object.keys(listed[0]!).sort()).toEqual(TOMBSTONE_KEYS);
    expect(listed[0]!.deleted).toBe(true);
  });

  test('F-SYNC-01 the stored tombstone really has only id, last_modified and deleted', async (backend, options) => {
    const created = await backend.create(RECORDS, { challenge: 'accepted', secret: 'password' });
    const tombstone = await backend.delete(RECORDS, created.id);
    const raw = options.inspect?.rawObject
      ? await options.inspect.rawObject(backend, RECORDS, created.id)
      : (await backend.listAll(RECORDS, { includeDeleted: true }))[0];
    expect(raw).toEqual({ id: created.id, last_modified: tombstone.last_modified, deleted: true });
  });

  test('F-SYNC-01 delete without tombstone really removes the object', async (backend, options) => {
    const created = await backend.create(RECORDS, { secret: 'password' });
    const tombstone = await backend.delete(RECORDS, created.id, { withDeleted: false });
    expect(tombstone).toEqual({ id: created.id, last_modified: tombstone.last_modified, deleted: true });
    if (options.inspect?.rawObject) {
      expect(await options.inspect.rawObject(backend, RECORDS, created.id)).toBeUndefined();
    }
    expect(await backend.listAll(RECORDS, { includeDeleted: true })).toEqual([]);
  });

  test('F-SYNC-01 a live object is really stored under its id', async (backend, options) => {
    const created = await backend.create(RECORDS, { id: 'x', v: 1 });
    if (options.inspect?.rawObject) {
      expect(await options.inspect.rawObject(backend, RECORDS, 'x')).toEqual(created);
      expect(await options.inspect.rawObject(backend, SIBLING, 'x')).toBeUndefined();
    }
    expect(await backend.get(RECORDS, 'x')).toEqual(created);
  });

  test('F-SYNC-01 get and delete treat a tombstone as absent', async (backend) => {
    const created = await backend.create(RECORDS, {});
    await backend.delete(RECORDS, created.id);
    await expectCoreError(backend.get(RECORDS, created.id), 'OBJECT_NOT_FOUND');
    await expectCoreError(backend.delete(RECORDS, created.id), 'OBJECT_NOT_FOUND');
    expect(await backend.listAll(RECORDS, { includeDeleted: true })).toHaveLength(1);
  });

  test('F-SYNC-01 listAll leaves tombstones out unless includeDeleted', async (backend) => {
    const [gone, kept] = await createSeries(backend, RECORDS, 2);
    await backend.delete(RECORDS, gone!.id);
    expect(sortedIds(await backend.listAll(RECORDS))).toEqual([kept!.id]);
    expect(sortedIds(await backend.listAll(RECORDS, { includeDeleted: false }))).toEqual([kept!.id]);
    expect(sortedIds(await backend.listAll(RECORDS, { includeDeleted: true }))).toEqual(
      sortedIds([gone!, kept!]),
    );
  });

  test('F-SYNC-01 countAll never counts tombstones', async (backend) => {
    const created = await createSeries(backend, RECORDS, 3);
    await backend.delete(RECORDS, created[0]!.id);
    await backend.delete(RECORDS, created[1]!.id);
    expect(await backend.countAll(RECORDS)).toBe(1);
  });

  test('F-SYNC-01 tombstones and objects mix in last_modified order', async (backend) => {
    const [a, b, c] = await createSeries(backend, RECORDS, 3);
    const ta = await backend.delete(RECORDS, a!.id);
    const tc = await backend.delete(RECORDS, c!.id);
    const listed = await backend.listAll(RECORDS, { includeDeleted: true });
    expect(listed).toEqual([tc, ta, b]);
    expect(await backend.listAll(RECORDS, { includeDeleted: true, limit: 2 })).toEqual([tc, ta]);
  });

  test('F-SYNC-01 create over a tombstone removes the tombstone', async (backend) => {
    await backend.create(RECORDS, { id: 'phoenix', rebirth: false });
    await backend.delete(RECORDS, 'phoenix');
    const reborn = await backend.create(RECORDS, { id: 'phoenix', rebirth: true });
    expect(await backend.listAll(RECORDS, { includeDeleted: true })).toEqual([reborn]);
    expect(await backend.countAll(RECORDS)).toBe(1);
  });

  test('F-SYNC-01 update over a tombstone removes the tombstone', async (backend) => {
    await backend.create(RECORDS, { id: 'phoenix' });
    await backend.delete(RECORDS, 'phoenix');
    const reborn = await backend.update(RECORDS, 'phoenix', { rebirth: true });
    expect(await backend.listAll(RECORDS, { includeDeleted: true })).toEqual([reborn]);
  });

  test('F-SYNC-01 deleting an object twice (after re-creation) renews its tombstone', async (backend) => {
    await backend.create(RECORDS, { id: 'x' });
    const first = await backend.delete(RECORDS, 'x');
    await backend.create(RECORDS, { id: 'x' });
    const second = await backend.delete(RECORDS, 'x');
    expect(second.last_modified).toBeGreaterThan(first.last_modified);
    expect(await backend.listAll(RECORDS, { includeDeleted: true })).toEqual([second]);
  });

  test('F-SYNC-01 delete without tombstone keeps the older tombstones of the list', async (backend) => {
    const [a, b] = await createSeries(backend, RECORDS, 2);
    const ta = await backend.delete(RECORDS, a!.id);
    await backend.delete(RECORDS, b!.id, { withDeleted: false });
    expect(await backend.listAll(RECORDS, { includeDeleted: true })).toEqual([ta]);
  });

  test('F-SYNC-01 the returned tombstone is a copy', async (backend) => {
    const created = await backend.create(RECORDS, {});
    const tombstone = await backend.delete(RECORDS, created.id);
    const copy = { ...tombstone };
    (tombstone as { id: string }).id = 'mutated';
    expect(await backend.listAll(RECORDS, { includeDeleted: true })).toEqual([copy]);
  });

  test('F-SYNC-01 deleteAll deletes every live object and keeps a tombstone for each', async (backend) => {
    const created = await createSeries(backend, RECORDS, 4);
    const tombstones = await backend.deleteAll(RECORDS);
    expect(sortedIds(tombstones)).toEqual(sortedIds(created));
    for (const tombstone of tombstones) expect(Object.keys(tombstone).sort()).toEqual(TOMBSTONE_KEYS);
    expect(await backend.countAll(RECORDS)).toBe(0);
    const listed = await backend.listAll(RECORDS, { includeDeleted: true });
    expect(sortedIds(listed)).toEqual(sortedIds(created));
    expect(listed.every((object) => object.deleted === true)).toBe(true);
  });

  test('F-TK-TS deleteAll gives each tombstone a distinct, increasing timestamp in deletion order', async (backend) => {
    const created = await createSeries(backend, RECORDS, 20);
    const before = await backend.resourceTimestamp(RECORDS);
    const tombstones = await backend.deleteAll(RECORDS);
    const stamps = tombstones.map((tombstone) => tombstone.last_modified);
    expectStrictlyIncreasing([before, ...stamps]);
    const previous = new Set(created.map((object) => object.last_modified));
    expect(stamps.some((stamp) => previous.has(stamp))).toBe(false);
    expect(await backend.resourceTimestamp(RECORDS)).toBe(stamps[stamps.length - 1]);
  });

  test('F-SYNC-01 deleteAll returns tombstones in deletion order (default: newest first)', async (backend) => {
    const created = await createSeries(backend, RECORDS, 5);
    const tombstones = await backend.deleteAll(RECORDS);
    expect(tombstones.map((tombstone) => tombstone.id)).toEqual(created.map((object) => object.id).reverse());
    const listed = await backend.listAll(RECORDS, { includeDeleted: true });
    expect(listed).toEqual([...tombstones].reverse());
  });

  test('F-SYNC-01 deleteAll with limit deletes only that many, newest first by default', async (backend) => {
    const created = await createSeries(backend, RECORDS, 5);
    const tombstones = await backend.deleteAll(RECORDS, { limit: 2 });
    expect(tombstones.map((tombstone) => tombstone.id)).toEqual([created[4]!.id, created[3]!.id]);
    expect(sortedIds(await backend.listAll(RECORDS))).toEqual(sortedIds(created.slice(0, 3)));
  });

  test('F-SYNC-01 deleteAll honours filters', async (backend) => {
    await backend.create(RECORDS, { id: 'po', foo: 'po' });
    await backend.create(RECORDS, { id: 'bar', foo: 'bar' });
    const tombstones = await backend.deleteAll(RECORDS, {
      filters: [{ field: 'foo', operator: 'eq', value: 'bar' }],
    });
    expect(sortedIds(tombstones)).toEqual(['bar']);
    expect(sortedIds(await backend.listAll(RECORDS))).toEqual(['po']);
  });

  test('F-SYNC-01 deleteAll honours sort and limit together', async (backend) => {
    for (let index = 0; index < 5; index++) await backend.create(RECORDS, { id: `o${index}`, foo: index });
    const tombstones = await backend.deleteAll(RECORDS, {
      sort: [{ field: 'foo', direction: 'desc' }],
      limit: 2,
    });
    expect(tombstones.map((tombstone) => tombstone.id)).toEqual(['o4', 'o3']);
    expectStrictlyIncreasing(tombstones.map((tombstone) => tombstone.last_modified));
    expect(sortedIds(await backend.listAll(RECORDS))).toEqual(['o0', 'o1', 'o2']);
  });

  test('F-SYNC-01 deleteAll without tombstones leaves none and keeps the older ones', async (backend) => {
    const filtersFrom = await backend.resourceTimestamp(RECORDS);
    const [old] = await createSeries(backend, RECORDS, 3);
    const kept = await backend.delete(RECORDS, old!.id);
    const removed = await backend.deleteAll(RECORDS, { withDeleted: false });
    expect(removed).toHaveLength(2);
    expect(await backend.listAll(RECORDS, { includeDeleted: true })).toEqual([kept]);
    expect(await backend.resourceTimestamp(RECORDS)).toBeGreaterThan(filtersFrom);
  });

  test('F-SYNC-01 deleteAll never touches existing tombstones', async (backend) => {
    const [a, b] = await createSeries(backend, RECORDS, 2);
    const ta = await backend.delete(RECORDS, a!.id);
    const tombstones = await backend.deleteAll(RECORDS);
    expect(sortedIds(tombstones)).toEqual([b!.id]);
    const listed = await backend.listAll(RECORDS, { includeDeleted: true });
    expect(listed.find((object) => object.id === a!.id)).toEqual(ta);
  });

  test('F-SYNC-01 deleteAll of an empty list returns an empty array and assigns nothing', async (backend) => {
    const before = await backend.resourceTimestamp(RECORDS);
    const result: Tombstone[] = await backend.deleteAll(RECORDS);
    expect(result).toEqual([]);
    expect(await backend.resourceTimestamp(RECORDS)).toBe(before);
  });

  test('F-SYNC-01 deleteAll of one list leaves other lists alone', async (backend) => {
    await createSeries(backend, RECORDS, 2);
    const others = await createSeries(backend, SIBLING, 2);
    const siblingStamp = await backend.resourceTimestamp(SIBLING);
    await backend.deleteAll(RECORDS);
    expect(await snapshotList(backend, SIBLING)).toEqual([...others].sort((x, y) => (x.id < y.id ? -1 : 1)));
    expect(await backend.resourceTimestamp(SIBLING)).toBe(siblingStamp);
  });
});
