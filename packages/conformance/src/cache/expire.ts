import { expect } from 'vitest';
import { expectTypeError, INVALID_TTLS, sleep } from './helpers.ts';
import { defineCacheGroup } from './options.ts';

/** `expire`: a new lifetime for an existing key. */
export const cacheExpireGroup = defineCacheGroup('cache: expire', (test) => {
  test('F-TK-CACHE expire shortens the lifetime', async (c) => {
    await c.set('foobar', 'toto', 42);
    await c.expire('foobar', 0.05);
    expect(await c.ttl('foobar')).toBeLessThanOrEqual(0.05);
    await sleep(0.12);
    expect(await c.get('foobar')).toBeUndefined();
  });

  test('F-TK-CACHE expire lengthens the lifetime and keeps the value', async (c) => {
    await c.set('foobar', { v: 1 }, 0.05);
    await c.expire('foobar', 30);
    await sleep(0.12);
    expect(await c.get('foobar')).toStrictEqual({ v: 1 });
    const ttl = await c.ttl('foobar');
    expect(ttl).toBeGreaterThan(28);
    expect(ttl).toBeLessThanOrEqual(30);
  });

  test('F-TK-CACHE expire on a missing key is a no-op', async (c) => {
    await c.expire('unknown', 30);
    expect(await c.get('unknown')).toBeUndefined();
    expect(await c.ttl('unknown')).toBeLessThan(0);
  });

  test('F-TK-CACHE expire does not revive an expired key', async (c) => {
    await c.set('foobar', 'toto', 0.05);
    await sleep(0.12);
    await c.expire('foobar', 30);
    expect(await c.get('foobar')).toBeUndefined();
    expect(await c.ttl('foobar')).toBeLessThan(0);
  });

  test('F-TK-CACHE expire rejects a TTL that is not a positive finite number', async (c) => {
    await c.set('foobar', 'toto', 42);
    for (const ttl of INVALID_TTLS) await expectTypeError(() => c.expire('foobar', ttl));
    await expectTypeError(() => c.expire('unknown', 0));
    expect(await c.get('foobar')).toBe('toto');
    expect(await c.ttl('foobar')).toBeGreaterThan(40);
  });

  test('F-TK-CACHE expire touches only its key', async (c) => {
    await c.set('a', 1, 42);
    await c.set('b', 2, 42);
    await c.expire('a', 5);
    expect(await c.ttl('a')).toBeLessThanOrEqual(5);
    expect(await c.ttl('b')).toBeGreaterThan(40);
  });
});
