import { Redis } from 'ioredis';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { createRedisCache } from '../src/index.ts';
import { encodeKey } from '../src/internal/key-encoding.ts';
import { deleteRunKeys, describeWithRedis, REDIS_URL, redisAvailable, runPrefix } from './redis-available.ts';

const available = await redisAvailable();

describeWithRedis(available, 'cache-redis against the real server', () => {
  const prefix = runPrefix('behaviour');
  let client: Redis;
  const cache = (p: string) => createRedisCache({ client, prefix: `${prefix}${p}` });

  beforeAll(() => {
    client = new Redis(REDIS_URL, { maxRetriesPerRequest: 0 });
  });
  afterAll(async () => {
    await deleteRunKeys(client, prefix);
    await client.quit();
  });

  it('stores JSON text under the encoded key, with a millisecond expiry', async () => {
    await cache('raw').set('k', { a: [1, null] }, 30);
    const raw = encodeKey(`${prefix}raw`, 'k');
    expect(await client.get(raw)).toBe('{"a":[1,null]}');
    const pttl = await client.pttl(raw);
    expect(pttl).toBeGreaterThan(29_000);
    expect(pttl).toBeLessThanOrEqual(30_000);
  });

  it('never mixes "a"+"bkey" with "ab"+"key"', async () => {
    const a = cache('a');
    const ab = cache('ab');
    await a.set('bkey', 'from a', 30);
    await ab.set('key', 'from ab', 30);
    expect(await client.get(encodeKey(`${prefix}a`, 'bkey'))).toBe('"from a"');
    expect(await client.get(encodeKey(`${prefix}ab`, 'key'))).toBe('"from ab"');
    expect(await a.get('bkey')).toBe('from a');
    await ab.flush();
    expect(await a.get('bkey')).toBe('from a');
    await a.flush();
    expect(await a.get('bkey')).toBeUndefined();
  });

  it('flush scans its own prefix only, never KEYS nor FLUSHDB, through many keys', async () => {
    const own = cache('flush');
    const neighbours = ['flush*', 'flus', 'flush:', 'flush\\', 'flushx', '[f]lush'].map(cache);
    const foreign = `${prefix}flush-not-a-cache-key`;
    await client.set(foreign, 'kept', 'EX', 30);
    for (const [i, n] of neighbours.entries()) await n.set('key', i, 30);
    const pipeline = client.pipeline();
    for (let i = 0; i < 2_500; i += 1) pipeline.set(encodeKey(`${prefix}flush`, `k${i}`), '1', 'EX', 30);
    await pipeline.exec();

    const scan = vi.spyOn(client, 'scan');
    const keys = vi.spyOn(client, 'keys');
    const flushdb = vi.spyOn(client, 'flushdb');
    const flushall = vi.spyOn(client, 'flushall');
    try {
      await own.flush();
      expect(scan.mock.calls.length).toBeGreaterThan(1);
      expect(keys).not.toHaveBeenCalled();
      expect(flushdb).not.toHaveBeenCalled();
      expect(flushall).not.toHaveBeenCalled();
    } finally {
      vi.restoreAllMocks();
    }
    expect(await own.get('k0')).toBeUndefined();
    expect(await own.get('k2499')).toBeUndefined();
    const [, left] = await client.scan('0', 'MATCH', `${encodeKey(`${prefix}flush`, '')}*`, 'COUNT', 10_000);
    expect(left).toEqual([]);
    for (const [i, n] of neighbours.entries()) expect(await n.get('key')).toBe(i);
    expect(await client.get(foreign)).toBe('kept');
  });

  it('honours fractional TTLs to the millisecond (PX, PEXPIRE, PTTL)', async () => {
    const c = cache('ttl');
    await c.set('k', 'v', 0.25);
    const ttl = await c.ttl('k');
    expect(ttl).toBeGreaterThan(0.15);
    expect(ttl).toBeLessThanOrEqual(0.25);
    expect(Number.isInteger(ttl)).toBe(false);
    await c.expire('k', 1.5);
    const pttl = await client.pttl(encodeKey(`${prefix}ttl`, 'k'));
    expect(pttl).toBeGreaterThan(1_400);
    expect(pttl).toBeLessThanOrEqual(1_500);
    await c.set('tiny', 'v', 0.0004);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await c.get('tiny')).toBeUndefined();
  });

  it('tells a stored JSON null from a missing key', async () => {
    const c = cache('null');
    await c.set('nothing', null, 30);
    expect(await client.get(encodeKey(`${prefix}null`, 'nothing'))).toBe('null');
    expect(await c.get('nothing')).toBeNull();
    expect(await c.get('missing')).toBeUndefined();
    expect(await c.delete('nothing')).toBeNull();
    expect(await c.delete('nothing')).toBeUndefined();
    expect(await c.ttl('nothing')).toBe(-1);
  });

  it('reports -1 for a key without expiry written by someone else', async () => {
    await client.set(encodeKey(`${prefix}foreign`, 'k'), '"v"');
    const c = cache('foreign');
    expect(await c.ttl('k')).toBe(-1);
    expect(await c.get('k')).toBe('v');
  });

  it('turns an unreadable stored value into a BackendError', async () => {
    await client.set(encodeKey(`${prefix}corrupt`, 'k'), 'not json', 'EX', 30);
    await expect(cache('corrupt').get('k')).rejects.toMatchObject({ code: 'BACKEND_ERROR', status: 503 });
  });

  it('rejects invalid TTLs and non-JSON values with TypeError, storing nothing', async () => {
    const c = cache('invalid');
    await expect(c.set('k', 'v', 0)).rejects.toBeInstanceOf(TypeError);
    await expect(c.set('k', (() => 1) as never, 30)).rejects.toBeInstanceOf(TypeError);
    await expect(c.expire('k', Number.NaN)).rejects.toBeInstanceOf(TypeError);
    expect(await client.exists(encodeKey(`${prefix}invalid`, 'k'))).toBe(0);
  });

  it('refuses a client with its own keyPrefix', () => {
    const prefixed = new Redis(REDIS_URL, { lazyConnect: true, keyPrefix: 'x:' });
    expect(() => createRedisCache({ client: prefixed })).toThrow(TypeError);
    prefixed.disconnect();
  });

  it('leaves the caller-owned client open on close, closes an owned one', async () => {
    const own = new Redis(REDIS_URL, { maxRetriesPerRequest: 0 });
    await createRedisCache({ client, prefix: `${prefix}close` }).close?.();
    expect(await client.ping()).toBe('PONG');
    const owned = createRedisCache({ client: own, prefix: `${prefix}close`, ownsClient: true });
    expect(await owned.heartbeat()).toBe(true);
    await owned.close?.();
    await expect(owned.get('k')).rejects.toMatchObject({ code: 'BACKEND_ERROR' });
  });
});
