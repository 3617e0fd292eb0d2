import {
  AUTHENTICATED,
  defaultBucketId,
  EVERYONE,
  KintoState,
  type Permissions,
  type ResourceName,
  uris,
} from './kinto-rules.ts';

// The world the authorization suite seeds, described once: the oracle's KintoState is built from
// this description (planWorld) and the server is seeded from the same description (seed.ts).

export const HMAC_SECRET = 'authz-suite-secret';

/** Kinto's `kinto init` settings plus the plugins and principals the brief names. */
export const SUITE_SETTINGS: Readonly<Record<string, string>> = {
  includes: 'kinto.plugins.accounts kinto.plugins.default_bucket kinto.plugins.history',
  'multiauth.policies': 'account',
  experimental_permissions_endpoint: 'true',
  account_write_principals: 'account:admin',
  account_create_principals: EVERYONE,
  bucket_create_principals: AUTHENTICATED,
  userid_hmac_secret: HMAC_SECRET,
  // Logins are bcrypt-checked once, then cached: keep them cached for the whole run.
  account_cache_ttl_seconds: '3600',
};

/** The settings Kinto applies without being told (kinto/__init__.py:24-43). */
const KINTO_DEFAULTS: Readonly<Record<string, string>> = {
  permissions_read_principals: EVERYONE,
};

export const USERS = ['alice', 'bob', 'carol', 'dave', 'admin'] as const;
export type User = (typeof USERS)[number];
/** Who sends a request: a named account, or nobody. */
export type Caller = User | 'anonymous' | { readonly account: string };

export const passwordOf = (account: string) => `${account}-secret`;
export const accountOf = (caller: Caller): string | undefined =>
  caller === 'anonymous' ? undefined : typeof caller === 'string' ? caller : caller.account;
export const userIdOf = (caller: Caller): string | undefined => {
  const account = accountOf(caller);
  return account ? `account:${account}` : undefined;
};
export const callerName = (caller: Caller): string => (typeof caller === 'string' ? caller : caller.account);

/** The group whose principal trees grant to (carol is its only member). */
export const TEAM_BUCKET = 'teams';
export const TEAM_GROUP = uris.group(TEAM_BUCKET, 'readers');

export type Grantee = 'user' | 'group' | 'auth' | 'all';
export const GRANTEES: readonly Grantee[] = ['user', 'group', 'auth', 'all'];
/** The principal a grant of kind `grantee` names, for a world owned by `owner`. */
export const granteePrincipal = (grantee: Grantee, owner: User): string =>
  ({
    user: owner === 'bob' ? 'account:carol' : 'account:bob',
    group: TEAM_GROUP,
    auth: AUTHENTICATED,
    all: EVERYONE,
  })[grantee];

export type Level = 'bucket' | 'collection' | 'group' | 'record';

/**
 * A tree: bucket `id` holding collection `c` (with record `r`) and group `g`, all created by
 * `owner`, with at most one grant (`permission` to `principal` on the node at `level`).
 */
export interface TreeSpec {
  readonly id: string;
  readonly owner: User;
  readonly grant?: { readonly level: Level; readonly permission: string; readonly principal: string };
  /** Created through `/buckets/default` (the owner's personal bucket). */
  readonly viaDefault?: boolean;
}

const SHORT: Readonly<Record<string, string>> = {
  read: 'read',
  write: 'write',
  'collection:create': 'ccreate',
  'group:create': 'gcreate',
  'record:create': 'rcreate',
};
const LEVEL_PREFIX: Readonly<Record<Level, string>> = {
  bucket: 'bkt',
  collection: 'col',
  group: 'grp',
  record: 'rec',
};
/** The permissions each level can grant (permissions.md §3.1). */
export const LEVEL_PERMISSIONS: Readonly<Record<Level, readonly string[]>> = {
  bucket: ['read', 'write', 'collection:create', 'group:create'],
  collection: ['read', 'write', 'record:create'],
  group: ['read', 'write'],
  record: ['read', 'write'],
};

/** Every (level, permission, grantee) once, plus an ungranted tree and bob's personal bucket. */
export const TREES: readonly TreeSpec[] = [
  { id: 'none', owner: 'alice' },
  ...(Object.keys(LEVEL_PERMISSIONS) as Level[]).flatMap((level) =>
    LEVEL_PERMISSIONS[level]!.flatMap((permission) =>
      GRANTEES.map(
        (grantee): TreeSpec => ({
          id: `${LEVEL_PREFIX[level]}-${SHORT[permission]}-${grantee}`,
          owner: 'alice',
          grant: { level, permission, principal: granteePrincipal(grantee, 'alice') },
        }),
      ),
    ),
  ),
  {
    id: defaultBucketId(HMAC_SECRET, 'account:bob'),
    owner: 'bob',
    grant: { level: 'collection', permission: 'read', principal: granteePrincipal('user', 'bob') },
    viaDefault: true,
  },
];

/** A display name for a tree (bob's personal bucket id is a UUID). */
export const treeName = (tree: TreeSpec) => (tree.viaDefault ? `${tree.owner}-default` : tree.id);

/** The objects of a tree, in creation order, with their bodies. */
export function treeObjects(
  tree: TreeSpec,
): { resource: ResourceName; uri: string; data: Record<string, unknown>; permissions: Permissions }[] {
  const b = tree.id;
  const granted = (level: Level): Permissions =>
    tree.grant?.level === level ? { [tree.grant.permission]: [tree.grant.principal] } : {};
  return [
    { resource: 'bucket', uri: uris.bucket(b), data: {}, permissions: granted('bucket') },
    { resource: 'collection', uri: uris.collection(b, 'c'), data: {}, permissions: granted('collection') },
    { resource: 'group', uri: uris.group(b, 'g'), data: { members: [] }, permissions: granted('group') },
    {
      resource: 'record',
      uri: uris.record(b, 'c', 'r'),
      data: { title: 'r' },
      permissions: granted('record'),
    },
  ];
}

/** An account `id` created anonymously with `permissions` (its owner always gets `write`). */
export interface AccountSpec {
  readonly id: string;
  readonly permissions: Permissions;
}

/** Accounts that shared themselves: read or write, with each kind of principal. */
export const SHARED_ACCOUNTS: readonly AccountSpec[] = [
  { id: 'acc-none', permissions: {} },
  ...['read', 'write'].flatMap((permission) =>
    GRANTEES.map((grantee) => ({
      id: `acc-${permission}-${grantee}`,
      permissions: { [permission]: [granteePrincipal(grantee, 'alice')] },
    })),
  ),
];

/** The oracle's state for the world as seeded (`seedWorld` produces the same on the server). */
export function planWorld(): KintoState {
  const state = new KintoState({ ...KINTO_DEFAULTS, ...SUITE_SETTINGS });
  for (const user of USERS)
    state.create('account', uris.account(user), { password: '…' }, {}, `account:${user}`);
  for (const account of SHARED_ACCOUNTS) {
    state.create(
      'account',
      uris.account(account.id),
      { password: '…' },
      account.permissions,
      `account:${account.id}`,
    );
  }
  state.create('bucket', uris.bucket(TEAM_BUCKET), {}, {}, 'account:alice');
  state.create('group', TEAM_GROUP, { members: ['account:carol'] }, {}, 'account:alice');
  for (const user of ['alice', 'carol', 'dave'] as const) {
    state.create(
      'bucket',
      uris.bucket(defaultBucketId(HMAC_SECRET, `account:${user}`)),
      {},
      {},
      `account:${user}`,
    );
  }
  for (const tree of TREES) addTree(state, tree);
  return state;
}

/** Records the creation of a tree's objects in the oracle's state. */
export function addTree(state: KintoState, tree: TreeSpec): void {
  for (const object of treeObjects(tree)) {
    state.create(object.resource, object.uri, object.data, object.permissions, `account:${tree.owner}`);
  }
}
