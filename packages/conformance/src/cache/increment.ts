import type { CacheBackend } from '@core/contracts';
import { expect } from 'vitest';
import { expectTypeError, INVALID_TTLS, sleep, uniquePrefix, withPrefixedCaches } from './helpers.ts';
import { defineCacheGroup } from './options.ts';

const I = { requires: 'increment' };

/** The backend's `increment`, or a failure telling how to skip the group. */
function incrementOf(c: CacheBackend): (key: string, ttlSeconds: number) => Promise<number> {
  if (typeof c.increment !== 'function') {
    throw new Error(
      'This cache has no increment(); set capabilities.increment to false to skip these cases.',
    );
  }
  return c.increment.bind(c);
}

/** `increment`: atomic counters whose first increment sets the lifetime (login throttling). */
export const cacheIncrementGroup = defineCacheGroup('cache: increment', (test) => {
  test(
    'F-TK-CACHE increment counts from 1 and the counter reads back as a number',
    async (c) => {
      const increment = incrementOf(c);
      expect(await increment('failures', 30)).toBe(1);
      expect(await increment('failures', 30)).toBe(2);
      expect(await increment('failures', 30)).toBe(3);
      expect(await c.get('failures')).toBe(3);
      expect(await increment('other', 30)).toBe(1);
    },
    I,
  );

  test(
    'F-TK-CACHE the first increment sets the lifetime, later ones keep it (a fixed window)',
    async (c) => {
      const increment = incrementOf(c);
      await increment('window', 30);
      const first = await c.ttl('window');
      expect(first).toBeGreaterThan(0);
      expect(first).toBeLessThanOrEqual(30);
      await increment('window', 300);
      const second = await c.ttl('window');
      expect(second).toBeGreaterThan(0);
      expect(second).toBeLessThanOrEqual(30);
    },
    I,
  );

  test(
    'F-TK-CACHE an expired counter starts again from 1',
    async (c) => {
      const increment = incrementOf(c);
      await increment('short', 0.05);
      await increment('short', 0.05);
      await sleep(0.12);
      expect(await c.get('short')).toBeUndefined();
      expect(await increment('short', 30)).toBe(1);
      expect(await c.ttl('short')).toBeGreaterThan(28);
    },
    I,
  );

  test(
    'F-TK-CACHE increment continues a number stored with set, keeping its lifetime',
    async (c) => {
      const increment = incrementOf(c);
      await c.set('seeded', 41, 20);
      expect(await increment('seeded', 300)).toBe(42);
      expect(await c.get('seeded')).toBe(42);
      const ttl = await c.ttl('seeded');
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(20);
    },
    I,
  );

  test(
    'F-TK-CACHE concurrent increments are never lost',
    async (c) => {
      const increment = incrementOf(c);
      const results = await Promise.all(Array.from({ length: 50 }, () => increment('busy', 30)));
      expect([...results].sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
      expect(await c.get('busy')).toBe(50);
    },
    I,
  );

  test(
    'F-TK-CACHE increment rejects a TTL that is not a positive finite number',
    async (c) => {
      const increment = incrementOf(c);
      for (const ttl of INVALID_TTLS) await expectTypeError(() => increment('bad', ttl));
      expect(await c.get('bad')).toBeUndefined();
    },
    I,
  );

  test(
    'F-TK-CACHE counters go with delete and flush',
    async (c) => {
      const increment = incrementOf(c);
      await increment('gone', 30);
      await increment('gone', 30);
      expect(await c.delete('gone')).toBe(2);
      expect(await increment('gone', 30)).toBe(1);
      await c.flush();
      expect(await increment('gone', 30)).toBe(1);
    },
    I,
  );

  test(
    'F-TK-CACHE the same counter under two prefixes counts separately',
    async (_c, options) => {
      // One capability per case: this one needs prefixes, and increment unless it is turned off.
      if (options.capabilities?.increment === false) return;
      await withPrefixedCaches(options, [uniquePrefix('a:'), uniquePrefix('b:')], async ([a, b]) => {
        expect(await incrementOf(a!)('key', 30)).toBe(1);
        expect(await incrementOf(a!)('key', 30)).toBe(2);
        expect(await incrementOf(b!)('key', 30)).toBe(1);
        expect(await a!.get('key')).toBe(2);
      });
    },
    { requires: 'prefixes' },
  );
});
