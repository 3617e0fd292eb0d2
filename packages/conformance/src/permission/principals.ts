import { AUTHENTICATED } from '@core/contracts';
import { expect } from 'vitest';
import { definePermissionGroup } from './options.ts';

const EDITORS = '/buckets/blog/groups/editors';
const READERS = '/buckets/blog/groups/readers';

/** The user → extra principals mapping (group memberships). */
export const permissionPrincipalsGroup = definePermissionGroup('permission: user principals', (test) => {
  test('F-PRIN-01 a principal added to a user is returned for that user only', async (p) => {
    await p.addUserPrincipal('account:alice', EDITORS);
    expect(await p.getUserPrincipals('account:alice')).toEqual([EDITORS]);
    expect(await p.getUserPrincipals('account:bob')).toEqual([]);
  });

  test('F-PRIN-01 adding the same principal twice stores it once', async (p) => {
    await p.addUserPrincipal('account:alice', EDITORS);
    await p.addUserPrincipal('account:alice', EDITORS);
    expect(await p.getUserPrincipals('account:alice')).toEqual([EDITORS]);
  });

  test('F-PRIN-01 removeUserPrincipal removes only that principal of that user', async (p) => {
    await p.addUserPrincipal('account:alice', EDITORS);
    await p.addUserPrincipal('account:alice', READERS);
    await p.addUserPrincipal('account:bob', EDITORS);
    await p.removeUserPrincipal('account:alice', EDITORS);
    expect(await p.getUserPrincipals('account:alice')).toEqual([READERS]);
    expect(await p.getUserPrincipals('account:bob')).toEqual([EDITORS]);
  });

  test('F-PRIN-01 removing an absent principal is a no-op; removing all leaves none', async (p) => {
    await p.addUserPrincipal('account:alice', READERS);
    await p.removeUserPrincipal('account:alice', EDITORS);
    await p.removeUserPrincipal('account:nobody', EDITORS);
    expect(await p.getUserPrincipals('account:alice')).toEqual([READERS]);
    await p.removeUserPrincipal('account:alice', READERS);
    expect(await p.getUserPrincipals('account:alice')).toEqual([]);
  });

  test('F-PRIN-01 removePrincipal takes the principal from every user', async (p) => {
    await p.addUserPrincipal('account:alice', EDITORS);
    await p.addUserPrincipal('account:bob', EDITORS);
    await p.addUserPrincipal('account:bob', READERS);
    await p.addUserPrincipal(AUTHENTICATED, EDITORS);
    await p.removePrincipal(EDITORS);
    await p.removePrincipal('/buckets/blog/groups/unknown');
    expect(await p.getUserPrincipals('account:alice')).toEqual([]);
    expect(await p.getUserPrincipals('account:bob')).toEqual([READERS]);
    expect(await p.getUserPrincipals(AUTHENTICATED)).toEqual([]);
  });

  test('F-PRIN-01 a principal removed everywhere can be given again', async (p) => {
    await p.addUserPrincipal('account:alice', EDITORS);
    await p.removePrincipal(EDITORS);
    await p.addUserPrincipal('account:bob', EDITORS);
    expect(await p.getUserPrincipals('account:alice')).toEqual([]);
    expect(await p.getUserPrincipals('account:bob')).toEqual([EDITORS]);
    await p.removePrincipal(EDITORS);
    expect(await p.getUserPrincipals('account:bob')).toEqual([]);
  });

  test('F-PRIN-01 principals given to system.Authenticated apply to every user', async (p) => {
    await p.addUserPrincipal(AUTHENTICATED, READERS);
    expect(await p.getUserPrincipals('account:alice')).toEqual([READERS]);
    expect(await p.getUserPrincipals('basicauth:0f1e')).toEqual([READERS]);
  });

  test('F-PRIN-01 a user gets its own principals and system.Authenticated ones, sorted, once', async (p) => {
    await p.addUserPrincipal('account:alice', READERS);
    await p.addUserPrincipal('account:alice', EDITORS);
    await p.addUserPrincipal(AUTHENTICATED, READERS);
    await p.addUserPrincipal(AUTHENTICATED, '/buckets/a/groups/all');
    expect(await p.getUserPrincipals('account:alice')).toEqual(['/buckets/a/groups/all', EDITORS, READERS]);
  });

  test('F-PRIN-01 removing a membership of system.Authenticated removes it for every user', async (p) => {
    await p.addUserPrincipal(AUTHENTICATED, READERS);
    await p.removeUserPrincipal(AUTHENTICATED, READERS);
    expect(await p.getUserPrincipals('account:alice')).toEqual([]);
  });

  test('F-PRIN-01 unicode user ids and principals, in code-point order', async (p) => {
    await p.addUserPrincipal('account:zoë', '/buckets/b/groups/\u{1F600}');
    await p.addUserPrincipal('account:zoë', '/buckets/b/groups/\uFFFD');
    await p.addUserPrincipal('account:zoë', '/buckets/b/groups/é');
    expect(await p.getUserPrincipals('account:zoë')).toEqual([
      '/buckets/b/groups/é',
      '/buckets/b/groups/\uFFFD',
      '/buckets/b/groups/\u{1F600}',
    ]);
    expect(await p.getUserPrincipals('account:zoe')).toEqual([]);
  });

  test('F-PRIN-01 the returned list is a copy', async (p) => {
    await p.addUserPrincipal('account:alice', EDITORS);
    const principals = await p.getUserPrincipals('account:alice');
    principals.push(READERS);
    principals.shift();
    expect(await p.getUserPrincipals('account:alice')).toEqual([EDITORS]);
  });

  test('F-PRIN-01 user principals and ACEs are separate', async (p) => {
    await p.addUserPrincipal('account:alice', EDITORS);
    await p.addPrincipalToAce('account:alice', 'read', READERS);
    expect(await p.getUserPrincipals('account:alice')).toEqual([EDITORS]);
    expect(await p.getObjectPermissions('account:alice')).toEqual({ read: [READERS] });
    await p.removePrincipal(READERS);
    expect(await p.getObjectPermissions('account:alice')).toEqual({ read: [READERS] });
  });
});
