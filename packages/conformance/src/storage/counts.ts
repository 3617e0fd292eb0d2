import { expect } from 'vitest';
import { createSeries, HISTORY, RECORDS, SIBLING } from './core-helpers.ts';
import { defineStorageGroup, type StorageGroup } from './options.ts';

/** `countByResource` (optional): live objects and tombstones per resource name, every parent together. */
export const storageCountsGroup: StorageGroup = defineStorageGroup('counts', (test) => {
  test('F-TK-STO-01 countByResource counts objects and tombstones per resource across parents', async (backend) => {
    // Optional method: a backend without it has nothing to check here.
    if (!backend.countByResource) return;
    const records = await createSeries(backend, RECORDS, 3);
    await createSeries(backend, SIBLING, 2);
    await createSeries(backend, HISTORY, 4);
    await backend.delete(RECORDS, records[0]!.id);
    await backend.delete(SIBLING, (await backend.listAll(SIBLING))[0]!.id);
    expect(await backend.countByResource(['record', 'history', 'bucket', 'record'])).toEqual({
      objects: { record: 3, history: 4 },
      tombstones: { record: 2 },
    });
    expect(await backend.countByResource(['history'])).toEqual({ objects: { history: 4 }, tombstones: {} });
    expect(await backend.countByResource([])).toEqual({ objects: {}, tombstones: {} });
  });
});
