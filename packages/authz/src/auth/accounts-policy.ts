import type { AuthenticationPolicy, CacheBackend } from '@core/contracts';
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
}

/** The accounts policy, with {@link AuthenticationPolicy.forget} always present. */
export type AccountsPolicy = AuthenticationPolicy & { forget(userId: string): Promise<void> };

/**
 * Kinto's `account` policy (permissions.md §1.3): Basic credentials checked against the stored bcrypt
 * hash. A success is cached for the TTL under a key derived from the username, holding an HMAC of the
 * password keyed by that key: a later request with the same password skips bcrypt, another password
 * never matches the cached value and is verified again; {@link AccountsPolicy.forget} drops the entry
 * (password change, deletion).
 */
export function createAccountsPolicy(options: AccountsPolicyOptions): AccountsPolicy {
  const ttl = options.cacheTtlSeconds ?? 30;
  const compare = options.hash ?? verifyPassword;
  const cacheKey = (username: string) => hmacSha256Hex(options.hmacSecret, `accounts:${username}:verified`);

  return {
    name: 'account',
    async authenticate(request) {
      const credentials = basicCredentialsOf(request);
      if (!credentials) return null;
      const { username, password } = credentials;
      const key = await cacheKey(username);
      const proof = await hmacSha256Hex(key, password);
      const cached = await options.cache.get(key);
      if (typeof cached === 'string' && constantTimeEqual(cached, proof)) {
        await options.cache.expire(key, ttl);
        return { userId: username };
      }
      const account = await options.lookup(username);
      if (!account || typeof account.password !== 'string') return null;
      if (!(await compare(password, account.password))) return null;
      await options.cache.set(key, proof, ttl);
      return { userId: username };
    },
    challenge: () => 'Basic realm="Realm"',
    async forget(userId) {
      await options.cache.delete(await cacheKey(userId));
    },
  };
}
