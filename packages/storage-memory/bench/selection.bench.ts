import { bench, describe } from 'vitest';
import { createMemoryStorage } from '../src/index.ts';

// The first page of a big list: a bounded heap (limit 10) against a full sort of the same list.

const scope = { resource: 'record', parent: '/buckets/b/collections/big' };
const storage = createMemoryStorage();
for (let index = 0; index < 50_000; index++) {
  await storage.create(scope, { title: `title ${(index * 7919) % 50_000}`, n: index % 97 });
}
const sort = [{ field: 'title', direction: 'asc' }] as const;

describe('sorted listing of 50,000 records', () => {
  bench('baseline: the whole sorted list', async () => {
    await storage.listAll(scope, { sort });
  });
  bench('candidate: the first page of 10', async () => {
    await storage.listAll(scope, { sort, limit: 10 });
  });
});
