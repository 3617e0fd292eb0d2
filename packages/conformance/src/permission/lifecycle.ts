import { expect } from 'vitest';
import { definePermissionGroup } from './options.ts';

/** Name, schema, heartbeat and flush. */
export const permissionLifecycleGroup = definePermissionGroup('permission: lifecycle', (test) => {
  test('F-TK-PERM the backend has a name', async (p) => {
    expect(typeof p.name).toBe('string');
    expect(p.name.length).toBeGreaterThan(0);
  });

  test('F-TK-PERM initializeSchema is idempotent and keeps the data', async (p) => {
    await p.addPrincipalToAce('/buckets/b', 'read', 'account:alice');
    await p.initializeSchema();
    await p.initializeSchema();
    await p.initializeSchema({ dryRun: true });
    expect(await p.getObjectPermissions('/buckets/b')).toEqual({ read: ['account:alice'] });
  });

  test('F-TK-PERM heartbeat resolves true and leaves no trace', async (p) => {
    expect(await p.heartbeat()).toBe(true);
    expect((await p.getAccessibleObjects(['__heartbeat__', 'system.Everyone'])).size).toBe(0);
    expect(await p.getUserPrincipals('__heartbeat__')).toEqual([]);
  });

  test('F-TK-PERM flush deletes every ACE and every user principal', async (p) => {
    await p.addPrincipalToAce('/buckets/b', 'read', 'account:alice');
    await p.addUserPrincipal('account:alice', '/buckets/b/groups/g');
    await p.addUserPrincipal('system.Authenticated', '/buckets/b/groups/all');
    await p.flush();
    expect(await p.getObjectPermissions('/buckets/b')).toEqual({});
    expect(await p.getUserPrincipals('account:alice')).toEqual([]);
    expect((await p.getAccessibleObjects(['account:alice'])).size).toBe(0);
    expect(await p.checkPermission(['account:alice'], [['/buckets/b', 'read']])).toBe(false);
    await p.addPrincipalToAce('/buckets/c', 'read', 'account:alice');
    expect([...(await p.getAccessibleObjects(['account:alice'])).keys()]).toEqual(['/buckets/c']);
  });
});
