import { describe, expect, it } from 'vitest';
import { createMemoryCache, createMemoryCacheStore, DEFAULT_CACHE_MAX_SIZE_BYTES } from './cache.ts';
import { utf8Length } from './internal/utf8-length.ts';

function clock(start = 1_000_000) {
  let now = start;
  return {
    now: () => now,
    advance(ms: number) {
      now += ms;
    },
  };
}

/** Estimated size of one entry: UTF-8 bytes of the key and of the JSON text. */
function sizeOf(key: string, value: unknown): number {
  return new TextEncoder().encode(key).length + new TextEncoder().encode(JSON.stringify(value)).length;
}

describe('memory cache', () => {
  it('is named memory and bounded to 524288 bytes by default', () => {
    expect(createMemoryCache().name).toBe('memory');
    expect(DEFAULT_CACHE_MAX_SIZE_BYTES).toBe(524_288);
  });

  it('rejects a bound that is not a positive finite number', () => {
    for (const maxSizeBytes of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => createMemoryCache({ maxSizeBytes })).toThrow(RangeError);
    }
  });

  it('expires exactly at the TTL on the injected clock', async () => {
    const time = clock();
    const cache = createMemoryCache({ now: time.now });
    await cache.set('k', 'v', 1.5);
    time.advance(1000);
    expect(await cache.ttl('k')).toBe(0.5);
    time.advance(499);
    expect(await cache.get('k')).toBe('v');
    time.advance(1);
    expect(await cache.get('k')).toBeUndefined();
    expect(await cache.ttl('k')).toBe(-1);
  });

  it('expire resets the lifetime from now', async () => {
    const time = clock();
    const cache = createMemoryCache({ now: time.now });
    await cache.set('k', 'v', 1);
    time.advance(900);
    await cache.expire('k', 2);
    expect(await cache.ttl('k')).toBe(2);
    time.advance(1500);
    expect(await cache.get('k')).toBe('v');
  });

  it('rejects values that are not JSON', async () => {
    const cache = createMemoryCache();
    await expect(cache.set('k', undefined as never, 1)).rejects.toBeInstanceOf(TypeError);
    await expect(cache.set('k', (() => 1) as never, 1)).rejects.toBeInstanceOf(TypeError);
  });

  it('estimates sizes as UTF-8 bytes', () => {
    for (const text of ['', 'abc', 'café', '日本', '\u{1F600}', 'a\u{10FFFF}z']) {
      expect(utf8Length(text)).toBe(new TextEncoder().encode(text).length);
    }
    // A lone surrogate counts as the 3 bytes of U+FFFD.
    expect(utf8Length('a\uD800b')).toBe(5);
    expect(utf8Length('\uDC00')).toBe(3);
  });

  it('tracks the size of its entries through set, replace, delete, expiry and flush', async () => {
    const time = clock();
    const store = createMemoryCacheStore();
    const cache = createMemoryCache({ store, now: time.now, prefix: 'p' });
    const namespace = store.namespace('p');
    await cache.set('a', 'xxxx', 10);
    await cache.set('b', { n: 1 }, 1);
    expect(namespace.size).toBe(sizeOf('a', 'xxxx') + sizeOf('b', { n: 1 }));
    await cache.set('a', 'y', 10);
    expect(namespace.size).toBe(sizeOf('a', 'y') + sizeOf('b', { n: 1 }));
    time.advance(1000);
    expect(await cache.get('b')).toBeUndefined();
    expect(namespace.size).toBe(sizeOf('a', 'y'));
    await cache.delete('a');
    expect(namespace.size).toBe(0);
    await cache.set('c', 'é', 10);
    await cache.flush();
    expect(namespace.size).toBe(0);
  });

  it('evicts the oldest-set entries down to 80 % of the bound once it is exceeded', async () => {
    const store = createMemoryCacheStore();
    const cache = createMemoryCache({ store, maxSizeBytes: 100 });
    const value = 'x'.repeat(8); // each entry: 2 (key) + 10 (JSON) = 12 bytes
    for (let i = 0; i < 8; i++) await cache.set(`k${i}`, value, 60); // 96 bytes: under the bound
    expect(store.namespace('').size).toBe(96);
    await cache.set('k8', value, 60); // 108 > 100: evict k0, k1, k2 → 72 ≤ 80
    expect(store.namespace('').size).toBe(72);
    const present = [];
    for (let i = 0; i <= 8; i++) if ((await cache.get(`k${i}`)) !== undefined) present.push(i);
    expect(present).toEqual([3, 4, 5, 6, 7, 8]);
  });

  it('evicts expired entries before live ones', async () => {
    const time = clock();
    const store = createMemoryCacheStore();
    const cache = createMemoryCache({ store, now: time.now, maxSizeBytes: 100 });
    const value = 'x'.repeat(8);
    await cache.set('k0', value, 60);
    for (let i = 1; i < 8; i++) await cache.set(`k${i}`, value, i <= 3 ? 1 : 60);
    time.advance(2000); // k1..k3 expired, not yet read
    await cache.set('k8', value, 60); // 108 > 100: dropping k1..k3 gives 72, k0 survives
    expect(await cache.get('k0')).toBe(value);
    expect(store.namespace('').size).toBe(72);
  });

  it('setting a key again makes it the newest; expire does not', async () => {
    const store = createMemoryCacheStore();
    const cache = createMemoryCache({ store, maxSizeBytes: 100 });
    const value = 'x'.repeat(8);
    for (let i = 0; i < 8; i++) await cache.set(`k${i}`, value, 60);
    await cache.set('k0', value, 60); // k0 is now the newest
    await cache.expire('k1', 120); // k1 stays the oldest
    await cache.set('k8', value, 60);
    expect(await cache.get('k0')).toBe(value);
    expect(await cache.get('k1')).toBeUndefined();
    expect(await cache.get('k2')).toBeUndefined();
    expect(await cache.get('k3')).toBeUndefined();
    expect(await cache.get('k4')).toBe(value);
  });

  it('keeps a value larger than the whole bound, alone, until the next set', async () => {
    const store = createMemoryCacheStore();
    const cache = createMemoryCache({ store, maxSizeBytes: 100 });
    await cache.set('small', 1, 60);
    const big = 'x'.repeat(500);
    await cache.set('big', big, 60);
    expect(await cache.get('big')).toBe(big);
    expect(await cache.get('small')).toBeUndefined();
    await cache.set('next', 2, 60);
    expect(await cache.get('big')).toBeUndefined();
    expect(await cache.get('next')).toBe(2);
    expect(store.namespace('').size).toBe(sizeOf('next', 2));
  });

  it('bounds each prefix of a shared store separately', async () => {
    const store = createMemoryCacheStore();
    const a = createMemoryCache({ store, prefix: 'a:', maxSizeBytes: 100 });
    const b = createMemoryCache({ store, prefix: 'b:', maxSizeBytes: 100 });
    await b.set('keep', 'me', 60);
    for (let i = 0; i < 50; i++) await a.set(`k${i}`, 'x'.repeat(8), 60);
    expect(await b.get('keep')).toBe('me');
    expect(store.namespace('a:').size).toBeLessThanOrEqual(100);
  });

  it('shares keys between caches of one prefix over one store, not across stores', async () => {
    const store = createMemoryCacheStore();
    await createMemoryCache({ store, prefix: 'p' }).set('k', 1, 60);
    expect(await createMemoryCache({ store, prefix: 'p' }).get('k')).toBe(1);
    expect(await createMemoryCache({ prefix: 'p' }).get('k')).toBeUndefined();
  });
});
