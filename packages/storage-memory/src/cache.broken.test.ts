import {
  type CacheConformanceOptions,
  type CacheGroup,
  cacheBasicsGroup,
  cacheDeleteGroup,
  cacheExpireGroup,
  cacheFlushGroup,
  cacheGroups,
  cachePrefixesGroup,
  cacheTtlGroup,
  runGroup,
} from '@core/conformance';
import type { CacheBackend, JsonValue } from '@core/contracts';
import { describe, expect, it } from 'vitest';
import { createMemoryCache, createMemoryCacheStore, type MemoryCacheStore } from './cache.ts';

interface Context {
  readonly store: MemoryCacheStore;
  readonly prefix: string;
  /** Every real cache made over the store so far. */
  readonly all: CacheBackend[];
}

type Overrides = (real: CacheBackend, context: Context) => Partial<CacheBackend>;

/** Memory caches over one store, with some methods replaced by wrong ones. */
function broken(overrides: Overrides): CacheConformanceOptions {
  const store = createMemoryCacheStore();
  const all: CacheBackend[] = [];
  const make = (prefix: string) => {
    const real = createMemoryCache({ store, prefix });
    all.push(real);
    return { ...real, ...overrides(real, { store, prefix, all }) };
  };
  return { create: () => make('main:'), createWithPrefix: make };
}

function real(): CacheConformanceOptions {
  const store = createMemoryCacheStore();
  return {
    create: () => createMemoryCache({ store, prefix: 'main:' }),
    createWithPrefix: (prefix) => createMemoryCache({ store, prefix }),
  };
}

const variants: [string, string, CacheGroup, CacheConformanceOptions][] = [
  [
    'a cache that never expires',
    'a value expires after its TTL',
    cacheTtlGroup,
    broken((cache) => ({ set: (key, value) => cache.set(key, value, 3600) })),
  ],
  [
    'ttl reported in milliseconds',
    'at most the TTL set',
    cacheTtlGroup,
    broken((cache) => ({
      async ttl(key) {
        const seconds = await cache.ttl(key);
        return seconds < 0 ? seconds : seconds * 1000;
      },
    })),
  ],
  [
    'a flush that ignores the prefix',
    'flush removes only the keys of its own prefix',
    cachePrefixesGroup,
    broken((_cache, { all }) => ({
      async flush() {
        for (const cache of all) await cache.flush();
      },
    })),
  ],
  [
    'prefix concatenated onto the key in one shared namespace',
    'never meets its keys',
    cachePrefixesGroup,
    broken((_cache, { store, prefix }) => {
      const base = createMemoryCache({ store, prefix: '' });
      return {
        set: (key, value, ttl) => base.set(prefix + key, value, ttl),
        get: (key) => base.get(prefix + key),
        delete: (key) => base.delete(prefix + key),
        ttl: (key) => base.ttl(prefix + key),
        expire: (key, ttl) => base.expire(prefix + key, ttl),
        async flush() {
          for (const key of [...store.namespace('').entries.keys()]) {
            if (key.startsWith(prefix)) await base.delete(key);
          }
        },
      };
    }),
  ],
  [
    'get hands out the stored reference',
    'copied in and out',
    cacheBasicsGroup,
    broken((cache) => {
      const kept = new Map<string, JsonValue>();
      return {
        async set(key, value, ttl) {
          await cache.set(key, value, ttl);
          kept.set(key, value);
        },
        async get(key) {
          const value = await cache.get(key);
          return value !== undefined && kept.has(key) ? kept.get(key) : value;
        },
      };
    }),
  ],
  [
    'null reported as missing',
    'null is stored and distinguishable',
    cacheBasicsGroup,
    broken((cache) => ({ get: async (key) => (await cache.get(key)) ?? undefined })),
  ],
  [
    'non-positive or infinite TTLs accepted',
    'set rejects a TTL',
    cacheBasicsGroup,
    broken((cache) => ({
      set: (key, value, ttl) => cache.set(key, value, ttl > 0 && Number.isFinite(ttl) ? ttl : 0.001),
    })),
  ],
  [
    'expire creates missing keys',
    'expire on a missing key is a no-op',
    cacheExpireGroup,
    broken((cache) => ({
      async expire(key, ttl) {
        if ((await cache.ttl(key)) < 0) await cache.set(key, null, ttl);
        else await cache.expire(key, ttl);
      },
    })),
  ],
  [
    'delete returns nothing',
    'delete removes the key and returns its value',
    cacheDeleteGroup,
    broken((cache) => ({
      async delete(key) {
        await cache.delete(key);
        return undefined;
      },
    })),
  ],
  [
    'flush does nothing',
    'flush removes every key',
    cacheFlushGroup,
    broken(() => ({ flush: async () => {} })),
  ],
];

describe('cache conformance catches broken backends', () => {
  it.each(cacheGroups.map((group) => [group.name, group] as const))(
    'the real memory cache passes every case of %s',
    async (_name, group) => {
      const results = await runGroup(group, real());
      expect(results.filter((r) => r.status !== 'passed')).toEqual([]);
    },
  );

  it.each(variants)('%s fails the group ("%s")', async (_name, expected, group, options) => {
    const results = await runGroup(group, options);
    const failed = results.filter((r) => r.status === 'failed').map((r) => r.name);
    expect(failed).toContainEqual(expect.stringContaining(expected));
  });
});
