import { EVERYONE } from '@core/contracts';
import { expect } from 'vitest';
import { definePermissionGroup } from './options.ts';

type Accessible = Map<string, Set<string>>;

/** The map as a plain sorted record, for readable equality checks. */
function plain(accessible: Accessible): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  for (const id of [...accessible.keys()].sort()) result[id] = [...(accessible.get(id) ?? [])].sort();
  return result;
}

/** `getAccessibleObjects`: principals, bound (pattern, permission) pairs and `withChildren`. */
export const permissionAccessibleObjectsGroup = definePermissionGroup(
  'permission: accessible objects',
  (test) => {
    test('F-PERM-05 without bound, every object where the principals hold a permission', async (p) => {
      await p.addPrincipalToAce('id1', 'write', 'user1');
      await p.addPrincipalToAce('id1', 'record:create', 'group');
      await p.addPrincipalToAce('id2', 'read', 'user1');
      await p.addPrincipalToAce('id2', 'read', 'user2');
      await p.addPrincipalToAce('id3', 'write', 'user2');
      const accessible = await p.getAccessibleObjects(['user1', 'group']);
      expect(accessible).toBeInstanceOf(Map);
      expect(plain(accessible)).toEqual({ id1: ['record:create', 'write'], id2: ['read'] });
      expect(accessible.get('id1')).toBeInstanceOf(Set);
    });

    test('F-PERM-05 an empty bound list gives no object', async (p) => {
      await p.addPrincipalToAce('id1', 'write', 'user1');
      expect((await p.getAccessibleObjects(['user1', 'group'], [])).size).toBe(0);
    });

    test('F-PERM-05 no principal, or principals without ACE, give no object', async (p) => {
      await p.addPrincipalToAce('id1', 'write', 'user1');
      expect((await p.getAccessibleObjects([])).size).toBe(0);
      expect((await p.getAccessibleObjects(['user2'], [['*', 'write']])).size).toBe(0);
    });

    test('F-PERM-05 with bound, only the bound permissions are reported', async (p) => {
      await p.addPrincipalToAce('id1', 'write', 'user1');
      await p.addPrincipalToAce('id1', 'read', 'user1');
      await p.addPrincipalToAce('id1', 'read', 'group');
      await p.addPrincipalToAce('id2', 'write', 'user1');
      await p.addPrincipalToAce('id2', 'read', 'user2');
      await p.addPrincipalToAce('id2', 'read', 'group');
      await p.addPrincipalToAce('id3', 'read', 'user2');
      const accessible = await p.getAccessibleObjects(['user1', 'group'], [['*', 'read']]);
      expect(plain(accessible)).toEqual({ id1: ['read'], id2: ['read'] });
    });

    test('F-PERM-05 a "*" pattern matches within the id (*url1*)', async (p) => {
      await p.addPrincipalToAce('/url1/id', 'write', 'user1');
      await p.addPrincipalToAce('/url2/id', 'write', 'user1');
      const accessible = await p.getAccessibleObjects(['user1'], [['*url1*', 'write']]);
      expect(plain(accessible)).toEqual({ '/url1/id': ['write'] });
    });

    test('F-PERM-05 withChildren false: "*" matches one segment and the whole id', async (p) => {
      await p.addPrincipalToAce('/url1/id', 'write', 'user1');
      await p.addPrincipalToAce('/url1/id/sub', 'write', 'user1');
      await p.addPrincipalToAce('/a/url1/id', 'write', 'user1');
      await p.addPrincipalToAce('/url1/', 'write', 'user1');
      const accessible = await p.getAccessibleObjects(['user1'], [['/url1/*', 'write']], {
        withChildren: false,
      });
      expect(plain(accessible)).toEqual({ '/url1/id': ['write'] });
    });

    test('F-PERM-05 withChildren true (default): "*" also matches "/" and descendants', async (p) => {
      await p.addPrincipalToAce('/buckets/b', 'read', 'user1');
      await p.addPrincipalToAce('/buckets/b/collections/c', 'read', 'user1');
      await p.addPrincipalToAce('/buckets/b/collections/c/records/r', 'read', 'user1');
      await p.addPrincipalToAce('/accounts/a', 'read', 'user1');
      const expected = {
        '/buckets/b': ['read'],
        '/buckets/b/collections/c': ['read'],
        '/buckets/b/collections/c/records/r': ['read'],
      };
      expect(plain(await p.getAccessibleObjects(['user1'], [['/buckets/*', 'read']]))).toEqual(expected);
      expect(
        plain(await p.getAccessibleObjects(['user1'], [['/buckets/*', 'read']], { withChildren: true })),
      ).toEqual(expected);
      expect(
        plain(await p.getAccessibleObjects(['user1'], [['/buckets/*', 'read']], { withChildren: false })),
      ).toEqual({ '/buckets/b': ['read'] });
    });

    test('F-PERM-05 several "*" in one pattern', async (p) => {
      await p.addPrincipalToAce('/buckets/b/collections/c', 'read', 'user1');
      await p.addPrincipalToAce('/buckets/b/x/collections/c', 'read', 'user1');
      await p.addPrincipalToAce('/buckets/b/groups/c', 'read', 'user1');
      const bound = [['/buckets/*/collections/*', 'read']] as const;
      expect(plain(await p.getAccessibleObjects(['user1'], bound, { withChildren: false }))).toEqual({
        '/buckets/b/collections/c': ['read'],
      });
      expect(plain(await p.getAccessibleObjects(['user1'], bound))).toEqual({
        '/buckets/b/collections/c': ['read'],
        '/buckets/b/x/collections/c': ['read'],
      });
    });

    test('F-PERM-05 several bound permissions on one pattern', async (p) => {
      await p.addPrincipalToAce('/url/a/id/1', 'write', 'user1');
      await p.addPrincipalToAce('/url/a/id/2', 'read', 'user1');
      await p.addPrincipalToAce('/url/_/id/2', 'read', 'user1');
      const accessible = await p.getAccessibleObjects(
        ['user1'],
        [
          ['/url/a/id/*', 'read'],
          ['/url/a/id/*', 'write'],
        ],
      );
      expect(plain(accessible)).toEqual({ '/url/a/id/1': ['write'], '/url/a/id/2': ['read'] });
    });

    test('F-PERM-05 exact ids and patterns mixed; an id without "*" matches itself only', async (p) => {
      await p.addPrincipalToAce('/url/a', 'write', 'user1');
      await p.addPrincipalToAce('/url/ab', 'write', 'user1');
      await p.addPrincipalToAce('/url/a/id/1', 'write', 'user1');
      await p.addPrincipalToAce('/url/b/id/1', 'write', 'user1');
      await p.addPrincipalToAce('/url/a/id/2', 'read', 'user1');
      await p.addPrincipalToAce('/url/b/id/2', 'read', 'user1');
      const accessible = await p.getAccessibleObjects(
        ['user1'],
        [
          ['/url/a', 'write'],
          ['/url/a', 'read'],
          ['/url/a/id/*', 'write'],
          ['/url/a/id/*', 'read'],
        ],
      );
      expect(plain(accessible)).toEqual({
        '/url/a': ['write'],
        '/url/a/id/1': ['write'],
        '/url/a/id/2': ['read'],
      });
    });

    test('F-PERM-05 regex metacharacters in patterns match themselves only', async (p) => {
      for (const id of [
        '/buckets/a.b',
        '/buckets/axb',
        '/buckets/a+',
        '/buckets/aa',
        '/buckets/(',
        '/buckets/a|b',
      ]) {
        await p.addPrincipalToAce(id, 'read', 'user1');
      }
      const query = async (pattern: string) =>
        Object.keys(plain(await p.getAccessibleObjects(['user1'], [[pattern, 'read']])));
      expect(await query('/buckets/a.b')).toEqual(['/buckets/a.b']);
      expect(await query('/buckets/a+')).toEqual(['/buckets/a+']);
      expect(await query('/buckets/(')).toEqual(['/buckets/(']);
      expect(await query('/buckets/a|b')).toEqual(['/buckets/a|b']);
      expect(await query('/buckets/a.*')).toEqual(['/buckets/a.b']);
      expect(await query('/buckets/[ax]*')).toEqual([]);
      expect(await query('*(')).toEqual(['/buckets/(']);
      expect(await query('*+')).toEqual(['/buckets/a+']);
    });

    test('F-PERM-05 unicode ids and principals, "*" spanning non-ASCII characters', async (p) => {
      await p.addPrincipalToAce('/buckets/café', 'read', 'account:zoë');
      await p.addPrincipalToAce('/buckets/\u{1F600}', 'read', 'account:zoë');
      await p.addPrincipalToAce('/buckets/x/collections/日本', 'read', 'account:zoë');
      const accessible = await p.getAccessibleObjects(['account:zoë'], [['/buckets/*', 'read']], {
        withChildren: false,
      });
      expect(plain(accessible)).toEqual({ '/buckets/café': ['read'], '/buckets/\u{1F600}': ['read'] });
      expect(
        plain(
          await p.getAccessibleObjects(['account:zoë'], [['/buckets/caf*', 'read']], { withChildren: false }),
        ),
      ).toEqual({ '/buckets/café': ['read'] });
      expect((await p.getAccessibleObjects(['account:zoe'])).size).toBe(0);
    });

    test('F-PERM-05 permissions of several principals merge per object', async (p) => {
      await p.addPrincipalToAce('/buckets/b', 'read', EVERYONE);
      await p.addPrincipalToAce('/buckets/b', 'write', 'account:alice');
      await p.addPrincipalToAce('/buckets/b', 'read', 'account:alice');
      await p.addPrincipalToAce('/buckets/c', 'write', '/buckets/b/groups/g');
      const accessible = await p.getAccessibleObjects([
        'account:alice',
        EVERYONE,
        '/buckets/b/groups/g',
        EVERYONE,
      ]);
      expect(plain(accessible)).toEqual({ '/buckets/b': ['read', 'write'], '/buckets/c': ['write'] });
    });

    test('F-PERM-05 reflects removals and replacements', async (p) => {
      await p.addPrincipalToAce('/buckets/b', 'read', 'user1');
      await p.addPrincipalToAce('/buckets/c', 'read', 'user1');
      await p.addPrincipalToAce('/buckets/d', 'write', 'user1');
      await p.removePrincipalFromAce('/buckets/b', 'read', 'user1');
      await p.replaceObjectPermissions('/buckets/c', { read: ['user2'] });
      expect(plain(await p.getAccessibleObjects(['user1']))).toEqual({ '/buckets/d': ['write'] });
      expect(plain(await p.getAccessibleObjects(['user2']))).toEqual({ '/buckets/c': ['read'] });
    });

    test('F-PERM-05 with `limit`, at most that many objects, each with every permission held there', async (p) => {
      for (const id of ['/buckets/a', '/buckets/b', '/buckets/c']) {
        await p.addPrincipalToAce(id, 'read', 'user1');
        await p.addPrincipalToAce(id, 'write', 'group');
      }
      await p.addPrincipalToAce('/buckets/d', 'read', 'user2');
      const bound = [
        ['/buckets/*', 'read'],
        ['/buckets/*', 'write'],
      ] as const;
      const all = plain(await p.getAccessibleObjects(['user1', 'group'], bound));
      for (const limit of [1, 2]) {
        const some = plain(await p.getAccessibleObjects(['user1', 'group'], bound, { limit }));
        expect(Object.keys(some)).toHaveLength(limit);
        for (const [id, permissions] of Object.entries(some)) expect(all[id]).toEqual(permissions);
      }
      expect(plain(await p.getAccessibleObjects(['user1', 'group'], bound, { limit: 10 }))).toEqual(all);
      expect((await p.getAccessibleObjects(['user3'], bound, { limit: 1 })).size).toBe(0);
      expect((await p.getAccessibleObjects(['user1'], bound, { limit: 0 })).size).toBe(0);
      await expect(p.getAccessibleObjects(['user1'], bound, { limit: -1 })).rejects.toBeInstanceOf(TypeError);
    });

    test('F-PERM-05 the returned map is a copy', async (p) => {
      await p.addPrincipalToAce('/buckets/b', 'read', 'user1');
      const accessible = await p.getAccessibleObjects(['user1']);
      accessible.get('/buckets/b')?.add('write');
      accessible.set('/buckets/x', new Set(['read']));
      expect(plain(await p.getAccessibleObjects(['user1']))).toEqual({ '/buckets/b': ['read'] });
      expect(await p.checkPermission(['user1'], [['/buckets/b', 'write']])).toBe(false);
    });
  },
);
