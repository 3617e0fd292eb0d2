import { expect } from 'vitest';
import {
  CLOCK_TOLERANCE,
  createSeries,
  expectCoreError,
  expectStrictlyIncreasing,
  HISTORY,
  RECORDS,
  SIBLING,
  sleep,
  storedTimestamp,
} from './core-helpers.ts';
import { defineStorageGroup, type StorageGroup } from './options.ts';

/** Far enough in the future to beat any clock, small enough to stay a safe integer. */
const FUTURE = Date.now() + 10 * 365 * 24 * 3_600_000;

/** List timestamps and the bump rule (toolkit §3, http-api §5.1 and §5.4). */
export const storageTimestampsGroup: StorageGroup = defineStorageGroup('timestamps', (test) => {
  test('F-TK-TS timestamps are integer milliseconds of the wall clock', async (backend) => {
    const before = Date.now();
    await sleep(2);
    const created = await backend.create(RECORDS, {});
    expect(Number.isSafeInteger(created.last_modified)).toBe(true);
    expect(Math.abs(created.last_modified - before)).toBeLessThan(CLOCK_TOLERANCE);
  });

  test('F-TK-TS the list timestamp increases on create', async (backend) => {
    await backend.create(RECORDS, {});
    const before = await backend.resourceTimestamp(RECORDS);
    const created = await backend.create(RECORDS, {});
    const after = await backend.resourceTimestamp(RECORDS);
    expect(after).toBeGreaterThan(before);
    expect(after).toBe(created.last_modified);
  });

  test('F-TK-TS the list timestamp increases on update', async (backend) => {
    const created = await backend.create(RECORDS, {});
    const before = await backend.resourceTimestamp(RECORDS);
    const updated = await backend.update(RECORDS, created.id, { v: 2 });
    expect(await backend.resourceTimestamp(RECORDS)).toBeGreaterThan(before);
    expect(await backend.resourceTimestamp(RECORDS)).toBe(updated.last_modified);
  });

  test('F-TK-TS the list timestamp increases on delete and equals the tombstone timestamp', async (backend) => {
    const created = await backend.create(RECORDS, {});
    const before = await backend.resourceTimestamp(RECORDS);
    const tombstone = await backend.delete(RECORDS, created.id);
    expect(tombstone.last_modified).toBeGreaterThan(before);
    expect(await backend.resourceTimestamp(RECORDS)).toBe(tombstone.last_modified);
  });

  test('F-TK-TS the list timestamp increases on delete without tombstone', async (backend) => {
    const created = await backend.create(RECORDS, {});
    const before = await backend.resourceTimestamp(RECORDS);
    const tombstone = await backend.delete(RECORDS, created.id, { withDeleted: false });
    expect(tombstone.last_modified).toBeGreaterThan(before);
    expect(await backend.resourceTimestamp(RECORDS)).toBe(tombstone.last_modified);
  });

  test('F-TK-TS writes in a burst (same millisecond) get unique, strictly increasing timestamps', async (backend) => {
    const created = await createSeries(backend, RECORDS, 60);
    const updated = await backend.update(RECORDS, created[0]!.id, { v: 2 });
    const deleted = await backend.delete(RECORDS, created[1]!.id);
    expectStrictlyIncreasing([
      ...created.map((object) => object.last_modified),
      updated.last_modified,
      deleted.last_modified,
    ]);
  });

  test('F-TS-01 an empty list gets a stable, non-zero timestamp on first read', async (backend) => {
    const first = await backend.resourceTimestamp(RECORDS);
    await sleep(5);
    const second = await backend.resourceTimestamp(RECORDS);
    expect(first).toBeGreaterThan(0);
    expect(Math.abs(first - Date.now())).toBeLessThan(CLOCK_TOLERANCE);
    expect(second).toBe(first);
  });

  test('F-TS-01 the initialised timestamp of an empty list is stored', async (backend, options) => {
    expect(await storedTimestamp(backend, options, RECORDS)).toBeUndefined();
    const initialised = await backend.resourceTimestamp(RECORDS);
    expect(await storedTimestamp(backend, options, RECORDS)).toBe(initialised);
    expect((await backend.allResourcesTimestamps('record')).get(RECORDS.parent)).toBe(initialised);
  });

  test('F-TS-01 the first write after initialisation gets a greater timestamp', async (backend) => {
    const initialised = await backend.resourceTimestamp(RECORDS);
    const created = await backend.create(RECORDS, {});
    expect(created.last_modified).toBeGreaterThan(initialised);
  });

  test('F-TS-01 timestamps of different lists are independent', async (backend) => {
    await backend.create(RECORDS, {});
    const sibling = await backend.resourceTimestamp(SIBLING);
    const history = await backend.resourceTimestamp(HISTORY);
    await sleep(2);
    await createSeries(backend, RECORDS, 5);
    await backend.create(RECORDS, { last_modified: FUTURE });
    expect(await backend.resourceTimestamp(SIBLING)).toBe(sibling);
    expect(await backend.resourceTimestamp(HISTORY)).toBe(history);
    const next = await backend.create(SIBLING, {});
    expect(next.last_modified).toBeLessThan(FUTURE);
  });

  test('F-TK-STO-01 allResourcesTimestamps maps every written or read parent of a resource', async (backend) => {
    const a = await backend.create({ resource: 'record', parent: '/a' }, {});
    const b = await backend.create({ resource: 'record', parent: '/b' }, {});
    const c = await backend.resourceTimestamp({ resource: 'record', parent: '/c' });
    await backend.create({ resource: 'other', parent: '/d' }, {});
    const all = await backend.allResourcesTimestamps('record');
    expect(Object.fromEntries(all)).toEqual({ '/a': a.last_modified, '/b': b.last_modified, '/c': c });
  });

  test('F-TK-STO-01 allResourcesTimestamps initialises nothing', async (backend, options) => {
    expect((await backend.allResourcesTimestamps('record')).size).toBe(0);
    expect(await storedTimestamp(backend, options, RECORDS)).toBeUndefined();
    expect((await backend.allResourcesTimestamps('record')).size).toBe(0);
  });

  test('F-TS-04 a requested last_modified in an empty list is taken and becomes the list timestamp', async (backend) => {
    const created = await backend.create(RECORDS, { id: 'x', last_modified: 1_448_881_675_541 });
    expect(created.last_modified).toBe(1_448_881_675_541);
    expect((await backend.get(RECORDS, 'x')).last_modified).toBe(1_448_881_675_541);
    expect(await backend.resourceTimestamp(RECORDS)).toBe(1_448_881_675_541);
  });

  test('F-TS-04 a requested last_modified greater than the list timestamp is taken as is', async (backend) => {
    const first = await backend.create(RECORDS, {});
    const created = await backend.create(RECORDS, { last_modified: first.last_modified + 10 });
    expect(created.last_modified).toBe(first.last_modified + 10);
    expect(await backend.resourceTimestamp(RECORDS)).toBe(first.last_modified + 10);
  });

  test('F-TS-04 a requested last_modified equal to the list timestamp is bumped by one', async (backend) => {
    const first = await backend.create(RECORDS, {});
    const created = await backend.create(RECORDS, { last_modified: first.last_modified });
    expect(created.last_modified).toBe(first.last_modified + 1);
    expect(await backend.resourceTimestamp(RECORDS)).toBe(first.last_modified + 1);
  });

  test('F-TS-04 a requested last_modified in the past is kept without bumping the list timestamp', async (backend) => {
    const first = await backend.create(RECORDS, {});
    const created = await backend.create(RECORDS, { id: 'old', last_modified: first.last_modified - 10 });
    expect(created.last_modified).toBe(first.last_modified - 10);
    expect((await backend.get(RECORDS, 'old')).last_modified).toBe(first.last_modified - 10);
    expect(await backend.resourceTimestamp(RECORDS)).toBe(first.last_modified);
  });

  test('F-TS-04 update applies the same rule: future taken, equal bumped, past kept', async (backend) => {
    const created = await backend.create(RECORDS, { id: 'x' });
    const future = await backend.update(RECORDS, 'x', { last_modified: created.last_modified + 100 });
    expect(future.last_modified).toBe(created.last_modified + 100);
    const equal = await backend.update(RECORDS, 'x', { last_modified: future.last_modified });
    expect(equal.last_modified).toBe(future.last_modified + 1);
    const past = await backend.update(RECORDS, 'x', { last_modified: created.last_modified - 5 });
    expect(past.last_modified).toBe(created.last_modified - 5);
    expect(await backend.resourceTimestamp(RECORDS)).toBe(future.last_modified + 1);
    expect((await backend.get(RECORDS, 'x')).last_modified).toBe(created.last_modified - 5);
  });

  test('F-TS-04 delete with a greater lastModified gives the tombstone that value', async (backend) => {
    const created = await backend.create(RECORDS, {});
    const tombstone = await backend.delete(RECORDS, created.id, { lastModified: created.last_modified + 10 });
    expect(tombstone.last_modified).toBe(created.last_modified + 10);
    const [listed] = await backend.listAll(RECORDS, { includeDeleted: true });
    expect(listed!.last_modified).toBe(created.last_modified + 10);
    expect(await backend.resourceTimestamp(RECORDS)).toBe(created.last_modified + 10);
  });

  test('F-TS-04 delete with lastModified equal to the list timestamp is bumped by one', async (backend) => {
    const created = await backend.create(RECORDS, {});
    const tombstone = await backend.delete(RECORDS, created.id, { lastModified: created.last_modified });
    expect(tombstone.last_modified).toBe(created.last_modified + 1);
    expect(await backend.resourceTimestamp(RECORDS)).toBe(created.last_modified + 1);
  });

  test('F-TS-04 delete with a past lastModified keeps it without bumping the list timestamp', async (backend) => {
    const [old, recent] = await createSeries(backend, RECORDS, 2);
    const tombstone = await backend.delete(RECORDS, old!.id, { lastModified: old!.last_modified - 1 });
    expect(tombstone.last_modified).toBe(old!.last_modified - 1);
    expect(await backend.resourceTimestamp(RECORDS)).toBe(recent!.last_modified);
  });

  test('F-TS-04 non-integer requested values are ignored and a fresh timestamp is assigned', async (backend) => {
    const first = await backend.create(RECORDS, {});
    let previous = first.last_modified;
    for (const last_modified of ['abc', 1.5, null, String(first.last_modified + 1000), true]) {
      const created = await backend.create(RECORDS, { last_modified });
      expect(Number.isInteger(created.last_modified)).toBe(true);
      expect(created.last_modified).toBeGreaterThan(previous);
      expect(created.last_modified).not.toBe(first.last_modified + 1000);
      previous = created.last_modified;
    }
    const victim = await backend.create(RECORDS, {});
    const tombstone = await backend.delete(RECORDS, victim.id, { lastModified: 2.5 });
    expect(tombstone.last_modified).toBeGreaterThan(victim.last_modified);
    const other = await backend.create(RECORDS, {});
    const negative = await backend.delete(RECORDS, other.id, { lastModified: -5 });
    expect(negative.last_modified).toBeGreaterThan(tombstone.last_modified);
  });

  test('F-TK-TS after a future timestamp, later writes continue from it (+1) rather than from the clock', async (backend) => {
    await backend.create(RECORDS, { last_modified: FUTURE });
    const next = await backend.create(RECORDS, {});
    const after = await backend.update(RECORDS, next.id, {});
    expect(next.last_modified).toBe(FUTURE + 1);
    expect(after.last_modified).toBe(FUTURE + 2);
    expect(await backend.resourceTimestamp(RECORDS)).toBe(FUTURE + 2);
  });

  test('F-TK-TS the list timestamp never decreases, whatever is requested or deleted', async (backend) => {
    const seen: number[] = [await backend.resourceTimestamp(RECORDS)];
    const a = await backend.create(RECORDS, {});
    seen.push(await backend.resourceTimestamp(RECORDS));
    await backend.create(RECORDS, { last_modified: 1 });
    seen.push(await backend.resourceTimestamp(RECORDS));
    await backend.delete(RECORDS, a.id, { lastModified: 2 });
    seen.push(await backend.resourceTimestamp(RECORDS));
    await backend.deleteAll(RECORDS);
    seen.push(await backend.resourceTimestamp(RECORDS));
    for (let index = 1; index < seen.length; index++)
      expect(seen[index]!).toBeGreaterThanOrEqual(seen[index - 1]!);
    expect(seen[seen.length - 1]!).toBeGreaterThan(seen[1]!);
  });

  test(
    'F-TS-07 a read-only instance refuses to initialise a list timestamp but returns stored ones',
    async (backend, options) => {
      if (!options.readonlyView) return;
      const initialised = await backend.resourceTimestamp(RECORDS);
      const written = await backend.create(SIBLING, {});
      const readonly = await options.readonlyView(backend);
      expect(await readonly.resourceTimestamp(RECORDS)).toBe(initialised);
      expect(await readonly.resourceTimestamp(SIBLING)).toBe(written.last_modified);
      await expectCoreError(readonly.resourceTimestamp({ resource: 'record', parent: '/never' }), 'READONLY');
      await expectCoreError(readonly.resourceTimestamp({ resource: 'record', parent: '/never' }), 'READONLY');
      expect((await backend.allResourcesTimestamps('record')).has('/never')).toBe(false);
    },
    { requires: 'readonly' },
  );

  test(
    'F-TS-07 the ReadonlyError of a read-only instance is a BackendError (503)',
    async (backend, options) => {
      if (!options.readonlyView) return;
      const readonly = await options.readonlyView(backend);
      const error = await expectCoreError(readonly.resourceTimestamp(RECORDS), 'READONLY');
      expect(error.status).toBe(503);
    },
    { requires: 'readonly' },
  );
});
