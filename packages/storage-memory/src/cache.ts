import type { CacheBackend, JsonValue } from '@core/contracts';
import {
  createMemoryCacheStore,
  enforceSizeBound,
  type MemoryCacheEntry,
  type MemoryCacheNamespace,
  type MemoryCacheStore,
  removeEntry,
} from './internal/cache-store.ts';
import { utf8Length } from './internal/utf8-length.ts';

export { createMemoryCacheStore, type MemoryCacheStore } from './internal/cache-store.ts';

/** Default bound of a memory cache, as Kinto's `cache_max_size_bytes`. */
export const DEFAULT_CACHE_MAX_SIZE_BYTES = 524_288;

/** Options of {@link createMemoryCache}. */
export interface MemoryCacheOptions {
  /** Namespace of the keys (Kinto's `cache_prefix`); default `''`. */
  readonly prefix?: string;
  /**
   * Bound on the estimated size of this prefix's entries (UTF-8 bytes of keys and JSON values);
   * default 524288. Caches sharing a store each bound their own prefix.
   */
  readonly maxSizeBytes?: number;
  /** Clock in epoch milliseconds; default `Date.now`. */
  readonly now?: () => number;
  /** The memory to use, shared with other caches (of other prefixes); a private one by default. */
  readonly store?: MemoryCacheStore;
}

function checkTtl(ttlSeconds: number): void {
  if (typeof ttlSeconds !== 'number' || !Number.isFinite(ttlSeconds) || ttlSeconds <= 0) {
    throw new TypeError(`TTL must be a positive finite number of seconds, got ${String(ttlSeconds)}`);
  }
}

function toJson(value: JsonValue): string {
  const json: string | undefined = JSON.stringify(value);
  if (json === undefined) throw new TypeError('Cache values must be JSON values');
  return json;
}

/**
 * A cache in process memory (name `memory`).
 *
 * Values are kept as JSON text, so they are copied in and out. Expired entries are dropped lazily
 * (when read, and when the size bound is exceeded). When a `set` takes this prefix's estimated size
 * above `maxSizeBytes`, expired entries are dropped, then the oldest-set ones, until the size is at
 * most 80 % of the bound; the entry just set is kept even when it alone exceeds the bound (as in
 * Kinto, where the check runs before storing), so a `get` right after a `set` always finds it.
 * `increment` is atomic by construction (one synchronous step of one process).
 */
export function createMemoryCache(options: MemoryCacheOptions = {}): CacheBackend {
  const maxSizeBytes = options.maxSizeBytes ?? DEFAULT_CACHE_MAX_SIZE_BYTES;
  if (!(maxSizeBytes > 0) || !Number.isFinite(maxSizeBytes)) {
    throw new RangeError(`maxSizeBytes must be a positive finite number, got ${String(maxSizeBytes)}`);
  }
  const now = options.now ?? Date.now;
  const namespace: MemoryCacheNamespace = (options.store ?? createMemoryCacheStore()).namespace(
    options.prefix ?? '',
  );

  function live(key: string, at: number): MemoryCacheEntry | undefined {
    const entry = namespace.entries.get(key);
    if (entry && at >= entry.expiresAt) {
      removeEntry(namespace, key);
      return undefined;
    }
    return entry;
  }

  return {
    name: 'memory',

    async set(key, value, ttlSeconds) {
      checkTtl(ttlSeconds);
      const json = toJson(value);
      const at = now();
      // Removing first moves the key to the end of the map: set order is eviction order.
      removeEntry(namespace, key);
      const size = utf8Length(key) + utf8Length(json);
      namespace.entries.set(key, { json, expiresAt: at + ttlSeconds * 1000, size });
      namespace.size += size;
      enforceSizeBound(namespace, maxSizeBytes, at, key);
    },

    async get(key) {
      const entry = live(key, now());
      return entry === undefined ? undefined : (JSON.parse(entry.json) as JsonValue);
    },

    async delete(key) {
      const entry = live(key, now());
      if (entry === undefined) return undefined;
      removeEntry(namespace, key);
      return JSON.parse(entry.json) as JsonValue;
    },

    async ttl(key) {
      const at = now();
      const entry = live(key, at);
      return entry === undefined ? -1 : (entry.expiresAt - at) / 1000;
    },

    async expire(key, ttlSeconds) {
      checkTtl(ttlSeconds);
      const at = now();
      const entry = live(key, at);
      if (entry) entry.expiresAt = at + ttlSeconds * 1000;
    },

    async increment(key, ttlSeconds) {
      checkTtl(ttlSeconds);
      const at = now();
      const entry = live(key, at);
      if (entry === undefined) {
        const size = utf8Length(key) + 1;
        namespace.entries.set(key, { json: '1', expiresAt: at + ttlSeconds * 1000, size });
        namespace.size += size;
        enforceSizeBound(namespace, maxSizeBytes, at, key);
        return 1;
      }
      const current = JSON.parse(entry.json) as JsonValue;
      if (typeof current !== 'number' || !Number.isSafeInteger(current)) {
        throw new TypeError(`Cannot increment ${JSON.stringify(key)}: it does not hold an integer`);
      }
      const next = current + 1;
      const json = String(next);
      const size = entry.size + json.length - entry.json.length;
      // Replacing an existing key keeps its place in the map (eviction order) and its expiry.
      namespace.entries.set(key, { json, expiresAt: entry.expiresAt, size });
      namespace.size += size - entry.size;
      return next;
    },

    async flush() {
      namespace.entries.clear();
      namespace.size = 0;
    },

    async initializeSchema() {},

    async heartbeat() {
      return true;
    },

    async close() {},
  };
}
