import { isCoreError, type StoredObject } from '@core/contracts';
import { expect } from 'vitest';
import { expectStrictlyIncreasing, RECORDS, SIBLING } from './core-helpers.ts';
import { defineStorageGroup, type StorageGroup } from './options.ts';

const heavy = { requires: 'concurrency', timeout: 120_000 };

/** Writes racing each other (LESSONS §10, §15; cliquet#25). */
export const storageConcurrencyGroup: StorageGroup = defineStorageGroup('concurrency', (test) => {
  test(
    'F-TK-TS 1,000 concurrent creates in one list get unique ids and unique, increasing timestamps',
    async (backend) => {
      const created = await Promise.all(
        Array.from({ length: 1_000 }, (_, index) => backend.create(RECORDS, { index })),
      );
      expect(new Set(created.map((object) => object.id)).size).toBe(1_000);
      const stamps = created.map((object) => object.last_modified).sort((a, b) => a - b);
      expect(new Set(stamps).size).toBe(1_000);
      expectStrictlyIncreasing(stamps);
      expect(await backend.resourceTimestamp(RECORDS)).toBe(stamps[stamps.length - 1]);
      expect(await backend.countAll(RECORDS)).toBe(1_000);
    },
    heavy,
  );

  test(
    'F-TK-STO-01 concurrent creates with the same id: exactly one wins, the others get UnicityError',
    async (backend) => {
      const results = await Promise.allSettled(
        Array.from({ length: 50 }, (_, index) =>
          backend.create(RECORDS, { id: 'contested', attempt: index }),
        ),
      );
      const winners = results.filter((result) => result.status === 'fulfilled');
      const losers = results.filter((result) => result.status === 'rejected');
      expect(winners).toHaveLength(1);
      const winner = (winners[0] as PromiseFulfilledResult<StoredObject>).value;
      for (const loser of losers) {
        const reason = (loser as PromiseRejectedResult).reason;
        expect(isCoreError(reason, 'UNICITY')).toBe(true);
        expect((reason as { existing: unknown }).existing).toEqual(winner);
      }
      expect(await backend.get(RECORDS, 'contested')).toEqual(winner);
    },
    heavy,
  );

  test(
    'F-TK-TS concurrent updates of one object all land with distinct timestamps; the last one wins',
    async (backend) => {
      await backend.create(RECORDS, { id: 'x', version: -1 });
      const updated = await Promise.all(
        Array.from({ length: 100 }, (_, version) => backend.update(RECORDS, 'x', { version })),
      );
      const stamps = updated.map((object) => object.last_modified);
      expect(new Set(stamps).size).toBe(100);
      const latest = updated.reduce((best, object) =>
        object.last_modified > best.last_modified ? object : best,
      );
      expect(await backend.get(RECORDS, 'x')).toEqual(latest);
    },
    heavy,
  );

  test(
    'F-TK-TS concurrent creates in two lists keep each list strictly increasing',
    async (backend) => {
      const created = await Promise.all(
        Array.from({ length: 200 }, (_, index) =>
          backend.create(index % 2 === 0 ? RECORDS : SIBLING, { index }),
        ),
      );
      for (const parent of [RECORDS.parent, SIBLING.parent]) {
        const ofList = created.filter((_, index) => (index % 2 === 0 ? RECORDS : SIBLING).parent === parent);
        const stamps = ofList.map((object) => object.last_modified).sort((a, b) => a - b);
        expect(new Set(stamps).size).toBe(100);
        expectStrictlyIncreasing(stamps);
      }
    },
    heavy,
  );

  test(
    'F-TK-STO-01 concurrent deletes of one object: exactly one succeeds and one tombstone remains',
    async (backend) => {
      await backend.create(RECORDS, { id: 'x' });
      const results = await Promise.allSettled(
        Array.from({ length: 20 }, () => backend.delete(RECORDS, 'x')),
      );
      const succeeded = results.filter((result) => result.status === 'fulfilled');
      expect(succeeded).toHaveLength(1);
      for (const result of results) {
        if (result.status === 'rejected') expect(isCoreError(result.reason, 'OBJECT_NOT_FOUND')).toBe(true);
      }
      expect(await backend.listAll(RECORDS, { includeDeleted: true })).toHaveLength(1);
    },
    heavy,
  );

  test(
    'F-SYNC-01 racing creates, updates and deleteAll never leave an id both live and deleted',
    async (backend) => {
      const writes: Promise<unknown>[] = [];
      for (let index = 0; index < 100; index++) {
        writes.push(backend.create(RECORDS, { id: `o${index % 25}` }).catch(() => undefined));
        writes.push(backend.update(RECORDS, `o${(index * 7) % 25}`, { index }));
        if (index % 20 === 0) writes.push(backend.deleteAll(RECORDS));
      }
      await Promise.all(writes);
      const all = await backend.listAll(RECORDS, { includeDeleted: true });
      const ids = all.map((object) => object.id);
      expect(new Set(ids).size).toBe(ids.length);
      const stamps = all.map((object) => object.last_modified);
      expect(new Set(stamps).size).toBe(stamps.length);
    },
    heavy,
  );

  test(
    'F-TS-01 concurrent first reads of an empty list agree on one timestamp',
    async (backend) => {
      const stamps = await Promise.all(Array.from({ length: 50 }, () => backend.resourceTimestamp(RECORDS)));
      expect(new Set(stamps).size).toBe(1);
      expect(await backend.resourceTimestamp(RECORDS)).toBe(stamps[0]);
    },
    heavy,
  );
});
