import type { CacheBackend } from '@core/contracts';
import { Redis, type RedisOptions } from 'ioredis';
import { createRedisCache } from './redis-cache.ts';

/** Used when neither `cache_url` nor `cache_hosts` is set. */
export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379/0';

/**
 * The settings {@link createCacheFromSettings} reads; the toolkit's `ToolkitSettings` has them all.
 * The `cache_pool_*` settings are accepted and ignored: ioredis multiplexes one connection.
 */
export interface RedisCacheSettings {
  /** `redis://[[user]:password@]host[:port][/db]` or `rediss://...` (TLS). */
  readonly cache_url?: string;
  /** Used when `cache_url` is empty: a single `host[:port]`. */
  readonly cache_hosts?: readonly string[];
  /** Namespace of the keys; default `''`. */
  readonly cache_prefix?: string;
}

/**
 * Client options for a server cache: a request fails fast while Redis is away (no per-request
 * retries, each queued command rejected at the first failed reconnection, 5 s command timeout)
 * while the client keeps reconnecting every second at most, so service resumes by itself.
 */
export const RESILIENT_CLIENT_OPTIONS: Readonly<RedisOptions> = {
  maxRetriesPerRequest: 0,
  connectTimeout: 5_000,
  commandTimeout: 5_000,
  retryStrategy: (attempt: number) => Math.min(attempt * 100, 1_000),
};

/** The Redis URL the settings point at. @throws TypeError for several `cache_hosts`. */
export function redisUrlFromSettings(settings: Readonly<RedisCacheSettings>): string {
  const url = settings.cache_url?.trim();
  if (url) return url;
  const hosts = (settings.cache_hosts ?? []).map((host) => host.trim()).filter((host) => host !== '');
  if (hosts.length > 1) {
    throw new TypeError(
      `@core/cache-redis takes a single server: set cache_url, or one cache_hosts entry (got ${hosts.length})`,
    );
  }
  return hosts[0] === undefined ? DEFAULT_REDIS_URL : `redis://${hosts[0]}`;
}

/**
 * The cache backend for `cache_backend = @core/cache-redis`: builds an ioredis client from
 * `cache_url` (or `cache_hosts`) with {@link RESILIENT_CLIENT_OPTIONS}, prefixes keys with
 * `cache_prefix`, and closes the client on `close()`. Connection errors are not emitted as
 * unhandled `error` events: they reach callers as `BackendError` rejections.
 */
export function createCacheFromSettings(settings: Readonly<RedisCacheSettings>): CacheBackend {
  const client = new Redis(redisUrlFromSettings(settings), { ...RESILIENT_CLIENT_OPTIONS });
  client.on('error', () => {});
  return createRedisCache({ client, prefix: settings.cache_prefix ?? '', ownsClient: true });
}
