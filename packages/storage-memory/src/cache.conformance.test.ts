import { cacheConformance } from '@core/conformance';
import { createMemoryCache, createMemoryCacheStore } from './cache.ts';

const store = createMemoryCacheStore();

cacheConformance({
  create: () => createMemoryCache({ store, prefix: 'main:' }),
  createWithPrefix: (prefix) => createMemoryCache({ store, prefix }),
});

cacheConformance({ create: () => createMemoryCache() });
