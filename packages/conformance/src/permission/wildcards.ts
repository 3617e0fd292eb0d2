import type { PermissionBackend } from '@core/contracts';
import { expect } from 'vitest';
import { definePermissionGroup } from './options.ts';

async function seed(p: PermissionBackend, ids: readonly string[]): Promise<void> {
  for (const id of ids) {
    await p.addPrincipalToAce(id, 'write', 'account:alice');
    await p.addPrincipalToAce(id, 'read', 'system.Everyone');
  }
}

async function withAces(p: PermissionBackend, ids: readonly string[]): Promise<string[]> {
  const aces = await p.getObjectsPermissions(ids);
  return ids.filter((_, i) => Object.keys(aces[i] ?? {}).length > 0);
}

/** `deleteObjectPermissions`: plain ids, `/*` descendants and prefix safety. */
export const permissionWildcardsGroup = definePermissionGroup('permission: deleting ACEs', (test) => {
  test('F-PERM-07 deleteObjectPermissions removes every ACE of the given objects only', async (p) => {
    await p.addPrincipalToAce('/url/a/id/1', 'write', 'user1');
    await p.addPrincipalToAce('/url/a/id/1', 'write', 'user2');
    await p.addPrincipalToAce('/url/a/id/1', 'read', 'user3');
    await p.addPrincipalToAce('/url/a/id/1', 'create', 'user1');
    await p.addPrincipalToAce('/url/a/id/2', 'create', 'user3');
    await p.addPrincipalToAce('/url/a/id/3', 'create', 'user4');
    await p.deleteObjectPermissions(['/url/a/id/1', '/url/a/id/2']);
    expect(await p.getObjectPermissions('/url/a/id/1')).toEqual({});
    expect(await p.getObjectPermissions('/url/a/id/2')).toEqual({});
    expect(await p.getObjectPermissions('/url/a/id/3')).toEqual({ create: ['user4'] });
  });

  test('F-PERM-07 deleteObjectPermissions with no id is a no-op', async (p) => {
    await seed(p, ['/buckets/a']);
    await p.deleteObjectPermissions([]);
    await p.deleteObjectPermissions(['/buckets/unknown', '/buckets/unknown/*']);
    expect(await withAces(p, ['/buckets/a'])).toEqual(['/buckets/a']);
  });

  test('F-PERM-07 a plain id removes that object only, not its descendants', async (p) => {
    const ids = ['/buckets/a', '/buckets/a/collections/c', '/buckets/ab'];
    await seed(p, ids);
    await p.deleteObjectPermissions(['/buckets/a']);
    expect(await withAces(p, ids)).toEqual(['/buckets/a/collections/c', '/buckets/ab']);
  });

  test('F-PERM-07 an id ending in "/*" removes every descendant', async (p) => {
    const descendants = [
      '/buckets/a/collections/c',
      '/buckets/a/collections/c/records/r',
      '/buckets/a/groups/g',
      '/buckets/a/collections/c/records/r/deep/er',
    ];
    await seed(p, descendants);
    await p.deleteObjectPermissions(['/buckets/a/*']);
    expect(await withAces(p, descendants)).toEqual([]);
    expect((await p.getAccessibleObjects(['account:alice'])).size).toBe(0);
    expect(await p.getAuthorizedPrincipals([['/buckets/a/groups/g', 'write']])).toEqual([]);
  });

  test('F-PERM-07 "/buckets/a/*" never touches /buckets/ab or its children (prefix safety)', async (p) => {
    const others = [
      '/buckets/ab',
      '/buckets/ab/collections/c',
      '/buckets/ab/collections/c/records/r',
      '/buckets/b/collections/a',
      '/buckets/a-b/collections/c',
      '/buckets/A/collections/c',
      '/x/buckets/a/collections/c',
    ];
    await seed(p, [...others, '/buckets/a/collections/c']);
    await p.deleteObjectPermissions(['/buckets/a/*']);
    expect(await withAces(p, others)).toEqual(others);
    expect(await p.getObjectPermissions('/buckets/ab/collections/c')).toEqual({
      write: ['account:alice'],
      read: ['system.Everyone'],
    });
    expect(await withAces(p, ['/buckets/a/collections/c'])).toEqual([]);
  });

  test('F-PERM-07 "*" other than a trailing "/*" is a literal character', async (p) => {
    const ids = ['/buckets/a', '/buckets/ab', '/buckets/a/collections/c', '/buckets/a*', '/buckets/*'];
    await seed(p, ids);
    await p.deleteObjectPermissions(['/buckets/a*']);
    expect(await withAces(p, ids)).toEqual([
      '/buckets/a',
      '/buckets/ab',
      '/buckets/a/collections/c',
      '/buckets/*',
    ]);
    await p.deleteObjectPermissions(['*']);
    expect(await withAces(p, ids)).toEqual([
      '/buckets/a',
      '/buckets/ab',
      '/buckets/a/collections/c',
      '/buckets/*',
    ]);
  });

  test('F-PERM-07 regex metacharacters in deleted ids match themselves only', async (p) => {
    const kept = ['/buckets/axb/collections/c', '/buckets/aa/collections/c', '/buckets/a/collections/c'];
    const gone = ['/buckets/a.b/collections/c', '/buckets/a+/collections/c', '/buckets/(/collections/c'];
    await seed(p, [...kept, ...gone, '/buckets/[a]']);
    await p.deleteObjectPermissions(['/buckets/a.b/*', '/buckets/a+/*', '/buckets/(/*', '/buckets/[a]']);
    expect(await withAces(p, [...kept, ...gone, '/buckets/[a]'])).toEqual(kept);
  });

  test('F-PERM-07 unicode ids with "/*"', async (p) => {
    const ids = [
      '/buckets/café/collections/c',
      '/buckets/cafés/collections/c',
      '/buckets/cafe/collections/c',
    ];
    await seed(p, ids);
    await p.deleteObjectPermissions(['/buckets/café/*']);
    expect(await withAces(p, ids)).toEqual(['/buckets/cafés/collections/c', '/buckets/cafe/collections/c']);
  });

  test('F-PERM-07 plain ids and "/*" ids together (deleting a bucket)', async (p) => {
    const ids = [
      '/buckets/a',
      '/buckets/a/collections/c',
      '/buckets/a/groups/g',
      '/buckets/ab',
      '/buckets/b',
    ];
    await seed(p, ids);
    await p.deleteObjectPermissions(['/buckets/a', '/buckets/a/*']);
    expect(await withAces(p, ids)).toEqual(['/buckets/ab', '/buckets/b']);
  });

  test('F-PERM-07 ACEs can be given again after deletion', async (p) => {
    await seed(p, ['/buckets/a/collections/c']);
    await p.deleteObjectPermissions(['/buckets/a/*']);
    await p.addPrincipalToAce('/buckets/a/collections/c', 'read', 'account:bob');
    expect(await p.getObjectPermissions('/buckets/a/collections/c')).toEqual({ read: ['account:bob'] });
    expect([...(await p.getAccessibleObjects(['account:bob'])).keys()]).toEqual(['/buckets/a/collections/c']);
    expect((await p.getAccessibleObjects(['account:alice'])).size).toBe(0);
  });

  test('F-PERM-07 deleting ACEs leaves user principals alone', async (p) => {
    await p.addUserPrincipal('account:alice', '/buckets/a/groups/g');
    await seed(p, ['/buckets/a/groups/g']);
    await p.deleteObjectPermissions(['/buckets/a/*']);
    expect(await p.getUserPrincipals('account:alice')).toEqual(['/buckets/a/groups/g']);
  });
});
