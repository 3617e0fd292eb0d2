import { expect } from 'vitest';
import {
  createSeries,
  expectCoreError,
  HISTORY,
  RECORDS,
  rejection,
  SIBLING,
  sleep,
  snapshotList,
  storedTimestamp,
} from './core-helpers.ts';
import { defineStorageGroup, type StorageGroup } from './options.ts';

const tx = { requires: 'transactions' };

class Abort extends Error {}

/** `transaction(fn)`: all writes visible on resolve, none on rejection (toolkit §7). */
export const storageTransactionsGroup: StorageGroup = defineStorageGroup('transactions', (test) => {
  test(
    'F-TK-TX a resolved transaction commits its writes and returns the callback value',
    async (backend) => {
      const result = await backend.transaction(async (handle) => {
        await handle.create(RECORDS, { id: 'a' });
        await handle.create(SIBLING, { id: 'b' });
        return 42;
      });
      expect(result).toBe(42);
      expect((await backend.get(RECORDS, 'a')).id).toBe('a');
      expect((await backend.get(SIBLING, 'b')).id).toBe('b');
    },
    tx,
  );

  test(
    'F-TK-TX a rejected transaction passes the rejection on and discards its creates',
    async (backend) => {
      const abort = new Abort('boom');
      const error = await rejection(
        backend.transaction(async (handle) => {
          await handle.create(RECORDS, { id: 'a' });
          await handle.create(HISTORY, { id: 'h' });
          throw abort;
        }),
      );
      expect(error).toBe(abort);
      await expectCoreError(backend.get(RECORDS, 'a'), 'OBJECT_NOT_FOUND');
      await expectCoreError(backend.get(HISTORY, 'h'), 'OBJECT_NOT_FOUND');
      expect(await backend.listAll(RECORDS, { includeDeleted: true })).toEqual([]);
    },
    tx,
  );

  test(
    'F-TK-TX a rollback restores updated objects exactly',
    async (backend) => {
      const original = await backend.create(RECORDS, { id: 'a', v: 1, nested: { keep: true } });
      await rejection(
        backend.transaction(async (handle) => {
          await handle.update(RECORDS, 'a', { v: 2 });
          await handle.update(RECORDS, 'a', { v: 3 });
          throw new Abort();
        }),
      );
      expect(await backend.get(RECORDS, 'a')).toEqual(original);
    },
    tx,
  );

  test(
    'F-TK-TX a rollback restores deleted objects and removes their tombstones',
    async (backend) => {
      const [a, b] = await createSeries(backend, RECORDS, 2);
      const before = await snapshotList(backend, RECORDS);
      await rejection(
        backend.transaction(async (handle) => {
          await handle.delete(RECORDS, a!.id);
          await handle.delete(RECORDS, b!.id, { withDeleted: false });
          throw new Abort();
        }),
      );
      expect(await snapshotList(backend, RECORDS)).toEqual(before);
    },
    tx,
  );

  test(
    'F-TK-TX a rollback restores tombstones replaced by re-creation',
    async (backend) => {
      await backend.create(RECORDS, { id: 'a' });
      const tombstone = await backend.delete(RECORDS, 'a');
      await rejection(
        backend.transaction(async (handle) => {
          await handle.create(RECORDS, { id: 'a', reborn: true });
          throw new Abort();
        }),
      );
      expect(await backend.listAll(RECORDS, { includeDeleted: true })).toEqual([tombstone]);
    },
    tx,
  );

  test(
    'F-TK-TX a rollback restores the list timestamp exactly',
    async (backend, options) => {
      await createSeries(backend, RECORDS, 2);
      const before = await backend.resourceTimestamp(RECORDS);
      await rejection(
        backend.transaction(async (handle) => {
          await handle.create(RECORDS, { last_modified: before + 1_000_000 });
          await handle.deleteAll(RECORDS);
          throw new Abort();
        }),
      );
      expect(await storedTimestamp(backend, options, RECORDS)).toBe(before);
      expect(await backend.resourceTimestamp(RECORDS)).toBe(before);
    },
    tx,
  );

  test(
    'F-TK-TX a rollback forgets a list timestamp initialised inside the transaction',
    async (backend, options) => {
      await rejection(
        backend.transaction(async (handle) => {
          await handle.resourceTimestamp(RECORDS);
          await handle.create(SIBLING, {});
          throw new Abort();
        }),
      );
      expect(await storedTimestamp(backend, options, RECORDS)).toBeUndefined();
      expect(await storedTimestamp(backend, options, SIBLING)).toBeUndefined();
      expect((await backend.allResourcesTimestamps('record')).size).toBe(0);
    },
    tx,
  );

  test(
    'F-TK-TX a rollback restores the timestamp order: pages and _since polls list as before',
    async (backend) => {
      const created = await createSeries(backend, RECORDS, 8);
      await backend.delete(RECORDS, created[2]!.id);
      await backend.update(RECORDS, created[0]!.id, { v: 'touched' });
      const since = created[4]!.last_modified;
      const queries = [
        { includeDeleted: true },
        { limit: 3 },
        { sort: [{ field: 'last_modified', direction: 'asc' }], limit: 3, includeDeleted: true },
        { filters: [{ field: 'last_modified', operator: 'gt', value: since }], includeDeleted: true },
        { after: { last_modified: since, id: created[4]!.id }, limit: 2 },
      ] as const;
      const before = await Promise.all(queries.map((query) => backend.listAll(RECORDS, query)));
      const countBefore = await backend.countAll(RECORDS);
      await rejection(
        backend.transaction(async (handle) => {
          await handle.update(RECORDS, created[1]!.id, { v: 'moved to the end' });
          await handle.update(RECORDS, created[5]!.id, { last_modified: created[3]!.last_modified - 1 });
          await handle.delete(RECORDS, created[6]!.id);
          await handle.create(RECORDS, { id: created[2]!.id });
          await handle.create(RECORDS, { id: 'new', last_modified: since });
          await handle.deleteAll(RECORDS, { limit: 2 });
          await handle.purgeDeleted(RECORDS, { maxRetained: 1 });
          throw new Abort();
        }),
      );
      const after = await Promise.all(queries.map((query) => backend.listAll(RECORDS, query)));
      expect(after).toEqual(before);
      expect(await backend.countAll(RECORDS)).toBe(countBefore);
    },
    tx,
  );

  test(
    'F-TK-TX a rollback restores what deleteAll, purgeDeleted and trimObjects removed',
    async (backend) => {
      const created = await createSeries(backend, RECORDS, 4);
      await backend.delete(RECORDS, created[0]!.id);
      await createSeries(backend, SIBLING, 3);
      const records = await snapshotList(backend, RECORDS);
      const siblings = await snapshotList(backend, SIBLING);
      await rejection(
        backend.transaction(async (handle) => {
          await handle.purgeDeleted(RECORDS);
          await handle.deleteAll(RECORDS, { withDeleted: false });
          await handle.trimObjects(SIBLING, [], 1);
          await handle.purgeDeleted({ resource: null, parent: '*' });
          throw new Abort();
        }),
      );
      expect(await snapshotList(backend, RECORDS)).toEqual(records);
      expect(await snapshotList(backend, SIBLING)).toEqual(siblings);
    },
    tx,
  );

  test(
    'F-TK-TX a transaction sees its own writes',
    async (backend) => {
      await backend.transaction(async (handle) => {
        const created = await handle.create(RECORDS, { id: 'a', v: 1 });
        expect(await handle.get(RECORDS, 'a')).toEqual(created);
        await handle.update(RECORDS, 'a', { v: 2 });
        expect((await handle.get(RECORDS, 'a')).v).toBe(2);
        expect(await handle.countAll(RECORDS)).toBe(1);
        await handle.delete(RECORDS, 'a');
        expect(await handle.listAll(RECORDS, { includeDeleted: true })).toHaveLength(1);
        await expectCoreError(handle.get(RECORDS, 'a'), 'OBJECT_NOT_FOUND');
      });
    },
    tx,
  );

  test(
    'F-TK-TX a contract error rethrown from the callback rolls everything back',
    async (backend) => {
      await backend.create(RECORDS, { id: 'taken' });
      const error = await rejection(
        backend.transaction(async (handle) => {
          await handle.create(RECORDS, { id: 'new' });
          await handle.create(RECORDS, { id: 'taken' });
        }),
      );
      await expectCoreError(Promise.reject(error), 'UNICITY');
      await expectCoreError(backend.get(RECORDS, 'new'), 'OBJECT_NOT_FOUND');
    },
    tx,
  );

  test(
    'F-TK-TX a caught error inside the callback does not abort the transaction',
    async (backend) => {
      await backend.create(RECORDS, { id: 'taken' });
      await backend.transaction(async (handle) => {
        await handle.create(RECORDS, { id: 'new' });
        await expectCoreError(handle.create(RECORDS, { id: 'taken' }), 'UNICITY');
      });
      expect((await backend.get(RECORDS, 'new')).id).toBe('new');
    },
    tx,
  );

  test(
    'F-TK-TX others never read the uncommitted writes of a transaction that rolls back',
    async (backend) => {
      let started!: () => void;
      const inside = new Promise<void>((resolve) => {
        started = resolve;
      });
      const running = backend.transaction(async (handle) => {
        await handle.create(RECORDS, { id: 'dirty' });
        started();
        await sleep(30);
        throw new Abort();
      });
      await inside;
      // Settle both promises before asserting, so a failure never leaves a rejection unhandled.
      const outside = backend.get(RECORDS, 'dirty').then(
        () => new Error('the uncommitted object was visible outside the transaction'),
        (error: unknown) => error,
      );
      const outcome = await running.then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(outcome).toBeInstanceOf(Abort);
      await expectCoreError(Promise.reject(await outside), 'OBJECT_NOT_FOUND');
    },
    tx,
  );

  test(
    'F-TK-TX writes after a rolled-back transaction still get fresh, increasing timestamps',
    async (backend) => {
      const first = await backend.create(RECORDS, {});
      await rejection(
        backend.transaction(async (handle) => {
          await createSeries(handle, RECORDS, 5);
          throw new Abort();
        }),
      );
      const next = await backend.create(RECORDS, {});
      expect(next.last_modified).toBeGreaterThan(first.last_modified);
      expect(await backend.resourceTimestamp(RECORDS)).toBe(next.last_modified);
    },
    tx,
  );

  test(
    'F-TK-TX consecutive transactions see each other’s committed writes',
    async (backend) => {
      await backend.transaction(async (handle) => {
        await handle.create(RECORDS, { id: 'a', v: 1 });
      });
      await backend.transaction(async (handle) => {
        const current = await handle.get(RECORDS, 'a');
        await handle.update(RECORDS, 'a', { v: Number(current.v) + 1 });
      });
      expect((await backend.get(RECORDS, 'a')).v).toBe(2);
    },
    tx,
  );
});
