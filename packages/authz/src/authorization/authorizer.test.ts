import type { PermissionOperations } from '@core/contracts';
import { DEFAULT_SETTINGS } from '@core/http-api';
import { createMemoryBackends } from '@core/storage-memory';
import { describe, expect, it } from 'vitest';
import { basicUserId, kintoApp } from '../testing/kinto-app.ts';
import { KINTO_RESOURCES, records } from '../testing/kinto-fixture.ts';
import { kintoScenario } from '../testing/kinto-scenario.ts';
import { createAuthorizer } from './create-authorizer.ts';

describe('principals', () => {
  it('F-PRIN-01 user id first, then system.Everyone, system.Authenticated and group URIs', async () => {
    const { call, ids } = await kintoScenario();
    const hello = await call('GET', '/', { user: 'bob' });
    expect(hello.json.user.principals).toEqual([
      ids.member,
      'system.Everyone',
      'system.Authenticated',
      '/buckets/b/groups/g',
    ]);
    expect((await call('GET', '/')).json.user).toBeUndefined();
  });

  it('F-PRIN-01 a group with system.Authenticated as member applies to every authenticated user', async () => {
    const { call, ids } = await kintoScenario();
    await call('PUT', '/buckets/b/groups/all', {
      user: 'alice',
      body: { data: { members: ['system.Authenticated'] } },
    });
    expect((await call('GET', '/', { user: 'zoe' })).json.user.principals).toContain('/buckets/b/groups/all');
    // Removing a member takes the group away at the next request.
    await call('PATCH', '/buckets/b/groups/g', { user: 'alice', body: { data: { members: [] } } });
    const bob = await call('GET', '/', { user: 'bob' });
    expect(bob.json.user.principals).not.toContain('/buckets/b/groups/g');
    expect((await call('GET', '/buckets/b', { user: 'bob' })).status).toBe(403);
    expect(ids.member).toMatch(/^basicauth:/);
  });
});

describe('permissions', () => {
  it('F-PERM-01 the creator and every writer are added to write; not with explicit_permissions = false', async () => {
    const { call, ids } = await kintoScenario();
    const created = await call('PUT', '/buckets/b/collections/c/records/new', { user: 'bob', body: {} });
    expect(created.json.permissions.write).toEqual([ids.member]);
    const patched = await call('PATCH', '/buckets/b/collections/c/records/r2', {
      user: 'bob',
      body: { data: { x: 1 } },
    });
    expect(patched.status).toBe(200);
    const acl = await call('GET', '/buckets/b/collections/c/records/r2', { user: 'alice' });
    expect(acl.json.permissions.write.sort()).toEqual([ids.owner, ids.member].sort());

    const implicit = kintoApp({ settings: { explicit_permissions: false } });
    expect((await implicit.call('PUT', '/buckets/x', { user: 'alice', body: {} })).status).toBe(201);
    // Nobody holds anything on it: even its creator is refused.
    expect((await implicit.call('GET', '/buckets/x', { user: 'alice' })).status).toBe(403);
  });

  it('F-PERM-02 collection:create on a bucket reads its attributes, not its collections', async () => {
    const { call } = await kintoScenario();
    await call('PATCH', '/buckets/b', {
      user: 'alice',
      body: { permissions: { 'collection:create': [await basicUserId('carol')] } },
    });
    expect((await call('GET', '/buckets/b', { user: 'carol' })).status).toBe(200);
    // Allowed to create collections: listing is allowed but restricted to what carol can read.
    const listed = await call('GET', '/buckets/b/collections', { user: 'carol' });
    expect([listed.status, listed.json.data]).toEqual([200, []]);
    expect((await call('GET', '/buckets/b/groups', { user: 'carol' })).status).toBe(403);
    expect(
      (await call('POST', '/buckets/b/collections', { user: 'carol', body: { data: { id: 'mine' } } }))
        .status,
    ).toBe(201);
    expect(
      (await call('POST', '/buckets/b/groups', { user: 'carol', body: { data: { id: 'mine' } } })).status,
    ).toBe(403);
    const mine = await call('GET', '/buckets/b/collections', { user: 'carol' });
    expect(mine.json.data.map((object: { id: string }) => object.id)).toEqual(['mine']);
  });

  it('F-PERM-02 record:create on a collection reads its attributes and creates, lists nothing else', async () => {
    const { call, ids } = await kintoScenario();
    await call('PATCH', '/buckets/b/collections/c', {
      user: 'alice',
      body: { permissions: { 'record:create': [ids.stranger] } },
    });
    expect((await call('GET', '/buckets/b/collections/c', { user: 'carol' })).status).toBe(200);
    expect((await call('GET', '/buckets/b', { user: 'carol' })).status).toBe(403);
    const listed = await call('GET', '/buckets/b/collections/c/records', { user: 'carol' });
    expect([listed.status, listed.json.data]).toEqual([200, []]);
    expect(
      (await call('PUT', '/buckets/b/collections/c/records/mine', { user: 'carol', body: {} })).status,
    ).toBe(201);
    expect((await call('GET', '/buckets/b/collections/c/records/r', { user: 'carol' })).status).toBe(403);
    const after = await call('GET', '/buckets/b/collections/c/records', { user: 'carol' });
    expect(after.json.data.map((object: { id: string }) => object.id)).toEqual(['mine']);
  });

  it('F-PERM-03 settings grant permissions on every object, checked before the backend', async () => {
    const readable = kintoApp({ settings: { bucket_read_principals: 'system.Everyone' } });
    await readable.call('PUT', '/buckets/b', { user: 'alice', body: {} });
    expect((await readable.call('GET', '/buckets')).json.data.map((b: { id: string }) => b.id)).toEqual([
      'b',
    ]);
    expect((await readable.call('GET', '/buckets/b')).status).toBe(200);
    expect((await readable.call('PATCH', '/buckets/b', { body: {} })).status).toBe(401);

    const closed = kintoApp({ settings: { bucket_create_principals: '' } });
    expect((await closed.call('PUT', '/buckets/b', { user: 'alice', body: {} })).status).toBe(403);
    expect((await closed.call('GET', '/buckets', { user: 'alice' })).status).toBe(403);

    const bob = await basicUserId('bob');
    const granted = kintoApp({
      settings: { collection_create_principals: [bob], record_write_principals: `x, ${bob}` },
    });
    await granted.call('PUT', '/buckets/b', { user: 'alice', body: {} });
    await granted.call('PUT', '/buckets/b/collections/c', { user: 'alice', body: {} });
    await granted.call('PUT', '/buckets/b/collections/c/records/r', { user: 'alice', body: {} });
    expect((await granted.call('PUT', '/buckets/b/collections/d', { user: 'bob', body: {} })).status).toBe(
      201,
    );
    expect(
      (await granted.call('PATCH', '/buckets/b/collections/c', { user: 'bob', body: { data: { x: 1 } } }))
        .status,
    ).toBe(403);
    expect(
      (
        await granted.call('PATCH', '/buckets/b/collections/c/records/r', {
          user: 'bob',
          body: { data: { x: 1 } },
        })
      ).status,
    ).toBe(200);
    // write implies read, also through settings.
    expect((await granted.call('GET', '/buckets/b/collections/c/records', { user: 'bob' })).status).toBe(200);
  });

  it('F-PERM-04 POST of an existing id asks read; PUT with If-None-Match: * asks create', async () => {
    const { call } = await kintoScenario();
    const existing = { data: { id: 'r' } };
    expect(
      (await call('POST', '/buckets/b/collections/c/records', { user: 'dave', body: existing })).status,
    ).toBe(200);
    expect(
      (await call('POST', '/buckets/b/collections/c/records', { user: 'carol', body: existing })).status,
    ).toBe(403);
    const safe = { 'If-None-Match': '*' };
    // dave may read r but not create: refused before the precondition reveals anything.
    expect(
      (await call('PUT', '/buckets/b/collections/c/records/r', { user: 'dave', body: {}, headers: safe }))
        .status,
    ).toBe(403);
    expect(
      (await call('PUT', '/buckets/b/collections/c/records/r', { user: 'bob', body: {}, headers: safe }))
        .status,
    ).toBe(412);
  });

  it('F-PERM-06 missing objects: 404 for who may read the parent, else 403/401; existence never leaks', async () => {
    const { call } = await kintoScenario();
    const missing = '/buckets/b/collections/c/records/nope';
    const get = await call('GET', missing, { user: 'bob' });
    expect([get.status, get.json.errno, get.json.details]).toEqual([
      404,
      110,
      { id: 'nope', resource_name: 'record' },
    ]);
    expect((await call('GET', missing, { user: 'carol' })).status).toBe(403);
    expect((await call('GET', missing)).status).toBe(401);
    for (const method of ['PATCH', 'DELETE']) {
      expect((await call(method, missing, { user: 'bob', body: {} })).status).toBe(404);
      expect((await call(method, missing, { user: 'dave', body: {} })).status).toBe(403);
      expect((await call(method, missing, { body: {} })).status).toBe(401);
    }
    expect((await call('GET', '/buckets/unknown/collections', { user: 'carol' })).status).toBe(403);
    expect((await call('GET', '/buckets/unknown/collections', { user: 'alice' })).status).toBe(403);
    expect((await call('GET', '/buckets/unknown', { user: 'alice' })).status).toBe(403);
    expect((await call('DELETE', '/buckets/unknown', { user: 'alice' })).status).toBe(403);
    // Same answer whether the object exists or not.
    expect((await call('GET', '/buckets/b', { user: 'carol' })).status).toBe(403);
    expect((await call('PUT', '/buckets/b/collections/new', { user: 'bob', body: {} })).status).toBe(403);
  });
});

describe('shared listing', () => {
  it('F-PERM-05 filters, sort, counts and pagination apply to the shared objects only', async () => {
    const { call, ids } = await kintoScenario();
    for (let n = 0; n < 10; n++) {
      await call('PUT', `/buckets/b/collections/c/records/n${n}`, {
        user: 'alice',
        body: { data: { n, even: n % 2 === 0 }, ...(n < 7 ? { permissions: { read: [ids.other] } } : {}) },
      });
    }
    const seen: number[] = [];
    let next: string | null = '/buckets/b/collections/c/records?even=true&_sort=-n&_limit=2';
    let pages = 0;
    while (next) {
      const page = await call('GET', next, { user: 'dave' });
      expect(page.status).toBe(200);
      seen.push(...page.json.data.map((record: { n: number }) => record.n));
      const link = page.headers.get('Next-Page');
      next = link ? link.slice(link.indexOf('/v1') + 3) : null;
      pages += 1;
    }
    expect(seen).toEqual([6, 4, 2, 0]);
    expect(pages).toBe(2);
    const head = await call('HEAD', '/buckets/b/collections/c/records', { user: 'dave' });
    expect(head.headers.get('Total-Objects')).toBe('8'); // n0..n6 and r
  });

  it('F-PERM-05 one getAccessibleObjects query computes the shared ids, never per-object checks', async () => {
    const backends = createMemoryBackends();
    const alice = 'basicauth:alice';
    for (const id of ['a', 'b', 'c']) {
      await backends.permission.addPrincipalToAce(`/buckets/x/collections/y/records/${id}`, 'read', alice);
    }
    await backends.permission.addPrincipalToAce('/buckets/x/collections/y/records/b/deep', 'read', alice);
    await backends.permission.addPrincipalToAce('/buckets/x/collections/yy/records/z', 'write', alice);
    const calls: string[] = [];
    const permission = new Proxy(backends.permission, {
      get(target, name, receiver) {
        const value = Reflect.get(target, name, receiver);
        return typeof value === 'function'
          ? (...args: unknown[]) => {
              calls.push(String(name));
              return value.apply(target, args);
            }
          : value;
      },
    }) as PermissionOperations;
    const authorizer = createAuthorizer({ resources: KINTO_RESOURCES });
    const decision = await authorizer.authorize({
      kind: 'list-read',
      caller: { userId: alice, principals: [alice, 'system.Everyone', 'system.Authenticated'] },
      resource: records,
      parentUri: '/buckets/x/collections/y',
      objectUri: null,
      settings: DEFAULT_SETTINGS,
      permission,
    });
    expect(decision).toEqual({ allowed: true, onlyIds: ['a', 'b', 'c'] });
    expect(calls).toEqual(['checkPermission', 'getAccessibleObjects']);
  });
});

describe('permission changes and cleanup', () => {
  it('F-PERM-07 PUT replaces, PATCH JSON replaces listed, merge-patch merges, JSON-Patch adds/removes', async () => {
    const { call, ids } = await kintoScenario();
    const uri = '/buckets/b/collections/c/records/r2';
    await call('PATCH', uri, { user: 'alice', body: { permissions: { read: [ids.other] } } });
    expect((await call('GET', uri, { user: 'dave' })).status).toBe(200);
    await call('PATCH', uri, {
      user: 'alice',
      headers: { 'Content-Type': 'application/merge-patch+json' },
      body: { permissions: { read: null } },
    });
    expect((await call('GET', uri, { user: 'dave' })).status).toBe(403);
    await call('PATCH', uri, {
      user: 'alice',
      headers: { 'Content-Type': 'application/json-patch+json' },
      body: [{ op: 'add', path: `/permissions/write/${ids.stranger}` }],
    });
    expect((await call('DELETE', uri, { user: 'carol' })).status).toBe(200);
    await call('PUT', uri, { user: 'alice', body: { data: {}, permissions: { read: [ids.stranger] } } });
    const acl = (await call('GET', uri, { user: 'alice' })).json.permissions;
    expect(acl).toEqual({ read: [ids.stranger], write: [ids.owner] });
    expect((await call('PATCH', uri, { user: 'carol', body: { data: { x: 1 } } })).status).toBe(403);
  });

  it('F-PERM-07 deleting a bucket removes its descendants, their ACEs and memberships', async () => {
    const { call, backends, ids } = await kintoScenario();
    expect((await call('DELETE', '/buckets/b', { user: 'alice' })).status).toBe(200);
    const left = await backends.permission.getAccessibleObjects([
      ids.owner,
      ids.member,
      ids.other,
      '/buckets/b/groups/g',
    ]);
    expect([...left.keys()]).toEqual([]);
    expect(await backends.permission.getUserPrincipals(ids.member)).toEqual([]);
    expect(
      await backends.storage.countAll({ resource: 'record', parent: '/buckets/b/collections/c' }, []),
    ).toBe(0);
    // Recreating the bucket grants nothing of the old ACEs.
    await call('PUT', '/buckets/b', { user: 'carol', body: {} });
    expect((await call('GET', '/buckets/b/collections/c/records/r', { user: 'dave' })).status).toBe(403);
  });

  it('F-PERM-07 deleting /buckets/a leaves /buckets/ab and its children intact (no prefix deletes)', async () => {
    const { call, backends } = kintoApp();
    for (const bucket of ['a', 'ab']) {
      await call('PUT', `/buckets/${bucket}`, { user: 'alice', body: {} });
      await call('PUT', `/buckets/${bucket}/collections/c`, { user: 'alice', body: {} });
      await call('PUT', `/buckets/${bucket}/collections/c/records/r`, { user: 'alice', body: {} });
      await call('PUT', `/buckets/${bucket}/groups/g`, { user: 'alice', body: { data: { members: ['x'] } } });
    }
    expect((await call('DELETE', '/buckets/a', { user: 'alice' })).status).toBe(200);
    const alice = await basicUserId('alice');
    const left = await backends.permission.getAccessibleObjects([alice]);
    expect([...left.keys()].sort()).toEqual([
      '/buckets/ab',
      '/buckets/ab/collections/c',
      '/buckets/ab/collections/c/records/r',
      '/buckets/ab/groups/g',
    ]);
    expect(await backends.permission.getUserPrincipals('x')).toEqual(['/buckets/ab/groups/g']);
    expect((await call('GET', '/buckets/ab/collections/c/records/r', { user: 'alice' })).status).toBe(200);
  });

  it('F-PERM-07 deleting a group or a collection cleans memberships and record ACEs', async () => {
    const { call, backends, ids } = await kintoScenario();
    await call('DELETE', '/buckets/b/groups/g', { user: 'alice' });
    expect(await backends.permission.getUserPrincipals(ids.member)).toEqual([]);
    await call('DELETE', '/buckets/b/collections/c', { user: 'alice' });
    expect(await backends.permission.getObjectPermissions('/buckets/b/collections/c/records/r')).toEqual({});
    expect(
      await backends.storage.countAll({ resource: 'record', parent: '/buckets/b/collections/c' }, []),
    ).toBe(0);
  });
});
