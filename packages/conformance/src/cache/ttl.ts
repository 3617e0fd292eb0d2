import { expect } from 'vitest';
import { sleep } from './helpers.ts';
import { defineCacheGroup } from './options.ts';

/** Expiry set by `set`, and `ttl`. Uses short real TTLs. */
export const cacheTtlGroup = defineCacheGroup('cache: TTL', (test) => {
  test('F-TK-CACHE a value expires after its TTL', async (c) => {
    await c.set('short', 'toto', 0.05);
    await c.set('long', 'toto', 60);
    expect(await c.get('short')).toBe('toto');
    await sleep(0.12);
    expect(await c.get('short')).toBeUndefined();
    expect(await c.get('long')).toBe('toto');
  });

  test('F-TK-CACHE ttl returns the remaining seconds, at most the TTL set', async (c) => {
    await c.set('foobar', 'toto', 10);
    const ttl = await c.ttl('foobar');
    expect(ttl).toBeGreaterThan(8);
    expect(ttl).toBeLessThanOrEqual(10);
  });

  test('F-TK-CACHE fractional TTLs are honoured, not rounded up', async (c) => {
    await c.set('foobar', 'toto', 0.15);
    expect(await c.get('foobar')).toBe('toto');
    const ttl = await c.ttl('foobar');
    expect(ttl).toBeGreaterThanOrEqual(0);
    expect(ttl).toBeLessThanOrEqual(0.15);
    await sleep(0.3);
    expect(await c.get('foobar')).toBeUndefined();
  });

  // Backends may answer whole seconds, so only "never grows" is portable.
  test('F-TK-CACHE ttl does not grow as time passes', async (c) => {
    await c.set('foobar', 'toto', 30);
    const first = await c.ttl('foobar');
    await sleep(0.06);
    const second = await c.ttl('foobar');
    expect(second).toBeLessThanOrEqual(first);
    expect(second).toBeGreaterThan(28);
  });

  test('F-TK-CACHE ttl is negative for a missing key', async (c) => {
    expect(await c.ttl('unknown')).toBeLessThan(0);
  });

  test('F-TK-CACHE ttl is negative and get, delete give nothing once expired', async (c) => {
    await c.set('foobar', 'toto', 0.05);
    await sleep(0.12);
    expect(await c.ttl('foobar')).toBeLessThan(0);
    expect(await c.get('foobar')).toBeUndefined();
    expect(await c.delete('foobar')).toBeUndefined();
  });

  test('F-TK-CACHE set replaces the expiry: a longer TTL keeps the value', async (c) => {
    await c.set('foobar', 'old', 0.05);
    await c.set('foobar', 'new', 30);
    await sleep(0.12);
    expect(await c.get('foobar')).toBe('new');
    expect(await c.ttl('foobar')).toBeGreaterThan(28);
  });

  test('F-TK-CACHE set replaces the expiry: a shorter TTL drops the value sooner', async (c) => {
    await c.set('foobar', 'old', 30);
    await c.set('foobar', 'new', 0.05);
    expect(await c.ttl('foobar')).toBeLessThanOrEqual(0.05);
    await sleep(0.12);
    expect(await c.get('foobar')).toBeUndefined();
  });

  test('F-TK-CACHE a key set again after expiring is fresh', async (c) => {
    await c.set('foobar', 'old', 0.05);
    await sleep(0.12);
    await c.set('foobar', 'new', 30);
    expect(await c.get('foobar')).toBe('new');
    expect(await c.ttl('foobar')).toBeGreaterThan(28);
  });
});
