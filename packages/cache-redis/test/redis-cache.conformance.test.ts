import { cacheConformance } from '@core/conformance';
import { Redis } from 'ioredis';
import { afterAll, beforeAll } from 'vitest';
import { createCacheFromSettings, createRedisCache } from '../src/index.ts';
import { deleteRunKeys, describeWithRedis, REDIS_URL, redisAvailable, runPrefix } from './redis-available.ts';

const available = await redisAvailable();

describeWithRedis(available, 'cache-redis conformance (shared client)', () => {
  const prefix = runPrefix('conformance');
  let client: Redis;
  // In a hook, not in the body: a skipped suite's body still runs, and must not connect.
  beforeAll(() => {
    client = new Redis(REDIS_URL, { maxRetriesPerRequest: 0 });
  });
  afterAll(async () => {
    await deleteRunKeys(client, prefix);
    await client.quit();
  });

  cacheConformance({
    create: () => createRedisCache({ client, prefix: `${prefix}main` }),
    // Same connection, the run prefix first: the suite's prefixes (even '') stay inside this run.
    createWithPrefix: (p) => createRedisCache({ client, prefix: `${prefix}${p}` }),
  });
});

describeWithRedis(available, 'cache-redis conformance (createCacheFromSettings)', () => {
  const prefix = runPrefix('settings');
  cacheConformance({
    create: () => createCacheFromSettings({ cache_url: REDIS_URL, cache_prefix: `${prefix}main` }),
    // One client per cache here: the prefixes cases then also cross connections.
    createWithPrefix: (p) => createCacheFromSettings({ cache_url: REDIS_URL, cache_prefix: `${prefix}${p}` }),
    destroy: async (cache) => {
      await cache.flush();
      await cache.close?.();
    },
  });
  afterAll(async () => {
    const client = new Redis(REDIS_URL, { maxRetriesPerRequest: 0 });
    await deleteRunKeys(client, prefix);
    await client.quit();
  });
});
