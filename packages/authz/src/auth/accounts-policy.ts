import {
  type AuthenticationPolicy,
  type BackendError,
  type CacheBackend,
  isCoreError,
} from '@core/contracts';
import { basicCredentialsOf } from './basic-credentials.ts';
import { constantTimeEqual, hmacSha256Hex } from './hmac.ts';
import { type PasswordCompare, verifyPassword } from './passwords.ts';

/** What the accounts policy needs to know of a stored account. */
export interface StoredAccount {
  /** The bcrypt hash of the password. */
  readonly password: string;
}

/** Finds an account by its id (the username), `null` when there is none. */
export type AccountLookup = (userId: string) => Promise<StoredAccount | null>;

/** Options of {@link createAccountsPolicy}. */
export interface AccountsPolicyOptions {
  readonly lookup: AccountLookup;
  /** Where successful verifications are remembered. */
  readonly cache: CacheBackend;
  /** The `account_cache_ttl_seconds` setting; default 30. */
  readonly cacheTtlSeconds?: number;
  /** The `userid_hmac_secret` setting. */
  readonly hmacSecret: string;
  /** Password check; default bcrypt ({@link verifyPassword}). */
  readonly hash?: PasswordCompare;
  /**
   * Called with each cache failure `authenticate` survived (a `BackendError` from `get`, `set` or
   * `expire`), to log or count it. It should not throw: what it throws fails the request.
   */
  readonly onCacheError?: (error: BackendError) => void;
}

/** The accounts policy, with {@link AuthenticationPolicy.forget} always present. */
export type AccountsPolicy = AuthenticationPolicy & {
  /**
   * Drops the cached verification of `userId`.
   * @throws BackendError when the cache fails: the caller's write must fail too (see {@link createAccountsPolicy}).
   */
  forget(userId: string): Promise<void>;
};

/**
 * Kinto's `account` policy (permissions.md §1.3): Basic credentials checked against the stored bcrypt
 * hash. A success is cached for the TTL under a key derived from the username, holding an HMAC of the
 * password keyed by that key: a later request with the same password skips bcrypt, another password
 * never matches the cached value and is verified again; {@link AccountsPolicy.forget} drops the entry
 * (password change, deletion).
 *
 * The cache is only for speed: when `get`, `set` or `expire` rejects with `BackendError` (Redis down),
 * `authenticate` reports it to `onCacheError` and goes on without it (bcrypt on every request), so a
 * valid login never becomes a 503. Other errors are bugs and propagate. `forget` is the exception: it
 * rejects, because a password change whose old proof could not be dropped would leave the old password
 * working for up to the TTL; the account write then fails (503) and rolls back, and can be retried.
 */
export function createAccountsPolicy(options: AccountsPolicyOptions): AccountsPolicy {
  const ttl = options.cacheTtlSeconds ?? 30;
  const compare = options.hash ?? verifyPassword;
  const cacheKey = (username: string) => hmacSha256Hex(options.hmacSecret, `accounts:${username}:verified`);
  const cache = options.cache;
  const withoutCache = async <T>(call: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await call();
    } catch (error) {
      if (!isCoreError(error, 'BACKEND_ERROR')) throw error;
      options.onCacheError?.(error as BackendError);
      return undefined;
    }
  };

  return {
    name: 'account',
    async authenticate(request) {
      const credentials = basicCredentialsOf(request);
      if (!credentials) return null;
      const { username, password } = credentials;
      const key = await cacheKey(username);
      const proof = await hmacSha256Hex(key, password);
      const cached = await withoutCache(() => cache.get(key));
      if (typeof cached === 'string' && constantTimeEqual(cached, proof)) {
        await withoutCache(() => cache.expire(key, ttl));
        return { userId: username };
      }
      const account = await options.lookup(username);
      if (!account || typeof account.password !== 'string') return null;
      if (!(await compare(password, account.password))) return null;
      await withoutCache(() => cache.set(key, proof, ttl));
      return { userId: username };
    },
    challenge: () => 'Basic realm="Realm"',
    async forget(userId) {
      await cache.delete(await cacheKey(userId));
    },
  };
}
