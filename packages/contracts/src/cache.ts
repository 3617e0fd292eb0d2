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

  /** Removes every key of this cache's prefix. */
  flush(): Promise<void>;

  /** Creates what the backend needs, if anything. Idempotent. */
  initializeSchema?(options?: { readonly dryRun?: boolean }): Promise<void>;

  /** Resolves `true` when the backend can serve requests; never rejects. */
  heartbeat(): Promise<boolean>;

  /** Releases connections and timers. */
  close?(): Promise<void>;
}
