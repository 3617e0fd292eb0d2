import { Redis } from 'ioredis';
import { REDIS_URL } from './database.ts';

/**
 * Deletes the keys of one PostgreSQL run: those starting with `name` (its unique database name; the
 * cache backend escapes the `:` ending `cache_prefix`, so match on the name alone).
 */
export async function deleteRedisKeys(name: string): Promise<void> {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`Unexpected key prefix: ${name}`);
  const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${name}*`, 'COUNT', 1000);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
