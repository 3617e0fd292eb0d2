import type { Scope, StorageBackend } from '@core/contracts';

/** The one list both benchmarks fill. */
export const BIG_LIST: Scope = { resource: 'record', parent: '/buckets/b/collections/big' };

/** Creates `size` records in {@link BIG_LIST} (1 in 10 `status: done`). */
export async function seedBigList(storage: StorageBackend, size: number): Promise<void> {
  for (let index = 0; index < size; index++) {
    await storage.create(BIG_LIST, {
      title: `Record number ${index}`,
      status: index % 10 === 0 ? 'done' : 'todo',
      n: index % 97,
      tags: ['a', 'b'],
    });
  }
}
