import type { BackendError, CacheBackend } from '@core/contracts';
import { hmacSha256Hex } from './hmac.ts';
import { tolerateCacheErrors } from './tolerate-cache-errors.ts';

/** Limits of failed logins; each count is over a fixed window opened by the first failure. */
export interface LoginThrottleLimits {
  /** Failures of one account (username, existing or not) per window; 0 disables. Default 10. */
  readonly maxFailures?: number;
  /** Failures from one client address per window, whatever the usernames; 0 disables. Default 50. */
  readonly maxFailuresPerAddress?: number;
  /** Length of the window, seconds (opened by the first failure, not extended). Default 60. */
  readonly windowSeconds?: number;
}

/** Defaults of {@link LoginThrottleLimits} (Kinto settings `account_login_*`). */
export const DEFAULT_LOGIN_THROTTLE = Object.freeze({
  maxFailures: 10,
  maxFailuresPerAddress: 50,
  windowSeconds: 60,
});

/** Counters of failed logins kept in a cache (so every server instance sharing it sees them). */
export interface LoginThrottle {
  /**
   * Seconds to wait before `username` (from `address`, when known) may try again, or `undefined`
   * when a login may be attempted. Never rejects on a cache failure: the login is then allowed.
   */
  retryAfter(username: string, address: string | undefined): Promise<number | undefined>;
  /** Counts one failure of `username` and of `address`. Never rejects on a cache failure. */
  recordFailure(username: string, address: string | undefined): Promise<void>;
}

function checkLimit(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 0) {
    throw new RangeError(`${name} must be a whole number, 0 or more (0 disables), got ${String(value)}`);
  }
  return value;
}

/**
 * `cache.increment`, or `get` + `set` for a cache without it (a third-party backend): the same
 * fixed window, but two concurrent failures may count as one.
 */
async function increment(cache: CacheBackend, key: string, ttlSeconds: number): Promise<number> {
  if (cache.increment) return cache.increment(key, ttlSeconds);
  const current = await cache.get(key);
  if (typeof current !== 'number') {
    await cache.set(key, 1, ttlSeconds);
    return 1;
  }
  const remaining = await cache.ttl(key);
  await cache.set(key, current + 1, remaining > 0 ? remaining : ttlSeconds);
  return current + 1;
}

/**
 * The failed-login counters of the accounts policy: one per account and one per client address,
 * under keys derived with `hmacSecret` (the cache holds neither usernames nor addresses). A cache
 * failure (`BackendError`) goes to `onCacheError` and never blocks a login: throttling is skipped
 * while the cache is down, so an outage can neither lock users out nor turn logins into 503s.
 */
export function createLoginThrottle(options: {
  readonly cache: CacheBackend;
  readonly hmacSecret: string;
  readonly limits?: LoginThrottleLimits;
  readonly onCacheError?: (error: BackendError) => void;
}): LoginThrottle {
  const limits = { ...DEFAULT_LOGIN_THROTTLE, ...options.limits };
  const perAccount = checkLimit('maxFailures', limits.maxFailures);
  const perAddress = checkLimit('maxFailuresPerAddress', limits.maxFailuresPerAddress);
  const window = limits.windowSeconds;
  if (!(window > 0) || !Number.isFinite(window)) {
    throw new RangeError(`windowSeconds must be a positive number, got ${String(window)}`);
  }
  const { cache } = options;
  const survive = tolerateCacheErrors(options.onCacheError);
  /** The counters that apply, with their limits. */
  const counters = async (username: string, address: string | undefined) => {
    const list: { key: string; max: number }[] = [];
    if (perAccount > 0) {
      list.push({
        key: await hmacSha256Hex(options.hmacSecret, `login-failures:account:${username}`),
        max: perAccount,
      });
    }
    if (perAddress > 0 && address !== undefined) {
      list.push({
        key: await hmacSha256Hex(options.hmacSecret, `login-failures:address:${address}`),
        max: perAddress,
      });
    }
    return list;
  };

  return {
    async retryAfter(username, address) {
      const waits = await Promise.all(
        (await counters(username, address)).map(({ key, max }) =>
          survive(async () => {
            const count = await cache.get(key);
            if (typeof count !== 'number' || count < max) return undefined;
            const remaining = await cache.ttl(key);
            return remaining > 0 ? remaining : window;
          }),
        ),
      );
      const blocked = waits.filter((wait): wait is number => wait !== undefined);
      return blocked.length === 0 ? undefined : Math.max(...blocked);
    },
    async recordFailure(username, address) {
      await Promise.all(
        (await counters(username, address)).map(({ key }) => survive(() => increment(cache, key, window))),
      );
    },
  };
}
