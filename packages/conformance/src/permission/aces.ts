import { expect } from 'vitest';
import { definePermissionGroup } from './options.ts';

const OBJ = '/buckets/b/collections/c/records/r1';

/** Adding, removing, reading and replacing the ACEs of single objects. */
export const permissionAcesGroup = definePermissionGroup('permission: ACEs', (test) => {
  test('F-TK-PERM a principal added to an ACE is returned for that object and permission', async (p) => {
    await p.addPrincipalToAce(OBJ, 'write', 'account:alice');
    expect(await p.getObjectPermissionPrincipals(OBJ, 'write')).toEqual(['account:alice']);
    expect(await p.getObjectPermissionPrincipals(OBJ, 'read')).toEqual([]);
    expect(await p.getObjectPermissionPrincipals(`${OBJ}/x`, 'write')).toEqual([]);
  });

  test('F-TK-PERM adding the same principal twice stores it once', async (p) => {
    await p.addPrincipalToAce(OBJ, 'write', 'account:alice');
    await p.addPrincipalToAce(OBJ, 'write', 'account:alice');
    expect(await p.getObjectPermissionPrincipals(OBJ, 'write')).toEqual(['account:alice']);
    expect(await p.getObjectPermissions(OBJ)).toEqual({ write: ['account:alice'] });
  });

  test('F-TK-PERM removePrincipalFromAce removes only that principal', async (p) => {
    await p.addPrincipalToAce(OBJ, 'write', 'account:alice');
    await p.addPrincipalToAce(OBJ, 'write', 'account:bob');
    await p.addPrincipalToAce(OBJ, 'read', 'account:alice');
    await p.removePrincipalFromAce(OBJ, 'write', 'account:alice');
    expect(await p.getObjectPermissions(OBJ)).toEqual({ write: ['account:bob'], read: ['account:alice'] });
  });

  test('F-TK-PERM removing the last principal empties the ACE and drops the permission', async (p) => {
    await p.addPrincipalToAce(OBJ, 'write', 'account:alice');
    await p.removePrincipalFromAce(OBJ, 'write', 'account:alice');
    expect(await p.getObjectPermissionPrincipals(OBJ, 'write')).toEqual([]);
    expect(await p.getObjectPermissions(OBJ)).toEqual({});
    expect(await p.getObjectsPermissions([OBJ])).toEqual([{}]);
  });

  test('F-TK-PERM removing an absent principal is a no-op', async (p) => {
    await p.addPrincipalToAce(OBJ, 'write', 'account:bob');
    await p.removePrincipalFromAce(OBJ, 'write', 'account:alice');
    await p.removePrincipalFromAce(OBJ, 'read', 'account:bob');
    await p.removePrincipalFromAce('/buckets/unknown', 'read', 'account:bob');
    expect(await p.getObjectPermissions(OBJ)).toEqual({ write: ['account:bob'] });
  });

  test('F-TK-PERM principal lists are sorted in code-point order and free of duplicates', async (p) => {
    for (const principal of ['b', '\u{1F600}', 'a', 'é', '\uFFFD', 'B', 'a']) {
      await p.addPrincipalToAce(OBJ, 'read', principal);
    }
    const expected = ['B', 'a', 'b', 'é', '\uFFFD', '\u{1F600}'];
    expect(await p.getObjectPermissionPrincipals(OBJ, 'read')).toEqual(expected);
    expect(await p.getObjectPermissions(OBJ)).toEqual({ read: expected });
    expect(await p.getObjectsPermissions([OBJ])).toEqual([{ read: expected }]);
    expect(await p.getAuthorizedPrincipals([[OBJ, 'read']])).toEqual(expected);
  });

  test('F-TK-PERM getObjectPermissions returns every ACE of that object only', async (p) => {
    await p.addPrincipalToAce('/url/a/id/1', 'write', 'user1');
    await p.addPrincipalToAce('/url/a/id/1', 'write', 'user2');
    await p.addPrincipalToAce('/url/a/id/1', 'read', 'user3');
    await p.addPrincipalToAce('/url/a/id/1', 'obj:del', 'user1');
    await p.addPrincipalToAce('/url/a/id/1/sub', 'create', 'me');
    await p.addPrincipalToAce('/url/a/id/10', 'create', 'me');
    await p.addPrincipalToAce('/url/a/id', 'create', 'me');
    expect(await p.getObjectPermissions('/url/a/id/1')).toEqual({
      write: ['user1', 'user2'],
      read: ['user3'],
      'obj:del': ['user1'],
    });
  });

  test('F-TK-PERM getObjectPermissions of an object without ACE is empty', async (p) => {
    expect(await p.getObjectPermissions('abc')).toEqual({});
    expect(await p.getObjectPermissionPrincipals('abc', 'read')).toEqual([]);
  });

  test('F-TK-PERM object ids and permission names containing ":" never collide', async (p) => {
    await p.addPrincipalToAce('/x:y', 'read', 'account:alice');
    await p.addPrincipalToAce('/x', 'y:read', 'account:bob');
    expect(await p.getObjectPermissions('/x:y')).toEqual({ read: ['account:alice'] });
    expect(await p.getObjectPermissions('/x')).toEqual({ 'y:read': ['account:bob'] });
    expect(await p.getObjectPermissionPrincipals('/x', 'y:read')).toEqual(['account:bob']);
    expect(await p.getObjectPermissionPrincipals('/x:y', 'read')).toEqual(['account:alice']);
  });

  test('F-TK-PERM unicode object ids and principals round-trip', async (p) => {
    const id = '/buckets/café/collections/日本/records/\u{1F600}';
    await p.addPrincipalToAce(id, 'read', 'account:zoë');
    await p.addPrincipalToAce(id, 'read', 'account:\u{1F47E}');
    expect(await p.getObjectPermissions(id)).toEqual({ read: ['account:zoë', 'account:\u{1F47E}'] });
    expect(await p.getObjectPermissions('/buckets/cafe/collections/日本/records/\u{1F600}')).toEqual({});
  });

  test('F-TK-PERM getObjectsPermissions answers in the order of the ids, {} for unknown ones', async (p) => {
    await p.addPrincipalToAce('/url/a/id/1', 'write', 'user1');
    await p.addPrincipalToAce('/url/a/id/3', 'read', 'user3');
    expect(await p.getObjectsPermissions(['/url/a/id/3', '/abc', '/url/a/id/1', '/url/a/id/3'])).toEqual([
      { read: ['user3'] },
      {},
      { write: ['user1'] },
      { read: ['user3'] },
    ]);
    expect(await p.getObjectsPermissions([])).toEqual([]);
  });

  test('F-TK-PERM getObjectsPermissions with permissions returns only those permissions', async (p) => {
    await p.addPrincipalToAce('/url/a/id/1', 'write', 'user1');
    await p.addPrincipalToAce('/url/a/id/1', 'write', 'user2');
    await p.addPrincipalToAce('/url/a/id/1', 'read', 'user3');
    await p.addPrincipalToAce('/url/a/id/1', 'create', 'user1');
    await p.addPrincipalToAce('/url/a/id/2', 'create', 'user1');
    expect(await p.getObjectsPermissions(['/url/a/id/1', '/url/a/id/2'], ['write', 'read'])).toEqual([
      { write: ['user1', 'user2'], read: ['user3'] },
      {},
    ]);
    expect(await p.getObjectsPermissions(['/url/a/id/1'], ['read', 'missing'])).toStrictEqual([
      { read: ['user3'] },
    ]);
  });

  test('F-PERM-07 replaceObjectPermissions replaces the listed permissions and adds new ones', async (p) => {
    const id = '/url/a/id/1';
    await p.addPrincipalToAce(id, 'write', 'user1');
    await p.addPrincipalToAce(id, 'write', 'user2');
    await p.addPrincipalToAce(id, 'read', 'user3');
    await p.addPrincipalToAce(id, 'update', 'user1');
    await p.addPrincipalToAce(id, 'obj:del', 'user1');
    await p.replaceObjectPermissions(id, {
      write: ['user1'],
      read: ['user2'],
      update: [],
      'obj:del': ['user1'],
      new: ['user3'],
    });
    expect(await p.getObjectPermissions(id)).toEqual({
      write: ['user1'],
      read: ['user2'],
      'obj:del': ['user1'],
      new: ['user3'],
    });
  });

  test('F-PERM-07 replaceObjectPermissions keeps the permissions it does not name', async (p) => {
    const id = '/url/a/id/1';
    await p.addPrincipalToAce(id, 'write', 'user1');
    await p.addPrincipalToAce(id, 'write', 'user2');
    await p.addPrincipalToAce(id, 'read', 'user3');
    await p.addPrincipalToAce(id, 'obj:del', 'user1');
    await p.replaceObjectPermissions(id, { write: ['user1'], new: ['user2'] });
    expect(await p.getObjectPermissions(id)).toEqual({
      write: ['user1'],
      read: ['user3'],
      new: ['user2'],
      'obj:del': ['user1'],
    });
  });

  test('F-PERM-07 replaceObjectPermissions with an empty list removes that permission only', async (p) => {
    const id = '/url/a/id/1';
    await p.addPrincipalToAce(id, 'write', 'user1');
    await p.addPrincipalToAce(id, 'read', 'user2');
    await p.replaceObjectPermissions(id, { write: [] });
    expect(await p.getObjectPermissions(id)).toEqual({ read: ['user2'] });
    expect(await p.getObjectPermissionPrincipals(id, 'write')).toEqual([]);
    await p.replaceObjectPermissions(id, { read: [] });
    expect(await p.getObjectPermissions(id)).toEqual({});
  });

  test('F-PERM-07 replaceObjectPermissions with {} changes nothing', async (p) => {
    await p.addPrincipalToAce('/url/a/id/1', 'write', 'user1');
    await p.replaceObjectPermissions('/url/a/id/1', {});
    expect(await p.getObjectPermissions('/url/a/id/1')).toEqual({ write: ['user1'] });
  });

  test('F-PERM-07 replaceObjectPermissions de-duplicates and sorts the principals given', async (p) => {
    await p.replaceObjectPermissions('/url/a/id/1', { write: ['user2', 'user1', 'user2', 'user1'] });
    expect(await p.getObjectPermissions('/url/a/id/1')).toEqual({ write: ['user1', 'user2'] });
  });

  test('F-PERM-07 replaceObjectPermissions on an object without ACE creates them (empty lists give none)', async (p) => {
    await p.replaceObjectPermissions('/url/a/id/1', { write: ['user1'], read: [] });
    expect(await p.getObjectPermissions('/url/a/id/1')).toEqual({ write: ['user1'] });
    await p.replaceObjectPermissions('/url/a/id/2', { write: [] });
    expect(await p.getObjectPermissions('/url/a/id/2')).toEqual({});
  });

  test('F-PERM-07 replaceObjectPermissions touches no other object', async (p) => {
    await p.addPrincipalToAce('/url/a/id/10', 'write', 'user9');
    await p.addPrincipalToAce('/url/a/id/1/sub', 'write', 'user9');
    await p.addPrincipalToAce('/url/a/id', 'write', 'user9');
    await p.replaceObjectPermissions('/url/a/id/1', { write: ['user1'] });
    await p.replaceObjectPermissions('/url/a/id/1', { write: [] });
    for (const id of ['/url/a/id/10', '/url/a/id/1/sub', '/url/a/id']) {
      expect(await p.getObjectPermissions(id)).toEqual({ write: ['user9'] });
    }
  });

  test('F-TK-PERM returned lists and records are copies', async (p) => {
    await p.addPrincipalToAce(OBJ, 'write', 'account:alice');
    const principals = await p.getObjectPermissionPrincipals(OBJ, 'write');
    principals.push('account:mallory');
    const perms = await p.getObjectPermissions(OBJ);
    perms.write?.push('account:mallory');
    perms.read = ['account:mallory'];
    const [many] = await p.getObjectsPermissions([OBJ]);
    many?.write?.splice(0);
    const authorized = await p.getAuthorizedPrincipals([[OBJ, 'write']]);
    authorized.push('account:mallory');
    expect(await p.getObjectPermissions(OBJ)).toEqual({ write: ['account:alice'] });
    expect(await p.checkPermission(['account:mallory'], [[OBJ, 'write']])).toBe(false);
  });

  test('F-TK-PERM arrays passed in are not kept by reference', async (p) => {
    const principals = ['account:alice'];
    await p.replaceObjectPermissions(OBJ, { write: principals });
    principals.push('account:mallory');
    expect(await p.getObjectPermissionPrincipals(OBJ, 'write')).toEqual(['account:alice']);
  });
});
