import { expect } from 'vitest';
import { uniquePrefix, withPrefixedCaches } from './helpers.ts';
import { defineCacheGroup } from './options.ts';

const P = { requires: 'prefixes' };

/** Caches with different prefixes over one store (needs `createWithPrefix`). */
export const cachePrefixesGroup = defineCacheGroup('cache: prefixes', (test) => {
  test(
    'F-TK-CACHE a cache never sees the keys of another prefix',
    async (_c, options) => {
      await withPrefixedCaches(options, [uniquePrefix('a:'), uniquePrefix('b:')], async ([a, b]) => {
        await a!.set('key', 'from a', 42);
        expect(await b!.get('key')).toBeUndefined();
        expect(await b!.ttl('key')).toBeLessThan(0);
        expect(await b!.delete('key')).toBeUndefined();
        await b!.expire('key', 0.01);
        expect(await a!.get('key')).toBe('from a');
        expect(await a!.ttl('key')).toBeGreaterThan(40);
      });
    },
    P,
  );

  test(
    'F-TK-CACHE the same key under two prefixes holds two values',
    async (_c, options) => {
      await withPrefixedCaches(options, [uniquePrefix('a:'), uniquePrefix('b:')], async ([a, b]) => {
        await a!.set('key', 1, 42);
        await b!.set('key', 2, 10);
        expect(await a!.get('key')).toBe(1);
        expect(await b!.get('key')).toBe(2);
        expect(await a!.ttl('key')).toBeGreaterThan(10);
        expect(await b!.delete('key')).toBe(2);
        expect(await a!.get('key')).toBe(1);
      });
    },
    P,
  );

  test(
    'F-TK-CACHE flush removes only the keys of its own prefix',
    async (c, options) => {
      await withPrefixedCaches(options, [uniquePrefix('a:'), uniquePrefix('b:')], async ([a, b]) => {
        await a!.set('key', 1, 42);
        await b!.set('key', 2, 42);
        await b!.set('other', 3, 42);
        await a!.flush();
        expect(await a!.get('key')).toBeUndefined();
        expect(await b!.get('key')).toBe(2);
        await c.set('main', 4, 42);
        await c.flush();
        expect(await b!.get('other')).toBe(3);
      });
    },
    P,
  );

  test(
    'F-TK-CACHE caches of the same prefix share their keys',
    async (_c, options) => {
      const prefix = uniquePrefix('shared:');
      await withPrefixedCaches(options, [prefix, prefix], async ([a, b]) => {
        await a!.set('key', { v: 1 }, 42);
        expect(await b!.get('key')).toStrictEqual({ v: 1 });
        expect(await b!.ttl('key')).toBeGreaterThan(40);
        await b!.expire('key', 5);
        expect(await a!.ttl('key')).toBeLessThanOrEqual(5);
        expect(await b!.delete('key')).toStrictEqual({ v: 1 });
        expect(await a!.get('key')).toBeUndefined();
      });
    },
    P,
  );

  test(
    'F-TK-CACHE a prefix that starts another one never meets its keys ("a"+"bkey" vs "ab"+"key")',
    async (_c, options) => {
      const base = uniquePrefix('');
      await withPrefixedCaches(options, [base, `${base}b`], async ([a, ab]) => {
        await a!.set('bkey', 'from a', 42);
        await ab!.set('key', 'from ab', 42);
        expect(await a!.get('bkey')).toBe('from a');
        expect(await ab!.get('key')).toBe('from ab');
        await ab!.flush();
        expect(await a!.get('bkey')).toBe('from a');
      });
    },
    P,
  );

  test(
    'F-TK-CACHE the empty prefix is a prefix of its own',
    async (_c, options) => {
      const prefix = uniquePrefix('p_');
      await withPrefixedCaches(options, ['', prefix], async ([bare, prefixed]) => {
        await prefixed!.set('key', 'prefixed', 42);
        expect(await bare!.get(`${prefix}key`)).toBeUndefined();
        await bare!.set(`${prefix}other`, 'bare', 42);
        expect(await prefixed!.get('other')).toBeUndefined();
        await bare!.flush();
        expect(await prefixed!.get('key')).toBe('prefixed');
      });
    },
    P,
  );

  test(
    'F-TK-CACHE the cache under test does not see prefixed caches, nor they it',
    async (c, options) => {
      await withPrefixedCaches(options, [uniquePrefix('a:')], async ([a]) => {
        await a!.set('key', 'prefixed', 42);
        await c.set('key', 'main', 42);
        expect(await a!.get('key')).toBe('prefixed');
        expect(await c.get('key')).toBe('main');
      });
    },
    P,
  );
});
