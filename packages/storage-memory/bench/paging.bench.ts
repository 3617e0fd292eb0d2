import type { KeysetCursor, StoredOrDeleted } from '@core/contracts';
import { bench, describe } from 'vitest';
import { createMemoryStorage } from '../src/index.ts';
import { BIG_LIST, seedBigList } from './seed-list.ts';

// One 200,000-record list: what a page, a deep page, a filtered page and an empty `_since` poll cost
// on the default order. With lists kept in timestamp order they all cost about a page, whatever the
// list size; the groups report each candidate as a ratio to page 1, measured in the same run.

const SIZE = 200_000;
const scope = BIG_LIST;
const storage = createMemoryStorage();
await seedBigList(storage, SIZE);
// A few deletions, so that tombstones take part in the `_since` poll.
const victims = await storage.listAll(scope, { sort: [{ field: 'n', direction: 'asc' }], limit: 100 });
for (const victim of victims) await storage.delete(scope, victim.id);
const current = await storage.resourceTimestamp(scope);

const cursorOf = (object: StoredOrDeleted): KeysetCursor => ({
  last_modified: object.last_modified,
  id: object.id,
});
// Page 1,000 of 10 starts after the last object of page 999 (the 9,990th newest).
const deep = (await storage.listAll(scope, { limit: 9_990 })).at(-1)!;
const deepAscending = (
  await storage.listAll(scope, { sort: [{ field: 'last_modified', direction: 'asc' }], limit: 9_990 })
).at(-1)!;

const newest = [{ field: 'last_modified', direction: 'desc' }] as const;
const oldest = [{ field: 'last_modified', direction: 'asc' }] as const;

describe(`pages of 10 of one ${SIZE.toLocaleString('en')}-record list, newest first`, () => {
  bench('baseline: page 1', async () => {
    await storage.listAll(scope, { sort: newest, limit: 11 });
  });
  bench('candidate: page 1,000 (keyset `after`)', async () => {
    await storage.listAll(scope, { sort: newest, limit: 11, after: cursorOf(deep) });
  });
  bench('candidate: page 1 filtered (status = done, 1 in 10)', async () => {
    await storage.listAll(scope, {
      filters: [{ field: 'status', operator: 'eq', value: 'done' }],
      sort: newest,
      limit: 11,
    });
  });
  bench('candidate: an empty `_since` poll (last_modified > current, tombstones included)', async () => {
    await storage.listAll(scope, {
      filters: [{ field: 'last_modified', operator: 'gt', value: current }],
      sort: newest,
      limit: 11,
      includeDeleted: true,
    });
  });
});

describe(`pages of 10 of one ${SIZE.toLocaleString('en')}-record list, oldest first`, () => {
  bench('baseline: page 1', async () => {
    await storage.listAll(scope, { sort: oldest, limit: 11 });
  });
  bench('candidate: page 1,000 (keyset `after`)', async () => {
    await storage.listAll(scope, { sort: oldest, limit: 11, after: cursorOf(deepAscending) });
  });
});
