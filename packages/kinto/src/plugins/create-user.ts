import { hashPassword } from '@core/authz';
import { type Backends, isCoreError, type StoredObject } from '@core/contracts';
import { ACCOUNT_ID_PATTERN, transactorOf } from '@core/http-api';
import { createAccounts } from './accounts.ts';

/** What {@link createUser} needs. */
export interface CreateUserOptions {
  readonly username: string;
  readonly password: string;
  /** The server's settings (the verification cache key depends on `userid_hmac_secret`). */
  readonly settings: Readonly<Record<string, unknown>>;
  /** Hashes the password; default bcrypt ({@link hashPassword}). */
  readonly hash?: (password: string) => Promise<string>;
}

/**
 * Creates the account `username` with `password`, or sets the password of an existing one — what
 * `kinto create-user` does, straight in the backends, so it also creates the accounts the settings
 * reserve (`account:admin`), which nobody may create anonymously. The account is stored as the
 * accounts plugin stores it (alone in its own list, owned by `account:<username>`), in one
 * transaction; a cached verification of the old password is dropped after the commit.
 * @returns `created` or `updated`.
 * @throws TypeError on an invalid username or an empty password.
 */
export async function createUser(
  backends: Backends,
  options: CreateUserOptions,
): Promise<'created' | 'updated'> {
  const { username, password } = options;
  if (!ACCOUNT_ID_PATTERN.test(username)) throw new TypeError(`Invalid username "${username}"`);
  if (password.length === 0) throw new TypeError('The password must not be empty');
  const hashed = await (options.hash ?? hashPassword)(password);
  const outcome = await transactorOf(backends)(async ({ storage, permission }) => {
    const scope = { resource: 'account', parent: username };
    const existing = await storage.get(scope, username, { forUpdate: true }).catch((error: unknown) => {
      if (isCoreError(error, 'OBJECT_NOT_FOUND')) return undefined;
      throw error;
    });
    const { id: _id, last_modified: _lastModified, ...kept } = existing ?? ({} as Partial<StoredObject>);
    await storage.update(scope, username, { ...kept, password: hashed });
    await permission.addPrincipalToAce(`/accounts/${username}`, 'write', `account:${username}`);
    return existing ? ('updated' as const) : ('created' as const);
  });
  const { policy } = createAccounts({
    settings: options.settings,
    storage: backends.storage,
    cache: backends.cache,
  });
  await policy.forget(username);
  return outcome;
}
