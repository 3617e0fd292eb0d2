import { expect } from 'vitest';
import { defineCacheGroup } from './options.ts';

/** `flush`: emptying the cache. */
export const cacheFlushGroup = defineCacheGroup('cache: flush', (test) => {
  test('F-TK-CACHE flush removes every key', async (c) => {
    await c.set('a', 1, 42);
    await c.set('b', null, 42);
    await c.set('', 'empty key', 42);
    await c.flush();
    for (const key of ['a', 'b', '']) {
      expect(await c.get(key)).toBeUndefined();
      expect(await c.ttl(key)).toBeLessThan(0);
    }
  });

  test('F-TK-CACHE the cache works normally after a flush', async (c) => {
    await c.set('a', 1, 42);
    await c.flush();
    await c.set('a', 2, 42);
    expect(await c.get('a')).toBe(2);
    expect(await c.ttl('a')).toBeGreaterThan(40);
  });

  test('F-TK-CACHE flush of an empty cache succeeds', async (c) => {
    await c.flush();
    await c.flush();
    expect(await c.get('a')).toBeUndefined();
  });
});
