import type { PermissionBackend } from '@core/contracts';
import { expect } from 'vitest';
import { definePermissionGroup } from './options.ts';

class Abort extends Error {}

type Snapshot = [unknown, unknown, unknown, unknown];

async function snapshot(p: PermissionBackend): Promise<Snapshot> {
  const accessible = await p.getAccessibleObjects(['account:alice', 'account:bob', '/buckets/b/groups/g']);
  return [
    await p.getObjectsPermissions(['/buckets/b', '/buckets/b/collections/c', '/buckets/b/collections/d']),
    await p.getUserPrincipals('account:alice'),
    await p.getUserPrincipals('account:bob'),
    Object.fromEntries([...accessible].map(([id, perms]) => [id, [...perms].sort()]).sort()),
  ];
}

const T = { requires: 'transactions' };

/** `transaction(fn)`: commit on resolve, roll back on rejection. */
export const permissionTransactionsGroup = definePermissionGroup('permission: transactions', (test) => {
  test(
    'F-TK-PERM a resolved transaction commits its writes and returns the result',
    async (p) => {
      const result = await p.transaction(async (tx) => {
        await tx.addPrincipalToAce('/buckets/b', 'write', 'account:alice');
        await tx.addUserPrincipal('account:alice', '/buckets/b/groups/g');
        return 42;
      });
      expect(result).toBe(42);
      expect(await p.getObjectPermissions('/buckets/b')).toEqual({ write: ['account:alice'] });
      expect(await p.getUserPrincipals('account:alice')).toEqual(['/buckets/b/groups/g']);
    },
    T,
  );

  test(
    'F-TK-PERM reads through the handle see the transaction writes',
    async (p) => {
      await p.transaction(async (tx) => {
        await tx.addPrincipalToAce('/buckets/b', 'write', 'account:alice');
        await tx.replaceObjectPermissions('/buckets/b', { read: ['account:bob'] });
        expect(await tx.getObjectPermissions('/buckets/b')).toEqual({
          write: ['account:alice'],
          read: ['account:bob'],
        });
        expect(await tx.checkPermission(['account:bob'], [['/buckets/b', 'read']])).toBe(true);
        expect([...(await tx.getAccessibleObjects(['account:alice'])).keys()]).toEqual(['/buckets/b']);
      });
    },
    T,
  );

  test(
    'F-TK-PERM a rejected transaction undoes every write and passes the rejection on',
    async (p) => {
      await p.addPrincipalToAce('/buckets/b', 'write', 'account:alice');
      await p.addPrincipalToAce('/buckets/b/collections/c', 'read', 'account:bob');
      await p.addPrincipalToAce('/buckets/b/collections/d', 'read', '/buckets/b/groups/g');
      await p.addUserPrincipal('account:alice', '/buckets/b/groups/g');
      await p.addUserPrincipal('account:bob', '/buckets/b/groups/g');
      const before = await snapshot(p);
      const error = new Abort('boom');
      await expect(
        p.transaction(async (tx) => {
          await tx.addPrincipalToAce('/buckets/b', 'read', 'account:bob');
          await tx.removePrincipalFromAce('/buckets/b', 'write', 'account:alice');
          await tx.replaceObjectPermissions('/buckets/b/collections/d', { read: [], write: ['account:bob'] });
          await tx.deleteObjectPermissions(['/buckets/b/*']);
          await tx.removePrincipal('/buckets/b/groups/g');
          await tx.addUserPrincipal('account:bob', '/buckets/b/groups/h');
          await tx.removeUserPrincipal('account:alice', '/buckets/b/groups/g');
          throw error;
        }),
      ).rejects.toBe(error);
      expect(await snapshot(p)).toEqual(before);
    },
    T,
  );

  test(
    'F-TK-PERM a rollback keeps what earlier transactions committed',
    async (p) => {
      await p.transaction(async (tx) => {
        await tx.addPrincipalToAce('/buckets/b', 'write', 'account:alice');
      });
      await expect(
        p.transaction(async (tx) => {
          await tx.addPrincipalToAce('/buckets/b', 'write', 'account:bob');
          await tx.removePrincipalFromAce('/buckets/b', 'write', 'account:alice');
          throw new Abort('boom');
        }),
      ).rejects.toBeInstanceOf(Abort);
      expect(await p.getObjectPermissions('/buckets/b')).toEqual({ write: ['account:alice'] });
    },
    T,
  );

  test(
    'F-TK-PERM concurrent transactions: the rolled back one leaves the committed one intact',
    async (p) => {
      const failing = p.transaction(async (tx) => {
        await tx.addPrincipalToAce('/buckets/b', 'read', 'account:bob');
        await new Promise((resolve) => setTimeout(resolve, 10));
        throw new Abort('boom');
      });
      const passing = p.transaction(async (tx) => {
        await tx.addPrincipalToAce('/buckets/b', 'write', 'account:alice');
        return 'ok';
      });
      const direct = p.addUserPrincipal('account:carol', '/buckets/b/groups/g');
      const [a, b, c] = await Promise.allSettled([failing, passing, direct]);
      expect(a.status).toBe('rejected');
      expect(b).toEqual({ status: 'fulfilled', value: 'ok' });
      expect(c.status).toBe('fulfilled');
      expect(await p.getObjectPermissions('/buckets/b')).toEqual({ write: ['account:alice'] });
      expect(await p.getUserPrincipals('account:carol')).toEqual(['/buckets/b/groups/g']);
    },
    T,
  );

  test(
    'F-TK-PERM a write made outside a rejected transaction while it runs survives the rollback',
    async (p) => {
      let outside: Promise<void> | undefined;
      await expect(
        p.transaction(async (tx) => {
          await tx.addPrincipalToAce('/buckets/b', 'read', 'account:bob');
          outside = p.addPrincipalToAce('/buckets/c', 'read', 'account:carol');
          throw new Abort('boom');
        }),
      ).rejects.toBeInstanceOf(Abort);
      await outside;
      expect(await p.getObjectPermissions('/buckets/b')).toEqual({});
      expect(await p.getObjectPermissions('/buckets/c')).toEqual({ read: ['account:carol'] });
    },
    T,
  );
});
