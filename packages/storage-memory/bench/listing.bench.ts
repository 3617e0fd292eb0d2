import { bench, describe } from 'vitest';
import { createMemoryStorage } from '../src/index.ts';

// Listing one collection must cost the same whatever else the store holds (indexed per list).
// Each group reports the candidate relative to its baseline, both measured in this run.

const target = { resource: 'record', parent: '/buckets/b/collections/target' };

async function storeWith(otherCollections: number, perCollection: number) {
  const storage = createMemoryStorage();
  for (let index = 0; index < 100; index++) await storage.create(target, { n: index, title: `t${index}` });
  for (let collection = 0; collection < otherCollections; collection++) {
    const scope = { resource: 'record', parent: `/buckets/b/collections/c${collection}` };
    for (let index = 0; index < perCollection; index++) await storage.create(scope, { n: index });
  }
  return storage;
}

const alone = await storeWith(0, 0);
const crowded = await storeWith(1_000, 100);

describe('list 100 records of one collection', () => {
  bench('baseline: the store holds only that collection', async () => {
    await alone.listAll(target, { sort: [{ field: 'title', direction: 'asc' }], limit: 25 });
  });
  bench('candidate: beside 100,000 records of 1,000 other collections', async () => {
    await crowded.listAll(target, { sort: [{ field: 'title', direction: 'asc' }], limit: 25 });
  });
});

describe('count the records of one collection with a filter', () => {
  const filters = [{ field: 'n', operator: 'min', value: 50 }] as const;
  bench('baseline: the store holds only that collection', async () => {
    await alone.countAll(target, filters);
  });
  bench('candidate: beside 100,000 records of 1,000 other collections', async () => {
    await crowded.countAll(target, filters);
  });
});
