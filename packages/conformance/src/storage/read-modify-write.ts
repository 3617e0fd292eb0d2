import {
  isCoreError,
  type ObjectData,
  type Scope,
  type StorageBackend,
  type StorageOperations,
  type StoredObject,
} from '@core/contracts';
import { expect } from 'vitest';
import { expectCoreError, RECORDS, SIBLING, sleep } from './core-helpers.ts';
import { defineStorageGroup, type StorageGroup } from './options.ts';

const needs = { requires: 'transactions', timeout: 60_000 };
const WRITERS = 40;
const RESERVE = { forUpdate: true } as const;

/** A precondition that failed inside a transaction (what an HTTP layer turns into a 412). */
class Stale extends Error {}

/** `object` without its server fields: what a writer merges into. */
function dataOf(object: StoredObject): ObjectData {
  const { id: _id, last_modified: _lastModified, ...data } = object;
  return data;
}

/** A pause between the read and the write, as request handling takes: it widens any race. */
const work = (index: number) => sleep(index % 4);

/** Runs `count` transactions at once and returns how each ended. */
function concurrently<T>(
  backend: StorageBackend,
  count: number,
  body: (index: number) => (tx: StorageOperations) => Promise<T>,
): Promise<PromiseSettledResult<T>[]> {
  return Promise.allSettled(Array.from({ length: count }, (_, index) => backend.transaction(body(index))));
}

function winners(outcomes: readonly PromiseSettledResult<unknown>[]): number[] {
  return outcomes.flatMap((outcome, index) => (outcome.status === 'fulfilled' ? [index] : []));
}

function expectOnlyStale(outcomes: readonly PromiseSettledResult<unknown>[]): void {
  for (const outcome of outcomes) {
    if (outcome.status === 'rejected') expect(outcome.reason).toBeInstanceOf(Stale);
  }
}

/**
 * Writes computed from a read made with `forUpdate` in the same transaction are atomic (LESSONS §15;
 * the storage contract's "Read-modify-write"): merges lose nothing, conditional writes admit one winner.
 */
export const storageReadModifyWriteGroup: StorageGroup = defineStorageGroup('read-modify-write', (test) => {
  test(
    'F-MTH-07 F-TK-TX concurrent merges of one object through forUpdate reads lose nothing',
    async (backend) => {
      await backend.create(RECORDS, { id: 'x', base: true });
      const outcomes = await concurrently(backend, WRITERS, (index) => async (tx) => {
        const current = await tx.get(RECORDS, 'x', RESERVE);
        await work(index);
        return tx.update(RECORDS, 'x', { ...dataOf(current), [`f${index}`]: index });
      });
      expect(winners(outcomes)).toHaveLength(WRITERS);
      const stored = await backend.get(RECORDS, 'x');
      for (let index = 0; index < WRITERS; index++)
        expect(stored[`f${index}`], `field f${index}`).toBe(index);
      expect(stored.base).toBe(true);
      const stamps = outcomes.map(
        (outcome) => (outcome as PromiseFulfilledResult<StoredObject>).value.last_modified,
      );
      expect(new Set(stamps).size).toBe(WRITERS);
      expect(stored.last_modified).toBe(Math.max(...stamps));
    },
    needs,
  );

  test(
    'F-TS-05 F-TK-TX concurrent updates conditional on one version: exactly one wins',
    async (backend) => {
      const original = await backend.create(RECORDS, { id: 'x' });
      const outcomes = await concurrently(backend, WRITERS, (index) => async (tx) => {
        const current = await tx.get(RECORDS, 'x', RESERVE);
        if (current.last_modified !== original.last_modified) throw new Stale();
        await work(index);
        return tx.update(RECORDS, 'x', { winner: index });
      });
      const won = winners(outcomes);
      expect(won).toHaveLength(1);
      expectOnlyStale(outcomes);
      expect((await backend.get(RECORDS, 'x')).winner).toBe(won[0]);
    },
    needs,
  );

  test(
    'F-MTH-08 F-TK-TX concurrent deletes conditional on one version: exactly one wins',
    async (backend) => {
      const original = await backend.create(RECORDS, { id: 'x' });
      const outcomes = await concurrently(backend, WRITERS, (index) => async (tx) => {
        let current: StoredObject;
        try {
          current = await tx.get(RECORDS, 'x', RESERVE);
        } catch (error) {
          if (isCoreError(error, 'OBJECT_NOT_FOUND')) throw new Stale();
          throw error;
        }
        if (current.last_modified !== original.last_modified) throw new Stale();
        await work(index);
        return tx.delete(RECORDS, 'x');
      });
      expect(winners(outcomes)).toHaveLength(1);
      expectOnlyStale(outcomes);
      expect(await backend.listAll(RECORDS, { includeDeleted: true })).toHaveLength(1);
    },
    needs,
  );

  test(
    'F-MTH-06 F-TK-TX concurrent writes conditional on absence (If-None-Match: *): exactly one creates',
    async (backend) => {
      const outcomes = await concurrently(backend, WRITERS, (index) => async (tx) => {
        try {
          await tx.get(RECORDS, 'fresh', RESERVE);
        } catch (error) {
          if (!isCoreError(error, 'OBJECT_NOT_FOUND')) throw error;
          await work(index);
          return tx.update(RECORDS, 'fresh', { creator: index });
        }
        throw new Stale();
      });
      const won = winners(outcomes);
      expect(won).toHaveLength(1);
      expectOnlyStale(outcomes);
      expect((await backend.get(RECORDS, 'fresh')).creator).toBe(won[0]);
    },
    needs,
  );

  test(
    'F-MTH-04 F-TK-TX writes conditional on a list timestamp reserved by resourceTimestamp: exactly one wins',
    async (backend) => {
      await backend.create(RECORDS, { id: 'seed' });
      const seen = await backend.resourceTimestamp(RECORDS);
      const outcomes = await concurrently(backend, WRITERS, (index) => async (tx) => {
        if ((await tx.resourceTimestamp(RECORDS, RESERVE)) !== seen) throw new Stale();
        await work(index);
        return tx.create(RECORDS, { writer: index });
      });
      expect(winners(outcomes)).toHaveLength(1);
      expectOnlyStale(outcomes);
      expect(await backend.countAll(RECORDS)).toBe(2);
    },
    needs,
  );

  test(
    'F-TK-TX a write by another transaction waits for the reservation of an absent object',
    async (backend) => {
      let reserved!: () => void;
      const isReserved = new Promise<void>((resolve) => {
        reserved = resolve;
      });
      const reserving = backend.transaction(async (tx) => {
        await expectCoreError(tx.get(RECORDS, 'y', RESERVE), 'OBJECT_NOT_FOUND');
        reserved();
        await sleep(50);
        return tx.update(RECORDS, 'y', { by: 'reserver' });
      });
      await isReserved;
      const competing = backend.create(RECORDS, { id: 'y', by: 'competitor' });
      await reserving;
      // The competitor ran after the reservation ended: it finds the object and stores nothing.
      const error = await expectCoreError(competing, 'UNICITY');
      expect((error as unknown as { existing: StoredObject }).existing.by).toBe('reserver');
      expect((await backend.get(RECORDS, 'y')).by).toBe('reserver');
    },
    needs,
  );

  test(
    'F-TK-TX a transaction may reserve, write and reserve again what it holds',
    async (backend) => {
      await backend.create(RECORDS, { id: 'x', n: 0 });
      await backend.transaction(async (tx) => {
        const first = await tx.get(RECORDS, 'x', RESERVE);
        await tx.update(RECORDS, 'x', { n: (first.n as number) + 1 });
        const second = await tx.get(RECORDS, 'x', RESERVE);
        expect(second.n).toBe(1);
        await tx.resourceTimestamp(RECORDS, RESERVE);
        await tx.delete(RECORDS, 'x');
        await expectCoreError(tx.get(RECORDS, 'x', RESERVE), 'OBJECT_NOT_FOUND');
      });
      await expectCoreError(backend.get(RECORDS, 'x'), 'OBJECT_NOT_FOUND');
    },
    needs,
  );

  test(
    'F-TK-TX reservations taken in opposite orders never wait forever: any loser fails with IntegrityError',
    async (backend) => {
      await backend.create(RECORDS, { id: 'a' });
      await backend.create(SIBLING, { id: 'b' });
      const arrivals: Array<() => void> = [];
      const arrived = [0, 1].map((index) => new Promise<void>((resolve) => (arrivals[index] = resolve)));
      // Each waits (briefly: a backend running transactions one at a time never lets the other in)
      // until the other holds its first object, then reserves the other's object.
      const cross = (index: number, first: Scope, second: Scope) =>
        backend.transaction(async (tx) => {
          await tx.get(first, first === RECORDS ? 'a' : 'b', RESERVE);
          arrivals[index]!();
          await Promise.race([arrived[1 - index], sleep(200)]);
          const other = await tx.get(second, second === RECORDS ? 'a' : 'b', RESERVE);
          return tx.update(second, other.id, { by: index });
        });
      const outcomes = await Promise.allSettled([cross(0, RECORDS, SIBLING), cross(1, SIBLING, RECORDS)]);
      expect(winners(outcomes).length).toBeGreaterThanOrEqual(1);
      for (const outcome of outcomes) {
        if (outcome.status === 'rejected') expect(isCoreError(outcome.reason, 'INTEGRITY')).toBe(true);
      }
    },
    needs,
  );
});
