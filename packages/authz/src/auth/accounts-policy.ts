import type { AuthenticationPolicy, BackendError, CacheBackend } from '@core/contracts';
import { tooManyRequests } from '@core/http-api';
import { basicCredentialsOf } from './basic-credentials.ts';
import { constantTimeEqual, hmacSha256Hex } from './hmac.ts';
import { createLoginThrottle, type LoginThrottleLimits } from './login-throttle.ts';
import {
  bcryptCost,
  DEFAULT_BCRYPT_ROUNDS,
  dummyPasswordHash,
  hashPassword,
  type PasswordCompare,
  type PasswordHash,
  verifyPassword,
} from './passwords.ts';
import { tolerateCacheErrors } from './tolerate-cache-errors.ts';

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
  /** Password check; default bcrypt in process ({@link verifyPassword}). */
  readonly hash?: PasswordCompare;
  /**
   * Password hashing, for {@link AccountsPolicy.hashPassword} and the dummy hash unknown users are
   * checked against; default bcrypt in process ({@link hashPassword}). On Node, pass the pool's
   * (`createBcryptPool` of `@core/authz/node`) together with its `compare` as `hash`.
   */
  readonly hashPassword?: PasswordHash;
  /**
   * Failed-login throttling (settings `account_login_max_failures`,
   * `account_login_max_failures_per_address`, `account_login_failure_window_seconds`); defaults
   * 10 per account and 50 per address in a 60 s window; a limit of 0 disables it.
   */
  readonly throttle?: LoginThrottleLimits;
  /**
   * Called with each cache failure `authenticate` survived (a `BackendError` from `get`, `set`,
   * `expire`, `ttl` or `increment`), to log or count it. It should not throw: what it throws fails
   * the request.
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
  /** A new hash of `password` for the account store, with the policy's hash function. */
  hashPassword(password: string): Promise<string>;
};

/** Most usernames whose cache key is kept. */
const MAX_CACHED_KEYS = 10_000;

/**
 * Kinto's `account` policy (permissions.md §1.3): Basic credentials checked against the stored bcrypt
 * hash. A success is cached for the TTL under a key derived from the username, holding an HMAC of the
 * password keyed by that key: a later request with the same password skips bcrypt, another password
 * never matches the cached value and is verified again; {@link AccountsPolicy.forget} drops the entry
 * (password change, deletion).
 *
 * Unknown usernames and accounts without a usable hash cost the same as a wrong password: the
 * password is checked against a dummy hash of the cost of the last real hash seen (default 10),
 * made once per process; so is the account lookup. Usernames cannot be enumerated by timing.
 *
 * Failed logins are throttled (see {@link createLoginThrottle}): once an account, or a client
 * address (`context.clientAddress`), has `maxFailures` (`maxFailuresPerAddress`) failures in the
 * window, the next attempts answer 429 errno 117 with `Retry-After` (the rest of the window)
 * without checking the password, until the window ends. Unknown usernames count like known ones.
 * Order: the cached proof first — a login whose password was verified within the cache TTL is
 * never throttled (an attacker cannot produce that proof, so the owner of an account under attack
 * keeps working) — then the throttle, then bcrypt; a failure counts against both the account and
 * the address. Throttled attempts are not counted, nor is an identical failed attempt repeated within
 * the cache TTL: the last failure of each username is cached (an HMAC of the password tried and of
 * the stored hash, so an account created or a password changed since is verified afresh) and
 * answered without bcrypt — a client retrying, or Basic Auth users when `basicauth` follows
 * `account`, cost one bcrypt and one counted failure per TTL, not per request.
 *
 * The cache is only for speed and throttling: when it rejects with `BackendError` (Redis down),
 * `authenticate` reports it to `onCacheError` and goes on without it (bcrypt on every request, no
 * throttling), so a valid login never becomes a 503 nor a lockout. Other errors are bugs and
 * propagate. `forget` is the exception: it
 * rejects, because a password change whose old proof could not be dropped would leave the old password
 * working for up to the TTL; the account write then fails (503) and rolls back, and can be retried.
 */
export function createAccountsPolicy(options: AccountsPolicyOptions): AccountsPolicy {
  const ttl = options.cacheTtlSeconds ?? 30;
  const compare = options.hash ?? verifyPassword;
  const hash = options.hashPassword ?? hashPassword;
  // The cost unknown users are checked at: that of the last real hash seen.
  let rounds = DEFAULT_BCRYPT_ROUNDS;
  // The key of a username never changes: computed once per username seen lately, not per request.
  const cacheKeys = new Map<string, Promise<string>>();
  const cacheKey = (username: string) => {
    let key = cacheKeys.get(username);
    if (key === undefined) {
      key = hmacSha256Hex(options.hmacSecret, `accounts:${username}:verified`);
      if (cacheKeys.size >= MAX_CACHED_KEYS) cacheKeys.clear();
      cacheKeys.set(username, key);
    }
    return key;
  };
  const failureKey = (username: string) => hmacSha256Hex(options.hmacSecret, `accounts:${username}:failed`);
  const cache = options.cache;
  const withoutCache = tolerateCacheErrors(options.onCacheError);
  const throttle = createLoginThrottle({
    cache,
    hmacSecret: options.hmacSecret,
    ...(options.throttle ? { limits: options.throttle } : {}),
    ...(options.onCacheError ? { onCacheError: options.onCacheError } : {}),
  });

  /** Verifications under way, by attempt (username, stored hash and password). */
  const verifying = new Map<string, Promise<boolean>>();

  /** The throttle, then bcrypt (against the dummy hash for an unknown user), then the bookkeeping. */
  async function verify(
    username: string,
    password: string,
    storedHash: unknown,
    attempt: { key: string; proof: string; failedKey: string; failure: string; address: string | undefined },
  ): Promise<boolean> {
    const wait = await throttle.retryAfter(username, attempt.address);
    if (wait !== undefined) {
      throw tooManyRequests(wait, 'Too many failed login attempts; retry after the delay in Retry-After.');
    }
    const cost = bcryptCost(storedHash);
    if (cost !== undefined) rounds = cost;
    // Unknown user, or no usable hash: the same work against the dummy hash, then a failure.
    const stored = cost !== undefined ? (storedHash as string) : await dummyPasswordHash(rounds, hash);
    const valid = (await compare(password, stored)) && cost !== undefined;
    if (!valid) {
      await Promise.all([
        withoutCache(() => cache.set(attempt.failedKey, attempt.failure, ttl)),
        throttle.recordFailure(username, attempt.address),
      ]);
      return false;
    }
    await withoutCache(() => cache.set(attempt.key, attempt.proof, ttl));
    return true;
  }

  return {
    name: 'account',
    async authenticate(request, context) {
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
      // The last failure of this username, bound to the password tried and to the stored hash (so
      // a created account or a changed password is never answered from it).
      const failedKey = await failureKey(username);
      const [account, lastFailure] = await Promise.all([
        options.lookup(username),
        withoutCache(() => cache.get(failedKey)),
      ]);
      const storedText = typeof account?.password === 'string' ? account.password : '';
      const failure = await hmacSha256Hex(failedKey, `${storedText.length}:${storedText}${password}`);
      // The same failed attempt again (a client retrying, or a Basic Auth user behind `account`
      // with `basicauth` after it): the same answer, without bcrypt and without counting a new guess.
      if (typeof lastFailure === 'string' && constantTimeEqual(lastFailure, failure)) return null;
      // Identical attempts arriving together (a client's parallel requests on a fresh process) share
      // one verification: one bcrypt, one counted guess, one answer.
      let verification = verifying.get(failure);
      if (verification === undefined) {
        verification = verify(username, password, account?.password, {
          key,
          proof,
          failedKey,
          failure,
          address: context?.clientAddress,
        }).finally(() => verifying.delete(failure));
        verifying.set(failure, verification);
      }
      return (await verification) ? { userId: username } : null;
    },
    challenge: () => 'Basic realm="Realm"',
    async forget(userId) {
      await cache.delete(await cacheKey(userId));
    },
    hashPassword: (password) => hash(password, DEFAULT_BCRYPT_ROUNDS),
  };
}
