import { basicUserId, type KintoAppOptions, kintoApp } from './kinto-app.ts';

/** The actors of the authorization tests. */
export const ACTORS = ['anonymous', 'stranger', 'owner', 'member', 'other'] as const;
/** One of {@link ACTORS}. */
export type Actor = (typeof ACTORS)[number];

/** Basic Auth usernames of the actors (`null` = anonymous). */
export const USERNAMES: Readonly<Record<Actor, string | null>> = {
  anonymous: null,
  stranger: 'carol',
  owner: 'alice',
  member: 'bob',
  other: 'dave',
};

/**
 * Test support: bucket `b` created by the owner, readable by group `g` (whose member is `member`);
 * collection `c` writable by `g`; group `g`; records `r` (readable by `other`) and `r2`.
 */
export async function kintoScenario(options: KintoAppOptions = {}) {
  const harness = kintoApp(options);
  const { call } = harness;
  const ids = {
    owner: await basicUserId('alice'),
    member: await basicUserId('bob'),
    other: await basicUserId('dave'),
    stranger: await basicUserId('carol'),
  };
  const owner = 'alice';
  const steps = [
    await call('PUT', '/buckets/b', {
      user: owner,
      body: { permissions: { read: ['/buckets/b/groups/g'] } },
    }),
    await call('PUT', '/buckets/b/groups/g', { user: owner, body: { data: { members: [ids.member] } } }),
    await call('PUT', '/buckets/b/collections/c', {
      user: owner,
      body: { permissions: { write: ['/buckets/b/groups/g'] } },
    }),
    await call('PUT', '/buckets/b/collections/c/records/r', {
      user: owner,
      body: { data: { title: 'shared' }, permissions: { read: [ids.other] } },
    }),
    await call('PUT', '/buckets/b/collections/c/records/r2', {
      user: owner,
      body: { data: { title: 'private' } },
    }),
  ];
  for (const step of steps)
    if (step.status !== 201) throw new Error(`setup failed: ${JSON.stringify(step.json)}`);

  /** Everything stored: objects of every list and every ACE and membership of the scenario. */
  async function snapshot() {
    const { storage, permission } = harness.backends;
    const scopes = [
      { resource: 'bucket', parent: '' },
      { resource: 'collection', parent: '/buckets/b' },
      { resource: 'group', parent: '/buckets/b' },
      { resource: 'record', parent: '/buckets/b/collections/c' },
    ];
    const objects = await Promise.all(
      scopes.map((scope) => storage.listAll(scope, { includeDeleted: true })),
    );
    const uris = [
      '/buckets/b',
      '/buckets/b/groups/g',
      '/buckets/b/collections/c',
      '/buckets/b/collections/c/records/r',
      '/buckets/b/collections/c/records/r2',
    ];
    return {
      objects,
      acls: await permission.getObjectsPermissions(uris),
      memberships: await permission.getUserPrincipals(ids.member),
    };
  }
  return { ...harness, ids, snapshot };
}
