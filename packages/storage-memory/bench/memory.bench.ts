import { bench, describe } from 'vitest';
import { createMemoryStorage } from '../src/index.ts';
import { BIG_LIST, seedBigList } from './seed-list.ts';

// Memory held by 200,000 records of one list (run alone: `vitest bench --run bench/memory.bench.ts`).
// Printed, not asserted: RSS and heap before and after seeding, and the heap per record.

declare const process: { memoryUsage(): { rss: number; heapUsed: number } };

const SIZE = 200_000;
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;
const settle = async () => {
  (globalThis as { gc?: () => void }).gc?.();
  await new Promise((resolve) => setTimeout(resolve, 50));
};

await settle();
const before = process.memoryUsage();
const scope = BIG_LIST;
const storage = createMemoryStorage();
await seedBigList(storage, SIZE);
await settle();
const after = process.memoryUsage();
console.log(
  `${SIZE} records: rss ${mb(before.rss)} -> ${mb(after.rss)}, heapUsed ${mb(before.heapUsed)} -> ${mb(after.heapUsed)}` +
    ` (${Math.round((after.heapUsed - before.heapUsed) / SIZE)} bytes of heap per record)`,
);

describe('memory of 200,000 records', () => {
  bench('count them (keeps the store alive until measured)', async () => {
    await storage.countAll(scope);
  });
});
