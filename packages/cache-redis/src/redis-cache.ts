import type { CacheBackend, JsonValue } from '@core/contracts';
import type { Redis } from 'ioredis';
import { guard } from './internal/backend-error.ts';
import { fromJson, toJson } from './internal/json-value.ts';
import { encodeKey, prefixPattern } from './internal/key-encoding.ts';
import { ttlToMilliseconds } from './internal/ttl.ts';

/** Default bound of {@link CacheBackend.heartbeat}, in milliseconds. */
export const DEFAULT_HEARTBEAT_TIMEOUT_MS = 5_000;

const HEARTBEAT_KEY = '__heartbeat__';
const HEARTBEAT_TTL_MS = 60_000;
const SCAN_COUNT = 1_000;

/** Options of {@link createRedisCache}. */
export interface RedisCacheOptions {
  /**
   * The ioredis client (not a `Cluster`), built by the caller. It must not use ioredis' own
   * `keyPrefix` option: the cache prefixes keys itself, and `SCAN` results would not match.
   */
  readonly client: Redis;
  /** Namespace of the keys (Kinto's `cache_prefix`); default `''`. */
  readonly prefix?: string;
  /** Whether `close()` also closes `client`; default `false` (the caller owns it). */
  readonly ownsClient?: boolean;
  /** Bound of `heartbeat()`, in milliseconds; default {@link DEFAULT_HEARTBEAT_TIMEOUT_MS}. */
  readonly heartbeatTimeoutMs?: number;
}

function heartbeatWithin<T>(timeoutMs: number, probe: Promise<T>, fallback: T): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(fallback), timeoutMs);
  });
  return Promise.race([probe, timeout]).finally(() => clearTimeout(timer));
}

/**
 * A cache in Redis (name `redis`), over a client the caller builds and passes in.
 *
 * Values are stored as JSON text with a millisecond expiry (`SET ... PX`, `PEXPIRE`, `PTTL`), so
 * fractional TTLs are honoured. `delete` reads and removes in one `MULTI`; `increment` is `SET NX PX` +
 * `INCR` in one `MULTI` (atomic across processes, the first increment sets the expiry); `flush` removes only this
 * prefix's keys, found with `SCAN` (never `KEYS` nor `FLUSHDB`). Any client failure (connection
 * refused or lost, timeout, error reply) rejects with the contracts `BackendError` (503, errno 201);
 * reconnecting is the client's job (see `createCacheFromSettings` for a client that does).
 */
export function createRedisCache(options: RedisCacheOptions): CacheBackend {
  const { client } = options;
  if (client.options.keyPrefix) {
    throw new TypeError('createRedisCache: use the `prefix` option, not the client `keyPrefix` option');
  }
  const prefix = options.prefix ?? '';
  const heartbeatTimeoutMs = options.heartbeatTimeoutMs ?? DEFAULT_HEARTBEAT_TIMEOUT_MS;
  const redisKey = (key: string): string => encodeKey(prefix, key);

  return {
    name: 'redis',

    async set(key: string, value: JsonValue, ttlSeconds: number): Promise<void> {
      const ms = ttlToMilliseconds(ttlSeconds);
      const json = toJson(value);
      await guard('set', () => client.set(redisKey(key), json, 'PX', ms));
    },

    get(key: string): Promise<JsonValue | undefined> {
      return guard('get', async () => fromJson(await client.get(redisKey(key))));
    },

    delete(key: string): Promise<JsonValue | undefined> {
      return guard('delete', async () => {
        // MULTI rather than GETDEL: same atomicity, and servers older than 6.2 have no GETDEL.
        const replies = await client.multi().get(redisKey(key)).del(redisKey(key)).exec();
        const [reply] = replies ?? [];
        if (!reply) throw new Error('transaction aborted');
        if (reply[0]) throw reply[0];
        return fromJson(reply[1] as string | null);
      });
    },

    ttl(key: string): Promise<number> {
      return guard('ttl', async () => {
        const ms = await client.pttl(redisKey(key));
        // -2: missing, -1: no expiry (never written by this cache, reported as unknown).
        return ms < 0 ? -1 : ms / 1000;
      });
    },

    async expire(key: string, ttlSeconds: number): Promise<void> {
      const ms = ttlToMilliseconds(ttlSeconds);
      await guard('expire', () => client.pexpire(redisKey(key), ms));
    },

    async increment(key: string, ttlSeconds: number): Promise<number> {
      const ms = ttlToMilliseconds(ttlSeconds);
      return guard('increment', async () => {
        // One MULTI, no script: SET NX creates the counter at 0 with its expiry only when missing,
        // INCR keeps the expiry. Works on every Redis version (PEXPIRE ... NX needs 7.0).
        const replies = await client
          .multi()
          .set(redisKey(key), '0', 'PX', ms, 'NX')
          .incr(redisKey(key))
          .exec();
        const reply = replies?.[1];
        if (!reply) throw new Error('transaction aborted');
        if (reply[0]) throw reply[0];
        return Number(reply[1]);
      });
    },

    flush(): Promise<void> {
      return guard('flush', async () => {
        const pattern = prefixPattern(prefix);
        let cursor = '0';
        do {
          const [next, keys] = await client.scan(cursor, 'MATCH', pattern, 'COUNT', SCAN_COUNT);
          if (keys.length > 0) await client.unlink(...keys);
          cursor = next;
        } while (cursor !== '0');
      });
    },

    async initializeSchema(): Promise<void> {},

    heartbeat(): Promise<boolean> {
      // A write then a read: a read-only replica or a full server answers `false` too.
      const probe = (async () => {
        await client.set(redisKey(HEARTBEAT_KEY), '"alive"', 'PX', HEARTBEAT_TTL_MS);
        return (await client.get(redisKey(HEARTBEAT_KEY))) === '"alive"';
      })().catch(() => false);
      return heartbeatWithin(heartbeatTimeoutMs, probe, false);
    },

    async close(): Promise<void> {
      if (!options.ownsClient) return;
      if (client.status === 'ready') {
        await client.quit().catch(() => client.disconnect());
      } else {
        client.disconnect();
      }
    },
  };
}
