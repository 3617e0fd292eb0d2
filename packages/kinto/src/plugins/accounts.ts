import {
  type AccountsPolicy,
  createAccountsPolicy,
  DEFAULT_LOGIN_THROTTLE,
  KINTO_INHERITANCE,
  KINTO_PERMISSIONS,
  type PasswordCompare,
  type PasswordHash,
  storageAccountLookup,
} from '@core/authz';
import { ERRNO, HttpError, type JsonObject, type Logger, type StorageOperations } from '@core/contracts';
import {
  ACCOUNT_ID_PATTERN,
  type ApiPlugin,
  type Authorizer,
  type Caller,
  defineResource,
  type HookContext,
  type IdGenerator,
  invalidParameters,
  type ParentIdContext,
  type ResourceDefinition,
  type RouteParams,
  unauthorized,
} from '@core/http-api';
import type { Metrics } from '@core/monitoring';
import * as v from 'valibot';
import { reservedAccountIds } from './reserved-accounts.ts';

// Accounts are never given a generated id: POST must name one (kinto-resources.md §7).
const accountIds: IdGenerator = {
  name: 'account',
  pattern: ACCOUNT_ID_PATTERN,
  generate() {
    throw invalidParameters({ location: 'body', name: 'data.id', description: 'data.id in body: Required' });
  },
};

function principalsSetting(settings: Readonly<Record<string, unknown>>, name: string): string[] {
  const value = settings[name];
  if (Array.isArray(value)) return value.map(String);
  return typeof value === 'string' ? value.split(/[\s,]+/).filter(Boolean) : [];
}

/** `true` when the caller is an accounts administrator (in `account_write_principals`). */
function isAdmin(caller: Caller, settings: Readonly<Record<string, unknown>>): boolean {
  const admins = principalsSetting(settings, 'account_write_principals');
  return caller.principals.some((principal) => admins.includes(principal));
}

/** The user id without its policy prefix (`account:alice` → `alice`), as Kinto's `selected_userid`. */
function unprefixed(userId: string): string {
  return userId.slice(userId.indexOf(':') + 1);
}

/**
 * The list an accounts request reaches (Kinto's `Account.get_parent_id`). Each account is stored alone
 * in its own list, whose parent id is the account id — Kinto's layout, so a Kinto database keeps
 * working and the accounts policy finds accounts there. Administrators reach any
 * account (all of them, `*`, on the plural endpoint); an authenticated user reaches only the list of
 * their own account, whatever permissions others gave them — another user's account is simply not
 * there for them; anonymous callers reach the account they name, to create it.
 */
function accountParent(params: RouteParams, request: ParentIdContext): string {
  if (isAdmin(request.caller, request.settings)) {
    if (!request.plural) return params.id ?? '';
    return request.method === 'POST' ? (request.postedId ?? '') : '*';
  }
  if (request.caller.userId !== null) return unprefixed(request.caller.userId);
  if (request.plural && request.method !== 'POST') throw cannotReadAccounts();
  return params.id ?? request.postedId ?? '';
}

/** Kinto's answer to an anonymous request on `/accounts` other than a sign-up: errno 999, no message. */
function cannotReadAccounts(): HttpError {
  return new HttpError({
    status: 401,
    errno: ERRNO.UNDEFINED,
    error: 'Cannot read accounts.',
    message: null,
  });
}

/** An authenticated non-admin may only create or replace the account named after them. */
function checkOwnAccount(context: HookContext): void {
  const { userId } = context.caller;
  if (userId === null || isAdmin(context.caller, context.settings)) return;
  const username = unprefixed(userId);
  if (context.objectId !== username) {
    throw invalidParameters({
      location: 'body',
      name: 'data.id',
      description: 'Username and account ID do not match.',
    });
  }
}

/**
 * Anonymous sign-up never creates an account the settings give powers to (`account:admin`): the
 * first comer would hold them. 401, as any anonymous write the rules refuse.
 */
function checkNotReserved(
  context: HookContext,
  reserved: ReadonlySet<string>,
  challenge: string | undefined,
): void {
  if (context.caller.userId === null && context.objectId !== undefined && reserved.has(context.objectId))
    throw unauthorized(challenge);
}

/** Hashes a new or changed password with `hash` (the policy's: a worker pool on Node). */
function passwordHashing(hash: (password: string) => Promise<string>) {
  return async (data: JsonObject, previous?: JsonObject): Promise<JsonObject> => {
    if (typeof data.password !== 'string' || data.password === previous?.password) return data;
    return { ...data, password: await hash(data.password) };
  };
}

/** The account resource; its hooks hash passwords, set the owner ACE and invalidate `policy`'s cache. */
function accountResource(policy: AccountsPolicy, reserved: ReadonlySet<string>): ResourceDefinition {
  const withHashedPassword = passwordHashing(policy.hashPassword);
  return defineResource({
    name: 'account',
    pluralPath: '/accounts',
    objectPath: '/accounts/:id',
    parentId: accountParent,
    // Kinto's `current_principal`: an anonymous sign-up or an administrator acts as the account
    // itself, so it owns itself and its permissions show to the administrator.
    writerPrincipal: ({ caller, settings, parentId }) =>
      caller.userId === null || isAdmin(caller, settings) ? `account:${parentId}` : caller.userId,
    idGenerator: accountIds,
    permissions: KINTO_PERMISSIONS.account,
    inherits: KINTO_INHERITANCE.account,
    schema: { fields: v.looseObject({ password: v.pipe(v.string(), v.minLength(1)) }) },
    hooks: {
      beforeCreate: async (context, data) => {
        checkNotReserved(context, reserved, policy.challenge?.());
        checkOwnAccount(context);
        return withHashedPassword(data);
      },
      beforeUpdate: async (context, data, existing) => {
        checkOwnAccount(context);
        return withHashedPassword(data, existing);
      },
      // The account owns itself, whoever created it (an admin included), even without
      // `explicit_permissions`; permissions sent with it are kept, as in Kinto.
      afterCreate: (context, created) =>
        context.transaction.permission.addPrincipalToAce(
          `/accounts/${created.id}`,
          'write',
          `account:${created.id}`,
        ),
      afterUpdate: async (_context, updated, previous) => {
        if (updated.password !== previous.password) await policy.forget(updated.id);
      },
      afterDelete: (_context, tombstone) => policy.forget(tombstone.id),
    },
  });
}

/**
 * Anonymous callers may create accounts (when `account_create_principals` says so) and nothing else:
 * they never list, read, change or delete one — not even an account shared with `system.Everyone`
 * (only its owner and the administrators manage an account; a password hash goes to nobody else).
 * Kinto answers 401 where the generic shared listing would answer `[]`.
 */
export function withAccountRules(authorizer: Authorizer): Authorizer {
  return {
    async authorize(request) {
      if (request.resource.name === 'account' && request.caller.userId === null && request.kind !== 'create')
        return { allowed: false };
      return authorizer.authorize(request);
    },
  };
}

/** Checks the accounts settings at start-up (kinto-resources.md §7). */
function checkSettings(settings: Readonly<Record<string, unknown>>): void {
  const writers = principalsSetting(settings, 'account_write_principals');
  for (const principal of principalsSetting(settings, 'account_create_principals')) {
    if (principal !== 'system.Everyone' && !writers.includes(principal)) {
      throw new Error(
        `Invalid accounts settings: "${principal}" is in account_create_principals but not in account_write_principals`,
      );
    }
  }
}

/** A non-negative whole number setting, `fallback` when unset. */
function countSetting(settings: Readonly<Record<string, unknown>>, name: string, fallback: number): number {
  const value = settings[name] ?? fallback;
  const number = typeof value === 'string' ? Number(value.trim()) : Number(value);
  if (!Number.isInteger(number) || number < 0) {
    throw new Error(`Invalid ${name}: ${String(value)} (a whole number, 0 or more; 0 disables)`);
  }
  return number;
}

/**
 * The failed-login throttle of the `account` policy, from `account_login_max_failures` (per
 * account, default 10), `account_login_max_failures_per_address` (per client address, default 50)
 * and `account_login_failure_window_seconds` (default 60).
 */
function loginThrottleSettings(settings: Readonly<Record<string, unknown>>) {
  const windowSeconds = countSetting(
    settings,
    'account_login_failure_window_seconds',
    DEFAULT_LOGIN_THROTTLE.windowSeconds,
  );
  if (windowSeconds === 0) throw new Error('Invalid account_login_failure_window_seconds: 0 (at least 1)');
  return {
    maxFailures: countSetting(settings, 'account_login_max_failures', DEFAULT_LOGIN_THROTTLE.maxFailures),
    maxFailuresPerAddress: countSetting(
      settings,
      'account_login_max_failures_per_address',
      DEFAULT_LOGIN_THROTTLE.maxFailuresPerAddress,
    ),
    windowSeconds,
  };
}

/** bcrypt for the accounts policy, e.g. the worker pool of `@core/authz/node` (default: in process). */
export interface PasswordHasher {
  readonly compare: PasswordCompare;
  readonly hash: PasswordHash;
}

/** Everything the accounts plugin adds: the `account` policy, resource and capability. */
export interface Accounts {
  readonly policy: AccountsPolicy;
  readonly resource: ResourceDefinition;
  readonly plugin: ApiPlugin;
}

/** The accounts plugin (kinto-resources.md §7, permissions.md §1.3). */
export function createAccounts(options: {
  readonly settings: Readonly<Record<string, unknown>>;
  readonly storage: StorageOperations;
  readonly cache: Parameters<typeof createAccountsPolicy>[0]['cache'];
  /** Told when the verification cache fails (logins then fall back to bcrypt). */
  readonly logger?: Logger;
  /** Counts those failures (`accounts_cache_errors`). */
  readonly metrics?: Pick<Metrics, 'count'>;
  /** bcrypt off the event loop (Node: `createBcryptPool()`); default bcryptjs in process. */
  readonly passwords?: PasswordHasher;
}): Accounts {
  checkSettings(options.settings);
  const policy = createAccountsPolicy({
    lookup: storageAccountLookup(options.storage),
    cache: options.cache,
    hmacSecret: String(options.settings.userid_hmac_secret ?? ''),
    cacheTtlSeconds: Number(options.settings.account_cache_ttl_seconds ?? 30),
    throttle: loginThrottleSettings(options.settings),
    ...(options.passwords ? { hash: options.passwords.compare, hashPassword: options.passwords.hash } : {}),
    onCacheError: (error) => {
      options.logger?.warn({ err: error }, 'Accounts verification cache failed; falling back to bcrypt');
      options.metrics?.count('accounts_cache_errors');
    },
  });
  return {
    policy,
    resource: accountResource(policy, reservedAccountIds(options.settings)),
    plugin: {
      name: 'accounts',
      capabilities: {
        accounts: {
          description: 'Manage user accounts.',
          url: 'https://kinto.readthedocs.io/en/latest/api/1.x/accounts.html',
          validation_enabled: false,
        },
      },
    },
  };
}
