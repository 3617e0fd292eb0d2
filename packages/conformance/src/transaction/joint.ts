import type { Scope } from '@core/contracts';
import { expect } from 'vitest';
import { defineTransactionGroup, type TransactionalBackends } from './options.ts';

const RECORDS: Scope = { resource: 'record', parent: '/buckets/b/collections/c' };
const uri = (id: string) => `${RECORDS.parent}/records/${id}`;

class Veto extends Error {}

async function expectVeto(promise: Promise<unknown>): Promise<void> {
  await expect(promise).rejects.toBeInstanceOf(Veto);
}

async function snapshot(backends: TransactionalBackends, ids: readonly string[]) {
  return {
    objects: await backends.storage.listAll(RECORDS, {
      includeDeleted: true,
      sort: [{ field: 'id', direction: 'asc' }],
    }),
    timestamp: (await backends.storage.allResourcesTimestamps(RECORDS.resource)).get(RECORDS.parent),
    aces: await backends.permission.getObjectsPermissions(ids.map(uri)),
  };
}

/** Storage and permission writes of one transaction commit and roll back together. */
export const jointTransactionGroup = defineTransactionGroup('joint transactions', (test) => {
  test('F-TK-TX commits storage and permission writes together and returns the callback value', async (backends) => {
    const result = await backends.transaction(async ({ storage, permission }) => {
      const created = await storage.create(RECORDS, { id: 'a', title: 'x' });
      await permission.addPrincipalToAce(uri('a'), 'write', 'account:alice');
      return created.id;
    });
    expect(result).toBe('a');
    expect((await backends.storage.get(RECORDS, 'a')).title).toBe('x');
    expect(await backends.permission.getObjectPermissionPrincipals(uri('a'), 'write')).toEqual([
      'account:alice',
    ]);
  });

  test('F-TK-TX a rejection undoes the storage and the permission writes and passes the error on', async (backends) => {
    await backends.storage.create(RECORDS, { id: 'kept', n: 1 });
    await backends.permission.replaceObjectPermissions(uri('kept'), { read: ['system.Everyone'] });
    const before = await snapshot(backends, ['kept', 'new']);
    await expectVeto(
      backends.transaction(async ({ storage, permission }) => {
        await storage.create(RECORDS, { id: 'new' });
        await storage.update(RECORDS, 'kept', { n: 2 });
        await permission.addPrincipalToAce(uri('new'), 'write', 'account:bob');
        await permission.replaceObjectPermissions(uri('kept'), { read: [] });
        await storage.delete(RECORDS, 'new');
        throw new Veto();
      }),
    );
    expect(await snapshot(backends, ['kept', 'new'])).toEqual(before);
  });

  test('F-TK-TX a failing permission write rolls the storage writes back too', async (backends) => {
    const before = await snapshot(backends, ['a']);
    await expectVeto(
      backends.transaction(async ({ storage, permission }) => {
        await storage.create(RECORDS, { id: 'a' });
        await permission.addPrincipalToAce(uri('a'), 'write', 'account:alice');
        throw new Veto();
      }),
    );
    expect(await snapshot(backends, ['a'])).toEqual(before);
    await expect(backends.storage.listAll(RECORDS)).resolves.toEqual([]);
  });

  test('F-TK-TX the callback reads its own uncommitted writes on both handles', async (backends) => {
    await backends.transaction(async ({ storage, permission }) => {
      await storage.create(RECORDS, { id: 'a' });
      await permission.addUserPrincipal('account:alice', '/buckets/b/groups/g');
      expect((await storage.listAll(RECORDS)).map((object) => object.id)).toEqual(['a']);
      expect(await permission.getUserPrincipals('account:alice')).toEqual(['/buckets/b/groups/g']);
    });
  });

  test('F-TK-TX a rolled-back list timestamp does not linger: the next write still increases', async (backends) => {
    const first = await backends.storage.create(RECORDS, {});
    await expectVeto(
      backends.transaction(async ({ storage }) => {
        await storage.create(RECORDS, { last_modified: first.last_modified + 1_000_000 });
        throw new Veto();
      }),
    );
    expect(await backends.storage.resourceTimestamp(RECORDS)).toBe(first.last_modified);
    const next = await backends.storage.create(RECORDS, {});
    expect(next.last_modified).toBeGreaterThan(first.last_modified);
    expect(next.last_modified).toBeLessThan(first.last_modified + 1_000_000);
  });

  test('F-TK-TX a write outside never observes what a transaction later rolls back', async (backends) => {
    let signal!: () => void;
    const written = new Promise<void>((resolve) => {
      signal = resolve;
    });
    let readsDone!: () => void;
    const read = new Promise<void>((resolve) => {
      readsDone = resolve;
    });
    const transaction = backends.transaction(async ({ storage, permission }) => {
      await storage.create(RECORDS, { id: 'ghost' });
      await permission.addPrincipalToAce(uri('ghost'), 'read', 'system.Everyone');
      signal();
      // Stay open until the reads outside are done; a backend whose reads wait for the transaction
      // (one at a time) cannot do them meanwhile, so give up waiting after a while.
      await Promise.race([read, new Promise((resolve) => setTimeout(resolve, 200))]);
      throw new Veto();
    });
    const vetoed = expectVeto(transaction); // handled from the start, however long the reads take
    await written;
    const [objects, principals] = await Promise.all([
      backends.storage.listAll(RECORDS),
      backends.permission.getObjectPermissionPrincipals(uri('ghost'), 'read'),
    ]);
    readsDone();
    await vetoed;
    expect(objects).toEqual([]);
    expect(principals).toEqual([]);
  });

  test('F-TK-TX a handle kept after its transaction ended cannot write', async (backends) => {
    let leaked: Parameters<Parameters<TransactionalBackends['transaction']>[0]>[0] | undefined;
    await backends.transaction(async (scope) => {
      leaked = scope;
    });
    await expect(leaked!.storage.create(RECORDS, { id: 'late' })).rejects.toBeDefined();
    await expect(leaked!.permission.addPrincipalToAce(uri('late'), 'write', 'x')).rejects.toBeDefined();
    await expect(backends.storage.listAll(RECORDS)).resolves.toEqual([]);
    expect(await backends.permission.getObjectPermissions(uri('late'))).toEqual({});
  });

  test(
    'F-MTH-07 F-TK-TX concurrent permission merges made under a forUpdate read of the object lose nothing',
    async (backends) => {
      await backends.storage.create(RECORDS, { id: 'x' });
      const writers = 30;
      await Promise.all(
        Array.from({ length: writers }, (_, index) =>
          backends.transaction(async ({ storage, permission }) => {
            const current = await storage.get(RECORDS, 'x', { forUpdate: true });
            const permissions = await permission.getObjectPermissions(uri('x'));
            await new Promise((resolve) => setTimeout(resolve, index % 3));
            await permission.replaceObjectPermissions(uri('x'), {
              read: [...(permissions.read ?? []), `account:u${index}`],
            });
            await storage.update(RECORDS, 'x', { version: ((current.version as number) ?? 0) + 1 });
          }),
        ),
      );
      const readers = await backends.permission.getObjectPermissionPrincipals(uri('x'), 'read');
      expect([...readers].sort()).toEqual(
        Array.from({ length: writers }, (_, index) => `account:u${index}`).sort(),
      );
      expect((await backends.storage.get(RECORDS, 'x')).version).toBe(writers);
    },
    { requires: 'concurrency' },
  );

  test(
    'F-TK-TX concurrent transactions: committed ones persist with unique increasing timestamps, vetoed ones vanish',
    async (backends) => {
      const outcomes = await Promise.allSettled(
        Array.from({ length: 40 }, (_, index) =>
          backends.transaction(async ({ storage, permission }) => {
            const created = await storage.create(RECORDS, { id: `o${index}` });
            await permission.addPrincipalToAce(uri(created.id), 'write', `account:u${index}`);
            if (index % 3 === 0) throw new Veto();
            return created.last_modified;
          }),
        ),
      );
      const committed = outcomes.flatMap((outcome, index) => (outcome.status === 'fulfilled' ? [index] : []));
      expect(committed).toEqual(
        Array.from({ length: 40 }, (_, index) => index).filter((index) => index % 3 !== 0),
      );
      const listed = await backends.storage.listAll(RECORDS);
      expect(listed.map((object) => object.id).sort()).toEqual(committed.map((index) => `o${index}`).sort());
      expect(new Set(listed.map((object) => object.last_modified)).size).toBe(listed.length);
      const aces = await backends.permission.getObjectsPermissions(
        Array.from({ length: 40 }, (_, index) => uri(`o${index}`)),
      );
      aces.forEach((ace, index) => {
        expect(ace).toEqual(index % 3 === 0 ? {} : { write: [`account:u${index}`] });
      });
    },
    { requires: 'concurrency' },
  );
});
