import type { JsonValue } from './json.ts';

/**
 * A key-value cache with mandatory expiry, used for pagination nonces, authentication results and
 * heartbeat checks.
 *
 * Keys are any strings; a backend namespaces them with its configured prefix, so two caches with
 * different prefixes sharing one store never see each other's keys and `flush` clears only its own.
 * Values are JSON values and come back structurally equal (never the same reference). Every method
 * may reject with `BackendError`.
 */
export interface CacheBackend {
  /** Backend name for logs, metrics and heartbeat. */
  readonly name: string;

  /**
   * Stores `value` under `key` for `ttlSeconds` seconds (fractions allowed), replacing any previous
   * value and expiry.
   * @throws TypeError when `ttlSeconds` is not a positive finite number.
   */
  set(key: string, value: JsonValue, ttlSeconds: number): Promise<void>;

  /** The value under `key`, or `undefined` when missing or expired. */
  get(key: string): Promise<JsonValue | undefined>;

  /**
   * Removes `key`.
   * @returns the value it held, or `undefined` when it was missing or expired.
   */
  delete(key: string): Promise<JsonValue | undefined>;

  /**
   * Remaining lifetime of `key` in seconds (may be fractional, at most the last TTL set).
   * @returns a negative number when the key is missing or expired.
   */
  ttl(key: string): Promise<number>;

  /**
   * Gives an existing key a new lifetime of `ttlSeconds` seconds. No-op on a missing or expired key.
   * @throws TypeError when `ttlSeconds` is not a positive finite number.
   */
  expire(key: string, ttlSeconds: number): Promise<void>;

  /**
   * Atomically adds 1 to the integer under `key` and returns the new value: a counter shared by every
   * process using the same store (login throttling counts failures this way). A missing or expired
   * key counts from 0 and gets a lifetime of `ttlSeconds` seconds; an existing key keeps its
   * remaining lifetime (the window is fixed from the first increment, never extended). The counter
   * reads back with {@link CacheBackend.get} as a number and may be seeded with `set(key, n, ttl)`.
   *
   * Optional: a cache without it can still be used; callers then fall back to `get` + `set`, which
   * can lose increments under concurrency (see `@core/authz`).
   * @returns the value after the increment (1 for a new key).
   * @throws TypeError when `ttlSeconds` is not a positive finite number.
   * @throws BackendError when the store fails, or when `key` holds something other than an integer.
   */
  increment?(key: string, ttlSeconds: number): Promise<number>;

  /** Removes every key of this cache's prefix. */
  flush(): Promise<void>;

  /** Creates what the backend needs, if anything. Idempotent. */
  initializeSchema?(options?: { readonly dryRun?: boolean }): Promise<void>;

  /** Resolves `true` when the backend can serve requests; never rejects. */
  heartbeat(): Promise<boolean>;

  /** Releases connections and timers. */
  close?(): Promise<void>;
}
