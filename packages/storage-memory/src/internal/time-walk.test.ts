import type {
  Filter,
  JsonValue,
  KeysetCursor,
  ListOptions,
  Sort,
  StorageOperations,
  StoredOrDeleted,
} from '@core/contracts';
import { describe, expect, it } from 'vitest';
import { createJournal } from './journal.ts';
import { selectObjects } from './query.ts';
import { createMemoryStorageOperations } from './storage-operations.ts';
import { createMemoryStorageState, type MemoryList, type MemoryStorageState } from './store.ts';

// The timestamp-order walk (one list, default sort) must select exactly what the general path
// (`selectObjects` over every candidate) selects, in the same order, whatever was written — past
// requested timestamps (ties), tombstones, cursors, bounds — and a rollback must restore the orders.

function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

const scope = { resource: 'record', parent: '/buckets/b/collections/c' };

function listOf(state: MemoryStorageState): MemoryList | undefined {
  return state.resources.get(scope.resource)?.get(scope.parent);
}

function reference(state: MemoryStorageState, options: ListOptions): StoredOrDeleted[] {
  const list = listOf(state);
  if (list === undefined) return [];
  const candidates: StoredOrDeleted[] = [...list.objects.values()];
  if (options.includeDeleted) candidates.push(...list.tombstones.values());
  return selectObjects(candidates, options);
}

const SORTS: (readonly Sort[] | undefined)[] = [
  undefined,
  [],
  [{ field: 'last_modified', direction: 'desc' }],
  [{ field: 'last_modified', direction: 'asc' }],
  [
    { field: 'last_modified', direction: 'desc' },
    { field: 'id', direction: 'asc' },
  ],
  [
    { field: 'last_modified', direction: 'asc' },
    { field: 'id', direction: 'asc' },
  ],
];

async function writeRandomly(ops: StorageOperations, next: () => number, steps: number): Promise<void> {
  for (let step = 0; step < steps; step++) {
    const id = `r${Math.floor(next() * 60)}`;
    const roll = next();
    const current = await ops.resourceTimestamp(scope);
    // A requested timestamp: none, in the past (ties and out-of-order inserts), equal or future.
    const pick = next();
    const requested =
      pick < 0.6
        ? undefined
        : pick < 0.85
          ? current - Math.floor(next() * 20)
          : pick < 0.93
            ? current
            : current + 1 + Math.floor(next() * 3);
    const data = {
      status: next() < 0.3 ? 'done' : 'todo',
      ...(requested === undefined ? {} : { last_modified: requested }),
    };
    try {
      if (roll < 0.5) await ops.update(scope, id, data);
      else if (roll < 0.65) await ops.create(scope, { id, ...data });
      else {
        await ops.delete(scope, id, {
          withDeleted: next() < 0.85,
          ...(requested === undefined ? {} : { lastModified: requested }),
        });
      }
    } catch {
      // UnicityError or ObjectNotFoundError: nothing written.
    }
  }
}

function randomOptions(next: () => number, all: readonly StoredOrDeleted[], now: number): ListOptions {
  const sort = SORTS[Math.floor(next() * SORTS.length)];
  const filters: Filter[] = [];
  const operators = ['gt', 'min', 'lt', 'max', 'eq'] as const;
  for (let count = Math.floor(next() * 3); count > 0; count--) {
    const operator = operators[Math.floor(next() * operators.length)]!;
    const value: JsonValue = next() < 0.1 ? 'text' : now - Math.floor(next() * 40);
    filters.push({ field: 'last_modified', operator, value });
  }
  if (next() < 0.3) filters.push({ field: 'status', operator: 'eq', value: 'done' });
  let after: KeysetCursor | undefined;
  if (next() < 0.5 && all.length > 0) {
    const at = all[Math.floor(next() * all.length)]!;
    const roll = next();
    after =
      roll < 0.6
        ? { last_modified: at.last_modified, id: at.id }
        : roll < 0.8
          ? { last_modified: at.last_modified }
          : roll < 0.9
            ? { id: at.id }
            : { last_modified: String(at.last_modified) };
  }
  const limit = next() < 0.7 ? Math.floor(next() * 12) : undefined;
  return {
    ...(sort === undefined ? {} : { sort }),
    ...(filters.length > 0 ? { filters } : {}),
    ...(after === undefined ? {} : { after }),
    ...(limit === undefined ? {} : { limit }),
    includeDeleted: next() < 0.5,
  };
}

describe('timestamp-order selection', () => {
  for (const seed of [1, 2, 3, 4, 5, 6]) {
    it(`selects what the general path selects (seed ${seed})`, async () => {
      const next = random(seed);
      const state = createMemoryStorageState();
      let clock = 1_000;
      const ops = createMemoryStorageOperations(state, undefined, {
        now: () => (next() < 0.5 ? clock : ++clock),
      });
      for (let round = 0; round < 8; round++) {
        await writeRandomly(ops, next, 60);
        const now = await ops.resourceTimestamp(scope);
        const all = await ops.listAll(scope, { includeDeleted: true });
        for (let query = 0; query < 60; query++) {
          const options = randomOptions(next, all, now);
          const expected = reference(state, options);
          expect(await ops.listAll(scope, options), JSON.stringify(options)).toEqual(expected);
          const filters = options.filters;
          expect(await ops.countAll(scope, filters)).toBe(reference(state, { filters }).length);
        }
        await ops.purgeDeleted(scope, next() < 0.5 ? { maxRetained: 5 } : { before: now - 10 });
        await ops.trimObjects(scope, [{ field: 'status', operator: 'eq', value: 'done' }], 4);
      }
    });
  }

  it('a rollback restores both orders exactly', async () => {
    const next = random(99);
    const state = createMemoryStorageState();
    let clock = 1_000;
    const now = () => (next() < 0.5 ? clock : ++clock);
    await writeRandomly(createMemoryStorageOperations(state, undefined, { now }), next, 200);
    const everything: ListOptions = { includeDeleted: true };
    const before = await createMemoryStorageOperations(state).listAll(scope, everything);
    const ascending = await createMemoryStorageOperations(state).listAll(scope, {
      ...everything,
      sort: [{ field: 'last_modified', direction: 'asc' }],
    });
    const journal = createJournal();
    const ops = createMemoryStorageOperations(state, journal, { now });
    await writeRandomly(ops, next, 200);
    await ops.deleteAll(scope, { limit: 5 });
    await ops.purgeDeleted(scope, { maxRetained: 3 });
    await ops.trimObjects(scope, [], 10);
    journal.rollback();
    const after = createMemoryStorageOperations(state);
    expect(await after.listAll(scope, everything)).toEqual(before);
    expect(
      await after.listAll(scope, { ...everything, sort: [{ field: 'last_modified', direction: 'asc' }] }),
    ).toEqual(ascending);
    const list = listOf(state)!;
    expect(list.objectOrder.size).toBe(list.objects.size);
    expect(list.tombstoneOrder.size).toBe(list.tombstones.size);
    expect(before).toEqual(reference(state, everything));
  });

  it('returned objects are copies, also on the timestamp-order path', async () => {
    const state = createMemoryStorageState();
    const ops = createMemoryStorageOperations(state);
    const data = { id: 'a', nested: { n: 1 }, list: [1] };
    await ops.create(scope, data);
    data.nested.n = 2;
    data.list.push(2);
    const [listed] = await ops.listAll(scope, { limit: 1 });
    (listed!.nested as { n: number }).n = 3;
    (listed!.list as number[]).push(3);
    const [again] = await ops.listAll(scope, { sort: [{ field: 'last_modified', direction: 'asc' }] });
    expect(again).toMatchObject({ id: 'a', nested: { n: 1 }, list: [1] });
    const deleted = await ops.deleteAll(scope, {});
    expect(deleted).toHaveLength(1);
    expect(await ops.listAll(scope, { includeDeleted: true })).toEqual(deleted);
  });
});
